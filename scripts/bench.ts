// `npm run bench`: national-scale performance check of the scorecard (5,000 clusters, 31
// indicators, 3 assessment rounds = 15,000 rows; ~20 regional portfolios plus `nation`).
// Measures the import, the read and compute of a scorecard, the portfolio page of the
// production server and the CLI's wall time, and prints a table against the targets. It is a
// measurement: it exits 0 even when a target fails (printed as FAIL). Everything it writes lives
// in a temporary directory that is removed at the end.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { columnsOf, generateCsv, type RawCatalogue } from "./bench/data";

const CLUSTERS = 5_000;
const AS_OF = "2019-12-31"; // after the last round: every stored row is read
const PAGE_PORTFOLIOS = ["region-01", "region-02", "region-03"];
const PAGE_RUNS = 20;
const CLI_RUNS = 5;

const root = path.resolve(import.meta.dirname, "..");
const bin = (name: string) => path.join(root, "node_modules", ".bin", name);
const catalogueFile = path.join(root, "prisma/catalogues/rces-2017.json");
const tmp = mkdtempSync(path.join(os.tmpdir(), "rces-bench-"));
const databaseUrl = `file:${path.join(tmp, "bench.db")}`;

type Row = { measure: string; value: number; unit: string; target: number | null; detail?: string };
const results: Array<Row> = [];
const record = (row: Row) => {
  results.push(row);
  console.error(`  ${row.measure}: ${format(row.value, row.unit)}${row.detail ? ` (${row.detail})` : ""}`);
};

function format(value: number, unit: string): string {
  if (unit === "ms") return value >= 1000 ? `${(value / 1000).toFixed(2)} s` : `${value.toFixed(1)} ms`;
  return `${value.toFixed(2)}${unit}`;
}

function quantile(values: Array<number>, q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
}
const median = (values: Array<number>) => quantile(values, 0.5);

