-- AlterTable
ALTER TABLE "Goal" ADD COLUMN "ownerId" TEXT;

-- AlterTable
ALTER TABLE "WorkshopTask" ADD COLUMN "assigneeId" TEXT;
ALTER TABLE "WorkshopTask" ADD COLUMN "clusterId" TEXT;

-- CreateTable
CREATE TABLE "IgnoredSuggestion" (
    "programId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "ignoredById" TEXT NOT NULL,
    "ignoredAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("programId", "key")
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Workshop" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "programId" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "themes" TEXT NOT NULL,
    "place" TEXT NOT NULL,
    "agenda" TEXT NOT NULL DEFAULT '',
    "speakers" TEXT NOT NULL DEFAULT '',
    "workflowId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);
INSERT INTO "new_Workshop" ("createdAt", "id", "number", "place", "programId", "themes", "title", "workflowId") SELECT "createdAt", "id", "number", "place", "programId", "themes", "title", "workflowId" FROM "Workshop";
DROP TABLE "Workshop";
ALTER TABLE "new_Workshop" RENAME TO "Workshop";
CREATE UNIQUE INDEX "Workshop_workflowId_key" ON "Workshop"("workflowId");
CREATE INDEX "Workshop_programId_idx" ON "Workshop"("programId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- AlterTable
ALTER TABLE "User" ADD COLUMN "calendarTokenHash" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "User_calendarTokenHash_key" ON "User"("calendarTokenHash");
