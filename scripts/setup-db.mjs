// Creates or migrates the embedded SQLite database and, when it holds no data yet, seeds the
// demo. An existing database is never overwritten: migrations only add.
import { spawnSync } from "node:child_process";
import { accessSync, closeSync, constants, existsSync, mkdirSync, openSync, readSync, statSync } from "node:fs";
import path from "node:path";
import { databaseFile, databaseUrl, demoWanted, fail } from "./env.mjs";

const url = databaseUrl();
demoWanted(); // checked here, read by the seed
const file = databaseFile(url);
const dir = path.dirname(file);
/** mkdir -p, one level at a time: Node 20's recursive mkdir spins forever under /proc. */
function makeDirectory(target) {
  if (existsSync(target)) return;
  makeDirectory(path.dirname(target));
  mkdirSync(target);
}

try {
  makeDirectory(dir);
  accessSync(dir, constants.W_OK);
  if (existsSync(file)) accessSync(file, constants.W_OK);
} catch (error) {
  fail(`cannot write the database at ${file} (${error.code ?? error.message}); set DATABASE_URL to a writable file:PATH`);
}

if (existsSync(file)) {
  if (statSync(file).isDirectory()) fail(`DATABASE_URL names a folder (${file}); name a file in it, e.g. file:${path.join(file, "rces.db")}`);
  const header = Buffer.alloc(16);
  const fd = openSync(file, "r");
  const read = readSync(fd, header, 0, 16, 0);
  closeSync(fd);
  if (read > 0 && header.toString("latin1") !== "SQLite format 3\0") fail(`${file} exists and is not a SQLite database; set DATABASE_URL to another file`);
}

const env = { ...process.env, DATABASE_URL: url, CHECKPOINT_DISABLE: "1" };
const bin = (name) => path.resolve("node_modules", ".bin", name);

const migrate = spawnSync(bin("prisma"), ["migrate", "deploy"], { env, encoding: "utf8" });
if (migrate.status !== 0) {
  const lines = `${migrate.stdout}\n${migrate.stderr}`.split("\n").map((l) => l.trim()).filter(Boolean);
  fail(`database migration failed for ${file}: ${lines.find((l) => /error/i.test(l)) ?? lines.at(-1) ?? "unknown error"}`);
}

const seed = spawnSync(bin("tsx"), ["prisma/seed.ts"], { env, stdio: ["ignore", "inherit", "pipe"], encoding: "utf8" });
if (seed.status === 2) {
  process.stderr.write(seed.stderr); // a bad setting, already said in one line
  process.exit(1);
}
if (seed.status !== 0) {
  // The error's own line, not the runtime's version banner that ends the stack trace.
  const lines = seed.stderr.split("\n").map((l) => l.trim()).filter(Boolean);
  fail(`seeding the demo failed: ${lines.find((l) => /^\w*Error\b/.test(l)) ?? lines.at(-1) ?? "unknown error"}`);
}
