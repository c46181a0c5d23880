import path from "node:path";
import { defineConfig } from "prisma/config";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";

process.env.CHECKPOINT_DISABLE ??= "1";
// The schema reads env("DATABASE_URL"); without it `prisma generate` falls back to downloading a
// native engine, which fails offline.
process.env.DATABASE_URL ??= "file:./data/rces.db";

// Prisma's WebAssembly schema engine sends a whole migration (several statements, no arguments)
// through executeRaw, which better-sqlite3 refuses; such scripts go to executeScript instead.
// Without this, `migrate dev` fails with P3006 on its shadow database (../shared/TOOLCHAIN.md).
function scriptsAsScripts(adapter: SqlDriverAdapter): SqlDriverAdapter {
  const executeRaw = adapter.executeRaw.bind(adapter);
  adapter.executeRaw = async (query) => {
    if (query.args.length === 0 && query.sql.trim().replace(/;\s*$/, "").includes(";")) {
      await adapter.executeScript(query.sql);
      return 0;
    }
    return executeRaw(query);
  };
  return adapter;
}

function withScripts(factory: SqlMigrationAwareDriverAdapterFactory): SqlMigrationAwareDriverAdapterFactory {
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => scriptsAsScripts(await factory.connect()),
    connectToShadowDb: async () => scriptsAsScripts(await factory.connectToShadowDb()),
  };
}

// Prisma's CLI runs offline here only with its WebAssembly engine and a driver adapter.
export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join("prisma", "schema.prisma"),
  migrations: { path: path.join("prisma", "migrations") },
  async adapter() {
    return withScripts(new PrismaBetterSQLite3({ url: process.env.DATABASE_URL! }));
  },
});
