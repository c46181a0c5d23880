-- AlterTable
ALTER TABLE "CheckIn" ADD COLUMN "sourceKey" TEXT;

-- AlterTable
ALTER TABLE "ClusterLabel" ADD COLUMN "benchmarkedOn" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "CheckIn_sourceKey_key" ON "CheckIn"("sourceKey");
