import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useFreshDatabase } from "./db";
import { ROOT } from "./fixtures";

// Runs against a real SQLite file copied from the migrated base, never the demo database.
useFreshDatabase();
const { latestAssessmentsAsOf, checkImport, importBenchmarks } = await import("../../app/benchmarks.server");
const { storeCatalogue, getCatalogue } = await import("../../app/catalogues.server");
const { db, disconnectDb } = await import("../../app/db.server");

const GOOD = [
  "cluster,name,portfolios,assessed_on,members,fte,S1,S4",
  "c1,One,arctic;norway,2017-05-01,41,1.64,55,yes",
  "c2,Two,arctic,2017-06-01,20,0.6,,no",
].join("\n");

const counts = async () => ({
  imports: await db().benchmarkImport.count(),
  assessments: await db().assessment.count(),
  clusters: await db().cluster.count(),
});

beforeAll(async () => {
  const stored = await storeCatalogue(readFileSync(path.join(ROOT, "prisma/catalogues/rces-2017.json"), "utf8"));
  expect(stored).toEqual({ ok: true, id: "rces-2017", created: true });
});
afterAll(() => disconnectDb());

describe("catalogue storage", () => {
  it("stores a catalogue once; the same definition again is a no-op, a changed one under the same id is refused", async () => {
    const text = readFileSync(path.join(ROOT, "prisma/catalogues/rces-2017.json"), "utf8");
    expect(await storeCatalogue(text)).toEqual({ ok: true, id: "rces-2017", created: false });
    const changed = JSON.parse(text);
    changed.bands.greenAbove = 70;
    expect(await storeCatalogue(JSON.stringify(changed))).toEqual({
      ok: false,
      errors: ["catalogue rces-2017 is already stored with a different definition; give the revision a new id"],
    });
    expect((await getCatalogue("rces-2017"))!.bands.greenAboveText).toBe("65");
  });
});

