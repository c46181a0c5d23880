// Deterministic national-scale benchmarking data for scripts/bench.ts: N clusters in ~20 regional
// portfolios (plus `nation`, which every cluster lists), one assessment per round, values valid
// under the given catalogue (rces-2017 JSON). No clock, no Math.random: a seeded PRNG.

import { prng } from "../prng.mjs";

type RawIndicator = {
  code: string;
  title: string;
  kind: "number" | "boolean" | "level";
  better?: "higher" | "lower";
  green?: number;
  yellow?: number;
  derived?: string;
  levels?: Record<string, string>;
};
export type RawCatalogue = { id: string; indicators: Array<RawIndicator> };

export const REGIONS = Array.from({ length: 20 }, (_, i) => `region-${String(i + 1).padStart(2, "0")}`);
/** Two-year assessment rounds: a cluster is benchmarked once in each. */
export const ROUNDS = [2014, 2016, 2018] as const;


const KEY_FACTS = ["members", "potential_members", "fte", "public_funding_pct", "sme_pct"];

/** Header row: required columns, key facts, then every indicator that has a column (not C1). */
export function columnsOf(catalogue: RawCatalogue): Array<string> {
  const codes = catalogue.indicators.filter((i) => !i.derived).map((i) => i.code);
  return ["cluster", "name", "portfolios", "assessed_on", ...KEY_FACTS, ...codes];
}

/** A plausible range around the thresholds, so each indicator gets a mix of lights. */
function rangeOf(indicator: RawIndicator): [number, number] {
  const green = indicator.green ?? 1;
  const yellow = indicator.yellow ?? green;
  const [lo, hi] = indicator.better === "lower" ? [0, Math.max(yellow, green) * 1.8] : [Math.min(0, 2 * yellow - green), green * 1.8];
  return indicator.title.includes("%") ? [Math.max(lo, -100), Math.min(hi, 100)] : [lo, hi];
}

function valueOf(indicator: RawIndicator, random: () => number, members: string): string {
  if (indicator.kind === "boolean") return random() < 0.6 ? "yes" : "no";
  if (indicator.kind === "level") {
    const keys = Object.keys(indicator.levels ?? {});
    return keys[Math.floor(random() * keys.length)]!;
  }
  if (indicator.code === "S1" && members) return members; // committed participants = members
  const [lo, hi] = rangeOf(indicator);
  const value = lo + random() * (hi - lo);
  return hi <= 10 && random() < 0.3 ? value.toFixed(1) : String(Math.round(value));
}

function dateIn(round: number, random: () => number): string {
  const year = round + (random() < 0.5 ? 0 : 1);
  const month = 1 + Math.floor(random() * 12);
  const day = 1 + Math.floor(random() * 28);
  return `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/**
 * CSV rows (header first) of `clusters` clusters, one per round in `rounds`. About 10 % of the
 * clusters span two regions; about 3 % of the optional cells are blank.
 */
export function generateCsv(catalogue: RawCatalogue, clusters: number, rounds: ReadonlyArray<number> = ROUNDS, seed = 2017): string {
  const columns = columnsOf(catalogue);
  const indicators = new Map(catalogue.indicators.map((i) => [i.code, i]));
  const random = prng(seed);
  const blank = () => random() < 0.03;
  const lines = [columns.join(",")];
  for (let c = 0; c < clusters; c++) {
    const id = `CL${String(c + 1).padStart(5, "0")}`;
    const region = REGIONS[c % REGIONS.length]!;
    const second = random() < 0.1 ? REGIONS[(c + 1 + Math.floor(random() * 19)) % REGIONS.length] : undefined;
    const portfolios = [region, ...(second ? [second] : []), "nation"].join(";");
    const size = 10 + Math.floor(random() * 140);
    for (const round of rounds) {
      const members = blank() ? "" : String(Math.max(0, size + Math.round((random() - 0.4) * 20)));
      const facts: Record<string, string> = {
        members,
        potential_members: blank() ? "" : String(Math.round(size * (1.5 + random() * 3))),
        fte: blank() ? "" : (0.2 + random() * (size / 15)).toFixed(random() < 0.5 ? 1 : 2),
        public_funding_pct: blank() ? "" : (random() * 90).toFixed(1),
        sme_pct: blank() ? "" : String(Math.round(40 + random() * 60)),
      };
      const row = columns.map((column) => {
        if (column === "cluster") return id;
        if (column === "name") return `Cluster ${c + 1} ${region}`;
        if (column === "portfolios") return portfolios;
        if (column === "assessed_on") return dateIn(round, random);
        if (column in facts) return facts[column]!;
        return blank() ? "" : valueOf(indicators.get(column)!, random, members);
      });
      lines.push(row.join(","));
    }
  }
  return lines.join("\n") + "\n";
}
