import { graphql } from "@/gql";

export const VehiclesDocument = graphql(`
  query RegistryVehicles($search: String, $first: Int!, $after: String) {
    vehicles(search: $search, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          ...RegistryVehicleRow
        }
      }
    }
  }

  fragment RegistryVehicleRow on Vehicle {
    id
    vin
    frameNumber
    productionDate
    createdAt
    model {
      id
      code
      name
      nameZh
    }
    batch {
      ...AnchorFacts
    }
  }

  fragment AnchorFacts on VehicleBatch {
    id
    batchId
    status
    txId
    blockNumber
    blockHash
    merkleRoot
    anchoredAt
    attempts
    lastError
    count
  }
`);

export const VehicleDetailDocument = graphql(`
  query RegistryVehicleDetail($id: ID!) {
    node(id: $id) {
      ... on Vehicle {
        ...RegistryVehicleRow
        batterySerial
        motorNumber
        leafIndex
        model {
          id
          category
          conformity {
            typeApprovalNumber
          }
        }
        documents {
          ...VehicleDocumentRow
        }
      }
    }
  }

  fragment VehicleDocumentRow on IssuedDocument {
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

export const IssueVehicleDocumentDocument = graphql(`
  mutation RegistryIssueVehicleDocument($input: IssueVehicleDocumentInput!) {
    issueVehicleDocument(input: $input) {
      __typename
      ... on IssueVehicleDocumentSuccess {
        document {
          ...VehicleDocumentRow
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

export const VehicleVerificationDocument = graphql(`
  query RegistryVehicleVerification($vin: String!) {
    verifyVehicle(vin: $vin) {
      anchorStatus
      certifications {
        market
        standard
        number
        modelCode
        validFrom
        validTo
      }
      custody {
        type
        place
        occurredAt
        recordedBy
        scope
        txId
        blockNumber
      }
    }
  }
`);

export const VehicleImportsDocument = graphql(`
  query RegistryVehicleImports($first: Int!, $after: String) {
    vehicleImports(first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          ...VehicleImportProgress
        }
      }
    }
  }

  fragment VehicleImportProgress on VehicleImport {
    id
    fileName
    status
    totalRows
    processedRows
    importedRows
    errorRows
    batchCount
    anchoredBatchCount
    createdAt
    finishedAt
  }
`);

export const VehicleImportDocument = graphql(`
  query RegistryVehicleImport($id: ID!) {
    vehicleImport(id: $id) {
      ...VehicleImportProgress
      errors {
        line
        field
        code
        params
        message
      }
    }
  }
`);

export const ImportVehiclesDocument = graphql(`
  mutation RegistryImportVehicles($input: ImportVehiclesInput!) {
    importVehicles(input: $input) {
      __typename
      ... on ImportVehiclesSuccess {
        data {
          id
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
