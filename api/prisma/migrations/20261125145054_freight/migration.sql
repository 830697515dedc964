-- CreateEnum
CREATE TYPE "PackagingKind" AS ENUM ('CBU', 'SKD', 'CKD');

-- CreateEnum
CREATE TYPE "VehicleCategory" AS ENUM ('E_MOTORCYCLE', 'E_MOPED', 'E_BIKE', 'E_SCOOTER', 'KIT');

-- CreateEnum
CREATE TYPE "UnNumber" AS ENUM ('NONE', 'UN3171', 'UN3480', 'UN3481');

-- CreateEnum
CREATE TYPE "DepartureStatus" AS ENUM ('OPEN', 'CLOSED', 'DEPARTED', 'ARRIVED', 'CANCELLED');

-- CreateEnum
CREATE TYPE "BookingMode" AS ENUM ('LCL', 'FCL');

-- CreateEnum
CREATE TYPE "BookingStatus" AS ENUM ('WAITLISTED', 'CONFIRMED', 'PLANNED', 'ROLL_OFFERED', 'IN_TRANSIT', 'ARRIVED', 'DELIVERED', 'CANCELLED', 'ROLLED');

-- CreateEnum
CREATE TYPE "PlanStatus" AS ENUM ('DRAFT', 'LOCKED', 'SUPERSEDED');

-- CreateEnum
CREATE TYPE "MilestoneType" AS ENUM ('GATE_IN', 'LOADED', 'DEPARTED', 'BORDER_CROSSING', 'GAUGE_CHANGE', 'ARRIVED', 'CUSTOMS_CLEARED', 'DELIVERED');

-- CreateTable
CREATE TABLE "ContainerType" (
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "nameZh" TEXT NOT NULL,
    "teu" INTEGER NOT NULL,
    "insideLengthMm" INTEGER NOT NULL,
    "insideWidthMm" INTEGER NOT NULL,
    "insideHeightMm" INTEGER NOT NULL,
    "doorWidthMm" INTEGER NOT NULL,
    "doorHeightMm" INTEGER NOT NULL,
    "payloadKg" INTEGER NOT NULL,
    "tareKg" INTEGER NOT NULL,

    CONSTRAINT "ContainerType_pkey" PRIMARY KEY ("code")
);

-- CreateTable
CREATE TABLE "CorridorRule" (
    "corridorCode" TEXT NOT NULL,
    "operatorOrgId" TEXT NOT NULL,
    "maxFeuPerTrain" INTEGER NOT NULL DEFAULT 50,
    "maxGrossKgPerTrain" INTEGER NOT NULL DEFAULT 1300000,
    "cutoffLeadHours" INTEGER NOT NULL DEFAULT 48,
    "lithium" JSONB NOT NULL,
    "cancellationFees" JSONB NOT NULL,
    "currencyCode" CHAR(3) NOT NULL,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "CorridorRule_pkey" PRIMARY KEY ("corridorCode")
);

