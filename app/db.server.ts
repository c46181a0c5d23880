import path from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "./generated/prisma/client";

// One Prisma client per process, on the embedded SQLite file named by DATABASE_URL.

export const DEFAULT_DATABASE_URL = "file:./data/rces.db";

export function databaseUrl(): string {
  return process.env.DATABASE_URL || DEFAULT_DATABASE_URL;
}

/** The file behind a file: URL, resolved against the working directory. */
export function databaseFile(url: string = databaseUrl()): string {
  return path.resolve(url.replace(/^file:/, ""));
}

let client: PrismaClient | undefined;

export function db(): PrismaClient {
  client ??= new PrismaClient({ adapter: new PrismaBetterSQLite3({ url: databaseUrl() }) });
  return client;
}

export async function disconnectDb(): Promise<void> {
  await client?.$disconnect();
  client = undefined;
}
