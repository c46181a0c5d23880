import { existsSync } from "node:fs";
import path from "node:path";
import { importBenchmarks } from "../benchmarks.server";
import { DEFAULT_CATALOGUE_ID } from "../catalogues.server";
import { databaseFile, disconnectDb } from "../db.server";

export async function importFromCli(filePath: string, text: string, catalogueId = DEFAULT_CATALOGUE_ID) {
  const file = databaseFile();
  if (!existsSync(file)) {
    return { ok: false as const, errors: [`no database at ${file}: run \`npm start\` once (or set DATABASE_URL) first`] };
  }
  try {
    const result = await importBenchmarks(path.basename(filePath), text, catalogueId);
    if (!result.ok) return result;
    const p = result.preview;
    return {
      ok: true as const,
      summary: `import #${result.importId}: ${p.rows} assessments of ${p.clusters.length} clusters (${p.firstDate} to ${p.lastDate}) in ${p.portfolios.map((x) => x.code).join(", ")}`,
    };
  } finally {
    await disconnectDb();
  }
}
