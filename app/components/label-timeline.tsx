import { validityPeriods, type LabelRecordEntry } from "~/labels/periods";
import { LABEL_STATUS_WORDS, levelWord } from "~/labels/words";
import { CHART_WIDTH } from "./chart-frame";

// Every label of a portfolio on one time axis, one row per cluster with its whole record: each
// period of validity (solid, a gap where a renewal or an upgrade begins a new one; grey once the
// label lapsed), the grace year after the last (hatched), and a line on the day viewed. Each row
// names the cluster, its current state in words and its levels; the table below has the dates.

type Label = { id: string; clusterId: string; clusterName: string; level: string; interviewOn: string; validUntil: string; graceEnd: string; status: string; history: ReadonlyArray<LabelRecordEntry> };

const ROW = 26;
const LEFT = 8;
const dayOf = (date: string) => Date.parse(`${date}T00:00:00Z`) / 86_400_000;

/** `current`: each cluster's current label (the rows, in this order); `record`: every label of those clusters by the day shown. */
export function LabelTimeline({ current, record, asOf }: { current: ReadonlyArray<Label>; record: ReadonlyArray<Label>; asOf: string }) {
  if (current.length === 0) return null;
  const rows = current.map((c) => {
    const labels = record.filter((l) => l.clusterId === c.clusterId).sort((a, b) => a.history[0]!.on.localeCompare(b.history[0]!.on));
    return { current: c, labels: labels.map((l) => ({ label: l, periods: validityPeriods(l.history) })) };
  });
  const all = rows.flatMap((r) => r.labels);
  const first = Math.min(...all.map((l) => dayOf(l.periods[0]!.from)), dayOf(asOf));
  const last = Math.max(...all.map((l) => dayOf(l.label.graceEnd)), dayOf(asOf));
  const x = (date: string) => LEFT + ((dayOf(date) - first) / Math.max(1, last - first)) * (CHART_WIDTH - 2 * LEFT);
  const height = rows.length * ROW + 24;
  const years: Array<number> = [];
  for (let year = new Date(first * 86_400_000).getUTCFullYear() + 1; dayOf(`${year}-01-01`) <= last; year++) years.push(year);
  // A year's label needs about 32 units of width: over a long span only every second (third…) year is named.
  const yearWidth = (CHART_WIDTH - 2 * LEFT) / Math.max(1, (last - first) / 365.25);
  const yearStep = Math.max(1, Math.ceil(32 / yearWidth));
  const levels = (row: (typeof rows)[number]) => row.labels.flatMap((l) => l.periods.map((p) => levelWord(p.level))).filter((level, i, list) => level !== list[i - 1]);
  const description = rows
    .map((row) => `${row.current.clusterName}, ${LABEL_STATUS_WORDS[row.current.status]?.word ?? row.current.status}: ${row.labels.flatMap((l) => l.periods.map((p) => `${levelWord(p.level)} ${p.from} to ${p.to}`)).join(", ")}; renewable to ${row.current.graceEnd}`)
    .join(". ");
  return (
    <svg className="chart" viewBox={`0 0 ${CHART_WIDTH} ${height}`} role="img" aria-labelledby="labels-title labels-desc">
      <title id="labels-title">{`Labels on a timeline, as of ${asOf}`}</title>
      <desc id="labels-desc">{description}</desc>
      <defs>
        <pattern id="grace-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
          <rect width="6" height="6" className="fill-missing" />
          <line x1="0" y1="0" x2="0" y2="6" className="hatch" strokeWidth="2" />
        </pattern>
      </defs>
      {years.map((year) => (
        <g key={year}>
          <line x1={x(`${year}-01-01`)} y1={0} x2={x(`${year}-01-01`)} y2={height - 14} className="chart-axis" />
          {year % yearStep === 0 && <text x={x(`${year}-01-01`) + 2} y={height - 4} className="chart-note">{year}</text>}
        </g>
      ))}
      {rows.map((row, i) => {
        const top = i * ROW + 4;
        const state = LABEL_STATUS_WORDS[row.current.status];
        return (
          <g key={row.current.clusterId}>
            {row.labels.map(({ label, periods }) => (
              <g key={label.id}>
                {periods.map((p) => (
                  <rect key={p.from} x={x(p.from) + 1} y={top + 12} width={Math.max(1, x(p.to) - x(p.from) - 1)} height={9} className={label.status === "lapsed" ? "fill-missing" : "fill-green"} />
                ))}
                <rect x={x(label.validUntil)} y={top + 12} width={Math.max(1, x(label.graceEnd) - x(label.validUntil))} height={9} fill="url(#grace-hatch)" />
              </g>
            ))}
            {/* the symbol stands for the state (legend below the chart; words in the table and the description) */}
            <text x={LEFT} y={top + 9} className="chart-label">{`${state?.symbol ?? ""} ${row.current.clusterName} · ${levels(row).join(" → ")}`}</text>
          </g>
        );
      })}
      <line x1={x(asOf)} y1={0} x2={x(asOf)} y2={height - 14} className="chart-limit" />
    </svg>
  );
}

export function LabelTimelineLegend() {
  return (
    <p className="legend">
      Solid: valid (a gap where a renewal or an upgrade starts a new period; grey: a label that lapsed); hatched: the grace year; dashed line: the day shown.{" "}
      {Object.values(LABEL_STATUS_WORDS).map((w) => `${w.symbol} ${w.word}`).join(" · ")}
    </p>
  );
}
