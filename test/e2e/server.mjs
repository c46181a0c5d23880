// A fresh database with the demo data, then the production build on 127.0.0.1 (tests only).
import { spawnSync } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";

const file = path.resolve(".tmp-test/e2e.db");
mkdirSync(path.dirname(file), { recursive: true });
for (const suffix of ["", "-journal", "-wal", "-shm"]) rmSync(file + suffix, { force: true });
process.env.DATABASE_URL = `file:${file}`;
process.env.HOST = "127.0.0.1";
const setup = spawnSync(process.execPath, ["scripts/setup-db.mjs"], { stdio: "inherit" });
if (setup.status !== 0) process.exit(setup.status ?? 1);
await import("../../scripts/serve.mjs");
