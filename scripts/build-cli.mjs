// Compiles the command line to plain JavaScript (build/cli), so that `node build/cli/rces.js`
// runs it with no TypeScript runner. The scorecard path bundles everything it needs; the
// database client is loaded only by `import`.
import { build } from "esbuild";

await build({
  entryPoints: { rces: "app/cli/rces.ts" },
  outdir: "build/cli",
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  external: ["@prisma/*", "better-sqlite3"],
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  logLevel: "warning",
});
