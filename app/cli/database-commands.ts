import { existsSync } from "node:fs";
import path from "node:path";
import { importBenchmarks } from "../benchmarks.server";
import { afterBenchmarkImportSafely } from "../progress.server";
import { DEFAULT_CATALOGUE_ID, storeCatalogue } from "../catalogues.server";
import { databaseFile, disconnectDb } from "../db.server";

// The commands of the CLI that write to the app's database (loaded only when used).

function missingDatabase() {
  const file = databaseFile();
  return existsSync(file) ? null : { ok: false as const, errors: [`no database at ${file}: run \`npm start\` once (or set DATABASE_URL) first`] };
}

export async function importFromCli(filePath: string, text: string, catalogueId = DEFAULT_CATALOGUE_ID) {
  const missing = missingDatabase();
  if (missing) return missing;
  try {
    const result = await importBenchmarks(path.basename(filePath), text, catalogueId);
    if (!result.ok) return result;
    await afterBenchmarkImportSafely(result.importId, null);
    const p = result.preview;
    return {
      ok: true as const,
      summary: `import #${result.importId}: ${p.rows} assessments of ${p.clusters.length} clusters (${p.firstDate} to ${p.lastDate}) in ${p.portfolios.map((x) => x.code).join(", ")}`,
    };
  } finally {
    await disconnectDb();
  }
}

export async function addCatalogueFromCli(filePath: string, text: string) {
  const missing = missingDatabase();
  if (missing) return missing;
  try {
    const result = await storeCatalogue(text);
    if (!result.ok) return { ok: false as const, errors: result.errors.map((e) => `${filePath}: ${e}`) };
    return { ok: true as const, summary: result.created ? `stored catalogue ${result.id}` : `catalogue ${result.id} is already stored, unchanged` };
  } finally {
    await disconnectDb();
  }
}

/**
 * A consistent copy of the live database through SQLite's online backup, safe while the server
 * runs and writes. Refuses to overwrite an existing file.
 */
export async function backupFromCli(target: string) {
  const missing = missingDatabase();
  if (missing) return missing;
  const destination = path.resolve(target);
  if (existsSync(destination)) return { ok: false as const, errors: [`${destination} exists already; choose a new file name`] };
  const { default: Database } = await import("better-sqlite3");
  const source = new Database(databaseFile(), { readonly: true, fileMustExist: true });
  try {
    await source.backup(destination);
  } catch (error) {
    return { ok: false as const, errors: [`cannot write ${destination} (${(error as Error).message})`] };
  } finally {
    source.close();
  }
  return { ok: true as const, summary: `backup written to ${destination}` };
}
