// The periods a label's record was valid, for drawing it: the award, each renewal continuing from
// the old expiry, each upgrade from its own interview (the period before it ends there). Pure.

export type LabelRecordEntry = { event: string; on: string; level: string; validUntil: string };
export type ValidityPeriod = { level: string; from: string; to: string };

export function validityPeriods(history: ReadonlyArray<LabelRecordEntry>): Array<ValidityPeriod> {
  const periods: Array<ValidityPeriod> = [];
  for (const entry of history) {
    const last = periods.at(-1);
    if (entry.event === "RENEW" && last) {
      periods.push({ level: entry.level, from: last.to, to: entry.validUntil });
      continue;
    }
    // An upgrade ends what ran before it on its interview day (a renewal's period may not have begun yet).
    while (periods.length && entry.on <= periods.at(-1)!.from) periods.pop();
    if (periods.length && entry.on < periods.at(-1)!.to) periods.at(-1)!.to = entry.on;
    periods.push({ level: entry.level, from: entry.on, to: entry.validUntil });
  }
  return periods;
}
