import type { LightOrMissing } from "~/scorecard/lights";
import { LIGHT_SYMBOL } from "./band";
import { ChartFrame, stackGroups } from "./chart-frame";
import { portfolioLabel } from "./scorecard-query";

// The report's Figures 3 to 11: per indicator, the shares of green, yellow, red and missing
// lights in each compared portfolio, as 100 % stacked bars.

export type ShareRow = {
  code: string;
  title: string;
  bars: Array<{ portfolio: string; counts: Record<LightOrMissing, number> }>;
};

const ORDER: Array<LightOrMissing> = ["green", "yellow", "red", "missing"];
const LABEL_W = 66;
const BAR_MAX = 280;
const BAR_H = 16;
const GAP = 4;
const HEAD = 36;
const GROUP_GAP = 12;

export function percent(count: number, total: number): number {
  return total === 0 ? 0 : Math.round((count / total) * 100);
}

export function LightShareChart({ rows, title, description }: { rows: Array<ShareRow>; title: string; description: string }) {
  const id = "ls";
  const { groups, height } = stackGroups(rows, (row) => HEAD + row.bars.length * (BAR_H + GAP) + GROUP_GAP);
  return (
    <ChartFrame id={id} title={title} description={description} height={height}>
      {groups.map(({ row, top }) => (
        <g key={row.code} transform={`translate(0 ${top})`}>
          <text x="0" y="13" className="chart-group">{row.code}</text>
          <text x="0" y="28" className="chart-note">{row.title.length > 52 ? row.title.slice(0, 50) + "…" : row.title}</text>
          {row.bars.map((bar, i) => {
            const total = ORDER.reduce((sum, light) => sum + bar.counts[light], 0);
            let x = LABEL_W;
            return (
              <g key={bar.portfolio} transform={`translate(0 ${HEAD + i * (BAR_H + GAP)})`}>
                <text x="0" y={BAR_H - 4} className="chart-label">{portfolioLabel(bar.portfolio)}</text>
                {total === 0 && <text x={LABEL_W} y={BAR_H - 4} className="chart-note">no clusters</text>}
                {ORDER.map((light) => {
                  const w = total === 0 ? 0 : (bar.counts[light] / total) * BAR_MAX;
                  const segment = (
                    <g key={light}>
                      <rect x={x} y="0" width={w} height={BAR_H} fill={`url(#${id}-${light})`} className={`bar-${light}`} />
                      {w >= 34 && (
                        <text x={x + 3} y={BAR_H - 4} className="chart-in-bar">
                          {LIGHT_SYMBOL[light]} {percent(bar.counts[light], total)}%
                        </text>
                      )}
                    </g>
                  );
                  x += w;
                  return segment;
                })}
              </g>
            );
          })}
        </g>
      ))}
    </ChartFrame>
  );
}
