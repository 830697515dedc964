import { graphql } from "@/gql";

export const CertificationsDocument = graphql(`
  query DeskCertifications($makerId: ID!, $market: String, $first: Int!, $after: String) {
    certifications(makerId: $makerId, market: $market, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          ...DeskCertification
        }
      }
    }
  }

  fragment DeskCertification on Certification {
    id
    market
    standard
    number
    modelCode
    vins
    validFrom
    validTo
    documentHash
    status
    revokedAt
    revokeReason
    txId
    blockNumber
    createdAt
  }
`);

export const ManufacturersDocument = graphql(`
  query DeskManufacturers($search: String) {
    organizations(kind: MANUFACTURER, search: $search, first: 50, orderBy: NAME_ASC) {
      edges {
        node {
          id
          name
          nameZh
          city
          countryCode
        }
      }
    }
  }
`);

export const MarketsDocument = graphql(`
  query DeskMarkets {
    markets {
      code
      name
      nameZh
    }
  }
`);

export const IssueCertificationDocument = graphql(`
  mutation DeskIssueCertification($input: IssueCertificationInput!) {
    issueCertification(input: $input) {
      __typename
      ... on IssueCertificationSuccess {
        data {
          ...DeskCertification
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

export const RevokeCertificationDocument = graphql(`
  mutation DeskRevokeCertification($input: RevokeCertificationInput!) {
    revokeCertification(input: $input) {
      __typename
      ... on RevokeCertificationSuccess {
        data {
          ...DeskCertification
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

/** Standards a certification body issues for two-wheelers; any other can be typed. */
export const STANDARD_SUGGESTIONS = ["EU 168/2013 type approval", "UN R136", "CCC", "TISI", "SNI", "EN 15194", "TR CU 018/2011"];

/** VINs (or frame numbers) typed one per line or separated by commas or spaces, upper-cased, without repeats. */
export function parseVinList(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/[\s,;]+/)
        .map((v) => v.trim().toUpperCase())
        .filter(Boolean),
    ),
  ];
}

export const SHA256_HEX = /^[0-9a-fA-F]{64}$/;
