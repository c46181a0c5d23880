import type { Catalogue, Indicator, Light } from "./catalogue";
import { comparableAsDouble, compare, divide, gcd, multiply, parseDecimal, rational, roundHalfUp, type Rational } from "./exact";

/** One benchmarking of one cluster organisation, as validated from a file or read from storage. */
export type Assessment = {
  cluster: string;
  name: string;
  portfolios: ReadonlyArray<string>;
  /** YYYY-MM-DD */
  assessedOn: string;
  /** Key facts as decimal text with a '.' mark, null when blank. */
  members: string | null;
  potentialMembers: string | null;
  fte: string | null;
  publicFundingPct: string | null;
  smePct: string | null;
  /** Indicator code -> normalised value text ("12.5", "true", a level key); blank values absent. */
  values: Readonly<Record<string, string>>;
};

export type LightOrMissing = Light | "missing";

export type IndicatorLight = {
  code: string;
  light: LightOrMissing;
  /** The value as shown to people ("1.6", "yes", "adopted"), null when missing. */
  value: string | null;
  /** Why this light, in plain words. */
  reason: string;
};

const FIFTY = rational(50n);

/** The derived value C1: fte / members x 50; null when an input is blank or members = 0. */
export function ftePer50Members(assessment: Pick<Assessment, "fte" | "members">): Rational | null {
  if (assessment.fte === null || assessment.members === null) return null;
  const fte = parseDecimal(assessment.fte);
  const members = parseDecimal(assessment.members);
  if (!fte || !members || members.num === 0n) return null;
  return divide(multiply(fte, FIFTY), members);
}

function formatRational(fraction: Rational): string {
  const divisor = gcd(fraction.num, fraction.den) || 1n;
  const value = { num: fraction.num / divisor, den: fraction.den / divisor };
  if (value.den === 1n || (10n ** 12n) % value.den === 0n) {
    // a terminating decimal short enough to write out exactly
    const text = roundHalfUp(value, 12).toString();
    return text;
  }
  return `≈${roundHalfUp(value, 2)}`;
}

/** Only the colour: the hot path of the scorecard. */
export function lightOf(indicator: Indicator, assessment: Assessment): LightOrMissing {
  const rule = indicator.rule;
  if (rule.kind === "number") {
    const text = rule.derived ? undefined : assessment.values[indicator.code];
    if (rule.fast && text !== undefined && comparableAsDouble(text)) {
      // Lower-is-better compares the negated values, so one comparison serves both.
      const sign = rule.better === "higher" ? 1 : -1;
      const value = sign * Number(text);
      if (value >= sign * rule.fast.green) return "green";
      if (rule.fast.yellow !== null && value >= sign * rule.fast.yellow) return "yellow";
      return "red";
    }
    const value =
      rule.derived === "ftePer50Members"
        ? ftePer50Members(assessment)
        : parseStored(assessment.values[indicator.code]);
    if (!value) return "missing";
    const meets = (threshold: Rational) => {
      const order = compare(value, threshold);
      return rule.better === "higher" ? order >= 0 : order <= 0;
    };
    if (meets(rule.green)) return "green";
    if (rule.yellow && meets(rule.yellow)) return "yellow";
    return "red";
  }
  const text = assessment.values[indicator.code];
  if (text === undefined) return "missing";
  if (rule.kind === "boolean") return text === "true" ? "green" : "red";
  return rule.levels.get(text) ?? "missing";
}

function parseStored(text: string | undefined): Rational | null {
  return text === undefined ? null : parseDecimal(text);
}

/** The colour with the value and the rule that gave it, for a cluster's own page. */
export function explainLight(indicator: Indicator, assessment: Assessment): IndicatorLight {
  const light = lightOf(indicator, assessment);
  const rule = indicator.rule;
  const base = { code: indicator.code, light };
  if (rule.kind === "number") {
    const value =
      rule.derived === "ftePer50Members" ? ftePer50Members(assessment) : parseStored(assessment.values[indicator.code]);
    if (!value) {
      const why =
        rule.derived === "ftePer50Members"
          ? "Missing: needs both team FTE and committed members (more than 0)."
          : "Missing: no value was recorded; a missing value is never green.";
      return { ...base, value: null, reason: why };
    }
    const shown = rule.derived ? formatRational(value) : assessment.values[indicator.code]!;
    const [meetsWord, failsWord] = rule.better === "higher" ? ["at least", "below"] : ["at most", "above"];
    let reason: string;
    if (light === "green") reason = `${shown} is ${meetsWord} the green threshold ${rule.greenText}.`;
    else if (light === "yellow") reason = `${shown} is ${failsWord} the green threshold ${rule.greenText} but ${meetsWord} the yellow threshold ${rule.yellowText}.`;
    else if (rule.yellowText === null) reason = `${shown} is ${failsWord} the green threshold ${rule.greenText} (this indicator has no yellow).`;
    else reason = `${shown} is ${failsWord} the yellow threshold ${rule.yellowText}.`;
    return { ...base, value: shown, reason };
  }
  const text = assessment.values[indicator.code];
  if (text === undefined) return { ...base, value: null, reason: "Missing: no value was recorded; a missing value is never green." };
  if (rule.kind === "boolean") {
    const shown = text === "true" ? "yes" : "no";
    return { ...base, value: shown, reason: shown === "yes" ? "Yes gives green." : "No gives red." };
  }
  return { ...base, value: text, reason: `The level "${text}" is ${rule.levels.get(text)} in this catalogue.` };
}

export function explainAssessment(catalogue: Catalogue, assessment: Assessment): Array<IndicatorLight> {
  return catalogue.indicators.map((indicator) => explainLight(indicator, assessment));
}

/**
 * The team a cluster of this size needs for a green C1-style light: the green threshold of the
 * catalogue's derived "FTE per 50 members" indicator x members / 50 (41 members: 1.64 FTE).
 * Null when the catalogue has no such indicator or members is blank.
 */
export function staffingNeed(catalogue: Catalogue, members: string | null): { fte: Rational; shown: number; perFifty: string } | null {
  const indicator = catalogue.indicators.find((i) => i.rule.kind === "number" && i.rule.derived === "ftePer50Members");
  const count = members === null ? null : parseDecimal(members);
  if (!indicator || indicator.rule.kind !== "number" || !count) return null;
  const fte = divide(multiply(count, indicator.rule.green), FIFTY);
  return { fte, shown: roundHalfUp(fte, 1), perFifty: indicator.rule.greenText };
}
