import Papa from "papaparse";
import type { Catalogue, Indicator } from "./catalogue";
import { comparableAsDouble, isDecimal, normaliseDecimalText, parseDecimal } from "./exact";
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
type KeyFactSpec = (typeof KEY_FACTS)[KeyFactColumn];
const KEY_FACT_ENTRIES = Object.entries(KEY_FACTS) as Array<[KeyFactColumn, KeyFactSpec]>;

function keyFactProblem(text: string, spec: KeyFactSpec): string | null {
  if (!isDecimal(text)) return `"${text}" is not a number`;
  // Up to 15 digits a decimal compares exactly as a double (see exact.ts); longer ones as BigInt.
  const normalised = normaliseDecimalText(text);
  if (comparableAsDouble(normalised)) {
    const value = Number(normalised);
    if (value < 0) return `${text} is below 0`;
    if (spec.whole && !Number.isInteger(value)) return `${text} is not a whole number`;
    if (spec.max !== null && value > spec.max) return `${text} is above ${spec.max}`;
    return null;
  }
  const value = parseDecimal(text)!;
  if (value.num < 0n) return `${text} is below 0`;
  if (spec.whole && value.num % value.den !== 0n) return `${text} is not a whole number`;
  if (spec.max !== null && value.num > BigInt(spec.max) * value.den) return `${text} is above ${spec.max}`;
  return null;
}

/** How one indicator's cell is read: the normalised value, or null; and why a value is refused. */
type ValueReader = { read: (text: string) => string | null; why: (text: string) => string };

function valueReader(indicator: Indicator): ValueReader {
  const rule = indicator.rule;
  if (rule.kind === "number") {
    return { read: (text) => (isDecimal(text) ? normaliseDecimalText(text) : null), why: (text) => `"${text}" is not a number` };
  }
  if (rule.kind === "boolean") {
    return { read: (text) => BOOLEANS.get(text.toLowerCase()) ?? null, why: (text) => `"${text}" is not yes/no, true/false or 1/0` };
  }
  const levels = new Map([...rule.levels.keys()].map((key) => [key.toLowerCase(), key]));
  const listed = [...rule.levels.keys()].join(", ");
  return { read: (text) => levels.get(text.toLowerCase()) ?? null, why: (text) => `"${text}" is not one of the levels ${listed}` };
}

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
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day); // not Date.UTC, which reads years 0 to 99 as 19xx
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/**
 * A file's bytes as text: UTF-8 as the format requires (a BOM allowed). A binary file or another
 * encoding (Excel's "CSV" in Windows-1252, say) is refused, naming the first line where it shows,
 * rather than stored with its letters garbled.
 */
export function decodeCsvBytes(bytes: Uint8Array): { ok: true; text: string } | { ok: false; error: FileError } {
  const lineAt = (index: number) => {
    let line = 1;
    for (let i = 0; i < index; i++) if (bytes[i] === 10) line++;
    return line;
  };
  const nul = bytes.indexOf(0);
  if (nul !== -1) return { ok: false, error: { line: lineAt(nul), message: "this is not a text (CSV) file" } };
  try {
    return { ok: true, text: new TextDecoder("utf-8", { fatal: true }).decode(bytes) };
  } catch {
    const lossy = new TextDecoder("utf-8").decode(bytes);
    const line = lossy.slice(0, lossy.indexOf("\uFFFD")).split("\n").length;
    return {
      ok: false,
      error: { line, message: "the file is not UTF-8 text (perhaps Windows-1252 or Latin-1); save it as \"CSV UTF-8\" and try again" },
    };
  }
}

export function formatFileError(fileName: string, error: FileError): string {
  const place = error.column === undefined ? `line ${error.line}` : `line ${error.line}, column ${error.column}`;
  return `${fileName} ${place}: ${error.message}`;
}

type Row = { line: number; fields: Array<string>; broken: boolean };

function countNewlines(text: string): number {
  let count = 0;
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) count++;
  return count;
}

/**
 * Splits RFC 4180 CSV into records with the line each starts on (the header is line 1). Line
 * breaks are made "\n" first (files mix CRLF, LF and old Mac CR); a record then spans one line plus
 * the line breaks inside its quoted fields. Quoting faults are returned with their lines, and
 * their records marked, so that the rest of the file is still checked.
 */
function readRows(text: string): { rows: Array<Row>; errors: Array<FileError> } {
  const normalised = text.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
  const parsed = Papa.parse<Array<string>>(normalised, { delimiter: ",", quoteChar: '"', newline: "\n", skipEmptyLines: false });
  const hasQuotes = normalised.includes('"');
  const broken = new Set(parsed.errors.map((e) => e.row));
  const rows: Array<Row> = [];
  let line = 1;
  parsed.data.forEach((fields, index) => {
    rows.push({ line, fields, broken: broken.has(index) });
    line += 1;
    if (hasQuotes) for (const field of fields) line += countNewlines(field);
  });
  const errors: Array<FileError> = [];
  const seen = new Set<number>();
  for (const problem of parsed.errors) {
    const at = rows[problem.row ?? rows.length]?.line ?? line;
    if (seen.has(at)) continue; // one fault per record is enough to find it
    seen.add(at);
    errors.push({ line: at, message: `not valid CSV: ${problem.message}` });
  }
  return { rows, errors };
}

