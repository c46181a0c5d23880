import { CHART_WIDTH } from "./chart-frame";

// A goal's check-ins against the expected line, the straight line from the baseline (at its
// date) to the target (at the due date) that health is judged by. Server-rendered SVG; the
// numbers are in the table beside it too, so nothing rests on the picture alone.

type Point = { value: number; date: string };

const HEIGHT = 120;
const PAD = { left: 44, right: 12, top: 10, bottom: 22 };
const dayOf = (date: string) => Date.parse(`${date}T00:00:00Z`) / 86_400_000;

export function GoalChart({ id, title, baseline, target, checkIns }: { id: string; title: string; baseline: Point; target: Point; checkIns: ReadonlyArray<Point> }) {
  const points = [baseline, target, ...checkIns];
  const firstDay = dayOf(baseline.date);
  const lastDay = Math.max(...points.map((p) => dayOf(p.date)));
  const values = points.map((p) => p.value);
  let [low, high] = [Math.min(...values), Math.max(...values)];
  if (low === high) [low, high] = [low - 1, high + 1];
  const margin = (high - low) * 0.1;
  [low, high] = [low - margin, high + margin];
  const x = (date: string) => PAD.left + ((dayOf(date) - firstDay) / Math.max(1, lastDay - firstDay)) * (CHART_WIDTH - PAD.left - PAD.right);
  const y = (value: number) => PAD.top + ((high - value) / (high - low)) * (HEIGHT - PAD.top - PAD.bottom);
  const line = checkIns.map((p) => `${x(p.date).toFixed(1)},${y(p.value).toFixed(1)}`).join(" ");
  const description =
    `Expected: from ${baseline.value} on ${baseline.date} to ${target.value} on ${target.date}. ` +
    (checkIns.length ? `Check-ins: ${checkIns.map((p) => `${p.value} on ${p.date}`).join(", ")}.` : "No check-ins yet.");
  return (
    <svg className="chart goal-chart" viewBox={`0 0 ${CHART_WIDTH} ${HEIGHT}`} role="img" aria-labelledby={`${id}-title ${id}-desc`}>
      <title id={`${id}-title`}>{title}</title>
      <desc id={`${id}-desc`}>{description}</desc>
      <line x1={PAD.left} y1={HEIGHT - PAD.bottom} x2={CHART_WIDTH - PAD.right} y2={HEIGHT - PAD.bottom} className="chart-axis" />
      <text x={PAD.left - 4} y={y(baseline.value) + 4} textAnchor="end" className="chart-note">{baseline.value}</text>
      <text x={PAD.left - 4} y={y(target.value) + 4} textAnchor="end" className="chart-note">{target.value}</text>
      <text x={PAD.left} y={HEIGHT - 6} className="chart-note">{baseline.date}</text>
      <text x={CHART_WIDTH - PAD.right} y={HEIGHT - 6} textAnchor="end" className="chart-note">{target.date}</text>
      {/* dashed: the expected line; solid with dots: what was measured */}
      <line x1={x(baseline.date)} y1={y(baseline.value)} x2={x(target.date)} y2={y(target.value)} className="chart-limit" />
      {checkIns.length > 1 && <polyline points={line} className="chart-measured" />}
      {checkIns.map((p, i) => (
        <circle key={i} cx={x(p.date)} cy={y(p.value)} r={3.5} className="chart-point" />
      ))}
    </svg>
  );
}
