import { parse } from "csv-parse/sync";
import type { Catalogue } from "./catalogue";
import { normaliseDecimalText, parseDecimal } from "./exact";
import type { Assessment } from "./lights";

// The benchmarking results CSV of ../shared/formats/README.md. Every error of a file is
// collected, each naming its line (the header is line 1) and column; a file with any error
// yields no assessments at all.

export type FileError = { line: number; column?: string; message: string };

export type ParsedAssessment = Assessment & { line: number };

export type BenchmarkParseResult =
  | { ok: true; assessments: Array<ParsedAssessment>; columns: Array<string> }
  | { ok: false; errors: Array<FileError> };

const REQUIRED = ["cluster", "name", "portfolios", "assessed_on"] as const;
const KEY_FACTS = {
  members: { field: "members", whole: true, max: null },
  potential_members: { field: "potentialMembers", whole: false, max: null },
  fte: { field: "fte", whole: false, max: null },
  public_funding_pct: { field: "publicFundingPct", whole: false, max: 100 },
  sme_pct: { field: "smePct", whole: false, max: 100 },
} as const;
type KeyFactColumn = keyof typeof KEY_FACTS;

const BOOLEANS = new Map([
  ["yes", "true"], ["true", "true"], ["1", "true"],
  ["no", "false"], ["false", "false"], ["0", "false"],
]);
const PORTFOLIO_CODE = /^[a-z0-9][a-z0-9_-]*$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar date written YYYY-MM-DD (2017-02-30 is not one). */
export function isIsoDate(text: string): boolean {
  const match = DATE.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

export function formatFileError(fileName: string, error: FileError): string {
  const place = error.column === undefined ? `line ${error.line}` : `line ${error.line}, column ${error.column}`;
  return `${fileName} ${place}: ${error.message}`;
}

type Row = { line: number; fields: Array<string> };

function readRows(text: string): { rows: Array<Row> } | { error: FileError } {
  try {
    const records = parse(text, {
      bom: true,
      relax_column_count: true,
      skip_empty_lines: false,
      info: true,
    }) as unknown as Array<{ record: Array<string>; info: { lines: number } }>;
    let previousEnd = 0;
    const rows: Array<Row> = [];
    for (const { record, info } of records) {
      rows.push({ line: previousEnd + 1, fields: record });
      previousEnd = info.lines;
    }
    return { rows };
  } catch (error) {
    const csvError = error as { lines?: number; message: string };
    const message = csvError.message.replace(/^Invalid Record Length: |^Quote Not Closed: /, "");
    return { error: { line: csvError.lines ?? 1, message: `not valid CSV: ${message}` } };
  }
}

export function parseBenchmarksCsv(text: string, catalogue: Catalogue): BenchmarkParseResult {
  const read = readRows(text);
  if ("error" in read) return { ok: false, errors: [read.error] };
  const rows = read.rows.filter((row) => row.fields.some((field) => field.trim() !== ""));
  if (rows.length === 0 || rows[0]!.line !== 1) {
    return { ok: false, errors: [{ line: 1, message: "the first line must be the header (cluster,name,portfolios,assessed_on,...)" }] };
  }
  const errors: Array<FileError> = [];
  const header = rows[0]!.fields.map((name) => name.trim());
  const indicators = new Map(catalogue.indicators.map((i) => [i.code, i]));
  const seenColumns = new Set<string>();
  header.forEach((name) => {
    const column = name || "(blank)";
    if (seenColumns.has(name)) errors.push({ line: 1, column, message: "this column appears twice" });
    seenColumns.add(name);
    const indicator = indicators.get(name);
    if (indicator?.rule.kind === "number" && indicator.rule.derived) {
      errors.push({ line: 1, column, message: `${name} is derived from fte and members and has no column of its own` });
    } else if (!indicator && !(REQUIRED as ReadonlyArray<string>).includes(name) && !(name in KEY_FACTS)) {
      errors.push({ line: 1, column, message: `not a known column nor an indicator of catalogue ${catalogue.id}` });
    }
  });
  for (const required of REQUIRED) {
    if (!seenColumns.has(required)) errors.push({ line: 1, column: required, message: "this required column is missing" });
  }
  if (errors.length) return { ok: false, errors };

  const assessments: Array<ParsedAssessment> = [];
  const firstLineOf = new Map<string, number>();
  for (const { line, fields } of rows.slice(1)) {
    if (fields.length !== header.length) {
      errors.push({ line, message: `has ${fields.length} fields, the header has ${header.length}` });
      continue;
    }
    const rowErrors: Array<FileError> = [];
    const fail = (column: string, message: string) => rowErrors.push({ line, column, message });
    const cell = new Map(header.map((name, i) => [name, fields[i]!.trim()]));

    const cluster = cell.get("cluster")!;
    if (!cluster) fail("cluster", "must not be blank");
    const name = cell.get("name")!;
    if (!name) fail("name", "must not be blank");
    const portfolioText = cell.get("portfolios")!;
    const portfolios = [...new Set(portfolioText.split(";").map((p) => p.trim().toLowerCase()).filter(Boolean))];
    if (portfolios.length === 0) fail("portfolios", "needs at least one portfolio code (several separated by ';')");
    for (const code of portfolios) {
      if (!PORTFOLIO_CODE.test(code)) fail("portfolios", `"${code}" is not a portfolio code (letters, digits, '-' or '_')`);
    }
    const assessedOn = cell.get("assessed_on")!;
    if (!isIsoDate(assessedOn)) fail("assessed_on", `"${assessedOn}" is not a date (YYYY-MM-DD)`);

    const facts: Record<string, string | null> = {};
    for (const [column, spec] of Object.entries(KEY_FACTS) as Array<[KeyFactColumn, (typeof KEY_FACTS)[KeyFactColumn]]>) {
      const text = cell.get(column);
      facts[spec.field] = null;
      if (!text) continue;
      const value = parseDecimal(text);
      if (!value) fail(column, `"${text}" is not a number`);
      else if (value.num < 0n) fail(column, `${text} is below 0`);
      else if (spec.whole && value.num % value.den !== 0n) fail(column, `${text} is not a whole number`);
      else if (spec.max !== null && value.num > BigInt(spec.max) * value.den) fail(column, `${text} is above ${spec.max}`);
      else facts[spec.field] = normaliseDecimalText(text);
    }

    const values: Record<string, string> = {};
    for (const [code, indicator] of indicators) {
      const text = cell.get(code);
      if (!text) continue;
      const rule = indicator.rule;
      if (rule.kind === "number") {
        if (!parseDecimal(text)) fail(code, `"${text}" is not a number`);
        else values[code] = normaliseDecimalText(text);
      } else if (rule.kind === "boolean") {
        const value = BOOLEANS.get(text.toLowerCase());
        if (!value) fail(code, `"${text}" is not yes/no, true/false or 1/0`);
        else values[code] = value;
      } else {
        const level = [...rule.levels.keys()].find((key) => key.toLowerCase() === text.toLowerCase());
        if (!level) fail(code, `"${text}" is not one of the levels ${[...rule.levels.keys()].join(", ")}`);
        else values[code] = level;
      }
    }

    if (cluster && isIsoDate(assessedOn)) {
      const key = `${cluster}\u0000${assessedOn}`;
      const earlier = firstLineOf.get(key);
      if (earlier !== undefined) fail("assessed_on", `cluster ${cluster} was already assessed on ${assessedOn} at line ${earlier}`);
      else firstLineOf.set(key, line);
    }
    if (rowErrors.length) {
      errors.push(...rowErrors);
      continue;
    }
    assessments.push({
      line,
      cluster,
      name,
      portfolios,
      assessedOn,
      members: facts.members!,
      potentialMembers: facts.potentialMembers!,
      fte: facts.fte!,
      publicFundingPct: facts.publicFundingPct!,
      smePct: facts.smePct!,
      values,
    });
  }
  if (rows.length === 1) errors.push({ line: 2, message: "the file has a header but no assessments" });
  return errors.length ? { ok: false, errors } : { ok: true, assessments, columns: header };
}
