-- CreateTable
CREATE TABLE "Catalogue" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "title" TEXT NOT NULL,
    "definition" TEXT NOT NULL,
    "storedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "Cluster" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL
);

-- CreateTable
CREATE TABLE "BenchmarkImport" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "fileName" TEXT NOT NULL,
    "sha256" TEXT NOT NULL,
    "catalogueId" TEXT NOT NULL,
    "importedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "rowCount" INTEGER NOT NULL,
    CONSTRAINT "BenchmarkImport_catalogueId_fkey" FOREIGN KEY ("catalogueId") REFERENCES "Catalogue" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Assessment" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "clusterId" TEXT NOT NULL,
    "assessedOn" TEXT NOT NULL,
    "portfolios" TEXT NOT NULL,
    "members" TEXT,
    "potentialMembers" TEXT,
    "fte" TEXT,
    "publicFundingPct" TEXT,
    "smePct" TEXT,
    "values" TEXT NOT NULL,
    "importId" INTEGER NOT NULL,
    "lineNumber" INTEGER NOT NULL,
    CONSTRAINT "Assessment_clusterId_fkey" FOREIGN KEY ("clusterId") REFERENCES "Cluster" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Assessment_importId_fkey" FOREIGN KEY ("importId") REFERENCES "BenchmarkImport" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "PendingImport" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "fileName" TEXT NOT NULL,
    "content" TEXT NOT NULL,
    "catalogueId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE UNIQUE INDEX "BenchmarkImport_sha256_key" ON "BenchmarkImport"("sha256");

-- CreateIndex
CREATE INDEX "Assessment_assessedOn_idx" ON "Assessment"("assessedOn");

-- CreateIndex
CREATE UNIQUE INDEX "Assessment_clusterId_assessedOn_key" ON "Assessment"("clusterId", "assessedOn");
