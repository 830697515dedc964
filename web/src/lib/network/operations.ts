import { graphql } from "@/gql";

export const NetworkDocument = graphql(`
  query Network {
    corridors {
      ...NetworkCorridor
    }
    stations {
      ...NetworkStation
    }
    currencies {
      code
      name
      nameZh
    }
  }

  fragment NetworkStation on Station {
    code
    name
    nameZh
    countryCode
    kind
    gaugeMm
    timezone
    latitude
    longitude
  }

  fragment NetworkCorridor on Corridor {
    code
    name
    nameZh
    mode
    description
    distanceKm
    transitHours
    trainLimitFeu
    viewerMayEdit
    legs {
      seq
      from {
        code
        name
        nameZh
        countryCode
        kind
      }
      to {
        code
        name
        nameZh
        countryCode
        kind
      }
      distanceKm
      transitHours
      dwellHours
      maxFeu
    }
    rules {
      maxFeuPerTrain
      maxGrossKgPerTrain
      cutoffLeadHours
      currencyCode
      operatorName
      operatorNameZh
      operatorId
      updatedAt
      lithium {
        countryCode
        acceptsUN3171
        acceptsUN3480
        acceptsUN3481
        maxStateOfChargePct
      }
      cancellationFees {
        fromHoursBeforeDeparture
        feePerFeu {
          amountMinor
          currency
        }
      }
    }
  }
`);

export const SaveStationDocument = graphql(`
  mutation SaveStation($input: StationInput!) {
    saveStation(input: $input) {
      __typename
      ... on SaveStationSuccess {
        data {
          ...NetworkStation
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

export const SaveCorridorDocument = graphql(`
  mutation SaveCorridor($input: CorridorInput!) {
    saveCorridor(input: $input) {
      __typename
      ... on SaveCorridorSuccess {
        data {
          ...NetworkCorridor
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

export const SetCorridorRulesDocument = graphql(`
  mutation SetCorridorRules($input: CorridorRulesInput!) {
    setCorridorRules(input: $input) {
      __typename
      ... on SetCorridorRulesSuccess {
        data {
          ...NetworkCorridor
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
