import { describe, expect, it } from "vitest";
import { explainLight, lightOf, staffingNeed } from "../../app/scorecard/lights";
import { assessment, catalogueOf, defaultCatalogue, SMALL } from "./fixtures";

const catalogue = catalogueOf(SMALL);
const indicator = (code: string) => catalogue.indicators.find((i) => i.code === code)!;
const light = (code: string, values: Record<string, string>, facts = {}) => lightOf(indicator(code), assessment({ values, ...facts }));

describe("lights", () => {
  it("number, higher is better: green at the threshold, yellow at its own, red below", () => {
    expect(light("N1", { N1: "50" })).toBe("green");
    expect(light("N1", { N1: "49.99" })).toBe("yellow");
    expect(light("N1", { N1: "30" })).toBe("yellow");
    expect(light("N1", { N1: "29.9" })).toBe("red");
  });

  it("number, lower is better", () => {
    expect(light("N2", { N2: "12" })).toBe("green");
    expect(light("N2", { N2: "12.1" })).toBe("yellow");
    expect(light("N2", { N2: "24" })).toBe("yellow");
    expect(light("N2", { N2: "25" })).toBe("red");
  });

  it("number without yellow has no yellow", () => {
    const noYellow = catalogueOf({
      ...SMALL,
      indicators: [{ code: "N1", dimension: "alpha", title: "t", kind: "number", better: "higher", green: 10 }],
      dimensions: [{ code: "alpha", title: "Alpha" }],
    });
    expect(lightOf(noYellow.indicators[0]!, assessment({ values: { N1: "9.99" } }))).toBe("red");
    expect(lightOf(noYellow.indicators[0]!, assessment({ values: { N1: "10" } }))).toBe("green");
  });

  it("boolean and level", () => {
    expect(light("B1", { B1: "true" })).toBe("green");
    expect(light("B1", { B1: "false" })).toBe("red");
    expect(light("L1", { L1: "adopted" })).toBe("green");
    expect(light("L1", { L1: "draft" })).toBe("yellow");
    expect(light("L1", { L1: "none" })).toBe("red");
  });

  it("a value that is no decimal is missing, never a colour", () => {
    for (const text of ["0-5", ".", "+", "-", "5-", "1.2.3", "1.", ".5", "1,5"]) expect(light("N1", { N1: text })).toBe(text === "1,5" ? "red" : "missing");
  });

  it("a blank value is missing, never green", () => {
    for (const code of ["N1", "N2", "B1", "L1"]) expect(light(code, {})).toBe("missing");
  });

  it("derives FTE per 50 members exactly (the report's 1.64 FTE for 41 members is green)", () => {
    expect(light("C1", {}, { fte: "1.64", members: "41" })).toBe("green");
    expect(light("C1", {}, { fte: "0.6", members: "20" })).toBe("yellow"); // exactly 1.5
    expect(light("C1", {}, { fte: "0.59", members: "20" })).toBe("red");
    expect(light("C1", {}, { fte: "0.8", members: "0" })).toBe("missing");
    expect(light("C1", {}, { fte: null, members: "41" })).toBe("missing");
    expect(light("C1", {}, { fte: "0.8", members: null })).toBe("missing");
  });

  it("explains each light with its value and threshold", () => {
    expect(explainLight(indicator("N1"), assessment({ values: { N1: "41" } }))).toEqual({
      code: "N1",
      light: "yellow",
      value: "41",
      reason: "41 is below the green threshold 50 but at least the yellow threshold 30.",
    });
    expect(explainLight(indicator("C1"), assessment({ fte: "0.8", members: "41" })).value).toBe("≈0.98");
    expect(explainLight(indicator("C1"), assessment({ fte: "1", members: "50" })).value).toBe("1");
    expect(explainLight(indicator("C1"), assessment({ fte: "1.64", members: "41" })).value).toBe("2"); // exactly 2, not ≈2
    expect(explainLight(indicator("B1"), assessment()).reason).toMatch(/^Missing/);
  });

  it("staffing need: 2 FTE per 50 members, 41 members need 1.6 FTE", () => {
    const need = staffingNeed(defaultCatalogue(), "41")!;
    expect(need.shown).toBe(1.6);
    expect(need.perFifty).toBe("2");
    expect(staffingNeed(defaultCatalogue(), null)).toBeNull();
  });
});
