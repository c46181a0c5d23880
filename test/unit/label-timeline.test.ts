import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { LabelTimeline } from "../../app/components/label-timeline";

const label = (clusterId: string, from: string, validUntil: string, graceEnd: string) => ({
  id: clusterId,
  clusterId,
  clusterName: clusterId,
  level: "BRONZE",
  interviewOn: from,
  validUntil,
  graceEnd,
  status: "valid",
  history: [{ event: "AWARD", on: from, level: "BRONZE", validUntil }],
});
const yearsNamed = (markup: string) => [...markup.matchAll(/class="chart-note">(\d{4})</g)].map((m) => Number(m[1]));

describe("the labels timeline", () => {
  it("names every year on a short span, and only some on a long one, so that they do not run together on a phone", () => {
    const short = [label("a", "2017-08-15", "2019-08-31", "2020-08-31")];
    expect(yearsNamed(renderToStaticMarkup(createElement(LabelTimeline, { current: short, record: short, asOf: "2019-06-15" })))).toEqual([2018, 2019, 2020]);
    const long = [label("a", "2009-03-01", "2011-03-31", "2012-03-31"), label("b", "2026-01-10", "2028-01-31", "2029-01-31")];
    const named = yearsNamed(renderToStaticMarkup(createElement(LabelTimeline, { current: long, record: long, asOf: "2019-06-15" })));
    // 20 years over 344 units: 17 units a year, so every second year (34 units apart).
    expect(named).toEqual([2010, 2012, 2014, 2016, 2018, 2020, 2022, 2024, 2026, 2028]);
  });
});
