import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { ROOT } from "./fixtures";

// The compiled CLI, run as users run it: `node build/cli/rces.js` (built here if missing).
const CLI = path.join(ROOT, "build/cli/rces.js");
const CATALOGUE = path.join(ROOT, "prisma/catalogues/rces-2017.json");
const DEMO = path.join(ROOT, "prisma/demo/benchmarks.csv");

function rces(...args: Array<string>) {
  const run = spawnSync(process.execPath, [CLI, ...args], { encoding: "utf8", cwd: ROOT });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

beforeAll(() => {
  if (!existsSync(CLI)) execFileSync(process.execPath, [path.join(ROOT, "scripts/build-cli.mjs")], { cwd: ROOT });
});

describe("rces scorecard", () => {
  it("prints the demo's published figures as the scorecard JSON, and nothing else on stdout", () => {
    const run = rces("scorecard", "--catalogue", CATALOGUE, "--benchmarks", DEMO, "--as-of", "2017-09-01", "--format", "json");
    expect(run.code).toBe(0);
    expect(run.stderr).toBe("");
    const card = JSON.parse(run.stdout);
    expect(card.catalogue).toBe("rces-2017");
    expect(card.asOf).toBe("2017-09-01");
    expect(card.portfolios.map((p: { code: string }) => p.code)).toEqual(["arctic", "nordland", "norway"]);
    const [arctic, nordland, norway] = card.portfolios;
    expect(arctic.clusters).toBe(6);
    expect(arctic.overall).toEqual({ green: 89, cells: 186, score: 47.8, band: "yellow" });
    expect(arctic.dimensions.find((d: { code: string }) => d.code === "sustainability")).toEqual({ code: "sustainability", green: 1, cells: 6, score: 16.7, band: "red" });
    expect(arctic.dimensions.find((d: { code: string }) => d.code === "embedment")).toEqual({ code: "embedment", green: 12, cells: 30, score: 40, band: "yellow" });
    expect(arctic.keyFacts).toMatchObject({ members: 41, fte: 0.8, publicFundingPct: 42 });
    expect(nordland.keyFacts.publicFundingPct).toBe(49);
    expect(norway.keyFacts.publicFundingPct).toBe(47);
    expect(norway.clusters).toBe(28);
    // written with one decimal, as the contract shows
    expect(run.stdout).toContain('"members": 41.0,');
    expect(run.stdout).toContain('"score": 40.0,');
  });

  it("prints a readable table by default, bands in words", () => {
    const run = rces("scorecard", "--catalogue", CATALOGUE, "--benchmarks", DEMO, "--as-of", "2017-09-01");
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Sustainability\s+16\.7 RED\s+57\.1 YELLOW\s+50\.0 YELLOW$/m);
    expect(run.stdout).toMatch(/^Overall\s+47\.8 YELLOW \(89\/186\)/m);
  });

  it("exits 1 with every input error on stderr, naming file, line and column", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "rces-cli-"));
    const bad = path.join(dir, "bad.csv");
    writeFileSync(bad, "cluster,name,portfolios,assessed_on,S4\nc1,One,arctic,2017-13-01,yes\nc2,Two,arctic,2017-01-01,maybe\n");
    const run = rces("scorecard", "--catalogue", CATALOGUE, "--benchmarks", bad, "--format", "json");
    expect(run.code).toBe(1);
    expect(run.stdout).toBe("");
    expect(run.stderr).toBe(
      `${bad} line 2, column assessed_on: "2017-13-01" is not a date (YYYY-MM-DD)\n` +
        `${bad} line 3, column S4: "maybe" is not yes/no, true/false or 1/0\n`,
    );
    const badCatalogue = path.join(dir, "cat.json");
    writeFileSync(badCatalogue, JSON.stringify({ id: "x", title: "x", bands: { redBelow: 70, greenAbove: 65 }, dimensions: [{ code: "a", title: "A" }], indicators: [{ code: "B", dimension: "b", title: "B", kind: "boolean" }] }));
    const cat = rces("scorecard", "--catalogue", badCatalogue, "--benchmarks", DEMO);
    expect(cat.code).toBe(1);
    expect(cat.stderr).toContain(`${badCatalogue}: bands: redBelow 70 is above greenAbove 65`);
    expect(cat.stderr).toContain(`${badCatalogue}: indicators[0].dimension: B: dimension "b" is not listed in dimensions`);
    const latin1 = path.join(dir, "latin1.csv");
    writeFileSync(latin1, Buffer.from("cluster,name,portfolios,assessed_on\nc1,Troms\xf8,arctic,2017-01-01\n", "latin1"));
    expect(rces("scorecard", "--catalogue", CATALOGUE, "--benchmarks", latin1)).toMatchObject({
      code: 1,
      stderr: `${latin1} line 2: the file is not UTF-8 text (perhaps Windows-1252 or Latin-1); save it as "CSV UTF-8" and try again\n`,
    });
    const missing = rces("scorecard", "--catalogue", CATALOGUE, "--benchmarks", path.join(dir, "none.csv"));
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("none.csv: cannot read the file (no such file)");
  });

  it("exits 2 on bad usage", () => {
    expect(rces().code).toBe(2);
    expect(rces("scorecard", "--help")).toMatchObject({ code: 0, stdout: expect.stringContaining("rces scorecard --catalogue FILE") });
    expect(rces("frobnicate").code).toBe(2);
    const noFiles = rces("scorecard", "--as-of", "2017-02-30");
    expect(noFiles.code).toBe(2);
    expect(noFiles.stderr).toContain("--as-of: must be a date YYYY-MM-DD");
    expect(noFiles.stderr).toContain("--catalogue: FILE is required");
    expect(rces("scorecard", "--catalogue", CATALOGUE, "--benchmarks", DEMO, "--format", "xml").code).toBe(2);
    expect(rces("scorecard", "--catalogue", CATALOGUE, "--benchmarks", DEMO, "--bogus").code).toBe(2);
    expect(rces("scorecard", "--catalogue", CATALOGUE, "--benchmarks", DEMO, "--as-of", "2017-01-01", "--since", "2017-06-01").code).toBe(2);
  });
});

