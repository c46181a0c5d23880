// Serves the production build on PORT (3000), after checking the port with one clear line.
import { spawn } from "node:child_process";
import { createServer } from "node:net";
import path from "node:path";
import { databaseUrl, fail, port } from "./env.mjs";

const value = port();
const url = databaseUrl();
const host = process.env.HOST || "0.0.0.0";

await new Promise((resolve) => {
  const probe = createServer();
  probe.once("error", (error) =>
    fail(error.code === "EADDRINUSE" ? `port ${value} is in use; stop the other server or set PORT` : `cannot listen on port ${value} (${error.code})`),
  );
  probe.listen(value, host, () => probe.close(resolve));
});

const child = spawn(path.resolve("node_modules/.bin/react-router-serve"), ["build/server/index.js"], {
  env: { ...process.env, NODE_ENV: "production", PORT: String(value), HOST: host, DATABASE_URL: url },
  stdio: "inherit",
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
child.on("exit", (code) => process.exit(code ?? 0));
