-- CreateIndex
CREATE INDEX "Vehicle_frameNumber_idx" ON "Vehicle"("frameNumber");
