import type { Catalogue, Indicator } from "../scorecard/catalogue";
import type { PortfolioScorecard } from "../scorecard/compute";
import { roundHalfUp } from "../scorecard/exact";
import { ftePer50Members, lightOf, type Assessment } from "../scorecard/lights";
import { LABEL_LEVELS } from "../../workflows/label";

// What a goal measures, as one text, and how to read its value from a scorecard or from one
// cluster's benchmarking. Pure: no HTTP, no Prisma.
//
//   overall | dimension:<code>          the overall or a dimension score (cluster or portfolio)
//   indicator:<code>                    one cluster's indicator value (a yes/no counts 1/0)
//   light:<code>                        one cluster's light as a number: red 0, yellow 1, green 2
//   fact:members | fact:fte | fact:publicFundingPct   a key fact (cluster or portfolio mean)
//   labels:BRONZE | labels:SILVER | labels:GOLD       clusters holding at least that label (portfolio)
//   free:<unit>                         any other number, with its unit

export const KEY_FACTS = { members: "Committed members", fte: "Team FTE", publicFundingPct: "Public funding, %" } as const;
export type KeyFact = keyof typeof KEY_FACTS;
export const LIGHT_VALUE = { red: 0, yellow: 1, green: 2 } as const;

export type Scope = "region" | "cluster";
export type MetricOption = { value: string; label: string };

const scored = (indicator: Indicator) => indicator.rule.kind === "number" || indicator.rule.kind === "boolean";

/** The metrics a goal of this scope may measure, in the order a form offers them. */
export function metricOptions(catalogue: Catalogue, scope: Scope): Array<MetricOption> {
  const options: Array<MetricOption> = [
    { value: "overall", label: "Overall score" },
    ...catalogue.dimensions.map((d) => ({ value: `dimension:${d.code}`, label: `${d.title} score` })),
    ...Object.entries(KEY_FACTS).map(([key, label]) => ({ value: `fact:${key}`, label: scope === "region" ? `${label} (mean)` : label })),
  ];
  if (scope === "cluster") {
    for (const indicator of catalogue.indicators) {
      if (scored(indicator)) options.push({ value: `indicator:${indicator.code}`, label: `${indicator.code} ${indicator.title}` });
      options.push({ value: `light:${indicator.code}`, label: `${indicator.code} light (red 0, yellow 1, green 2)` });
    }
  } else {
    for (const level of LABEL_LEVELS) options.push({ value: `labels:${level}`, label: `Clusters holding at least a ${level.toLowerCase()} label` });
  }
  return options;
}

/** Whether the text names a metric of this catalogue for this scope ("free:<unit>" always does). */
export function isMetric(catalogue: Catalogue, scope: Scope, metric: string): boolean {
  return metric.startsWith("free:") ? metric.length > 5 : metricOptions(catalogue, scope).some((o) => o.value === metric);
}

/** Metrics whose baseline nothing stored can give: the person enters it. */
export function needsManualBaseline(metric: string): boolean {
  return metric.startsWith("free:");
}

/** Metrics counted from the label data, never checked in by hand. */
export function isLabelMetric(metric: string): boolean {
  return metric.startsWith("labels:");
}

/** The values a metric can take, where it has limits: a target outside them can never be reached. */
export function metricBounds(catalogue: Catalogue, metric: string): { min: number; max: number; words: string } | null {
  const [kind, code] = metric.split(":") as [string, string | undefined];
  if (kind === "overall" || kind === "dimension") return { min: 0, max: 100, words: "a score from 0 to 100" };
  if (kind === "light") return { min: 0, max: 2, words: "a light: 0 red, 1 yellow, 2 green" };
  if (kind === "labels") return { min: 0, max: Number.MAX_SAFE_INTEGER, words: "a number of clusters" };
  if (kind === "fact") return code === "publicFundingPct" ? { min: 0, max: 100, words: "a share from 0 to 100 %" } : { min: 0, max: Number.MAX_SAFE_INTEGER, words: "0 or more" };
  if (kind === "indicator") {
    const indicator = catalogue.indicators.find((i) => i.code === code);
    if (indicator?.rule.kind === "boolean") return { min: 0, max: 1, words: "1 (yes) or 0 (no)" };
    return { min: 0, max: Number.MAX_SAFE_INTEGER, words: "0 or more" };
  }
  return null;
}

/** The metric's value in a scorecard (a portfolio's or one cluster's); null where it has none. */
export function scorecardValue(card: PortfolioScorecard, metric: string): number | null {
  if (metric === "overall") return card.overall.score;
  const [kind, code] = metric.split(":") as [string, string | undefined];
  if (kind === "dimension") return card.dimensions.find((d) => d.code === code)?.score ?? null;
  if (kind === "fact" && code && code in KEY_FACTS) return card.keyFacts[code as KeyFact];
  return null;
}

/** The metric's value for one cluster: its scorecard, or its indicator values and lights. */
export function clusterValue(catalogue: Catalogue, card: PortfolioScorecard, assessment: Assessment, metric: string): number | null {
  const [kind, code] = metric.split(":") as [string, string | undefined];
  if (kind !== "indicator" && kind !== "light") return scorecardValue(card, metric);
  const indicator = catalogue.indicators.find((i) => i.code === code);
  if (!indicator) return null;
  if (kind === "light") {
    const light = lightOf(indicator, assessment);
    return light === "missing" ? null : LIGHT_VALUE[light];
  }
  return indicatorValue(indicator, assessment);
}

function indicatorValue(indicator: Indicator, assessment: Assessment): number | null {
  const rule = indicator.rule;
  const text = assessment.values[indicator.code];
  if (rule.kind === "boolean") return text === undefined ? null : text === "true" ? 1 : 0;
  if (rule.kind !== "number") return null;
  if (rule.derived === "ftePer50Members") {
    const value = ftePer50Members(assessment);
    return value ? roundHalfUp(value, 2) : null;
  }
  return text === undefined ? null : Number(text);
}

/** The value a goal on this indicator aims for: where it turns green. */
export function greenTarget(indicator: Indicator): number | null {
  const rule = indicator.rule;
  if (rule.kind === "boolean") return 1;
  if (rule.kind === "number") return Number(rule.greenText);
  return null;
}
