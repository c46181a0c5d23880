import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { importBenchmarks } from "../app/benchmarks.server";
import { DEFAULT_CATALOGUE_ID, storeCatalogue } from "../app/catalogues.server";
import { db, disconnectDb } from "../app/db.server";

// Stores the bundled catalogues (a no-op for those already stored) and, only into a database
// that holds no benchmarking yet, the demo data. Set RCES_DEMO=0 to start empty.

async function main() {
  const dir = path.resolve("prisma/catalogues");
  for (const name of (await readdir(dir)).filter((f) => f.endsWith(".json")).sort()) {
    const result = await storeCatalogue(await readFile(path.join(dir, name), "utf8"));
    if (!result.ok) throw new Error(`${name}: ${result.errors.join("; ")}`);
    if (result.created) console.log(`rces: stored catalogue ${result.id}`);
  }
  if (process.env.RCES_DEMO === "0") return;
  const holdsData = (await db().benchmarkImport.count()) > 0;
  if (holdsData) return;
  const demo = path.resolve("prisma/demo/benchmarks.csv");
  const result = await importBenchmarks("benchmarks.csv", await readFile(demo, "utf8"), DEFAULT_CATALOGUE_ID);
  if (!result.ok) throw new Error(result.errors.slice(0, 5).join("; "));
  console.log(`rces: demo data imported (${result.preview.rows} assessments of ${result.preview.clusters.length} clusters)`);
}

try {
  await main();
} finally {
  await disconnectDb();
}
