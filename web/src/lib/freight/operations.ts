import { graphql } from "@/gql";

export const CorridorsDocument = graphql(`
  query FreightCorridors {
    corridors {
      ...CorridorRoute
    }
  }

  fragment CorridorRoute on Corridor {
    code
    name
    nameZh
    legs {
      seq
      from {
        code
        name
        nameZh
        timezone
      }
      to {
        code
        name
        nameZh
        timezone
      }
    }
  }
`);

export const DeparturesDocument = graphql(`
  query FreightDepartures($corridorCode: String, $destinationCode: String, $from: DateTime, $to: DateTime, $bookableOnly: Boolean, $mine: Boolean, $first: Int!, $after: String) {
    departures(corridorCode: $corridorCode, destinationCode: $destinationCode, from: $from, to: $to, bookableOnly: $bookableOnly, mine: $mine, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          ...DepartureRow
        }
      }
    }
  }

  fragment DepartureRow on Departure {
    id
    code
    departsAt
    cutoffAt
    etaAt
    status
    bookable
    capacityFeu
    bookedFeu
    remainingFeu
    fillPct
    lclPerWm {
      amountMinor
      currency
    }
    fcl40 {
      amountMinor
      currency
    }
    fcl20 {
      amountMinor
      currency
    }
    operator {
      id
      name
      nameZh
    }
    corridor {
      ...CorridorRoute
    }
  }
`);

export const DepartureDetailDocument = graphql(`
  query FreightDepartureDetail($id: ID!) {
    openBookings: bookings(departureId: $id, status: [CONFIRMED, PLANNED, WAITLISTED, ROLL_OFFERED], first: 1) {
      totalCount
    }
    node(id: $id) {
      ... on Departure {
        ...DepartureRow
        milestones {
          id
          type
          stationCode
          occurredAt
          note
          containerRef
        }
        bookings(first: 50) {
          totalCount
          edges {
            node {
              id
              reference
              status
              mode
              destinationCode
              feu
              grossKg
              maker {
                id
                name
                nameZh
              }
            }
          }
        }
        plan {
          ...PlanView
        }
      }
    }
  }

  fragment PlanView on ConsolidationPlan {
    id
    version
    status
    containersUsed
    lowerBound
    ratio
    patternEstimate
    volumeUtilizationPct
    cratesPlaced
    splitBookings
    unplaced
    createdAt
    lockedAt
    containers {
      index
      typeCode
      crates
      grossKg
      volumeUtilizationPct
      floorUtilizationPct
      centerOfGravityOffsetMm
      stops
      lithiumKwh
      lowerBoundShare
      ratio
      bookings {
        bookingId
        reference
        crates
        grossKg
        stopCode
      }
    }
  }
`);

/** One container's load-plan pictures: tens of KB each, so fetched when its card comes into view. */
export const PlanPicturesDocument = graphql(`
  query FreightPlanPictures($planId: ID!, $index: Int!) {
    node(id: $planId) {
      ... on ConsolidationPlan {
        id
        container(index: $index) {
          index
          topViewSvg
          sideViewSvg
        }
      }
    }
  }
`);

export const RunConsolidationDocument = graphql(`
  mutation FreightRunConsolidation($input: RunConsolidationInput!) {
    runConsolidation(input: $input) {
      __typename
      ... on RunConsolidationSuccess {
        data {
          id
          version
        }
      }
      ... on DomainError {
        code
        message
      }
    }
  }
`);

export const LockPlanDocument = graphql(`
  mutation FreightLockPlan($input: LockPlanInput!) {
    lockPlan(input: $input) {
      __typename
      ... on LockPlanSuccess {
        data {
          id
          status
        }
      }
      ... on DomainError {
        code
        message
      }
    }
  }
`);

