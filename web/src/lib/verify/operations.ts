import { graphql } from "@/gql";

// Public queries of the verify pages: every field here is `authScopes: { public: true }` in the
// API, so they work without a session.

export const VerifyVehicleDocument = graphql(`
  query PublicVerifyVehicle($vin: String!, $market: String, $on: String) {
    verifyVehicle(vin: $vin, market: $market, on: $on) {
      vin
      frameNumber
      makerName
      makerNameZh
      makerCountry
      modelCode
      modelName
      productionDate
      anchorStatus
      anchored
      batchRoot
      txId
      blockNumber
      blockHash
      anchoredAt
      market
      on
      certifications {
        market
        standard
        number
        modelCode
        validFrom
        validTo
      }
      revocations {
        market
        standard
        number
        modelCode
        validFrom
        validTo
        revokedAt
        reason
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
    markets {
      code
      name
      nameZh
    }
  }
`);

export const VehicleProofDocument = graphql(`
  query PublicVehicleProof($vin: String!) {
    vehicleProof(vin: $vin)
  }
`);

export const LedgerRootsDocument = graphql(`
  query PublicLedgerRoots {
    ledgerRoots
  }
`);

export const VerifyDocumentDocument = graphql(`
  query PublicVerifyDocument($sha256: String!) {
    verifyDocument(sha256: $sha256) {
      ...PublicDocumentFacts
    }
  }
`);

export const VerifyDocumentCodeDocument = graphql(`
  query PublicVerifyDocumentCode($code: String!) {
    verifyDocumentCode(code: $code) {
      ...PublicDocumentFacts
    }
  }
`);

export const PublicDocumentFactsFragment = graphql(`
  fragment PublicDocumentFacts on DocumentVerification {
    sha256
    issued
    kind
    number
    issuerName
    issuedAt
    anchored
    txId
    blockNumber
  }
`);
