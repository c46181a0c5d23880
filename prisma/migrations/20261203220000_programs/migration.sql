-- CreateTable
CREATE TABLE "Program" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "portfolio" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "startsOn" TEXT NOT NULL,
    "endsOn" TEXT NOT NULL,
    "catalogueId" TEXT NOT NULL,
    "baselineAsOf" TEXT NOT NULL,
    "baseline" TEXT NOT NULL,
    "cycleId" TEXT NOT NULL,
    "createdById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE UNIQUE INDEX "Program_cycleId_key" ON "Program"("cycleId");

-- CreateIndex
CREATE INDEX "Program_portfolio_idx" ON "Program"("portfolio");
