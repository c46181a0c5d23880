import { describe, expect, it } from "vitest";
import { computeScorecard, latestAssessments } from "../../app/scorecard/compute";
import { assessment, catalogueOf, SMALL } from "./fixtures";

const one = catalogueOf({
  ...SMALL,
  dimensions: [{ code: "alpha", title: "Alpha" }],
  indicators: [{ code: "B1", dimension: "alpha", title: "Yes or no", kind: "boolean" }],
});

/** n clusters in portfolio p, the first `green` of them green on B1. */
function clusters(n: number, green: number) {
  return Array.from({ length: n }, (_, i) =>
    assessment({ cluster: `c${i}`, values: { B1: i < green ? "true" : "false" } }),
  );
}
const scoreOf = (n: number, green: number) =>
  computeScorecard(one, clusters(n, green), { asOf: "2020-01-01" }).portfolios[0]!.overall;

describe("scores and bands", () => {
  it("rounds half-up from the exact fraction: 1 of 16 is 6.3", () => {
    expect(scoreOf(16, 1)).toEqual({ green: 1, cells: 16, score: 6.3, band: "red" });
  });

  it("30 and 65 exactly are yellow; just below 30 is red, just above 65 green", () => {
    expect(scoreOf(10, 3)).toMatchObject({ score: 30, band: "yellow" });
    expect(scoreOf(20, 13)).toMatchObject({ score: 65, band: "yellow" });
    // 2999 of 10000 = 29.99, shown 30.0 but red: the band comes from the exact score
    expect(scoreOf(10000, 2999)).toMatchObject({ score: 30, band: "red" });
    expect(scoreOf(10000, 6501)).toMatchObject({ score: 65, band: "green" });
  });

  it("has no score where there are no cells", () => {
    const card = computeScorecard(one, [], { asOf: "2020-01-01", portfolios: ["empty"] });
    expect(card.portfolios[0]).toMatchObject({ code: "empty", clusters: 0, overall: { green: 0, cells: 0, score: null, band: null } });
    expect(card.portfolios[0]!.keyFacts).toEqual({ members: null, fte: null, publicFundingPct: null, smePct: null, committedSharePct: null });
  });
});

describe("the scorecard of a portfolio", () => {
  const catalogue = catalogueOf(SMALL);
  const a = assessment({
    cluster: "a",
    portfolios: ["north", "nation"],
    assessedOn: "2017-05-01",
    members: "41",
    potentialMembers: "82",
    fte: "1.64",
    publicFundingPct: "40",
    smePct: "80",
    values: { N1: "55", N2: "30", B1: "true", L1: "draft" },
  });
  const b = assessment({
    cluster: "b",
    portfolios: ["nation"],
    assessedOn: "2016-03-01",
    members: "0",
    potentialMembers: "0",
    fte: "0.5",
    publicFundingPct: "45",
    values: { N1: "10" },
  });

  it("counts lights per indicator, missing values in the denominator, and a cluster in two portfolios in both", () => {
    const card = computeScorecard(catalogue, [a, b], { asOf: "2017-09-01" });
    expect(card.portfolios.map((p) => p.code)).toEqual(["nation", "north"]);
    const nation = card.portfolios[0]!;
    expect(nation.clusters).toBe(2);
    expect(nation.indicators).toEqual([
      { code: "N1", green: 1, yellow: 0, red: 1, missing: 0 },
      { code: "N2", green: 0, yellow: 0, red: 1, missing: 1 },
      { code: "B1", green: 1, yellow: 0, red: 0, missing: 1 },
      { code: "L1", green: 0, yellow: 1, red: 0, missing: 1 },
      { code: "C1", green: 1, yellow: 0, red: 0, missing: 1 }, // members 0: missing
    ]);
    expect(nation.dimensions).toEqual([
      { code: "alpha", green: 1, cells: 4, score: 25, band: "red" },
      { code: "beta", green: 2, cells: 6, score: 33.3, band: "yellow" },
    ]);
    expect(nation.overall).toEqual({ green: 3, cells: 10, score: 30, band: "yellow" });
    // means over the clusters that have the value; members 0 of potential 0 is left out
    expect(nation.keyFacts).toEqual({ members: 20.5, fte: 1.1, publicFundingPct: 42.5, smePct: 80, committedSharePct: 50 });
    expect(card.portfolios[1]).toMatchObject({ code: "north", clusters: 1, overall: { green: 3, cells: 5, score: 60 } });
  });

  it("takes each cluster's latest assessment on or before the date, and not before since", () => {
    const older = { ...a, assessedOn: "2015-01-10", values: {} };
    expect(latestAssessments([older, a, b], { asOf: "2017-09-01" }).map((x) => [x.cluster, x.assessedOn])).toEqual([
      ["a", "2017-05-01"],
      ["b", "2016-03-01"],
    ]);
    expect(latestAssessments([older, a, b], { asOf: "2017-04-30" }).map((x) => x.assessedOn)).toEqual(["2015-01-10", "2016-03-01"]);
    expect(latestAssessments([older, a, b], { asOf: "2017-05-01" }).map((x) => x.assessedOn)).toEqual(["2017-05-01", "2016-03-01"]);
    expect(latestAssessments([older, a, b], { asOf: "2017-09-01", since: "2017-01-01" }).map((x) => x.cluster)).toEqual(["a"]);
    const card = computeScorecard(catalogue, [older, a, b], { asOf: "2016-12-31", since: "2016-01-01" });
    expect(card.portfolios.map((p) => [p.code, p.clusters])).toEqual([["nation", 1]]);
    expect(card.since).toBe("2016-01-01");
  });

  it("uses the portfolios listed on the selected row", () => {
    const moved = { ...a, assessedOn: "2018-01-01", portfolios: ["south"] };
    const card = computeScorecard(catalogue, [a, moved], { asOf: "2018-06-01" });
    expect(card.portfolios.map((p) => p.code)).toEqual(["south"]);
  });

  it("writes one-decimal JSON without touching codes that look like its mark", async () => {
    const { scorecardJson } = await import("../../app/scorecard/format");
    const json = scorecardJson(computeScorecard(catalogue, [a], { asOf: "2017-09-01", portfolios: ["north"] }));
    expect(json).toContain('"score": 60.0,');
    expect(json).toContain('"members": 41.0,');
    expect(JSON.parse(json).portfolios[0].keyFacts.committedSharePct).toBe(50);
  });

  it("shows only the chosen portfolios, empty ones included", () => {
    const card = computeScorecard(catalogue, [a, b], { asOf: "2017-09-01", portfolios: ["north", "west"] });
    expect(card.portfolios.map((p) => [p.code, p.clusters])).toEqual([["north", 1], ["west", 0]]);
  });
});
