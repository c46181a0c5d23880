import { describe, expect, it } from "vitest";
import { compare, mean, meanOfDecimalTexts, roundedMean, parseDecimal, rational, rationalFromNumber, roundHalfUp, toNumber } from "../../app/scorecard/exact";

describe("exact decimals", () => {
  it("parses both decimal marks and signs, and refuses other text", () => {
    expect(parseDecimal("1.64")).toEqual({ num: 164n, den: 100n });
    expect(parseDecimal("1,5")).toEqual({ num: 15n, den: 10n });
    expect(parseDecimal("-3")).toEqual({ num: -3n, den: 1n });
    for (const bad of ["", "1.", ".5", "1e3", "1 000", "abc", "1.2.3"]) expect(parseDecimal(bad)).toBeNull();
  });

  it("reads catalogue numbers as the decimals they spell", () => {
    expect(compare(rationalFromNumber(1.5), parseDecimal("1.50")!)).toBe(0);
    expect(compare(rationalFromNumber(0.1), parseDecimal("0.1")!)).toBe(0);
    expect(rationalFromNumber(1e-7)).toEqual({ num: 1n, den: 10000000n });
  });

  it("rounds half-up from the exact fraction", () => {
    expect(roundHalfUp(rational(100n, 16n))).toBe(6.3); // 6.25
    expect(roundHalfUp(rational(1000n, 6n))).toBe(166.7);
    expect(roundHalfUp(rational(8900n, 186n))).toBe(47.8);
    expect(roundHalfUp(rational(5n, 100n))).toBe(0.1); // 0.05, which a float would round down
    expect(roundHalfUp(rational(-5n, 100n))).toBe(-0.1);
    expect(roundHalfUp(rational(164n, 100n), 1)).toBe(1.6);
  });

  it("averages exactly", () => {
    expect(mean([])).toBeNull();
    const m = mean([parseDecimal("0.1")!, parseDecimal("0.2")!])!;
    expect(compare(m, parseDecimal("0.15")!)).toBe(0);
  });

  it("the fast mean of decimal texts equals the exact one, halves included", () => {
    expect(meanOfDecimalTexts([])).toBeNull();
    expect(meanOfDecimalTexts([null, null])).toBeNull();
    expect(meanOfDecimalTexts(["0.05"])).toBe(0.1);
    expect(meanOfDecimalTexts(["0.1", "0.2", null])).toBe(0.2); // 0.15 exactly, half-up
    expect(meanOfDecimalTexts(["1.25", "1.3"])).toBe(1.3); // 1.275
    expect(meanOfDecimalTexts(["41", "40", "42"])).toBe(41);
    expect(meanOfDecimalTexts(["99999999999999.9", "1"])).toBe(50000000000000.5); // beyond the fast range
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let round = 0; round < 300; round++) {
      const texts = Array.from({ length: 1 + Math.floor(random() * 40) }, () => {
        const decimals = Math.floor(random() * 4);
        return (random() * 10 ** (1 + Math.floor(random() * 6))).toFixed(decimals);
      });
      const exact = roundHalfUp(mean(texts.map((t) => parseDecimal(t)!))!, 1);
      expect(meanOfDecimalTexts(texts)).toBe(exact);
    }
  });

  it("the rounded mean of ratios equals the exact one, ties included", () => {
    const roundedMeanOf = (values: Array<ReturnType<typeof rational>>) => roundedMean(values.map(toNumber), () => values);
    expect(roundedMeanOf([])).toBeNull();
    expect(roundedMeanOf([rational(1n, 8n), rational(1n, 8n)])).toBe(0.1); // 0.125
    expect(roundedMeanOf([rational(5n, 100n)])).toBe(0.1); // a tie: exact path
    expect(roundedMeanOf([rational(100n, 3n), rational(100n, 6n)])).toBe(25); // 25.0 exactly
    expect(roundedMeanOf([rational(4100n, 82n), rational(1n, 20n)])).toBe(25); // 25.025
    // a huge value whose double lies just below its tie: the error bound sends it to the exact path
    expect(roundedMeanOf([rational(26030202800n * 10000n, 121856n)])).toBe(2136144531.3);
    let seed = 11;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let round = 0; round < 300; round++) {
      const values = Array.from({ length: 1 + Math.floor(random() * 50) }, () =>
        rational(BigInt(Math.floor(random() * 20000)), BigInt(1 + Math.floor(random() * 500))),
      );
      expect(roundedMeanOf(values)).toBe(roundHalfUp(mean(values)!, 1));
    }
  });
});
