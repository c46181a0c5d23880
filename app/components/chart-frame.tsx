import type { ReactNode } from "react";
import { LightPatterns } from "./band";

// What every server-rendered chart shares: an accessible SVG (role img, title, description),
// the light fill patterns, and groups of bars stacked from top to bottom.

export const CHART_WIDTH = 360;

/** Places groups one below the other; returns each group's top and the total height. */
export function stackGroups<T>(rows: ReadonlyArray<T>, heightOf: (row: T) => number): { groups: Array<{ row: T; top: number }>; height: number } {
  let y = 4;
  const groups = rows.map((row) => {
    const top = y;
    y += heightOf(row);
    return { row, top };
  });
  return { groups, height: y };
}

export function ChartFrame({
  id,
  title,
  description,
  height,
  children,
}: {
  id: string;
  title: string;
  description: string;
  height: number;
  children: ReactNode;
}) {
  return (
    <svg className="chart" viewBox={`0 0 ${CHART_WIDTH} ${height}`} role="img" aria-labelledby={`${id}-title ${id}-desc`}>
      <title id={`${id}-title`}>{title}</title>
      <desc id={`${id}-desc`}>{description}</desc>
      <LightPatterns id={id} />
      {children}
    </svg>
  );
}
