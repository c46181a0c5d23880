// Against differencing: someone who sees only aggregates could compare a portfolio as of two
// dates between which one cluster was benchmarked, and subtract. For them a portfolio's aggregate
// moves only at snapshot dates, each at least K new benchmarkings after the one before, so any two
// views they can get differ by at least K benchmarkings (or not at all). Pure: no HTTP, no Prisma.

/**
 * The snapshot dates of a portfolio from the dates of its benchmarkings (YYYY-MM-DD, any order):
 * a date becomes a snapshot once at least `minimum` benchmarkings have accumulated since the last.
 */
export function snapshotDates(benchmarkingDates: ReadonlyArray<string>, minimum: number): Array<string> {
  const perDate = new Map<string, number>();
  for (const date of benchmarkingDates) perDate.set(date, (perDate.get(date) ?? 0) + 1);
  const snapshots: Array<string> = [];
  let pending = 0;
  for (const date of [...perDate.keys()].sort()) {
    pending += perDate.get(date)!;
    if (pending >= minimum) {
      snapshots.push(date);
      pending = 0;
    }
  }
  return snapshots;
}

/** The latest snapshot on or before the date asked for; null before the first. */
export function publishedAsOf(snapshots: ReadonlyArray<string>, asOf: string): string | null {
  let found: string | null = null;
  for (const snapshot of snapshots) if (snapshot <= asOf) found = snapshot;
  return found;
}
