-- CreateTable
CREATE TABLE "JointProject" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "programId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "areas" TEXT NOT NULL,
    "clusters" TEXT NOT NULL,
    "funding" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "createdById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE INDEX "JointProject_programId_idx" ON "JointProject"("programId");