describe("rces import", () => {
  it("imports a file into the app's database once, and refuses it the second time", async () => {
    const { useFreshDatabase } = await import("./db");
    const file = useFreshDatabase(); // sets DATABASE_URL, which the spawned CLI inherits
    const seeded = spawnSync(process.execPath, [path.join(ROOT, "node_modules/.bin/tsx"), "prisma/seed.ts"], {
      cwd: ROOT,
      env: { ...process.env, RCES_DEMO: "0" },
      encoding: "utf8",
    });
    expect(seeded.status).toBe(0);
    const first = rces("import", DEMO);
    expect(first.stderr).toBe("");
    expect(first.stdout).toBe("import #1: 34 assessments of 29 clusters (2014-03-18 to 2017-11-15) in arctic, nordland, norway\n");
    expect(first.code).toBe(0);
    const second = rces("import", DEMO);
    expect(second.code).toBe(1);
    expect(second.stderr).toMatch(/^benchmarks\.csv: this file was already imported on/);
    expect(rces("catalogue", "add", CATALOGUE)).toMatchObject({ code: 0, stdout: "catalogue rces-2017 is already stored, unchanged\n" });
    const dir = mkdtempSync(path.join(tmpdir(), "rces-cli-"));
    const revision = path.join(dir, "rev.json");
    const changed = JSON.parse(readFileSync(CATALOGUE, "utf8"));
    changed.bands.greenAbove = 70;
    writeFileSync(revision, JSON.stringify(changed));
    expect(rces("catalogue", "add", revision)).toMatchObject({ code: 1, stderr: `${revision}: catalogue rces-2017 is already stored with a different definition; give the revision a new id\n` });
    changed.id = "rces-2017-r2";
    writeFileSync(revision, JSON.stringify(changed));
    expect(rces("catalogue", "add", revision)).toMatchObject({ code: 0, stdout: "stored catalogue rces-2017-r2\n" });
    const copy = path.join(dir, "backup.db");
    expect(rces("backup", copy)).toMatchObject({ code: 0, stdout: `backup written to ${copy}\n` });
    const Database = (await import("better-sqlite3")).default;
    const restored = new Database(copy, { readonly: true });
    expect(restored.prepare('SELECT COUNT(*) AS n FROM "Assessment"').get()).toEqual({ n: 34 });
    restored.close();
    expect(rces("backup", copy)).toMatchObject({ code: 1, stderr: `${copy} exists already; choose a new file name\n` });
    const noDb = spawnSync(process.execPath, [CLI, "import", DEMO], { encoding: "utf8", env: { ...process.env, DATABASE_URL: `file:${file}.absent` } });
    expect(noDb.status).toBe(1);
    expect(noDb.stderr).toContain("no database at");
  });
});
