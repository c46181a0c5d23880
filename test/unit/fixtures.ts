import { readFileSync } from "node:fs";
import path from "node:path";
import { parseCatalogue, parseCatalogueText, type Catalogue, type CatalogueInput } from "../../app/scorecard/catalogue";
import type { Assessment } from "../../app/scorecard/lights";

export const ROOT = path.resolve(import.meta.dirname, "../..");

export function defaultCatalogue(): Catalogue {
  const result = parseCatalogueText(readFileSync(path.join(ROOT, "prisma/catalogues/rces-2017.json"), "utf8"));
  if (!result.ok) throw new Error(result.errors.join("\n"));
  return result.catalogue;
}

/** A small catalogue: one indicator of each kind, in two dimensions. */
export const SMALL: CatalogueInput = {
  id: "small-1",
  title: "Small test catalogue",
  bands: { redBelow: 30, greenAbove: 65 },
  dimensions: [
    { code: "alpha", title: "Alpha" },
    { code: "beta", title: "Beta" },
  ],
  indicators: [
    { code: "N1", dimension: "alpha", title: "Higher is better", kind: "number", better: "higher", green: 50, yellow: 30 },
    { code: "N2", dimension: "alpha", title: "Lower is better", kind: "number", better: "lower", green: 12, yellow: 24 },
    { code: "B1", dimension: "beta", title: "Yes or no", kind: "boolean" },
    { code: "L1", dimension: "beta", title: "Level", kind: "level", levels: { none: "red", draft: "yellow", adopted: "green" } },
    { code: "C1", dimension: "beta", title: "FTE per 50", kind: "number", better: "higher", green: 2, yellow: 1.5, derived: "ftePer50Members" },
  ],
};

export function catalogueOf(input: CatalogueInput): Catalogue {
  const result = parseCatalogue(input);
  if (!result.ok) throw new Error(result.errors.join("\n"));
  return result.catalogue;
}

export function assessment(overrides: Partial<Assessment> = {}): Assessment {
  return {
    cluster: "c1",
    name: "Cluster one",
    portfolios: ["p"],
    assessedOn: "2017-05-01",
    members: null,
    potentialMembers: null,
    fte: null,
    publicFundingPct: null,
    smePct: null,
    values: {},
    ...overrides,
  };
}
