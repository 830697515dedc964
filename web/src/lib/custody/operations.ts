import { graphql } from "@/gql";

export const RecordCustodyEventDocument = graphql(`
  mutation RecordCustodyEvent($input: RecordCustodyEventInput!) {
    recordCustodyEvent(input: $input) {
      __typename
      ... on RecordCustodyEventSuccess {
        data {
          id
          vin
          batchId
          type
          occurredAt
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

/** The operator's own trains around now, for the departure reference suggestions. */
export const CustodyDeparturesDocument = graphql(`
  query CustodyDepartures($from: DateTime!) {
    departures(mine: true, from: $from, first: 50) {
      edges {
        node {
          id
          code
          departsAt
          status
          corridor {
            code
            name
            nameZh
          }
        }
      }
    }
  }
`);

export const CustodyStationsDocument = graphql(`
  query CustodyStations {
    stations {
      code
      name
      nameZh
      countryCode
    }
  }
`);