export function parseBenchmarksCsv(text: string, catalogue: Catalogue): BenchmarkParseResult {
  const read = readRows(text);
  // Blank lines, and lines of only commas as spreadsheets export them, hold no assessment.
  const rows = read.rows.filter((row) => row.broken || row.fields.some((field) => field.trim() !== ""));
  if (rows.length === 0 || rows[0]!.line !== 1) {
    return { ok: false, errors: [{ line: 1, message: "the first line must be the header (cluster,name,portfolios,assessed_on,...)" }] };
  }
  const errors: Array<FileError> = [...read.errors];
  if (rows[0]!.broken) return { ok: false, errors };
  const header = rows[0]!.fields.map((name) => name.trim());
  if (header.length === 1 && /[;\t]/.test(header[0]!)) {
    const separator = header[0]!.includes(";") ? "semicolons" : "tabs";
    return { ok: false, errors: [{ line: 1, message: `the columns are separated by ${separator}; the format needs commas (in Excel: save as "CSV UTF-8 (comma delimited)")` }] };
  }
  const indicators = new Map(catalogue.indicators.map((i) => [i.code, i]));
  const seenColumns = new Set<string>();
  header.forEach((name) => {
    const column = name || "(blank)";
    if (seenColumns.has(name)) errors.push({ line: 1, column, message: "this column appears twice" });
    seenColumns.add(name);
    const indicator = indicators.get(name);
    if (indicator?.rule.kind === "number" && indicator.rule.derived) {
      errors.push({ line: 1, column, message: `${name} is derived from fte and members and has no column of its own` });
    } else if (!indicator && !(REQUIRED as ReadonlyArray<string>).includes(name) && !Object.hasOwn(KEY_FACTS, name)) {
      errors.push({ line: 1, column, message: `not a known column nor an indicator of catalogue ${catalogue.id}` });
    }
  });
  const missingRequired = REQUIRED.filter((required) => !seenColumns.has(required));
  for (const required of missingRequired) errors.push({ line: 1, column: required, message: "this required column is missing" });
  // Rows are still checked after a faulty header, so that one round of fixes is enough; without a
  // required column they cannot be.
  if (missingRequired.length) return { ok: false, errors };

  // Each column's reader is prepared once from the header and the catalogue, not per row.
  const columnIndex = new Map(header.map((name, i) => [name, i]));
  const at = (fields: Array<string>, column: string) => {
    const i = columnIndex.get(column);
    return i === undefined ? "" : fields[i]!.trim();
  };
  const valueReaders = catalogue.indicators.flatMap((indicator) => {
    const index = columnIndex.get(indicator.code);
    return index === undefined ? [] : [{ code: indicator.code, index, ...valueReader(indicator) }];
  });

  const assessments: Array<ParsedAssessment> = [];
  const firstLineOf = new Map<string, number>();
  for (const { line, fields, broken } of rows.slice(1)) {
    if (broken) continue; // reported with the quoting fault
    if (fields.length !== header.length) {
      errors.push({ line, message: `has ${fields.length} fields, the header has ${header.length}` });
      continue;
    }
    const rowErrors: Array<FileError> = [];
    const fail = (column: string, message: string) => void rowErrors.push({ line, column, message });

    const cluster = at(fields, "cluster");
    if (!cluster) fail("cluster", "must not be blank");
    const name = at(fields, "name");
    if (!name) fail("name", "must not be blank");
    const portfolios = [...new Set(at(fields, "portfolios").split(";").map((p) => p.trim().toLowerCase()).filter(Boolean))];
    if (portfolios.length === 0) fail("portfolios", "needs at least one portfolio code (several separated by ';')");
    for (const code of portfolios) {
      if (!PORTFOLIO_CODE.test(code)) fail("portfolios", `"${code}" is not a portfolio code (letters, digits, '-' or '_')`);
    }
    const assessedOn = at(fields, "assessed_on");
    const dateOk = isIsoDate(assessedOn);
    if (!dateOk) fail("assessed_on", `"${assessedOn}" is not a date (YYYY-MM-DD)`);

    const facts: Record<string, string | null> = {};
    for (const [column, spec] of KEY_FACT_ENTRIES) {
      const text = at(fields, column);
      facts[spec.field] = null;
      if (!text) continue;
      const problem = keyFactProblem(text, spec);
      if (problem) fail(column, problem);
      else facts[spec.field] = normaliseDecimalText(text);
    }

    const values: Record<string, string> = {};
    for (const reader of valueReaders) {
      const text = fields[reader.index]!.trim();
      if (!text) continue;
      const value = reader.read(text);
      if (value !== null) values[reader.code] = value;
      else fail(reader.code, reader.why(text));
    }

    if (cluster && dateOk) {
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
  errors.sort((a, b) => a.line - b.line);
  return errors.length ? { ok: false, errors } : { ok: true, assessments, columns: header };
}