export const MoveBookingInPlanDocument = graphql(`
  mutation FreightMoveBookingInPlan($input: MoveBookingInPlanInput!) {
    moveBookingInPlan(input: $input) {
      __typename
      ... on MoveBookingInPlanSuccess {
        data {
          id
          version
        }
      }
      ... on DomainError {
        code
        message
      }
      ... on RuleViolationError {
        rule
      }
    }
  }
`);

export const OfferRollDocument = graphql(`
  mutation FreightOfferRoll($input: OfferRollInput!) {
    offerRoll(input: $input) {
      __typename
      ... on OfferRollSuccess {
        data {
          id
          status
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

export const CancelDepartureDocument = graphql(`
  mutation FreightCancelDeparture($input: CancelDepartureInput!) {
    cancelDeparture(input: $input) {
      __typename
      ... on CancelDepartureSuccess {
        data {
          id
          status
        }
      }
      ... on DomainError {
        code
        message
      }
    }
  }
`);

export const RollTargetsDocument = graphql(`
  query FreightRollTargets($corridorCode: String!, $from: DateTime!) {
    departures(corridorCode: $corridorCode, from: $from, bookableOnly: true, mine: true, first: 12) {
      edges {
        node {
          id
          code
          departsAt
          cutoffAt
          remainingFeu
          capacityFeu
        }
      }
    }
  }
`);

export const DepartureUpdatesDocument = graphql(`
  subscription FreightDepartureUpdates($id: ID!) {
    departureUpdates(departureId: $id) {
      id
      status
      etaAt
    }
  }
`);

export const ShipmentUpdatesDocument = graphql(`
  subscription FreightShipmentUpdates($id: ID!) {
    shipmentUpdates(bookingId: $id) {
      id
      status
    }
  }
`);

export const VehicleModelsDocument = graphql(`
  query FreightVehicleModels($search: String) {
    vehicleModels(search: $search, first: 50) {
      edges {
        node {
          id
          code
          name
          nameZh
        }
      }
    }
  }
`);

/** Organizations of one kind (dealers to consign to, operators to run a corridor), for pickers. */
export const OrganizationsOfKindDocument = graphql(`
  query OrganizationsOfKind($kind: OrgKind!) {
    organizations(kind: $kind, first: 100) {
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

export const QuoteDocument = graphql(`
  query FreightQuote($input: BookingRequestInput!) {
    quote(input: $input) {
      mode
      total {
        amountMinor
        currency
      }
      items {
        code
        description
        quantity
        unitPrice {
          amountMinor
          currency
        }
        amount {
          amountMinor
          currency
        }
      }
      chargeableWm
      volumeCbm
      grossKg
      feu
      fitsNow
    }
  }
`);

export const CreateBookingDocument = graphql(`
  mutation FreightCreateBooking($input: CreateBookingInput!) {
    createBooking(input: $input) {
      __typename
      ... on CreateBookingSuccess {
        data {
          replayed
          booking {
            id
            reference
            status
          }
        }
      }
      ... on DomainError {
        code
        message
      }
      ... on RuleViolationError {
        rule
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

export const BookingsDocument = graphql(`
  query FreightBookings($status: [BookingStatus!], $departureId: ID, $first: Int!, $after: String) {
    bookings(status: $status, departureId: $departureId, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          ...BookingRow
        }
      }
    }
  }

  fragment BookingRow on Booking {
    id
    reference
    mode
    status
    destinationCode
    feu
    grossKg
    volumeCbm
    fcl20Count
    fcl40Count
    createdAt
    quoted {
      amountMinor
      currency
    }
    maker {
      id
      name
      nameZh
    }
    consignee {
      id
      name
      nameZh
    }
    departure {
      id
      code
      departsAt
      cutoffAt
      etaAt
      status
      corridor {
        ...CorridorRoute
      }
    }
  }
`);

export const BookingDetailDocument = graphql(`
  query FreightBookingDetail($id: ID!) {
    node(id: $id) {
      ... on Booking {
        ...BookingRow
        cancellationFee {
          amountMinor
          currency
        }
        containers {
          index
          typeCode
          crates
        }
        lines {
          id
          quantity
          crates
          volumeCbm
          grossKg
          vehicleModel {
            id
            code
            name
            nameZh
          }
        }
        rollOfferedTo {
          id
          code
          departsAt
        }
        departure {
          id
          milestones {
            id
            type
            stationCode
            occurredAt
            note
            containerRef
          }
        }
      }
    }
  }
`);

export const CancelBookingDocument = graphql(`
  mutation FreightCancelBooking($input: CancelBookingInput!) {
    cancelBooking(input: $input) {
      __typename
      ... on CancelBookingSuccess {
        data {
          id
          status
        }
      }
      ... on DomainError {
        code
        message
      }
    }
  }
`);

export const RespondToRollDocument = graphql(`
  mutation FreightRespondToRoll($input: RespondToRollInput!) {
    respondToRoll(input: $input) {
      __typename
      ... on RespondToRollSuccess {
        data {
          id
          status
        }
      }
      ... on DomainError {
        code
        message
      }
    }
  }
`);

export const ScheduleDepartureDocument = graphql(`
  mutation FreightScheduleDeparture($input: ScheduleDepartureInput!) {
    scheduleDeparture(input: $input) {
      __typename
      ... on ScheduleDepartureSuccess {
        data {
          id
          code
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

export const CreateTrainServiceDocument = graphql(`
  mutation FreightCreateTrainService($input: CreateTrainServiceInput!) {
    createTrainService(input: $input) {
      __typename
      ... on CreateTrainServiceSuccess {
        data {
          id
          code
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

export const RecordMilestoneDocument = graphql(`
  mutation FreightRecordMilestone($input: RecordMilestoneInput!) {
    recordMilestone(input: $input) {
      __typename
      ... on RecordMilestoneSuccess {
        data {
          id
          status
          etaAt
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

export const OperatorQueueDocument = graphql(`
  query FreightOperatorQueue($from: DateTime, $to: DateTime, $status: [DepartureStatus!], $first: Int!) {
    departures(mine: true, from: $from, to: $to, status: $status, first: $first) {
      totalCount
      edges {
        node {
          id
          code
          status
          departsAt
          cutoffAt
          etaAt
          capacityFeu
          bookedFeu
          remainingFeu
          fillPct
          corridor {
            ...CorridorRoute
          }
          plan {
            id
            version
            status
            containersUsed
            lowerBound
            ratio
            volumeUtilizationPct
            unplaced
            lockedAt
          }
          milestones {
            id
            type
            occurredAt
            containerRef
            stationCode
          }
        }
      }
    }
  }
`);

export const CatalogDocument = graphql(`
  query FreightCatalog($search: String, $first: Int!, $after: String) {
    vehicleModels(search: $search, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          ...CatalogModel
        }
      }
    }
  }

  fragment CatalogModel on VehicleModel {
    id
    code
    name
    nameZh
    category
    packaging
    unitsPerCrate
    crateLengthMm
    crateWidthMm
    crateHeightMm
    crateGrossKg
    stackLimit
    mayTurn
    batteryChemistry
    batteryWh
    unNumber
    stateOfChargePct
    hsCode
    containerFit {
      containerType
      cratesPerLayer
      tiers
      crates
      units
      limitedBy
    }
  }
`);

export const CreateVehicleModelDocument = graphql(`
  mutation FreightCreateVehicleModel($input: VehicleModelInput!) {
    createVehicleModel(input: $input) {
      __typename
      ... on CreateVehicleModelSuccess {
        data {
          id
          code
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

export const UpdateVehicleModelDocument = graphql(`
  mutation FreightUpdateVehicleModel($id: ID!, $input: VehicleModelInput!) {
    updateVehicleModel(id: $id, input: $input) {
      __typename
      ... on UpdateVehicleModelSuccess {
        data {
          id
          code
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