describe("benchmark import", () => {
  it("stores nothing from a file with any error", async () => {
    const bad = GOOD + "\nc3,Three,arctic,2017-13-01,10,1,1,yes\n";
    const result = await importBenchmarks("bad.csv", bad, "rces-2017");
    expect(result).toEqual({ ok: false, errors: ['bad.csv line 4, column assessed_on: "2017-13-01" is not a date (YYYY-MM-DD)'] });
    expect(await counts()).toEqual({ imports: 0, assessments: 0, clusters: 0 });
  });

  it("refuses a benchmarking dated after today, naming its line, and stores nothing", async () => {
    const { todayIso } = await import("../../app/scorecard/dates");
    const { addDays, format } = await import("date-fns");
    const tomorrow = format(addDays(new Date(), 1), "yyyy-MM-dd");
    const ahead = GOOD + `\nc3,Three,arctic,${tomorrow},10,1,1,yes\n`;
    expect(await importBenchmarks("ahead.csv", ahead, "rces-2017")).toEqual({
      ok: false,
      errors: [`ahead.csv line 4, column assessed_on: ${tomorrow} is after today (${todayIso()}); a benchmarking is imported once it took place`],
    });
    expect(await counts()).toEqual({ imports: 0, assessments: 0, clusters: 0 });
  });

  it("previews without storing, then stores the whole file", async () => {
    const check = await checkImport("good.csv", GOOD, "rces-2017");
    expect(check.ok).toBe(true);
    if (!check.ok) return;
    expect(check.preview).toMatchObject({
      rows: 2,
      firstDate: "2017-05-01",
      lastDate: "2017-06-01",
      portfolios: [{ code: "arctic", clusters: 2 }, { code: "norway", clusters: 1 }],
      clusters: [
        { id: "c1", name: "One", portfolios: ["arctic", "norway"], dates: ["2017-05-01"], isNew: true },
        { id: "c2", name: "Two", portfolios: ["arctic"], dates: ["2017-06-01"], isNew: true },
      ],
    });
    expect(check.preview.missing).toContainEqual({ column: "S1", blank: 1 });
    expect(check.preview.missing).toContainEqual({ column: "potential_members", blank: 2 });
    expect(await counts()).toEqual({ imports: 0, assessments: 0, clusters: 0 });

    const stored = await importBenchmarks("good.csv", GOOD, "rces-2017");
    expect(stored.ok).toBe(true);
    expect(await counts()).toEqual({ imports: 1, assessments: 2, clusters: 2 });
    const read = await latestAssessmentsAsOf("2017-09-01");
    expect(read.find((a) => a.cluster === "c1")).toMatchObject({ name: "One", portfolios: ["arctic", "norway"], fte: "1.64", values: { S1: "55", S4: "true" } });
  });

  it("refuses a re-import of the same file, not doubling it", async () => {
    const again = await importBenchmarks("good-copy.csv", GOOD, "rces-2017");
    expect(again.ok).toBe(false);
    expect(!again.ok && again.errors[0]).toMatch(/^good-copy\.csv: this file was already imported on \d{4}-\d\d-\d\d; nothing was stored again$/);
    expect(await counts()).toEqual({ imports: 1, assessments: 2, clusters: 2 });
  });

  it("never replaces a stored assessment: another file with the same cluster and date is refused whole", async () => {
    const other = ["cluster,name,portfolios,assessed_on,S1", "c3,Three,arctic,2018-01-01,10", "c1,One,arctic,2017-05-01,99"].join("\n");
    expect(await importBenchmarks("other.csv", other, "rces-2017")).toEqual({
      ok: false,
      errors: ["other.csv line 3, column assessed_on: cluster c1 already has a stored assessment of 2017-05-01; stored assessments are never replaced"],
    });
    expect(await counts()).toEqual({ imports: 1, assessments: 2, clusters: 2 });
    // With a date after today too: every error of the file at once, by line.
    const { addDays, format } = await import("date-fns");
    const tomorrow = format(addDays(new Date(), 1), "yyyy-MM-dd");
    const both = await importBenchmarks("both.csv", ["cluster,name,portfolios,assessed_on,S1", `c3,Three,arctic,${tomorrow},10`, "c1,One,arctic,2017-05-01,99"].join("\n"), "rces-2017");
    expect(both.ok ? [] : both.errors.map((e) => e.replace(/: .*/, ""))).toEqual(["both.csv line 2, column assessed_on", "both.csv line 3, column assessed_on"]);
    expect(await counts()).toEqual({ imports: 1, assessments: 2, clusters: 2 });
  });

  it("adds a later round for known clusters", async () => {
    const later = ["cluster,name,portfolios,assessed_on,S1", "c1,One renamed,arctic,2019-05-01,60"].join("\n");
    const result = await importBenchmarks("2019.csv", later, "rces-2017");
    expect(result.ok && result.preview.clusters[0]).toMatchObject({ isNew: false, name: "One renamed", renamedFrom: "One" });
    expect(await counts()).toEqual({ imports: 2, assessments: 3, clusters: 2 });
    const latest = (asOf: string, since?: string) =>
      latestAssessmentsAsOf(asOf, since).then((rows) => rows.map((a) => `${a.cluster} ${a.assessedOn} ${a.name}`).sort());
    expect(await latest("2019-12-31")).toEqual(["c1 2019-05-01 One renamed", "c2 2017-06-01 Two"]);
    expect(await latest("2018-12-31")).toEqual(["c1 2017-05-01 One renamed", "c2 2017-06-01 Two"]);
    expect(await latest("2017-05-31")).toEqual(["c1 2017-05-01 One renamed"]);
    expect(await latest("2019-12-31", "2018-01-01")).toEqual(["c1 2019-05-01 One renamed"]);
    expect(await latest("2016-12-31")).toEqual([]);
  });

  it("refuses an unknown catalogue", async () => {
    expect(await importBenchmarks("x.csv", GOOD + "\n", "nope")).toEqual({ ok: false, errors: ["catalogue nope is not stored"] });
  });
});
