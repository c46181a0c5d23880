-- AlterTable
ALTER TABLE "Program" ADD COLUMN "calendarTokenHash" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "Program_calendarTokenHash_key" ON "Program"("calendarTokenHash");
