import path from "node:path";
import { defineConfig } from "prisma/config";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";

process.env.CHECKPOINT_DISABLE ??= "1";
// The schema reads env("DATABASE_URL"); without it `prisma generate` falls back to downloading a
// native engine, which fails offline.
process.env.DATABASE_URL ??= "file:./data/rces.db";

// Prisma's CLI runs offline here only with its WebAssembly engine and a driver adapter
// (see ../shared/TOOLCHAIN.md, "Prisma offline").
export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join("prisma", "schema.prisma"),
  migrations: { path: path.join("prisma", "migrations") },
  async adapter() {
    return new PrismaBetterSQLite3({ url: process.env.DATABASE_URL! });
  },
});
