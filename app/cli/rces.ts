import { readFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { z } from "zod";
import { parseCatalogueText } from "../scorecard/catalogue";
import { decodeCsvBytes, formatFileError, isIsoDate, parseBenchmarksCsv } from "../scorecard/benchmarks-csv";
import { computeScorecard } from "../scorecard/compute";
import { scorecardJson, scorecardText } from "../scorecard/format";
import { todayIso } from "../scorecard/dates";

// The analyst's command line. Exit 0: done; 1: bad input (messages on stderr); 2: bad usage.

const USAGE = `Usage:
  rces scorecard --catalogue FILE --benchmarks FILE [--as-of YYYY-MM-DD] [--since YYYY-MM-DD] [--format json|text]
                                         (--as-of defaults to today; --format to text)
  rces import FILE [--catalogue ID]      import a benchmarking CSV into the app's database
  rces catalogue add FILE                store a methodology catalogue (a revision needs a new id)
  rces backup FILE                       write a consistent copy of the app's database (safe while it runs)
  rces help`;

class UsageError extends Error {}
class InputError extends Error {
  constructor(readonly messages: Array<string>) {
    super(messages.join("\n"));
  }
}

const isoDate = z.string().refine(isIsoDate, "must be a date YYYY-MM-DD");
const scorecardArgs = z.object({
  catalogue: z.string({ error: "FILE is required" }),
  benchmarks: z.string({ error: "FILE is required" }),
  "as-of": isoDate.optional(),
  since: isoDate.optional(),
  format: z.enum(["json", "text"], { error: "must be json or text" }).default("text"),
});

async function readBytes(path: string): Promise<Uint8Array> {
  try {
    return await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === "ENOENT" ? "no such file" : code === "EISDIR" ? "it is a folder" : (code ?? "error");
    throw new InputError([`${path}: cannot read the file (${why})`]);
  }
}

/** A file as UTF-8 text; another encoding or a binary file is bad input naming its line. */
async function readText(path: string): Promise<string> {
  const decoded = decodeCsvBytes(await readBytes(path));
  if (!decoded.ok) throw new InputError([formatFileError(path, decoded.error)]);
  return decoded.text;
}

function usageFromZod(error: z.ZodError): UsageError {
  return new UsageError(error.issues.map((i) => (i.path.length ? `--${String(i.path[0])}: ${i.message}` : i.message)).join("\n"));
}

async function scorecard(argv: Array<string>): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      catalogue: { type: "string" },
      benchmarks: { type: "string" },
      "as-of": { type: "string" },
      since: { type: "string" },
      format: { type: "string" },
    },
    strict: true,
  });
  const parsed = scorecardArgs.safeParse(values);
  if (!parsed.success) throw usageFromZod(parsed.error);
  const args = parsed.data;
  const [catalogueText, csvText] = await Promise.all([readText(args.catalogue), readText(args.benchmarks)]);
  const catalogue = parseCatalogueText(catalogueText);
  if (!catalogue.ok) throw new InputError(catalogue.errors.map((e) => `${args.catalogue}: ${e}`));
  const benchmarks = parseBenchmarksCsv(csvText, catalogue.catalogue);
  if (!benchmarks.ok) throw new InputError(benchmarks.errors.map((e) => formatFileError(args.benchmarks, e)));
  const asOf = args["as-of"] ?? todayIso();
  if (args.since && args.since > asOf) throw new UsageError(`--since ${args.since} is after --as-of ${asOf}`);
  const result = computeScorecard(catalogue.catalogue, benchmarks.assessments, { asOf, since: args.since });
  process.stdout.write(args.format === "json" ? scorecardJson(result) + "\n" : scorecardText(result, catalogue.catalogue));
}

async function importFile(argv: Array<string>): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: { catalogue: { type: "string" } },
    allowPositionals: true,
    strict: true,
  });
  if (positionals.length !== 1) throw new UsageError("import needs exactly one FILE");
  const path = positionals[0]!;
  const text = await readText(path);
  // Loaded only here so that `scorecard` starts without the database client.
  const { importFromCli } = await import("./database-commands");
  const outcome = await importFromCli(path, text, values.catalogue);
  if (!outcome.ok) throw new InputError(outcome.errors);
  process.stdout.write(outcome.summary + "\n");
}

async function catalogue(argv: Array<string>): Promise<void> {
  const [verb, ...rest] = argv;
  if (verb !== "add" || rest.length !== 1) throw new UsageError("usage: rces catalogue add FILE");
  const path = rest[0]!;
  const text = await readText(path);
  const { addCatalogueFromCli } = await import("./database-commands");
  const outcome = await addCatalogueFromCli(path, text);
  if (!outcome.ok) throw new InputError(outcome.errors);
  process.stdout.write(outcome.summary + "\n");
}

async function backup(argv: Array<string>): Promise<void> {
  if (argv.length !== 1 || argv[0]!.startsWith("-")) throw new UsageError("usage: rces backup FILE");
  const { backupFromCli } = await import("./database-commands");
  const outcome = await backupFromCli(argv[0]!);
  if (!outcome.ok) throw new InputError(outcome.errors);
  process.stdout.write(outcome.summary + "\n");
}

export async function main(argv: Array<string>): Promise<number> {
  const [command, ...rest] = argv;
  if (rest.includes("--help") || rest.includes("-h")) {
    process.stdout.write(USAGE + "\n");
    return 0;
  }
  try {
    switch (command) {
      case "scorecard":
        await scorecard(rest);
        return 0;
      case "import":
        await importFile(rest);
        return 0;
      case "catalogue":
        await catalogue(rest);
        return 0;
      case "backup":
        await backup(rest);
        return 0;
      case "help":
      case "--help":
      case "-h":
        process.stdout.write(USAGE + "\n");
        return 0;
      default:
        throw new UsageError(command ? `unknown command "${command}"` : "no command given");
    }
  } catch (error) {
    if (error instanceof InputError) {
      process.stderr.write(error.messages.join("\n") + "\n");
      return 1;
    }
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith("ERR_PARSE_ARGS")) {
      process.stderr.write(`rces: ${(error as Error).message}\n${USAGE}\n`);
      return 2;
    }
    process.stderr.write(`rces: ${(error as Error).message}\n`);
    return 1;
  }
}

// "Today" (the default --as-of, the import's "not after today") is the region's day, as in the server (scripts/serve.mjs).
process.env.TZ = process.env.RCES_TIME_ZONE || "Europe/Oslo";
process.exitCode = await main(process.argv.slice(2));
