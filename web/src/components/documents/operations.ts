import { graphql } from "@/gql";

export const BookingDocumentsDocument = graphql(`
  query BookingDocuments($bookingId: ID!, $first: Int!, $after: String) {
    viewer {
      roles
      organization {
        id
      }
    }
    node(id: $bookingId) {
      ... on Booking {
        id
        reference
        status
        mode
        quoted {
          currency
        }
        maker {
          id
          timezone
        }
        lines {
          id
          vehicleModel {
            id
            code
            name
            nameZh
            unNumber
          }
        }
        containers {
          index
          typeCode
          crates
        }
      }
    }
    documents(bookingId: $bookingId, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          ...IssuedDocumentRow
        }
      }
    }
  }

  fragment IssuedDocumentRow on IssuedDocument {
    id
    kind
    number
    issuedAt
    sha256
    pageCount
    anchorStatus
    txId
    blockNumber
  }
`);

export const IssueBookingDocumentDocument = graphql(`
  mutation IssueBookingDocument($input: IssueDocumentInput!) {
    issueDocument(input: $input) {
      __typename
      ... on IssueDocumentSuccess {
        data {
          ...IssuedDocumentRow
        }
      }
      ... on DomainError {
        code
        message
      }
      ... on ValidationError {
        fieldErrors {
          path
          message
        }
      }
    }
  }
`);

export const MakerShipmentsDocument = graphql(`
  query DocumentShipments($first: Int!, $after: String) {
    bookings(first: $first, after: $after, status: [CONFIRMED, PLANNED, ROLL_OFFERED, IN_TRANSIT, ARRIVED, DELIVERED]) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          reference
          status
          mode
          destinationCode
          departure {
            id
            code
            departsAt
          }
        }
      }
    }
  }
`);
