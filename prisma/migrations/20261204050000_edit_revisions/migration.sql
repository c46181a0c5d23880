-- AlterTable
ALTER TABLE "JointProject" ADD COLUMN "revision" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "Workshop" ADD COLUMN "revision" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "WorkshopTask" ADD COLUMN "revision" INTEGER NOT NULL DEFAULT 0;
