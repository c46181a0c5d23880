import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseBenchmarksCsv } from "../../app/scorecard/benchmarks-csv";
import { parseCatalogueText } from "../../app/scorecard/catalogue";
import { computeScorecard } from "../../app/scorecard/compute";

// The demo data (prisma/demo/benchmarks.csv, written by scripts/generate-demo-benchmarks.mjs)
// must reproduce the published figures of the RCES 2017 report for the Arctic region.

const root = path.resolve(import.meta.dirname, "../..");
const read = (file: string) => readFileSync(path.join(root, file), "utf8");

const catalogueResult = parseCatalogueText(read("prisma/catalogues/rces-2017.json"));
if (!catalogueResult.ok) throw new Error(catalogueResult.errors.join("\n"));
const catalogue = catalogueResult.catalogue;

const parsed = parseBenchmarksCsv(read("prisma/demo/benchmarks.csv"), catalogue);
if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
const assessments = parsed.assessments;

const scorecard = computeScorecard(catalogue, assessments, { asOf: "2017-09-01" });
const portfolio = (code: string) => scorecard.portfolios.find((p) => p.code === code)!;
const dimension = (portfolioCode: string, code: string) => portfolio(portfolioCode).dimensions.find((d) => d.code === code)!;
const score = (portfolioCode: string, code: string) => dimension(portfolioCode, code).score!;

describe("demo benchmarks reproduce the 2017 Arctic report", () => {
  it("has the three portfolios with 6, 7 and 28 clusters as of 2017-09-01", () => {
    expect(scorecard.portfolios.map((p) => [p.code, p.clusters])).toEqual([
      ["arctic", 6],
      ["nordland", 7],
      ["norway", 28],
    ]);
  });

  it("arctic overall: 89 green of 186 cells, 47.8, yellow", () => {
    expect(portfolio("arctic").overall).toEqual({ green: 89, cells: 186, score: 47.8, band: "yellow" });
  });

  it("arctic sustainability 1 of 6 (16.7, red) and embedment 12 of 30 (40.0)", () => {
    expect(dimension("arctic", "sustainability")).toEqual({ code: "sustainability", green: 1, cells: 6, score: 16.7, band: "red" });
    expect(dimension("arctic", "embedment")).toEqual({ code: "embedment", green: 12, cells: 30, score: 40, band: "yellow" });
  });

  it("key facts: 41 members, 0.8 FTE, public funding 42 / 49 / 47 %", () => {
    expect(portfolio("arctic").keyFacts).toMatchObject({ members: 41, fte: 0.8, publicFundingPct: 42 });
    expect(portfolio("nordland").keyFacts.publicFundingPct).toBe(49);
    expect(portfolio("norway").keyFacts.publicFundingPct).toBe(47);
  });

  it("two thirds of the Arctic cluster organisations are independent legal entities (S4)", () => {
    const arctic = assessments.filter((a) => a.portfolios.includes("arctic"));
    expect(arctic).toHaveLength(6);
    expect(arctic.filter((a) => a.values.S4 === "true")).toHaveLength(4);
  });

  it("most Arctic clusters have a funding horizon (SU1) under 12 months", () => {
    const su1 = portfolio("arctic").indicators.find((i) => i.code === "SU1")!;
    expect(su1).toEqual({ code: "SU1", green: 1, yellow: 1, red: 4, missing: 0 });
  });

  it("the report's picture: understaffed, weak services, cooperation and dynamics; structure on par", () => {
    expect(score("arctic", "capacity")).toBeLessThan(score("nordland", "capacity"));
    expect(score("arctic", "capacity")).toBeLessThan(score("norway", "capacity"));
    for (const code of ["services", "cooperation", "dynamics", "embedment"]) {
      expect(score("arctic", code), code).toBeLessThan(score("norway", code));
    }
    expect(score("arctic", "structure")).toBeGreaterThanOrEqual(score("norway", "structure") - 5);
  });

  it("counts a cluster assessed after the as-of date only later", () => {
    expect(assessments.some((a) => a.assessedOn > "2017-09-01")).toBe(true);
    const later = computeScorecard(catalogue, assessments, { asOf: "2017-12-31" });
    expect(later.portfolios.find((p) => p.code === "norway")!.clusters).toBe(29);
  });
});