-- CreateTable
CREATE TABLE "VehicleModel" (
    "id" TEXT NOT NULL,
    "makerOrgId" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "nameZh" TEXT,
    "category" "VehicleCategory" NOT NULL,
    "packaging" "PackagingKind" NOT NULL DEFAULT 'CBU',
    "unitsPerCrate" INTEGER NOT NULL DEFAULT 1,
    "crateLengthMm" INTEGER NOT NULL,
    "crateWidthMm" INTEGER NOT NULL,
    "crateHeightMm" INTEGER NOT NULL,
    "crateGrossKg" INTEGER NOT NULL,
    "stackLimit" INTEGER NOT NULL DEFAULT 1,
    "mayTurn" BOOLEAN NOT NULL DEFAULT true,
    "batteryChemistry" TEXT,
    "batteryWh" INTEGER,
    "unNumber" "UnNumber" NOT NULL DEFAULT 'NONE',
    "stateOfChargePct" INTEGER,
    "hsCode" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "VehicleModel_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TrainService" (
    "id" TEXT NOT NULL,
    "operatorOrgId" TEXT NOT NULL,
    "corridorCode" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "weekday" INTEGER NOT NULL,
    "departureTime" TEXT NOT NULL,
    "capacityFeu" INTEGER NOT NULL,
    "maxGrossKg" INTEGER NOT NULL,
    "currencyCode" CHAR(3) NOT NULL,
    "lclPerWmMinor" INTEGER NOT NULL,
    "wmKgPerCbm" INTEGER NOT NULL DEFAULT 1000,
    "fcl40Minor" INTEGER NOT NULL,
    "fcl20Minor" INTEGER NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TrainService_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Departure" (
    "id" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "operatorOrgId" TEXT NOT NULL,
    "corridorCode" TEXT NOT NULL,
    "serviceId" TEXT,
    "departsAt" TIMESTAMPTZ(3) NOT NULL,
    "cutoffAt" TIMESTAMPTZ(3) NOT NULL,
    "etaAt" TIMESTAMPTZ(3) NOT NULL,
    "status" "DepartureStatus" NOT NULL DEFAULT 'OPEN',
    "capacityFeu" INTEGER NOT NULL,
    "maxGrossKg" INTEGER NOT NULL,
    "currencyCode" CHAR(3) NOT NULL,
    "lclPerWmMinor" INTEGER NOT NULL,
    "wmKgPerCbm" INTEGER NOT NULL,
    "fcl40Minor" INTEGER NOT NULL,
    "fcl20Minor" INTEGER NOT NULL,
    "bookedMilliFeu" INTEGER NOT NULL DEFAULT 0,
    "bookedGrossKg" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Departure_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Booking" (
    "id" TEXT NOT NULL,
    "reference" TEXT NOT NULL,
    "makerOrgId" TEXT NOT NULL,
    "departureId" TEXT NOT NULL,
    "consigneeOrgId" TEXT,
    "destinationCode" TEXT NOT NULL,
    "mode" "BookingMode" NOT NULL,
    "status" "BookingStatus" NOT NULL,
    "idempotencyKey" TEXT NOT NULL,
    "fcl40Count" INTEGER NOT NULL DEFAULT 0,
    "fcl20Count" INTEGER NOT NULL DEFAULT 0,
    "milliFeu" INTEGER NOT NULL,
    "grossKg" INTEGER NOT NULL,
    "volumeCbmMilli" INTEGER NOT NULL,
    "currencyCode" CHAR(3) NOT NULL,
    "quotedMinor" INTEGER NOT NULL,
    "quoteBreakdown" JSONB NOT NULL,
    "cancellationFeeMinor" INTEGER,
    "rolledToId" TEXT,
    "rollOfferedToId" TEXT,
    "createdById" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Booking_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CargoLine" (
    "id" TEXT NOT NULL,
    "bookingId" TEXT NOT NULL,
    "vehicleModelId" TEXT NOT NULL,
    "quantity" INTEGER NOT NULL,
    "crates" INTEGER NOT NULL,
    "grossKg" INTEGER NOT NULL,
    "volumeCbmMilli" INTEGER NOT NULL,

    CONSTRAINT "CargoLine_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ConsolidationPlan" (
    "id" TEXT NOT NULL,
    "departureId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "status" "PlanStatus" NOT NULL DEFAULT 'DRAFT',
    "containersUsed" INTEGER NOT NULL,
    "lowerBound" INTEGER NOT NULL,
    "result" JSONB NOT NULL,
    "createdById" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lockedAt" TIMESTAMPTZ(3),

    CONSTRAINT "ConsolidationPlan_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Milestone" (
    "id" TEXT NOT NULL,
    "departureId" TEXT NOT NULL,
    "containerRef" TEXT,
    "type" "MilestoneType" NOT NULL,
    "stationCode" TEXT,
    "occurredAt" TIMESTAMPTZ(3) NOT NULL,
    "note" TEXT,
    "recordedById" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Milestone_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "VehicleModel_makerOrgId_code_key" ON "VehicleModel"("makerOrgId", "code");

-- CreateIndex
CREATE UNIQUE INDEX "Departure_code_key" ON "Departure"("code");

-- CreateIndex
CREATE INDEX "Departure_corridorCode_departsAt_idx" ON "Departure"("corridorCode", "departsAt");

-- CreateIndex
CREATE INDEX "Departure_operatorOrgId_departsAt_idx" ON "Departure"("operatorOrgId", "departsAt");

-- CreateIndex
CREATE UNIQUE INDEX "Booking_reference_key" ON "Booking"("reference");

-- CreateIndex
CREATE INDEX "Booking_departureId_status_idx" ON "Booking"("departureId", "status");

-- CreateIndex
CREATE INDEX "Booking_makerOrgId_createdAt_idx" ON "Booking"("makerOrgId", "createdAt");

-- CreateIndex
CREATE INDEX "Booking_consigneeOrgId_idx" ON "Booking"("consigneeOrgId");

-- CreateIndex
CREATE UNIQUE INDEX "Booking_makerOrgId_idempotencyKey_key" ON "Booking"("makerOrgId", "idempotencyKey");

-- CreateIndex
CREATE INDEX "CargoLine_bookingId_idx" ON "CargoLine"("bookingId");

-- CreateIndex
CREATE UNIQUE INDEX "ConsolidationPlan_departureId_version_key" ON "ConsolidationPlan"("departureId", "version");

-- CreateIndex
CREATE INDEX "Milestone_departureId_occurredAt_idx" ON "Milestone"("departureId", "occurredAt");

-- AddForeignKey
ALTER TABLE "CorridorRule" ADD CONSTRAINT "CorridorRule_corridorCode_fkey" FOREIGN KEY ("corridorCode") REFERENCES "Corridor"("code") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CorridorRule" ADD CONSTRAINT "CorridorRule_operatorOrgId_fkey" FOREIGN KEY ("operatorOrgId") REFERENCES "Organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "VehicleModel" ADD CONSTRAINT "VehicleModel_makerOrgId_fkey" FOREIGN KEY ("makerOrgId") REFERENCES "Organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TrainService" ADD CONSTRAINT "TrainService_operatorOrgId_fkey" FOREIGN KEY ("operatorOrgId") REFERENCES "Organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TrainService" ADD CONSTRAINT "TrainService_corridorCode_fkey" FOREIGN KEY ("corridorCode") REFERENCES "Corridor"("code") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Departure" ADD CONSTRAINT "Departure_serviceId_fkey" FOREIGN KEY ("serviceId") REFERENCES "TrainService"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Departure" ADD CONSTRAINT "Departure_operatorOrgId_fkey" FOREIGN KEY ("operatorOrgId") REFERENCES "Organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Departure" ADD CONSTRAINT "Departure_corridorCode_fkey" FOREIGN KEY ("corridorCode") REFERENCES "Corridor"("code") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Booking" ADD CONSTRAINT "Booking_departureId_fkey" FOREIGN KEY ("departureId") REFERENCES "Departure"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Booking" ADD CONSTRAINT "Booking_makerOrgId_fkey" FOREIGN KEY ("makerOrgId") REFERENCES "Organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Booking" ADD CONSTRAINT "Booking_consigneeOrgId_fkey" FOREIGN KEY ("consigneeOrgId") REFERENCES "Organization"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CargoLine" ADD CONSTRAINT "CargoLine_bookingId_fkey" FOREIGN KEY ("bookingId") REFERENCES "Booking"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CargoLine" ADD CONSTRAINT "CargoLine_vehicleModelId_fkey" FOREIGN KEY ("vehicleModelId") REFERENCES "VehicleModel"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConsolidationPlan" ADD CONSTRAINT "ConsolidationPlan_departureId_fkey" FOREIGN KEY ("departureId") REFERENCES "Departure"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Milestone" ADD CONSTRAINT "Milestone_departureId_fkey" FOREIGN KEY ("departureId") REFERENCES "Departure"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
