// The environment the scripts and the server read, checked once with one clear line per fault.
import path from "node:path";

export const DEFAULT_DATABASE_URL = "file:./data/rces.db";

export function fail(message) {
  process.stderr.write(`rces: ${message}\n`);
  process.exit(1);
}

export function databaseUrl() {
  const url = process.env.DATABASE_URL || DEFAULT_DATABASE_URL;
  if (!url.startsWith("file:")) fail(`DATABASE_URL must be a SQLite file URL like ${DEFAULT_DATABASE_URL} (got "${url}")`);
  return url;
}

export function databaseFile(url = databaseUrl()) {
  return path.resolve(url.slice("file:".length));
}

export function port() {
  const text = process.env.PORT || "3000";
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1 || value > 65535) fail(`PORT must be a whole number from 1 to 65535 (got "${text}")`);
  return value;
}
