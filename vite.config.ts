/// <reference types="vitest/config" />
import { reactRouter } from "@react-router/dev/vite";
import { defineConfig } from "vite";
import path from "node:path";

export default defineConfig({
  plugins: process.env.VITEST ? [] : [reactRouter()],
  resolve: { alias: { "~": path.resolve(import.meta.dirname, "app") } },
  test: {
    include: ["test/unit/**/*.test.ts", "workflows/**/*.test.ts"],
    globalSetup: ["test/unit/global-setup.ts"],
    pool: "forks",
    // Some tests run the CLI and the seed as processes on a real database: seconds, not milliseconds,
    // on a busy 2-core machine.
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
