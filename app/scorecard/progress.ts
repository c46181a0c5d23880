import type { Catalogue } from "./catalogue";
import type { KeyFacts, PortfolioScorecard, Score } from "./compute";
import { lightOf, type Assessment, type LightOrMissing } from "./lights";

// Progress between two scorecards of the same clusters under the same catalogue: the baseline a
// program froze and the one recomputed after the next benchmarking round. Pure.

export type ScoreChange = { code: string; before: Score; after: Score; change: number | null };

/** The change as people read it: the difference of the two scores as shown (one decimal). */
function change(before: Score, after: Score): number | null {
  if (before.score === null || after.score === null) return null;
  return Math.round((after.score - before.score) * 10) / 10;
}

export type ScorecardComparison = {
  overall: ScoreChange;
  dimensions: Array<ScoreChange>;
  keyFacts: Array<{ key: keyof KeyFacts; before: number | null; after: number | null }>;
};

export function compareScorecards(before: PortfolioScorecard, after: PortfolioScorecard): ScorecardComparison {
  return {
    overall: { code: "overall", before: before.overall, after: after.overall, change: change(before.overall, after.overall) },
    dimensions: before.dimensions.map((d) => {
      const now = after.dimensions.find((a) => a.code === d.code)!;
      return { code: d.code, before: d, after: now, change: change(d, now) };
    }),
    keyFacts: (Object.keys(before.keyFacts) as Array<keyof KeyFacts>).map((key) => ({ key, before: before.keyFacts[key], after: after.keyFacts[key] })),
  };
}

export type LightChange = { code: string; title: string; from: LightOrMissing; to: LightOrMissing };

/** The indicators whose light changed colour between two benchmarkings of one cluster. */
export function lightChanges(catalogue: Catalogue, before: Assessment, after: Assessment): Array<LightChange> {
  const changes: Array<LightChange> = [];
  for (const indicator of catalogue.indicators) {
    const from = lightOf(indicator, before);
    const to = lightOf(indicator, after);
    if (from !== to) changes.push({ code: indicator.code, title: indicator.title, from, to });
  }
  return changes;
}
