import { copyFileSync } from "node:fs";
import { randomUUID } from "node:crypto";
import path from "node:path";
import { BASE_DB } from "./global-setup";

/** A fresh copy of the migrated base database for this test file; never the demo database. */
export function useFreshDatabase(): string {
  const file = path.join(path.dirname(BASE_DB), `${randomUUID()}.db`);
  copyFileSync(BASE_DB, file);
  process.env.DATABASE_URL = `file:${file}`;
  return file;
}
