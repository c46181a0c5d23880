// Serves the production build on PORT (3000), after checking the port with one clear line.
import { spawn } from "node:child_process";
import path from "node:path";
import { checkListen, databaseUrl } from "./env.mjs";

const url = databaseUrl();
const { port, host } = await checkListen();

const child = spawn(path.resolve("node_modules/.bin/react-router-serve"), ["build/server/index.js"], {
  // "Today" (due dates, TICKs, reminders) is the region's day, not the host's: run in its time zone.
  env: { ...process.env, NODE_ENV: "production", PORT: String(port), HOST: host, DATABASE_URL: url, TZ: process.env.RCES_TIME_ZONE || "Europe/Oslo" },
  stdio: "inherit",
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
child.on("exit", (code) => process.exit(code ?? 0));
