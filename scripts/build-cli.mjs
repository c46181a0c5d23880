// Compiles the command line to plain JavaScript (build/cli), so that `node build/cli/rces.js`
// runs it with no TypeScript runner. The scorecard path bundles everything it needs; the
// database client is loaded only by `import` and `catalogue add`.
import { rmSync } from "node:fs";
import { build } from "esbuild";

// Zod re-exports every locale's messages as one namespace, which no bundler can trim; the CLI
// speaks English, so only that locale is bundled (a third of the start-up parsing saved).
const englishZodOnly = {
  name: "english-zod-only",
  setup(b) {
    b.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      args.importer.includes(`${"node_modules"}/zod/`) ? { path: "zod-locales", namespace: "zod-en" } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: "zod-en" }, () => ({
      contents: 'export { default as en } from "zod/v4/locales/en.js";',
      resolveDir: process.cwd(),
    }));
  },
};

rmSync("build/cli", { recursive: true, force: true });
await build({
  entryPoints: { rces: "app/cli/rces.ts" },
  outdir: "build/cli",
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  minify: true,
  legalComments: "none",
  external: ["@prisma/*", "better-sqlite3"],
  plugins: [englishZodOnly],
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  logLevel: "warning",
});
