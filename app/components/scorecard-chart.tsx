import type { Light } from "~/scorecard/catalogue";
import { LIGHT_SYMBOL, LIGHT_WORD } from "./band";
import { ChartFrame, stackGroups } from "./chart-frame";
import { portfolioLabel } from "./scorecard-query";

// The report's Figure 2 as horizontal bars (legible at 360 px): one group per dimension and one
// for the overall score, one bar per compared portfolio, each with its number and band symbol.

export type ChartRow = { title: string; bars: Array<{ portfolio: string; score: number | null; band: Light | null }> };

const LABEL_W = 66;
const BAR_MAX = 180;
const BAR_H = 16;
const GAP = 4;
const GROUP_HEAD = 20;
const GROUP_GAP = 10;

/** Band limits (e.g. 30 and 65) are drawn as dashed lines across every bar. */
export function ScorecardChart({
  rows,
  title,
  description,
  limits,
}: {
  rows: Array<ChartRow>;
  title: string;
  description: string;
  limits: Array<number>;
}) {
  const id = "sc";
  const { groups, height } = stackGroups(rows, (row) => GROUP_HEAD + row.bars.length * (BAR_H + GAP) + GROUP_GAP);
  return (
    <ChartFrame id={id} title={title} description={description} height={height}>
      {groups.map(({ row, top }) => (
        <g key={row.title} transform={`translate(0 ${top})`}>
          <text x="0" y="12" className="chart-group">{row.title}</text>
          {row.bars.map((bar, i) => {
            const barY = GROUP_HEAD + i * (BAR_H + GAP);
            const w = bar.score === null ? 0 : Math.max(1, (bar.score / 100) * BAR_MAX);
            const band = bar.band;
            return (
              <g key={bar.portfolio} transform={`translate(0 ${barY})`}>
                <text x="0" y={BAR_H - 3} className="chart-label">{portfolioLabel(bar.portfolio)}</text>
                <rect x={LABEL_W} y="0" width={BAR_MAX} height={BAR_H} className="chart-track" />
                {band && <rect x={LABEL_W} y="0" width={w} height={BAR_H} fill={`url(#${id}-${band})`} className={`bar-${band}`} />}
                {limits.map((limit) => (
                  <line key={limit} x1={LABEL_W + (limit / 100) * BAR_MAX} x2={LABEL_W + (limit / 100) * BAR_MAX} y1="-1" y2={BAR_H + 1} className="chart-limit" />
                ))}
                <text x={LABEL_W + BAR_MAX + 4} y={BAR_H - 3} className="chart-value">
                  {bar.score === null ? "no data" : `${bar.score.toFixed(1)} ${LIGHT_SYMBOL[band!]} ${LIGHT_WORD[band!]}`}
                </text>
              </g>
            );
          })}
        </g>
      ))}
    </ChartFrame>
  );
}
