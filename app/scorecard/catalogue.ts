import { z } from "zod";
import { comparableAsDouble, compare, rationalFromNumber, type Rational } from "./exact";

// The methodology catalogue of ../shared/formats/README.md: versioned data, never code.

export const LIGHTS = ["green", "yellow", "red"] as const;
export type Light = (typeof LIGHTS)[number];

/** Derived indicators: computed from an assessment's key facts, never a column of their own. */
export const DERIVED_INDICATORS = ["ftePer50Members"] as const;
export type DerivedIndicator = (typeof DERIVED_INDICATORS)[number];

const code = z.string().trim().min(1, "must not be empty");
const finiteNumber = z.number().refine(Number.isFinite, "must be a finite number");

const numberIndicator = z.strictObject({
  code,
  dimension: code,
  title: z.string().min(1),
  kind: z.literal("number"),
  better: z.enum(["higher", "lower"]).optional(),
  green: finiteNumber.optional(),
  yellow: finiteNumber.optional(),
  derived: z.string().optional(),
});
const booleanIndicator = z.strictObject({
  code,
  dimension: code,
  title: z.string().min(1),
  kind: z.literal("boolean"),
  derived: z.string().optional(),
});
const levelIndicator = z.strictObject({
  code,
  dimension: code,
  title: z.string().min(1),
  kind: z.literal("level"),
  levels: z.record(z.string().min(1), z.string()),
  derived: z.string().optional(),
});

// Objects are strict: an unknown key is an error, so that a typo such as "yelow" cannot
// silently drop a threshold and turn lights red.
export const catalogueSchema = z
  .strictObject({
    id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, "letters, digits, '.', '_' or '-' only"),
    title: z.string().min(1),
    description: z.string().default(""),
    bands: z.strictObject({ redBelow: finiteNumber, greenAbove: finiteNumber }),
    dimensions: z.array(z.strictObject({ code, title: z.string().min(1) })).min(1),
    indicators: z
      .array(z.discriminatedUnion("kind", [numberIndicator, booleanIndicator, levelIndicator]))
      .min(1),
  })
  .superRefine((catalogue, ctx) => {
    const issue = (path: Array<string | number>, message: string) =>
      ctx.addIssue({ code: "custom", path, message });
    if (catalogue.bands.redBelow > catalogue.bands.greenAbove) {
      issue(["bands"], `redBelow ${catalogue.bands.redBelow} is above greenAbove ${catalogue.bands.greenAbove}`);
    }
    const seen = new Map<string, string>();
    const claim = (value: string, where: string, path: Array<string | number>) => {
      const earlier = seen.get(value);
      if (earlier) issue(path, `code "${value}" repeats (already used by ${earlier})`);
      else seen.set(value, where);
    };
    catalogue.dimensions.forEach((d, i) => claim(d.code, `dimensions[${i}]`, ["dimensions", i, "code"]));
    const dimensionCodes = new Set(catalogue.dimensions.map((d) => d.code));
    catalogue.indicators.forEach((indicator, i) => {
      const at = (field: string) => ["indicators", i, field];
      claim(indicator.code, `indicators[${i}]`, at("code"));
      if (!dimensionCodes.has(indicator.dimension)) {
        issue(at("dimension"), `${indicator.code}: dimension "${indicator.dimension}" is not listed in dimensions`);
      }
      if (indicator.kind === "number") {
        if (indicator.green === undefined) issue(at("green"), `${indicator.code}: a number indicator needs "green"`);
        if (indicator.better === undefined) issue(at("better"), `${indicator.code}: a number indicator needs "better" ("higher" or "lower")`);
        if (indicator.green !== undefined && indicator.yellow !== undefined && indicator.better) {
          const wrongSide = indicator.better === "higher" ? indicator.yellow > indicator.green : indicator.yellow < indicator.green;
          if (wrongSide) {
            issue(at("yellow"), `${indicator.code}: yellow ${indicator.yellow} is on the wrong side of green ${indicator.green} when ${indicator.better} is better`);
          }
        }
        if (indicator.derived !== undefined && !(DERIVED_INDICATORS as ReadonlyArray<string>).includes(indicator.derived)) {
          issue(at("derived"), `${indicator.code}: unknown derived value "${indicator.derived}" (known: ${DERIVED_INDICATORS.join(", ")})`);
        }
      }
      if (indicator.kind !== "number" && indicator.derived !== undefined) {
        issue(at("derived"), `${indicator.code}: only number indicators can be derived`);
      }
      if (indicator.kind === "level") {
        const entries = Object.entries(indicator.levels);
        if (entries.length === 0) issue(at("levels"), `${indicator.code}: a level indicator needs at least one level`);
        const lowerCase = new Map<string, string>();
        for (const [level] of entries) {
          if (level !== level.trim()) issue(["indicators", i, "levels", level], `${indicator.code}: level "${level}" has spaces at its ends`);
          const twin = lowerCase.get(level.toLowerCase());
          if (twin !== undefined) issue(["indicators", i, "levels", level], `${indicator.code}: levels "${twin}" and "${level}" differ only in case (files are read ignoring case)`);
          lowerCase.set(level.toLowerCase(), level);
        }
        for (const [level, light] of entries) {
          if (!(LIGHTS as ReadonlyArray<string>).includes(light)) {
            issue(["indicators", i, "levels", level], `${indicator.code}: level "${level}" maps to "${light}", not red, yellow or green`);
          }
        }
      }
    });
  });

