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

export function demoWanted() {
  const value = process.env.RCES_DEMO ?? "1";
  if (value !== "0" && value !== "1") fail(`RCES_DEMO must be 0 or 1 (got "${value}")`);
  return value === "1";
}

export function host() {
  return process.env.HOST || "0.0.0.0";
}

/** Fails with one line when PORT cannot be listened on at HOST (in use, or a bad address). */
export async function checkListen() {
  const { createServer } = await import("node:net");
  const value = port();
  const address = host();
  await new Promise((resolve) => {
    const probe = createServer();
    probe.once("error", (error) => {
      if (error.code === "EADDRINUSE") fail(`port ${value} is in use; stop the other server or set PORT`);
      if (error.code === "ENOTFOUND" || error.code === "EADDRNOTAVAIL") fail(`HOST ${address} is not an address of this machine; set HOST (or leave it unset)`);
      fail(`cannot listen on ${address}:${value} (${error.code})`);
    });
    probe.listen(value, address, () => probe.close(resolve));
  });
  return { port: value, host: address };
}
