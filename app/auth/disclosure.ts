// Against differencing: someone who sees a portfolio only in aggregate could compare it as of two
// dates between which one cluster was benchmarked, and subtract. So they see only what the
// portfolio's coordinator has published, and a publication must differ from its neighbours by
// at least K clusters (and cover at least K): any two views they can get differ by K clusters or
// more. Pure: no HTTP, no Prisma.

/** A cluster as counted in a portfolio's scorecard: its latest benchmarking as of the date. */
export type Member = { cluster: string; assessedOn: string };

/** Clusters whose benchmarking differs between two states of a portfolio (added, changed, gone). */
export function changedClusters(a: ReadonlyArray<Member>, b: ReadonlyArray<Member>): Array<string> {
  const before = new Map(a.map((m) => [m.cluster, m.assessedOn]));
  const after = new Map(b.map((m) => [m.cluster, m.assessedOn]));
  const changed = new Set<string>();
  for (const [cluster, date] of after) if (before.get(cluster) !== date) changed.add(cluster);
  for (const cluster of before.keys()) if (!after.has(cluster)) changed.add(cluster);
  return [...changed].sort();
}

/**
 * Why publishing this state would give individual results away, or null when it may be published.
 * `neighbours` are the published states just before and just after it (where they exist).
 */
export function publicationBlocker(
  state: ReadonlyArray<Member>,
  neighbours: ReadonlyArray<{ asOf: string; members: ReadonlyArray<Member> }>,
  minimum: number,
): string | null {
  if (state.length < minimum) return `it covers ${state.length} cluster(s); at least ${minimum} are needed`;
  for (const neighbour of neighbours) {
    const changed = changedClusters(neighbour.members, state).length;
    if (changed === 0) return `it is the same as the publication as of ${neighbour.asOf}`;
    if (changed < minimum) {
      return `only ${changed} cluster(s) differ from the publication as of ${neighbour.asOf}; at least ${minimum} must, or the difference would show them`;
    }
  }
  return null;
}

/**
 * Why publishing this state would give individual results away through another portfolio's
 * publication, or null. Overlapping portfolios (a region and the nation, two regions sharing
 * clusters) can be subtracted like two dates of one portfolio: their published states must be
 * the same set of benchmarkings or differ by at least `minimum`.
 */
export function overlapBlocker(
  state: ReadonlyArray<Member>,
  others: ReadonlyArray<{ portfolio: string; asOf: string; members: ReadonlyArray<Member> }>,
  minimum: number,
): string | null {
  for (const other of others) {
    const changed = changedClusters(other.members, state).length;
    if (changed > 0 && changed < minimum) {
      return `it differs from ${other.portfolio}'s publication as of ${other.asOf} by only ${changed} cluster(s); at least ${minimum} must, or comparing the two would show them`;
    }
  }
  return null;
}

/** The latest publication on or before the date asked for; null before the first. */
export function publishedAsOf(publications: ReadonlyArray<string>, asOf: string): string | null {
  let found: string | null = null;
  for (const date of publications) if (date <= asOf && (found === null || date > found)) found = date;
  return found;
}
