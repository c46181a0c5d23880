import { bandOf, type Catalogue, type Light } from "./catalogue";
import { mean, multiply, parseDecimal, rational, roundHalfUp, divide, type Rational } from "./exact";
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

function meanOf(values: Array<Rational | null>): number | null {
  const present = values.filter((v): v is Rational => v !== null);
  const result = mean(present);
  return result === null ? null : roundHalfUp(result, 1);
}

const HUNDRED = rational(100n);

export function keyFactsOf(clusters: ReadonlyArray<Assessment>): KeyFacts {
  const decimal = (text: string | null) => (text === null ? null : parseDecimal(text));
  return {
    members: meanOf(clusters.map((c) => decimal(c.members))),
    fte: meanOf(clusters.map((c) => decimal(c.fte))),
    publicFundingPct: meanOf(clusters.map((c) => decimal(c.publicFundingPct))),
    smePct: meanOf(clusters.map((c) => decimal(c.smePct))),
    committedSharePct: meanOf(
      clusters.map((c) => {
        const members = decimal(c.members);
        const potential = decimal(c.potentialMembers);
        if (!members || !potential || potential.num === 0n) return null;
        return divide(multiply(members, HUNDRED), potential);
      }),
    ),
  };
}

/** Lights of one assessment in catalogue order: computed once per cluster, shared by portfolios. */
export function lightsOf(catalogue: Catalogue, assessment: Assessment): Array<LightOrMissing> {
  return catalogue.indicators.map((indicator) => lightOf(indicator, assessment));
}

/** The scorecard of one set of clusters (their selected assessments) under one catalogue. */
export function portfolioScorecard(
  catalogue: Catalogue,
  code: string,
  clusters: ReadonlyArray<Assessment>,
  lightsByCluster: ReadonlyMap<Assessment, ReadonlyArray<LightOrMissing>> = new Map(),
): PortfolioScorecard {
  const counts: Array<IndicatorCounts> = catalogue.indicators.map((i) => ({ code: i.code, green: 0, yellow: 0, red: 0, missing: 0 }));
  for (const cluster of clusters) {
    const lights = lightsByCluster.get(cluster) ?? lightsOf(catalogue, cluster);
    lights.forEach((light, i) => counts[i]![light] += 1);
  }
  const countsByCode = new Map(counts.map((c) => [c.code, c]));
  const dimensions = catalogue.dimensions.map((dimension) => {
    const green = dimension.indicators.reduce((sum, i) => sum + countsByCode.get(i.code)!.green, 0);
    return { code: dimension.code, ...score(green, clusters.length * dimension.indicators.length, catalogue) };
  });
  const green = counts.reduce((sum, c) => sum + c.green, 0);
  return {
    code,
    clusters: clusters.length,
    overall: score(green, clusters.length * catalogue.indicators.length, catalogue),
    dimensions,
    indicators: counts,
    keyFacts: keyFactsOf(clusters),
  };
}

/** The scorecard of every portfolio (or the chosen ones) as of a date. */
export function computeScorecard(
  catalogue: Catalogue,
  assessments: Iterable<Assessment>,
  options: ScorecardOptions,
): Scorecard {
  const selected = latestAssessments(assessments, options);
  const members = new Map<string, Array<Assessment>>();
  for (const code of options.portfolios ?? []) members.set(code, []);
  for (const assessment of selected) {
    for (const portfolio of assessment.portfolios) {
      if (options.portfolios && !members.has(portfolio)) continue;
      let list = members.get(portfolio);
      if (!list) members.set(portfolio, (list = []));
      list.push(assessment);
    }
  }
  const lights = new Map(selected.map((a) => [a, lightsOf(catalogue, a)] as const));
  const codes = [...members.keys()].sort();
  return {
    catalogue: catalogue.id,
    asOf: options.asOf,
    ...(options.since ? { since: options.since } : {}),
    portfolios: codes.map((code) => portfolioScorecard(catalogue, code, members.get(code)!, lights)),
  };
}
