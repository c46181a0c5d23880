import type { Catalogue, Indicator } from "../scorecard/catalogue";
import { portfolioScorecard, type PortfolioScorecard } from "../scorecard/compute";
import { lightOf, type Assessment } from "../scorecard/lights";
import { IMPROVEMENT_AREAS } from "../../workflows/goal";
import { clusterValue, greenTarget, LIGHT_VALUE } from "./metrics";

// Goals the product proposes from a program's baseline (report section 4): for each cluster its
// red indicators in its weakest dimensions, aiming at the green threshold; for the region its red
// and yellow dimensions, aiming at a green score. People accept, edit or ignore each. Pure.

export type Suggestion = {
  /** Stable within a program: what an "ignore" is remembered by. */
  key: string;
  scope: "region" | "cluster";
  clusterId: string | null;
  area: (typeof IMPROVEMENT_AREAS)[number];
  metric: string;
  baseline: number;
  target: number;
  why: string;
};

/** How many of a cluster's weakest dimensions (those with a red light) its suggestions come from. */
export const WEAKEST_DIMENSIONS = 2;

const [SERVICES, VISIBILITY, STAFFING, COMPETENCE, INTEGRATION, FUNDING] = IMPROVEMENT_AREAS;

/** The improvement area a dimension's weaknesses usually belong to (people may choose another). */
const AREA_OF_DIMENSION: Record<string, (typeof IMPROVEMENT_AREAS)[number]> = {
  structure: STAFFING,
  strategy: INTEGRATION,
  capacity: COMPETENCE,
  services: SERVICES,
  cooperation: INTEGRATION,
  embedment: INTEGRATION,
  dynamics: VISIBILITY,
  sustainability: FUNDING,
};

function areaOf(indicator: Indicator | null, dimension: string): (typeof IMPROVEMENT_AREAS)[number] {
  // Team size against members is its own area in the report.
  if (indicator?.rule.kind === "number" && indicator.rule.derived === "ftePer50Members") return STAFFING;
  return AREA_OF_DIMENSION[dimension] ?? INTEGRATION;
}

/** The smallest score with one decimal that is green (scores are shown to one decimal). */
function greenScore(catalogue: Catalogue): number {
  const { num, den } = catalogue.bands.greenAbove;
  return Number((num * 10n) / den + 1n) / 10;
}

export function clusterSuggestions(catalogue: Catalogue, assessment: Assessment): Array<Suggestion> {
  const card = portfolioScorecard(catalogue, assessment.cluster, [assessment]);
  const redIn = (code: string) => catalogue.dimensions.find((d) => d.code === code)!.indicators.filter((i) => lightOf(i, assessment) === "red");
  const weakest = card.dimensions
    .filter((d) => d.score !== null && redIn(d.code).length > 0)
    .sort((a, b) => a.score! - b.score!)
    .slice(0, WEAKEST_DIMENSIONS);
  const suggestions: Array<Suggestion> = [];
  for (const dimension of weakest) {
    const title = catalogue.dimensions.find((d) => d.code === dimension.code)!.title;
    for (const indicator of redIn(dimension.code)) {
      const green = greenTarget(indicator);
      const metric = green === null ? `light:${indicator.code}` : `indicator:${indicator.code}`;
      const baseline = clusterValue(catalogue, card, assessment, metric);
      if (baseline === null) continue;
      suggestions.push({
        key: `cluster:${assessment.cluster}:${metric}`,
        scope: "cluster",
        clusterId: assessment.cluster,
        area: areaOf(indicator, dimension.code),
        metric,
        baseline,
        target: green ?? LIGHT_VALUE.green,
        why: `${indicator.code} is red in ${title}, one of the cluster's weakest dimensions (${dimension.score}).`,
      });
    }
  }
  return suggestions;
}

export function regionSuggestions(catalogue: Catalogue, baseline: PortfolioScorecard): Array<Suggestion> {
  const target = greenScore(catalogue);
  return baseline.dimensions
    .filter((d) => d.score !== null && (d.band === "red" || d.band === "yellow"))
    .sort((a, b) => a.score! - b.score!)
    .map((d) => ({
      key: `region:dimension:${d.code}`,
      scope: "region" as const,
      clusterId: null,
      area: areaOf(null, d.code),
      metric: `dimension:${d.code}`,
      baseline: d.score!,
      target,
      why: `${catalogue.dimensions.find((x) => x.code === d.code)?.title ?? d.code} is ${d.band} in the baseline (${d.score}); green is above ${catalogue.bands.greenAboveText}.`,
    }));
}

/** How many improvement areas each sharing-and-learning forum takes as its themes (report section 4). */
export const AREAS_PER_LEARNING_FORUM = 2;

/**
 * The themes proposed for the two sharing-and-learning forums: the improvement areas of the
 * baseline's weakest dimensions (lowest score first, each area once), two per forum, topped up in
 * the report's order where the weak dimensions share areas; a regional topic is left to choose.
 */
export function learningForumThemes(baseline: PortfolioScorecard): [string, string] {
  const weakestFirst = baseline.dimensions.filter((d) => d.score !== null).sort((a, b) => a.score! - b.score!);
  const areas = [...new Set([...weakestFirst.map((d) => areaOf(null, d.code)), ...IMPROVEMENT_AREAS])];
  const themes = (from: number) => `${areas.slice(from, from + AREAS_PER_LEARNING_FORUM).join("; ")}. Regional topic: to be chosen with the regional actors`;
  return [themes(0), themes(AREAS_PER_LEARNING_FORUM)];
}
