import { execFileSync } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";

// Builds one migrated SQLite file for the whole run; each test file copies it (test/unit/db.ts).
export const BASE_DB = path.resolve(import.meta.dirname, "../../.tmp-test/base.db");

export default function setup() {
  rmSync(path.dirname(BASE_DB), { recursive: true, force: true });
  mkdirSync(path.dirname(BASE_DB), { recursive: true });
  execFileSync(path.resolve("node_modules/.bin/prisma"), ["migrate", "deploy"], {
    env: { ...process.env, DATABASE_URL: `file:${BASE_DB}`, CHECKPOINT_DISABLE: "1" },
    stdio: "pipe",
  });
}
