-- AlterTable
ALTER TABLE "Consent" ADD COLUMN "reference" TEXT;
ALTER TABLE "Consent" ADD COLUMN "signedOn" TEXT;

