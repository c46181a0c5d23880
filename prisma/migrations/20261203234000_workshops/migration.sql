-- CreateTable
CREATE TABLE "Workshop" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "programId" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "themes" TEXT NOT NULL,
    "place" TEXT NOT NULL,
    "workflowId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "WorkshopTask" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "workshopId" TEXT NOT NULL,
    "phase" TEXT NOT NULL,
    "audience" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "offsetDays" INTEGER NOT NULL,
    "dueOn" TEXT,
    "done" BOOLEAN NOT NULL DEFAULT false,
    "waivedBecause" TEXT,
    CONSTRAINT "WorkshopTask_workshopId_fkey" FOREIGN KEY ("workshopId") REFERENCES "Workshop" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "Workshop_workflowId_key" ON "Workshop"("workflowId");

-- CreateIndex
CREATE INDEX "Workshop_programId_idx" ON "Workshop"("programId");

-- CreateIndex
CREATE INDEX "WorkshopTask_workshopId_idx" ON "WorkshopTask"("workshopId");
