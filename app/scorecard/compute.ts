import { bandOf, type Catalogue, type Light } from "./catalogue";
import { divide, meanOfDecimalTexts, multiply, parseDecimal, rational, roundedMean, roundHalfUp, type Rational } from "./exact";
import { lightOf, type Assessment, type LightOrMissing } from "./lights";

// The scorecard of ../shared/formats/README.md (the report's method, section 3.1).

export type Score = { green: number; cells: number; score: number | null; band: Light | null };
export type DimensionScore = Score & { code: string };
export type IndicatorCounts = { code: string; green: number; yellow: number; red: number; missing: number };
export type KeyFacts = {
  members: number | null;
  fte: number | null;
  publicFundingPct: number | null;
  smePct: number | null;
  committedSharePct: number | null;
};
export type PortfolioScorecard = {
  code: string;
  clusters: number;
  overall: Score;
  dimensions: Array<DimensionScore>;
  indicators: Array<IndicatorCounts>;
  keyFacts: KeyFacts;
};
export type Scorecard = { catalogue: string; asOf: string; since?: string; portfolios: Array<PortfolioScorecard> };

export type ScorecardOptions = {
  /** YYYY-MM-DD: each cluster counts with its latest assessment on or before this date. */
  asOf: string;
  /** YYYY-MM-DD: and not before this one. */
  since?: string;
  /** Only these portfolios (all that appear otherwise). */
  portfolios?: ReadonlyArray<string>;
};

/**
 * Each cluster's latest assessment within [since, asOf]. Dates are YYYY-MM-DD, so text order is
 * date order. The portfolios a cluster counts in are those its selected row lists.
 */
export function latestAssessments(
  assessments: Iterable<Assessment>,
  { asOf, since }: Pick<ScorecardOptions, "asOf" | "since">,
): Array<Assessment> {
  const latest = new Map<string, Assessment>();
  for (const assessment of assessments) {
    if (assessment.assessedOn > asOf) continue;
    if (since && assessment.assessedOn < since) continue;
    const current = latest.get(assessment.cluster);
    if (!current || assessment.assessedOn > current.assessedOn) latest.set(assessment.cluster, assessment);
  }
  return [...latest.values()];
}

function score(green: number, cells: number, catalogue: Catalogue): Score {
  if (cells === 0) return { green, cells, score: null, band: null };
  const exact = rational(BigInt(green) * 100n, BigInt(cells));
  return { green, cells, score: roundHalfUp(exact, 1), band: bandOf(exact, catalogue.bands) };
}


const HUNDRED = rational(100n);

/** Members x 100 / potential members, exactly; null where either is blank or potential is 0. */
function committedShareOf(assessment: Assessment): Rational | null {
  const members = assessment.members === null ? null : parseDecimal(assessment.members);
  const potential = assessment.potentialMembers === null ? null : parseDecimal(assessment.potentialMembers);
  return members && potential && potential.num !== 0n ? divide(multiply(members, HUNDRED), potential) : null;
}

export function keyFactsOf(clusters: ReadonlyArray<Assessment>): KeyFacts {
  const withShare = clusters.filter((c) => c.members !== null && c.potentialMembers !== null && /[1-9]/.test(c.potentialMembers));
  return {
    members: meanOfDecimalTexts(clusters.map((c) => c.members)),
    fte: meanOfDecimalTexts(clusters.map((c) => c.fte)),
    publicFundingPct: meanOfDecimalTexts(clusters.map((c) => c.publicFundingPct)),
    smePct: meanOfDecimalTexts(clusters.map((c) => c.smePct)),
    committedSharePct: roundedMean(
      withShare.map((c) => (100 * Number(c.members)) / Number(c.potentialMembers)),
      () => withShare.map((c) => committedShareOf(c)!),
    ),
  };
}

const LIGHT_ORDER: ReadonlyArray<LightOrMissing> = ["green", "yellow", "red", "missing"];
const LIGHT_INDEX: Record<LightOrMissing, number> = { green: 0, yellow: 1, red: 2, missing: 3 };

