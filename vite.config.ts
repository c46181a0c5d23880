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
  },
});
