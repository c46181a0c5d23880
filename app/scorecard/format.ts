import type { Catalogue } from "./catalogue";
import type { Scorecard } from "./compute";

// Printing a scorecard: the JSON contract of ../shared/formats/README.md and a readable table.

const ONE_DECIMAL_KEYS = new Set(["score", "members", "fte", "publicFundingPct", "smePct", "committedSharePct"]);

/** The scorecard JSON with scores and key facts written with one decimal (41.0, not 41). */
export function scorecardJson(scorecard: Scorecard): string {
  // Numbers to write with one decimal travel through JSON.stringify as marked strings; the mark
  // holds a fresh random id, so no text in the data can be mistaken for it.
  const mark = `@${crypto.randomUUID()}@`;
  const text = JSON.stringify(
    scorecard,
    (key, value) =>
      ONE_DECIMAL_KEYS.has(key) && typeof value === "number" && Math.abs(value) < 1e21 ? `${mark}${value.toFixed(1)}` : value,
    2,
  );
  return text.replaceAll(new RegExp(`"${mark}(-?\\d+\\.\\d)"`, "g"), "$1");
}

const BAND_WORD = { green: "GREEN", yellow: "YELLOW", red: "RED" } as const;

function cell(value: number | null | undefined): string {
  return value === null || value === undefined ? "-" : value.toFixed(1);
}

/** A plain-text table: one column per portfolio, bands in words. */
export function scorecardText(scorecard: Scorecard, catalogue: Catalogue): string {
  const portfolios = scorecard.portfolios;
  const rows: Array<Array<string>> = [["", ...portfolios.map((p) => p.code)]];
  rows.push(["Clusters", ...portfolios.map((p) => String(p.clusters))]);
  catalogue.dimensions.forEach((dimension, i) => {
    rows.push([
      dimension.title,
      ...portfolios.map((p) => {
        const d = p.dimensions[i]!;
        return d.score === null ? "-" : `${d.score.toFixed(1)} ${BAND_WORD[d.band!]}`;
      }),
    ]);
  });
  rows.push([
    "Overall",
    ...portfolios.map((p) => (p.overall.score === null ? "-" : `${p.overall.score.toFixed(1)} ${BAND_WORD[p.overall.band!]} (${p.overall.green}/${p.overall.cells})`)),
  ]);
  rows.push(["Members (mean)", ...portfolios.map((p) => cell(p.keyFacts.members))]);
  rows.push(["Team FTE (mean)", ...portfolios.map((p) => cell(p.keyFacts.fte))]);
  rows.push(["Public funding %", ...portfolios.map((p) => cell(p.keyFacts.publicFundingPct))]);
  rows.push(["SMEs %", ...portfolios.map((p) => cell(p.keyFacts.smePct))]);
  rows.push(["Committed of potential %", ...portfolios.map((p) => cell(p.keyFacts.committedSharePct))]);
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  const lines = rows.map((r) => r.map((v, c) => (c === 0 ? v.padEnd(widths[c]!) : v.padStart(widths[c]!))).join("  "));
  const since = scorecard.since ? `, since ${scorecard.since}` : "";
  return [`Scorecard ${scorecard.catalogue}, as of ${scorecard.asOf}${since}`, "", ...lines, ""].join("\n");
}
