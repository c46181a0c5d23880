import { LABEL_STATUS_WORDS } from "~/labels/words";
import { CHART_WIDTH } from "./chart-frame";

// Every label of a portfolio on one time axis: valid from its interview to its expiry (solid), its
// grace year after that (hatched), and a line on the day viewed. Each row names the cluster and
// the state in words; the table beside it has the same dates.

type Label = { id: string; clusterName: string; level: string; interviewOn: string; validUntil: string; graceEnd: string; status: string };

const ROW = 26;
const LEFT = 8;
const dayOf = (date: string) => Date.parse(`${date}T00:00:00Z`) / 86_400_000;

export function LabelTimeline({ labels, asOf }: { labels: ReadonlyArray<Label>; asOf: string }) {
  if (labels.length === 0) return null;
  const first = Math.min(...labels.map((l) => dayOf(l.interviewOn)), dayOf(asOf));
  const last = Math.max(...labels.map((l) => dayOf(l.graceEnd)), dayOf(asOf));
  const x = (date: string) => LEFT + ((dayOf(date) - first) / Math.max(1, last - first)) * (CHART_WIDTH - 2 * LEFT);
  const height = labels.length * ROW + 24;
  const years: Array<number> = [];
  for (let year = new Date(first * 86_400_000).getUTCFullYear() + 1; dayOf(`${year}-01-01`) <= last; year++) years.push(year);
  return (
    <svg className="chart" viewBox={`0 0 ${CHART_WIDTH} ${height}`} role="img" aria-labelledby="labels-title labels-desc">
      <title id="labels-title">{`Labels on a timeline, as of ${asOf}`}</title>
      <desc id="labels-desc">
        {labels.map((l) => `${l.clusterName}: ${l.level} from ${l.interviewOn}, valid to ${l.validUntil}, renewable to ${l.graceEnd}, ${LABEL_STATUS_WORDS[l.status]?.word ?? l.status}`).join(". ")}
      </desc>
      <defs>
        <pattern id="grace-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
          <rect width="6" height="6" className="fill-missing" />
          <line x1="0" y1="0" x2="0" y2="6" className="hatch" strokeWidth="2" />
        </pattern>
      </defs>
      {years.map((year) => (
        <g key={year}>
          <line x1={x(`${year}-01-01`)} y1={0} x2={x(`${year}-01-01`)} y2={height - 14} className="chart-axis" />
          <text x={x(`${year}-01-01`) + 2} y={height - 4} className="chart-note">{year}</text>
        </g>
      ))}
      {labels.map((l, i) => {
        const top = i * ROW + 4;
        const state = LABEL_STATUS_WORDS[l.status];
        return (
          <g key={l.id}>
            <rect x={x(l.interviewOn)} y={top + 12} width={Math.max(1, x(l.validUntil) - x(l.interviewOn))} height={9} className={l.status === "lapsed" ? "fill-missing" : "fill-green"} />
            <rect x={x(l.validUntil)} y={top + 12} width={Math.max(1, x(l.graceEnd) - x(l.validUntil))} height={9} fill="url(#grace-hatch)" />
            {/* the symbol stands for the state (legend below the chart; words in the table and the description) */}
            <text x={LEFT} y={top + 9} className="chart-label">{`${state?.symbol ?? ""} ${l.clusterName} · ${l.level}`}</text>
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
      Solid: valid; hatched: the grace year; dashed line: the day shown.{" "}
      {Object.values(LABEL_STATUS_WORDS).map((w) => `${w.symbol} ${w.word}`).join(" · ")}
    </p>
  );
}