/** Lights of one assessment in catalogue order, as indexes into LIGHT_ORDER (compact, no garbage). */
export function lightCodes(catalogue: Catalogue, assessment: Assessment): Uint8Array {
  const codes = new Uint8Array(catalogue.indicators.length);
  catalogue.indicators.forEach((indicator, i) => (codes[i] = LIGHT_INDEX[lightOf(indicator, assessment)]));
  return codes;
}

/** The scorecard of one set of clusters (their selected assessments) under one catalogue. */
export function portfolioScorecard(catalogue: Catalogue, code: string, clusters: ReadonlyArray<Assessment>): PortfolioScorecard {
  const lights = new Uint8Array(clusters.length * catalogue.indicators.length);
  clusters.forEach((cluster, c) => lights.set(lightCodes(catalogue, cluster), c * catalogue.indicators.length));
  return tallied(catalogue, code, clusters, clusters.map((_, c) => c), lights);
}

/** A portfolio's scorecard from lights already computed: `lights` holds each cluster's row. */
function tallied(
  catalogue: Catalogue,
  code: string,
  clusters: ReadonlyArray<Assessment>,
  rows: ReadonlyArray<number>,
  lights: Uint8Array,
): PortfolioScorecard {
  const n = catalogue.indicators.length;
  const tally = new Int32Array(n * LIGHT_ORDER.length);
  for (const row of rows) {
    const offset = row * n;
    for (let i = 0; i < n; i++) tally[i * 4 + lights[offset + i]!]! += 1;
  }
  const counts: Array<IndicatorCounts> = catalogue.indicators.map((indicator, i) => ({
    code: indicator.code,
    green: tally[i * 4]!,
    yellow: tally[i * 4 + 1]!,
    red: tally[i * 4 + 2]!,
    missing: tally[i * 4 + 3]!,
  }));
  const countsByCode = new Map(counts.map((c) => [c.code, c]));
  const dimensions = catalogue.dimensions.map((dimension) => {
    const green = dimension.indicators.reduce((sum, i) => sum + countsByCode.get(i.code)!.green, 0);
    return { code: dimension.code, ...score(green, rows.length * dimension.indicators.length, catalogue) };
  });
  const green = counts.reduce((sum, c) => sum + c.green, 0);
  return {
    code,
    clusters: rows.length,
    overall: score(green, rows.length * n, catalogue),
    dimensions,
    indicators: counts,
    keyFacts: keyFactsOf(rows.map((row) => clusters[row]!)),
  };
}

/** The scorecard of every portfolio (or the chosen ones) as of a date. */
export function computeScorecard(
  catalogue: Catalogue,
  assessments: Iterable<Assessment>,
  options: ScorecardOptions,
): Scorecard {
  const selected = latestAssessments(assessments, options);
  const rowsOf = new Map<string, Array<number>>();
  for (const code of options.portfolios ?? []) rowsOf.set(code, []);
  selected.forEach((assessment, row) => {
    for (const portfolio of assessment.portfolios) {
      if (options.portfolios && !rowsOf.has(portfolio)) continue;
      let rows = rowsOf.get(portfolio);
      if (!rows) rowsOf.set(portfolio, (rows = []));
      rows.push(row);
    }
  });
  // Lights are computed once per cluster, and only for clusters of the portfolios shown.
  const n = catalogue.indicators.length;
  const lights = new Uint8Array(selected.length * n);
  const done = new Uint8Array(selected.length);
  for (const rows of rowsOf.values()) {
    for (const row of rows) {
      if (done[row]) continue;
      lights.set(lightCodes(catalogue, selected[row]!), row * n);
      done[row] = 1;
    }
  }
  const codes = [...rowsOf.keys()].sort();
  return {
    catalogue: catalogue.id,
    asOf: options.asOf,
    ...(options.since ? { since: options.since } : {}),
    portfolios: codes.map((code) => tallied(catalogue, code, selected, rowsOf.get(code)!, lights)),
  };
}
