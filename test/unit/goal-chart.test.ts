import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { GoalChart } from "../../app/components/goal-chart";

// The check-in chart: the expected straight line from baseline to target, and what was measured.
const svg = (checkIns: Array<{ value: number; date: string }>) =>
  renderToStaticMarkup(createElement(GoalChart, { id: "g", title: "Team FTE", baseline: { value: 0, date: "2018-01-01" }, target: { value: 10, date: "2019-01-01" }, checkIns }));
const attributes = (markup: string, tag: string) =>
  [...markup.matchAll(new RegExp(`<${tag} ([^>]*)/?>`, "g"))].map((m) => Object.fromEntries([...m[1]!.matchAll(/([a-z0-9-]+)="([^"]*)"/gi)].map((a) => [a[1], a[2]])));

describe("a goal's check-in chart", () => {
  it("draws the expected line from the baseline at its date to the target at the due date, and each check-in where it was measured", () => {
    const markup = svg([
      { value: 5, date: "2018-07-02" },
      { value: 4, date: "2018-10-01" },
    ]);
    // Values from -1 to 11 (10 % room) over 88 px of height from y = 10; days over 360 - 44 - 12 = 304 px from x = 44.
    const expected = attributes(markup, "line").find((l) => l.class === "chart-limit")!;
    expect(expected).toMatchObject({ x1: "44", x2: "348" });
    expect(Number(expected.y1)).toBeCloseTo(10 + (11 / 12) * 88, 6); // 0, the baseline
    expect(Number(expected.y2)).toBeCloseTo(10 + (1 / 12) * 88, 6); // 10, the target
    const dots = attributes(markup, "circle").map((c) => [Number(c.cx), Number(c.cy)]);
    expect(dots).toHaveLength(2);
    expect(dots[0]![0]).toBeCloseTo(44 + (182 / 365) * 304, 6); // 2 July, day 182 of 365
    expect(dots[0]![1]).toBeCloseTo(10 + (6 / 12) * 88, 6); // 5
    expect(dots[1]![0]).toBeCloseTo(44 + (273 / 365) * 304, 6);
    expect(dots[1]![1]).toBeCloseTo(10 + (7 / 12) * 88, 6); // 4: lower on the chart than 5
    expect(attributes(markup, "polyline")[0]!.points).toBe(`${(44 + (182 / 365) * 304).toFixed(1)},54.0 ${(44 + (273 / 365) * 304).toFixed(1)},61.3`);
    // Said in words too, for those who do not see the picture.
    expect(markup).toContain("<desc id=\"g-desc\">Expected: from 0 on 2018-01-01 to 10 on 2019-01-01. Check-ins: 5 on 2018-07-02, 4 on 2018-10-01.</desc>");
  });

  it("widens to a check-in after the due date, and says when there is none", () => {
    const late = attributes(svg([{ value: 12, date: "2019-07-02" }]), "line").find((l) => l.class === "chart-limit")!;
    expect(Number(late.x2)).toBeLessThan(348); // the due date is no longer the right edge
    const none = svg([]);
    expect(attributes(none, "circle")).toHaveLength(0);
    expect(none).toContain("No check-ins yet.");
  });
});