async function timed<T>(fn: () => Promise<T> | T): Promise<[number, T]> {
  const start = performance.now();
  const result = await fn();
  return [performance.now() - start, result];
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

let sessionCookie = "";

async function benchDatabase(catalogueText: string, csv: string) {
  console.error(`database: ${databaseUrl}`);
  const env = { ...process.env, DATABASE_URL: databaseUrl, CHECKPOINT_DISABLE: "1" };
  const migrate = spawnSync(bin("prisma"), ["migrate", "deploy"], { cwd: root, env, encoding: "utf8" });
  if (migrate.status !== 0) throw new Error(`prisma migrate deploy failed:\n${migrate.stdout}\n${migrate.stderr}`);
  // The app's modules read DATABASE_URL when they first open the database: set it before loading them.
  process.env.DATABASE_URL = databaseUrl;
  const { storeCatalogue, getCatalogue } = await import("../app/catalogues.server");
  const { importBenchmarks, latestAssessmentsAsOf } = await import("../app/benchmarks.server");
  const { computeScorecard } = await import("../app/scorecard/compute");
  const { db, disconnectDb } = await import("../app/db.server");
  const { createSession } = await import("../app/auth/session.server");
  try {
    // The pages are for signed-in people: the page timings use an administrator's session.
    await db().user.create({ data: { id: "bench-admin", email: "bench@bench.invalid", name: "Bench", grants: { create: [{ role: "admin" }] } } });
    sessionCookie = (await createSession("bench-admin")).split(";")[0]!;
    const stored = await storeCatalogue(catalogueText);
    if (!stored.ok) throw new Error(stored.errors.join("; "));
    const catalogue = (await getCatalogue(stored.id))!;

    const [importMs, imported] = await timed(() => importBenchmarks("national.csv", csv, catalogue.id));
    if (!imported.ok) throw new Error(`import failed: ${imported.errors.slice(0, 5).join("; ")}`);
    record({ measure: `import ${imported.preview.rows} rows`, value: importMs, unit: "ms", target: 10_000,
      detail: `${imported.preview.clusters.length} clusters, ${imported.preview.portfolios.length} portfolios` });

    // One cold run each, then the median of five warm runs.
    const reads: Array<number> = [];
    const computes: Array<number> = [];
    let portfolios = 0;
    let rows = 0;
    for (let run = 0; run < 6; run++) {
      const [readMs, assessments] = await timed(() => latestAssessmentsAsOf(AS_OF));
      const [computeMs, scorecard] = await timed(() => computeScorecard(catalogue, assessments, { asOf: AS_OF }));
      if (run === 0) console.error(`  cold: read ${readMs.toFixed(1)} ms, compute ${computeMs.toFixed(1)} ms`);
      else reads.push(readMs), computes.push(computeMs);
      rows = assessments.length;
      portfolios = scorecard.portfolios.length;
    }
    const read = median(reads);
    const compute = median(computes);
    record({ measure: `read ${rows} rows (latestAssessmentsAsOf)`, value: read, unit: "ms", target: null });
    record({ measure: `compute ${portfolios} portfolios`, value: compute, unit: "ms", target: null });
    record({ measure: "compute / read", value: compute / read, unit: "x", target: 1 });
  } finally {
    await disconnectDb();
  }
}

async function benchServer() {
  if (!existsSync(path.join(root, "build/server/index.js"))) {
    console.error("build/server/index.js is missing: running react-router build");
    const build = spawnSync(bin("react-router"), ["build"], { cwd: root, stdio: ["ignore", "ignore", "inherit"] });
    if (build.status !== 0) throw new Error("react-router build failed");
  }
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  let server: ChildProcess | undefined;
  let log = "";
  const stop = () => server?.exitCode === null && server.kill("SIGTERM");
  process.once("exit", stop);
  try {
    server = spawn(bin("react-router-serve"), ["build/server/index.js"], {
      cwd: root,
      env: { ...process.env, PORT: String(port), HOST: "127.0.0.1", NODE_ENV: "production", DATABASE_URL: databaseUrl },
      stdio: ["ignore", "pipe", "pipe"],
    });
    server.stdout!.on("data", (chunk) => (log += chunk));
    server.stderr!.on("data", (chunk) => (log += chunk));
    const deadline = Date.now() + 30_000;
    for (;;) {
      if (server.exitCode !== null) throw new Error(`the server exited (${server.exitCode}):\n${log}`);
      const ok = await fetch(`${base}/healthz`).then((r) => r.ok, () => false);
      if (ok) break;
      if (Date.now() > deadline) throw new Error(`the server did not answer /healthz in 30 s:\n${log}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const get = async (query: string) => {
      const [ms, body] = await timed(async () => {
        const response = await fetch(`${base}/scorecard?${query}`, { headers: { Cookie: sessionCookie }, redirect: "manual" });
        if (response.status !== 200) throw new Error(`GET /scorecard?${query}: ${response.status}`);
        return response.text();
      });
      return { ms, bytes: body.length };
    };
    const three = [...PAGE_PORTFOLIOS.map((p) => `p=${p}`), `asOf=${AS_OF}`].join("&");
    await get(three); // warm-up
    const times: Array<number> = [];
    for (let run = 0; run < PAGE_RUNS; run++) times.push((await get(three)).ms);
    const detail = `${PAGE_PORTFOLIOS.join(", ")}; ${PAGE_RUNS} requests`;
    record({ measure: "page /scorecard, 3 portfolios, median", value: median(times), unit: "ms", target: 200, detail });
    record({ measure: "page /scorecard, 3 portfolios, p95", value: quantile(times, 0.95), unit: "ms", target: 200 });
    const nation = await get(`p=nation&asOf=${AS_OF}`);
    record({ measure: "page /scorecard, nation (5,000 clusters)", value: nation.ms, unit: "ms", target: 200,
      detail: `${(nation.bytes / 1024).toFixed(0)} KiB` });
  } finally {
    stop();
    process.off("exit", stop);
  }
}

function benchCli(catalogueText: string, catalogue: RawCatalogue) {
  // One assessment per cluster: the latest round only.
  const csv = generateCsv(catalogue, CLUSTERS, [2018], 2018);
  const catalogueFileCopy = path.join(tmp, "catalogue.json");
  const benchmarksFile = path.join(tmp, "benchmarks.csv");
  writeFileSync(catalogueFileCopy, catalogueText);
  writeFileSync(benchmarksFile, csv);
  const args = [path.join(root, "build/cli/rces.js"), "scorecard", "--catalogue", catalogueFileCopy,
    "--benchmarks", benchmarksFile, "--as-of", AS_OF, "--format", "json"];
  const times: Array<number> = [];
  let portfolios = 0;
  for (let run = 0; run < CLI_RUNS; run++) {
    const start = performance.now();
    const cli = spawnSync(process.execPath, args, { cwd: tmp, encoding: "utf8", maxBuffer: 64 << 20 });
    times.push(performance.now() - start);
    if (cli.status !== 0) throw new Error(`the CLI exited ${cli.status}: ${cli.stderr.slice(0, 500)}`);
    portfolios = (JSON.parse(cli.stdout) as { portfolios: Array<unknown> }).portfolios.length;
  }
  record({ measure: "CLI scorecard, 5,000 clusters, median wall", value: median(times), unit: "ms", target: 300,
    detail: `exit 0, JSON with ${portfolios} portfolios; ${CLI_RUNS} runs, ${(csv.length / 1024).toFixed(0)} KiB CSV` });
}

function printTable() {
  const rows = results.map((r) => [
    r.measure,
    format(r.value, r.unit),
    r.target === null ? "-" : `<= ${format(r.target, r.unit)}`,
    r.target === null ? "" : r.value <= r.target ? "PASS" : "FAIL  <<<",
  ]);
  const header = ["measure", "value", "target", "result"];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: Array<string>) => cells.map((c, i) => c.padEnd(widths[i]!)).join("  ").trimEnd();
  console.log(line(header));
  console.log(widths.map((w) => "-".repeat(w)).join("  "));
  for (const row of rows) console.log(line(row));
  const failed = results.filter((r) => r.target !== null && r.value > r.target).length;
  console.log(failed ? `\n${failed} target(s) FAILED` : "\nall targets PASS");
}

async function main() {
  const cpus = os.cpus();
  console.log(`machine: ${cpus.length} x ${cpus[0]?.model ?? "unknown CPU"}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB; node ${process.version}; ${os.platform()} ${os.release()}`);
  const catalogueText = readFileSync(catalogueFile, "utf8");
  const catalogue = JSON.parse(catalogueText) as RawCatalogue;
  const [genMs, csv] = await timed(() => generateCsv(catalogue, CLUSTERS));
  console.error(`generated ${CLUSTERS} clusters x 3 rounds, ${columnsOf(catalogue).length} columns, ` +
    `${(csv.length / 2 ** 20).toFixed(1)} MiB in ${genMs.toFixed(0)} ms`);
  let error: unknown;
  for (const step of [() => benchDatabase(catalogueText, csv), benchServer, () => benchCli(catalogueText, catalogue)]) {
    try {
      await step();
    } catch (e) {
      error ??= e;
      console.error(`bench step failed: ${(e as Error).stack ?? e}`);
    }
  }
  console.log("");
  printTable();
  if (error) process.exitCode = 1;
}

const cleanUp = () => rmSync(tmp, { recursive: true, force: true });
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    cleanUp();
    process.exit(130); // runs the "exit" handler that stops the server
  });
}
try {
  await main();
} finally {
  cleanUp();
}
