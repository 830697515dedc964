-- CreateIndex
CREATE INDEX "CustodyEvent_txId_idx" ON "CustodyEvent"("txId");