export type CatalogueInput = z.input<typeof catalogueSchema>;
type ParsedCatalogue = z.output<typeof catalogueSchema>;

export type NumberRule = {
  kind: "number";
  better: "higher" | "lower";
  green: Rational;
  yellow: Rational | null;
  greenText: string;
  yellowText: string | null;
  derived: DerivedIndicator | null;
  /** The thresholds as JS numbers, set only when comparing as doubles is exact (see exact.ts). */
  fast: { green: number; yellow: number | null } | null;
};
export type BooleanRule = { kind: "boolean" };
export type LevelRule = { kind: "level"; levels: ReadonlyMap<string, Light> };

export type Indicator = {
  code: string;
  dimension: string;
  title: string;
  rule: NumberRule | BooleanRule | LevelRule;
};
export type Dimension = { code: string; title: string; indicators: ReadonlyArray<Indicator> };

/** A validated catalogue, its thresholds turned into exact values once. */
export type Catalogue = {
  id: string;
  title: string;
  description: string;
  bands: { redBelow: Rational; greenAbove: Rational; redBelowText: string; greenAboveText: string };
  dimensions: ReadonlyArray<Dimension>;
  indicators: ReadonlyArray<Indicator>;
  /** The validated JSON, to store and to print back. */
  source: ParsedCatalogue;
};

export type CatalogueResult =
  | { ok: true; catalogue: Catalogue }
  | { ok: false; errors: Array<string> };

function pathText(path: ReadonlyArray<PropertyKey>): string {
  return path
    .map((part, i) => (typeof part === "number" ? `[${part}]` : `${i === 0 ? "" : "."}${String(part)}`))
    .join("");
}

/** Validates a parsed JSON value; every fault is listed, each naming where it is. */
export function parseCatalogue(json: unknown): CatalogueResult {
  const parsed = catalogueSchema.safeParse(json);
  if (!parsed.success) {
    return {
      ok: false,
      errors: parsed.error.issues.map((issue) =>
        issue.path.length ? `${pathText(issue.path)}: ${issue.message}` : issue.message,
      ),
    };
  }
  return { ok: true, catalogue: compileCatalogue(parsed.data) };
}

/** Reads catalogue JSON text (a file's content). */
export function parseCatalogueText(text: string): CatalogueResult {
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (error) {
    return { ok: false, errors: [`not valid JSON: ${(error as Error).message}`] };
  }
  return parseCatalogue(json);
}

function compileCatalogue(source: ParsedCatalogue): Catalogue {
  const indicators: Array<Indicator> = source.indicators.map((raw) => {
    const base = { code: raw.code, dimension: raw.dimension, title: raw.title };
    switch (raw.kind) {
      case "number": {
        const exactAsDouble = [raw.green, raw.yellow].every((t) => t === undefined || comparableAsDouble(String(t)));
        return {
          ...base,
          rule: {
            kind: "number",
            better: raw.better!,
            green: rationalFromNumber(raw.green!),
            yellow: raw.yellow === undefined ? null : rationalFromNumber(raw.yellow),
            greenText: String(raw.green),
            yellowText: raw.yellow === undefined ? null : String(raw.yellow),
            derived: (raw.derived as DerivedIndicator | undefined) ?? null,
            fast: exactAsDouble ? { green: raw.green!, yellow: raw.yellow ?? null } : null,
          },
        };
      }
      case "boolean":
        return { ...base, rule: { kind: "boolean" } };
      case "level":
        return { ...base, rule: { kind: "level", levels: new Map(Object.entries(raw.levels) as Array<[string, Light]>) } };
    }
  });
  return {
    id: source.id,
    title: source.title,
    description: source.description,
    bands: {
      redBelow: rationalFromNumber(source.bands.redBelow),
      greenAbove: rationalFromNumber(source.bands.greenAbove),
      redBelowText: String(source.bands.redBelow),
      greenAboveText: String(source.bands.greenAbove),
    },
    dimensions: source.dimensions.map((d) => ({
      ...d,
      indicators: indicators.filter((indicator) => indicator.dimension === d.code),
    })),
    indicators,
    source,
  };
}

/** A band of a score: red below redBelow, green above greenAbove, yellow otherwise (edges yellow). */
export function bandOf(score: Rational, bands: Catalogue["bands"]): Light {
  if (compare(score, bands.redBelow) < 0) return "red";
  if (compare(score, bands.greenAbove) > 0) return "green";
  return "yellow";
}

/** The rule of an indicator in plain words, for the methodology page and each light's reason. */
export function describeRule(indicator: Indicator): string {
  const rule = indicator.rule;
  switch (rule.kind) {
    case "boolean":
      return "Green when yes, red when no.";
    case "level":
      return [...rule.levels].map(([level, light]) => `"${level}" is ${light}`).join("; ") + ".";
    case "number": {
      const derived = rule.derived === "ftePer50Members" ? "Computed as team FTE / committed members x 50. " : "";
      const [atLeast, below] = rule.better === "higher" ? ["or more", "below"] : ["or less", "above"];
      const limit = rule.yellowText ?? rule.greenText;
      const yellow = rule.yellowText === null ? "no yellow" : `yellow at ${rule.yellowText} ${atLeast}`;
      return `${derived}Green at ${rule.greenText} ${atLeast}; ${yellow}; red ${below} ${limit}.`;
    }
  }
}
