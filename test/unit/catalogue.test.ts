import { describe, expect, it } from "vitest";
import { describeRule, parseCatalogue, parseCatalogueText } from "../../app/scorecard/catalogue";
import { defaultCatalogue, SMALL } from "./fixtures";

const errorsOf = (changes: (c: any) => void) => {
  const copy = structuredClone(SMALL) as any;
  changes(copy);
  const result = parseCatalogue(copy);
  return result.ok ? [] : result.errors;
};

describe("catalogue validation", () => {
  it("accepts the default catalogue: 31 indicators in 8 dimensions", () => {
    const c = defaultCatalogue();
    expect(c.id).toBe("rces-2017");
    expect(c.indicators).toHaveLength(31);
    expect(c.dimensions.map((d) => [d.code, d.indicators.length])).toEqual([
      ["structure", 5], ["strategy", 4], ["capacity", 4], ["services", 4],
      ["cooperation", 4], ["embedment", 5], ["dynamics", 4], ["sustainability", 1],
    ]);
    expect(c.description).toMatch(/illustrative/);
  });

  it("rejects a repeated code", () => {
    expect(errorsOf((c) => (c.indicators[1].code = "N1"))).toEqual(['indicators[1].code: code "N1" repeats (already used by indicators[0])']);
    expect(errorsOf((c) => (c.dimensions[1].code = "alpha"))[0]).toMatch(/dimensions\[1\]\.code: code "alpha" repeats/);
  });

  it("rejects an indicator in a dimension that is not listed", () => {
    expect(errorsOf((c) => (c.indicators[0].dimension = "gamma"))).toEqual(['indicators[0].dimension: N1: dimension "gamma" is not listed in dimensions']);
  });

  it("rejects a number indicator without green or better", () => {
    expect(errorsOf((c) => delete c.indicators[0].green)).toEqual(['indicators[0].green: N1: a number indicator needs "green"']);
    expect(errorsOf((c) => delete c.indicators[0].better)[0]).toMatch(/indicators\[0\]\.better: N1: a number indicator needs "better"/);
  });

  it("rejects yellow on the wrong side of green", () => {
    expect(errorsOf((c) => (c.indicators[0].yellow = 60))).toEqual(["indicators[0].yellow: N1: yellow 60 is on the wrong side of green 50 when higher is better"]);
    expect(errorsOf((c) => (c.indicators[1].yellow = 6))).toEqual(["indicators[1].yellow: N2: yellow 6 is on the wrong side of green 12 when lower is better"]);
  });

  it("rejects a level mapped to something other than red, yellow or green", () => {
    expect(errorsOf((c) => (c.indicators[3].levels.draft = "amber"))).toEqual(['indicators[3].levels.draft: L1: level "draft" maps to "amber", not red, yellow or green']);
  });

  it("rejects redBelow above greenAbove, and an unknown derived name", () => {
    expect(errorsOf((c) => (c.bands = { redBelow: 70, greenAbove: 65 }))).toEqual(["bands: redBelow 70 is above greenAbove 65"]);
    expect(errorsOf((c) => (c.indicators[4].derived = "fteRatio"))[0]).toMatch(/indicators\[4\]\.derived: C1: unknown derived value "fteRatio"/);
  });

  it("rejects derived on a boolean or level indicator, level keys that differ only in case or carry spaces, and unknown keys", () => {
    expect(errorsOf((c) => (c.indicators[2].derived = "ftePer50Members"))).toEqual(["indicators[2].derived: B1: only number indicators can be derived"]);
    expect(errorsOf((c) => (c.indicators[3].levels = { Draft: "yellow", draft: "red" }))).toEqual([
      'indicators[3].levels.draft: L1: levels "Draft" and "draft" differ only in case (files are read ignoring case)',
    ]);
    expect(errorsOf((c) => (c.indicators[3].levels = { " none": "red" }))).toEqual(['indicators[3].levels. none: L1: level " none" has spaces at its ends']);
    expect(errorsOf((c) => { c.indicators[0].yelow = 30; delete c.indicators[0].yellow; })[0]).toMatch(/^indicators\[0\]: Unrecognized key: "yelow"/);
    expect(errorsOf((c) => (c.band = {}))[0]).toMatch(/Unrecognized key: "band"/);
  });

  it("lists several faults together, and names bad JSON", () => {
    expect(errorsOf((c) => { c.indicators[0].dimension = "x"; c.bands.redBelow = 99; })).toHaveLength(2);
    const bad = parseCatalogueText("{ not json");
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.errors[0]).toMatch(/^not valid JSON/);
    expect(!parseCatalogue({ id: "x" }).ok).toBe(true);
  });

  it("describes rules in plain words", () => {
    const c = defaultCatalogue();
    const rule = (code: string) => describeRule(c.indicators.find((i) => i.code === code)!);
    expect(rule("S1")).toBe("Green at 50 or more; yellow at 30 or more; red below 30.");
    expect(rule("ST4")).toBe("Green at 12 or less; yellow at 24 or less; red above 24.");
    expect(rule("S4")).toBe("Green when yes, red when no.");
    expect(rule("C1")).toMatch(/^Computed as team FTE \/ committed members x 50\. Green at 2 or more/);
  });
});
