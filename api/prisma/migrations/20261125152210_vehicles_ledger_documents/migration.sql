-- CreateEnum
CREATE TYPE "ImportStatus" AS ENUM ('RUNNING', 'DONE', 'FAILED');

-- CreateEnum
CREATE TYPE "AnchorStatus" AS ENUM ('PENDING', 'ANCHORED', 'FAILED');

-- CreateEnum
CREATE TYPE "CertificationStatus" AS ENUM ('PENDING', 'ACTIVE', 'REVOKED');

-- CreateEnum
CREATE TYPE "CustodyType" AS ENUM ('SHIPPED', 'BORDER_CROSSED', 'DELIVERED');

-- CreateEnum
CREATE TYPE "DocumentKind" AS ENUM ('BOOKING_CONFIRMATION', 'COMMERCIAL_INVOICE', 'PACKING_LIST', 'CONSIGNMENT_NOTE', 'DG_DECLARATION', 'LOAD_PLAN', 'CERTIFICATE_OF_CONFORMITY', 'VEHICLE_VERIFICATION');

-- CreateTable
CREATE TABLE "VehicleImport" (
    "id" TEXT NOT NULL,
    "makerOrgId" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "status" "ImportStatus" NOT NULL DEFAULT 'RUNNING',
    "totalRows" INTEGER NOT NULL DEFAULT 0,
    "processedRows" INTEGER NOT NULL DEFAULT 0,
    "importedRows" INTEGER NOT NULL DEFAULT 0,
    "errorRows" INTEGER NOT NULL DEFAULT 0,
    "errors" JSONB NOT NULL DEFAULT '[]',
    "createdById" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMPTZ(3),

    CONSTRAINT "VehicleImport_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "VehicleBatch" (
    "id" TEXT NOT NULL,
    "makerOrgId" TEXT NOT NULL,
    "importId" TEXT,
    "count" INTEGER NOT NULL,
    "merkleRoot" TEXT,
    "status" "AnchorStatus" NOT NULL DEFAULT 'PENDING',
    "txId" TEXT,
    "blockNumber" INTEGER,
    "blockHash" TEXT,
    "anchoredAt" TIMESTAMPTZ(3),
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "VehicleBatch_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Vehicle" (
    "id" TEXT NOT NULL,
    "makerOrgId" TEXT NOT NULL,
    "vin" TEXT NOT NULL,
    "frameNumber" TEXT,
    "vehicleModelId" TEXT NOT NULL,
    "productionDate" DATE NOT NULL,
    "batterySerial" TEXT,
    "motorNumber" TEXT,
    "batchId" TEXT,
    "leafIndex" INTEGER,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Vehicle_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OutboxMessage" (
    "id" BIGSERIAL NOT NULL,
    "topic" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "availableAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lockedUntil" TIMESTAMPTZ(3),
    "doneAt" TIMESTAMPTZ(3),
    "lastError" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "OutboxMessage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LedgerCursor" (
    "name" TEXT NOT NULL,
    "blockNumber" INTEGER NOT NULL,
    "txId" TEXT,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "LedgerCursor_pkey" PRIMARY KEY ("name")
);

-- CreateTable
CREATE TABLE "Certification" (
    "id" TEXT NOT NULL,
    "issuerOrgId" TEXT NOT NULL,
    "modelCode" TEXT,
    "makerOrgId" TEXT NOT NULL,
    "vins" TEXT[],
    "market" TEXT NOT NULL,
    "standard" TEXT NOT NULL,
    "number" TEXT NOT NULL,
    "validFrom" DATE NOT NULL,
    "validTo" DATE NOT NULL,
    "documentHash" TEXT,
    "status" "CertificationStatus" NOT NULL DEFAULT 'PENDING',
    "revokedAt" TIMESTAMPTZ(3),
    "revokeReason" TEXT,
    "txId" TEXT,
    "blockNumber" INTEGER,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Certification_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CustodyEvent" (
    "id" TEXT NOT NULL,
    "orgId" TEXT NOT NULL,
    "vehicleId" TEXT,
    "batchId" TEXT,
    "type" "CustodyType" NOT NULL,
    "departureRef" TEXT,
    "place" TEXT NOT NULL,
    "occurredAt" TIMESTAMPTZ(3) NOT NULL,
    "txId" TEXT,
    "blockNumber" INTEGER,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CustodyEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IssuedDocument" (
    "id" TEXT NOT NULL,
    "number" TEXT NOT NULL,
    "kind" "DocumentKind" NOT NULL,
    "orgId" TEXT NOT NULL,
    "bookingId" TEXT,
    "vehicleId" TEXT,
    "containerRef" TEXT,
    "sha256" TEXT NOT NULL,
    "sizeBytes" INTEGER NOT NULL,
    "pageCount" INTEGER NOT NULL,
    "storageKey" TEXT NOT NULL,
    "locale" TEXT NOT NULL DEFAULT 'zh-CN+en',
    "issuedById" TEXT,
    "issuedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "anchorStatus" "AnchorStatus",
    "txId" TEXT,
    "blockNumber" INTEGER,

    CONSTRAINT "IssuedDocument_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "VehicleImport_makerOrgId_createdAt_idx" ON "VehicleImport"("makerOrgId", "createdAt");

-- CreateIndex
CREATE INDEX "VehicleBatch_makerOrgId_createdAt_idx" ON "VehicleBatch"("makerOrgId", "createdAt");

-- CreateIndex
CREATE INDEX "VehicleBatch_status_idx" ON "VehicleBatch"("status");

-- CreateIndex
CREATE UNIQUE INDEX "Vehicle_vin_key" ON "Vehicle"("vin");

-- CreateIndex
CREATE INDEX "Vehicle_makerOrgId_createdAt_idx" ON "Vehicle"("makerOrgId", "createdAt");

-- CreateIndex
CREATE INDEX "Vehicle_batchId_leafIndex_idx" ON "Vehicle"("batchId", "leafIndex");

-- CreateIndex
CREATE INDEX "Vehicle_vehicleModelId_idx" ON "Vehicle"("vehicleModelId");

-- CreateIndex
CREATE UNIQUE INDEX "OutboxMessage_key_key" ON "OutboxMessage"("key");

-- CreateIndex
CREATE INDEX "OutboxMessage_doneAt_availableAt_idx" ON "OutboxMessage"("doneAt", "availableAt");

-- CreateIndex
CREATE INDEX "Certification_makerOrgId_modelCode_market_idx" ON "Certification"("makerOrgId", "modelCode", "market");

-- CreateIndex
CREATE UNIQUE INDEX "Certification_issuerOrgId_number_key" ON "Certification"("issuerOrgId", "number");

-- CreateIndex
CREATE INDEX "CustodyEvent_vehicleId_occurredAt_idx" ON "CustodyEvent"("vehicleId", "occurredAt");

-- CreateIndex
CREATE INDEX "CustodyEvent_batchId_occurredAt_idx" ON "CustodyEvent"("batchId", "occurredAt");

-- CreateIndex
CREATE UNIQUE INDEX "IssuedDocument_number_key" ON "IssuedDocument"("number");

-- CreateIndex
CREATE INDEX "IssuedDocument_sha256_idx" ON "IssuedDocument"("sha256");

-- CreateIndex
CREATE INDEX "IssuedDocument_orgId_issuedAt_idx" ON "IssuedDocument"("orgId", "issuedAt");

-- CreateIndex
CREATE INDEX "IssuedDocument_bookingId_idx" ON "IssuedDocument"("bookingId");

-- CreateIndex
CREATE INDEX "IssuedDocument_vehicleId_idx" ON "IssuedDocument"("vehicleId");

-- AddForeignKey
ALTER TABLE "VehicleBatch" ADD CONSTRAINT "VehicleBatch_importId_fkey" FOREIGN KEY ("importId") REFERENCES "VehicleImport"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Vehicle" ADD CONSTRAINT "Vehicle_batchId_fkey" FOREIGN KEY ("batchId") REFERENCES "VehicleBatch"("id") ON DELETE SET NULL ON UPDATE CASCADE;
