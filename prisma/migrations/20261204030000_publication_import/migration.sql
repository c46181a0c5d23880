-- AlterTable
ALTER TABLE "Publication" ADD COLUMN "lastImportId" INTEGER;


-- Publications made before: the last import stored by the time they were published.
UPDATE "Publication" SET "lastImportId" = (
  SELECT COALESCE(MAX(i."id"), 0) FROM "BenchmarkImport" i WHERE i."importedAt" <= "Publication"."publishedAt"
);
