import { createHash } from "node:crypto";
import { audit } from "./audit.server";
import { visibleClusters } from "./auth/access.server";
import { isAdmin, type Viewer } from "./auth/roles";
import { db } from "./db.server";
import { todayIso } from "./scorecard/dates";
import type { Prisma } from "./generated/prisma/client";
import { getCatalogue } from "./catalogues.server";
import { formatFileError, parseBenchmarksCsv, type FileError, type ParsedAssessment } from "./scorecard/benchmarks-csv";
import type { Catalogue } from "./scorecard/catalogue";
import type { Assessment } from "./scorecard/lights";

// Stored benchmarking results: an import is validated whole and stored whole, or not at all.
// Stored assessments are facts and are never updated.

export type ImportPreview = {
  fileName: string;
  catalogueId: string;
  rows: number;
  /** name: as of the file's latest row; renamedFrom: the stored name that the file's newer row replaces. */
  clusters: Array<{ id: string; name: string; portfolios: Array<string>; dates: Array<string>; isNew: boolean; renamedFrom?: string }>;
  portfolios: Array<{ code: string; clusters: number }>;
  firstDate: string;
  lastDate: string;
  /** Blank cells per column that has any (key facts and indicators), in file order. */
  missing: Array<{ column: string; blank: number }>;
  /** Assessments that miss more than half of the indicators with a column: likely an incomplete export. */
  mostlyBlank: Array<{ cluster: string; assessedOn: string; line: number; missing: number; of: number }>;
};

export type ImportCheck =
  | { ok: true; preview: ImportPreview; assessments: Array<ParsedAssessment>; sha256: string; catalogue: Catalogue }
  | { ok: false; errors: Array<string>; refused?: true };

function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

const IN_CHUNK = 500;
const INSERT_BATCH = 1000;

async function alreadyStored(assessments: Array<ParsedAssessment>): Promise<Set<string>> {
  const clusterIds = [...new Set(assessments.map((a) => a.cluster))];
  const stored = new Set<string>();
  for (let i = 0; i < clusterIds.length; i += IN_CHUNK) {
    const rows = await db().assessment.findMany({
      where: { clusterId: { in: clusterIds.slice(i, i + IN_CHUNK) } },
      select: { clusterId: true, assessedOn: true },
    });
    for (const row of rows) stored.add(`${row.clusterId}\u0000${row.assessedOn}`);
  }
  return stored;
}

/** Stored clusters among these ids, with their name and latest benchmarking date. */
type KnownCluster = { name: string; latest: string; portfolios: Array<string> };

/** Stored clusters among these ids: name, latest benchmarking date and the portfolios it lists. */
async function knownClusters(ids: Array<string>): Promise<Map<string, KnownCluster>> {
  const known = new Map<string, KnownCluster>();
  for (let i = 0; i < ids.length; i += IN_CHUNK) {
    const rows = await db().cluster.findMany({
      where: { id: { in: ids.slice(i, i + IN_CHUNK) } },
      select: { id: true, name: true, assessments: { select: { assessedOn: true, portfolios: true }, orderBy: { assessedOn: "desc" }, take: 1 } },
    });
    for (const row of rows) {
      known.set(row.id, { name: row.name, latest: row.assessments[0]?.assessedOn ?? "", portfolios: row.assessments[0]?.portfolios.split(";") ?? [] });
    }
  }
  return known;
}

/** Validates a file against a stored catalogue and what is already stored; stores nothing. */
/**
 * Whether the importer may import this file: its portfolios, and the clusters it names that are
 * stored already. Asked before anything about stored data is told (conflicts, names), so that a
 * refused importer learns nothing from the answer. Returns the reason to refuse, or null.
 */
export type ImportGuard = (file: {
  rows: Array<{ cluster: string; portfolios: ReadonlyArray<string> }>;
  /** The portfolios each stored cluster of the file belongs to now (its latest benchmarking's). */
  stored: Map<string, ReadonlyArray<string>>;
}) => Promise<string | null>;

export async function checkImport(fileName: string, text: string, catalogueId: string, guard?: ImportGuard): Promise<ImportCheck> {
  const catalogue = await getCatalogue(catalogueId);
  if (!catalogue) return { ok: false, errors: [`catalogue ${catalogueId} is not stored`] };
  const parsed = parseBenchmarksCsv(text, catalogue);
  if (!parsed.ok) return { ok: false, errors: parsed.errors.map((e) => formatFileError(fileName, e)) };
  if (guard) {
    const known = await knownClusters([...new Set(parsed.assessments.map((a) => a.cluster))]);
    const stored = new Map([...known].map(([id, cluster]) => [id, cluster.portfolios]));
    const refusal = await guard({ rows: parsed.assessments.map((a) => ({ cluster: a.cluster, portfolios: a.portfolios })), stored });
    if (refusal) return { ok: false, errors: [`${fileName}: ${refusal}`], refused: true };
  }
  // Asked only after the guard: whether a file was imported before is not for everyone to learn.
  const digest = sha256(text);
  const previous = await db().benchmarkImport.findUnique({ where: { sha256: digest }, select: { importedAt: true } });
  if (previous) {
    return { ok: false, errors: [`${fileName}: this file was already imported on ${previous.importedAt.toISOString().slice(0, 10)}; nothing was stored again`] };
  }
  const stored = await alreadyStored(parsed.assessments);
  const conflicts: Array<FileError> = parsed.assessments
    .filter((a) => stored.has(`${a.cluster}\u0000${a.assessedOn}`))
    .map((a) => ({
      line: a.line,
      column: "assessed_on",
      message: `cluster ${a.cluster} already has a stored assessment of ${a.assessedOn}; stored assessments are never replaced`,
    }));
  // A benchmarking is stored once it took place: a date ahead (a typo of the year, say) would pass
  // into scorecards, progress and goal check-ins as if it were known.
  const today = todayIso();
  const ahead: Array<FileError> = parsed.assessments
    .filter((a) => a.assessedOn > today)
    .map((a) => ({ line: a.line, column: "assessed_on", message: `${a.assessedOn} is after today (${today}); a benchmarking is imported once it took place` }));
  // Every such error of the file at once, in the order of its lines.
  const refused = [...conflicts, ...ahead].sort((a, b) => a.line - b.line);
  if (refused.length) return { ok: false, errors: refused.map((e) => formatFileError(fileName, e)) };
  return { ok: true, preview: await previewOf(fileName, catalogue, parsed.assessments, parsed.columns), assessments: parsed.assessments, sha256: digest, catalogue };
}

async function previewOf(fileName: string, catalogue: Catalogue, assessments: Array<ParsedAssessment>, columns: Array<string>): Promise<ImportPreview> {
  const byCluster = new Map<string, ImportPreview["clusters"][number]>();
  const sorted = [...assessments].sort((a, b) => a.assessedOn.localeCompare(b.assessedOn));
  for (const a of sorted) {
    const entry = byCluster.get(a.cluster) ?? { id: a.cluster, name: a.name, portfolios: [], dates: [], isNew: true };
    entry.name = a.name;
    entry.portfolios = [...new Set([...entry.portfolios, ...a.portfolios])];
    entry.dates.push(a.assessedOn);
    byCluster.set(a.cluster, entry);
  }
  const known = await knownClusters([...byCluster.keys()]);
  for (const entry of byCluster.values()) {
    const stored = known.get(entry.id);
    entry.isNew = !stored;
    // A newer benchmarking under another name renames the cluster; an older one does not.
    if (stored && stored.name !== entry.name && entry.dates[entry.dates.length - 1]! > stored.latest) entry.renamedFrom = stored.name;
  }
  const portfolioCounts = new Map<string, number>();
  for (const entry of byCluster.values()) for (const p of entry.portfolios) portfolioCounts.set(p, (portfolioCounts.get(p) ?? 0) + 1);
  const factColumns = { members: "members", potential_members: "potentialMembers", fte: "fte", public_funding_pct: "publicFundingPct", sme_pct: "smePct" } as const;
  const valueColumns = catalogue.indicators
    .filter((i) => !(i.rule.kind === "number" && i.rule.derived))
    .map((i) => i.code);
  const missing = [...Object.keys(factColumns), ...valueColumns]
    .map((column) => {
      const blank = assessments.filter((a) =>
        column in factColumns ? a[factColumns[column as keyof typeof factColumns]] === null : a.values[column] === undefined,
      ).length;
      return { column, blank, present: columns.includes(column) };
    })
    .filter((m) => m.blank > 0)
    .map(({ column, blank }) => ({ column, blank }));
  const mostlyBlank = assessments
    .map((a) => ({ cluster: a.cluster, assessedOn: a.assessedOn, line: a.line, missing: valueColumns.filter((c) => a.values[c] === undefined).length, of: valueColumns.length }))
    .filter((a) => a.missing * 2 > a.of);
  return {
    mostlyBlank,
    fileName,
    catalogueId: catalogue.id,
    rows: assessments.length,
    clusters: [...byCluster.values()].sort((a, b) => a.id.localeCompare(b.id)),
    portfolios: [...portfolioCounts].map(([code, clusters]) => ({ code, clusters })).sort((a, b) => a.code.localeCompare(b.code)),
    firstDate: sorted[0]!.assessedOn,
    lastDate: sorted[sorted.length - 1]!.assessedOn,
    missing,
  };
}

export type ImportResult = { ok: true; importId: number; preview: ImportPreview } | { ok: false; errors: Array<string>; refused?: true };

/** Records each (cluster, portfolio) pair the assessments list that is not recorded yet. */
async function addPortfolioMemberships(tx: Prisma.TransactionClient, assessments: ReadonlyArray<Pick<Assessment, "cluster" | "portfolios">>): Promise<void> {
  const pairs = new Map<string, { clusterId: string; portfolio: string }>();
  for (const a of assessments) for (const portfolio of a.portfolios) pairs.set(`${a.cluster}\u0000${portfolio}`, { clusterId: a.cluster, portfolio });
  const clusterIds = [...new Set(assessments.map((a) => a.cluster))];
  for (let i = 0; i < clusterIds.length; i += IN_CHUNK) {
    const known = await tx.clusterPortfolio.findMany({ where: { clusterId: { in: clusterIds.slice(i, i + IN_CHUNK) } }, select: { clusterId: true, portfolio: true } });
    for (const k of known) pairs.delete(`${k.clusterId}\u0000${k.portfolio}`);
  }
  const data = [...pairs.values()];
  for (let i = 0; i < data.length; i += INSERT_BATCH) await tx.clusterPortfolio.createMany({ data: data.slice(i, i + INSERT_BATCH) });
}

/** Fills the memberships of assessments stored before memberships were recorded (databases of older versions). */
export async function backfillPortfolioMemberships(): Promise<number> {
  if ((await db().clusterPortfolio.count()) > 0) return 0;
  const rows = await db().assessment.findMany({ select: { clusterId: true, portfolios: true } });
  if (rows.length === 0) return 0;
  const assessments = rows.map((r) => ({ cluster: r.clusterId, portfolios: r.portfolios.split(";") }));
  await db().$transaction((tx) => addPortfolioMemberships(tx, assessments), { timeout: 120_000 });
  return db().clusterPortfolio.count();
}

export type ImportOptions = {
  /** Who imports (null: the demo seed or the command line), recorded with the import and in the audit trail. */
  actorId?: string | null;
  /** The importer's permission, checked again at storing time. */
  guard?: ImportGuard;
};

/** Validates again and stores the file in one transaction: all its assessments or none. */
export async function importBenchmarks(fileName: string, text: string, catalogueId: string, options: ImportOptions = {}): Promise<ImportResult> {
  const check = await checkImport(fileName, text, catalogueId, options.guard);
  if (!check.ok) return check;
  const actorId = options.actorId ?? null;
  try {
    const importId = await db().$transaction(async (tx) => {
      const created = await tx.benchmarkImport.create({
        data: { fileName, sha256: check.sha256, catalogueId, rowCount: check.assessments.length, importedById: actorId },
        select: { id: true },
      });
      const newClusters = check.preview.clusters.filter((c) => c.isNew).map((c) => ({ id: c.id, name: c.name }));
      if (newClusters.length) await tx.cluster.createMany({ data: newClusters });
      for (const renamed of check.preview.clusters.filter((c) => c.renamedFrom !== undefined)) {
        await tx.cluster.update({ where: { id: renamed.id }, data: { name: renamed.name } });
      }
      // In batches: Prisma's query compiler handles a few thousand rows per statement far faster
      // than one statement of fifteen thousand.
      const rows = check.assessments.map((a) => ({
        clusterId: a.cluster,
        assessedOn: a.assessedOn,
        portfolios: a.portfolios.join(";"),
        members: a.members,
        potentialMembers: a.potentialMembers,
        fte: a.fte,
        publicFundingPct: a.publicFundingPct,
        smePct: a.smePct,
        values: JSON.stringify(a.values),
        importId: created.id,
        lineNumber: a.line,
      }));
      for (let i = 0; i < rows.length; i += INSERT_BATCH) await tx.assessment.createMany({ data: rows.slice(i, i + INSERT_BATCH) });
      await addPortfolioMemberships(tx, check.assessments);
      await audit(tx, {
        actorId,
        action: "benchmarks.import",
        subject: `import #${created.id}`,
        after: {
          fileName,
          catalogueId,
          assessments: check.assessments.length,
          clusters: check.preview.clusters.length,
          portfolios: check.preview.portfolios.map((p) => p.code),
          renamed: check.preview.clusters.filter((c) => c.renamedFrom).map((c) => ({ id: c.id, from: c.renamedFrom, to: c.name })),
        },
      });
      return created.id;
    }, { maxWait: 10_000, timeout: 120_000 }); // a national file takes seconds, past Prisma's 5 s default
    return { ok: true, importId, preview: check.preview };
  } catch (error) {
    if ((error as { code?: string }).code === "P2002") {
      return { ok: false, errors: [`${fileName}: another import stored some of these assessments meanwhile; nothing was stored, check the file again`] };
    }
    throw error;
  }
}

export type StoredAssessment = Assessment & { id: number; importId: number };

const ASSESSMENT_SELECT = {
  id: true,
  clusterId: true,
  assessedOn: true,
  portfolios: true,
  members: true,
  potentialMembers: true,
  fte: true,
  publicFundingPct: true,
  smePct: true,
  values: true,
  importId: true,
  cluster: { select: { name: true } },
} as const;

type AssessmentRow = {
  id: number;
  clusterId: string;
  assessedOn: string;
  portfolios: string;
  members: string | null;
  potentialMembers: string | null;
  fte: string | null;
  publicFundingPct: string | null;
  smePct: string | null;
  values: string;
  importId: number;
  cluster: { name: string };
};

function toAssessment(row: AssessmentRow): StoredAssessment {
  return {
    id: row.id,
    importId: row.importId,
    cluster: row.clusterId,
    name: row.cluster.name,
    portfolios: row.portfolios.split(";"),
    assessedOn: row.assessedOn,
    members: row.members,
    potentialMembers: row.potentialMembers,
    fte: row.fte,
    publicFundingPct: row.publicFundingPct,
    smePct: row.smePct,
    values: JSON.parse(row.values) as Record<string, string>,
  };
}

/**
 * Each cluster's latest assessment on or before asOf (and not before since): exactly the rows a
 * scorecard needs. Standard SQL over the (clusterId, assessedOn) index, portable to PostgreSQL.
 */
export async function latestAssessmentsAsOf(asOf: string, since = "0000-01-01", upToImport: number | null = null): Promise<Array<StoredAssessment>> {
  // upToImport: only what the imports up to this one stored (import ids grow with time), so that a
  // frozen baseline is not changed by a later import of a benchmarking dated on or before its day.
  const lastImport = upToImport ?? Number.MAX_SAFE_INTEGER;
  const rows = await db().$queryRaw<Array<Omit<AssessmentRow, "cluster"> & { clusterName: string }>>`
    SELECT a."id", a."clusterId", a."assessedOn", a."portfolios", a."members", a."potentialMembers", a."fte",
           a."publicFundingPct", a."smePct", a."values", a."importId", c."name" AS "clusterName"
    FROM "Assessment" a
    JOIN "Cluster" c ON c."id" = a."clusterId"
    WHERE a."assessedOn" = (
      SELECT MAX(b."assessedOn") FROM "Assessment" b
      WHERE b."clusterId" = a."clusterId" AND b."assessedOn" <= ${asOf} AND b."assessedOn" >= ${since} AND b."importId" <= ${lastImport}
    )`;
  return rows.map(({ clusterName, ...row }) => toAssessment({ ...row, id: Number(row.id), importId: Number(row.importId), cluster: { name: clusterName } }));
}

export async function clusterAssessments(clusterId: string): Promise<Array<StoredAssessment>> {
  const rows = await db().assessment.findMany({ where: { clusterId }, select: ASSESSMENT_SELECT, orderBy: { assessedOn: "asc" } });
  return rows.map(toAssessment);
}

/** Which of these clusters the viewer may see individually (the condition is in the query). */
export async function visibleAmong(viewer: Viewer, clusterIds: ReadonlyArray<string>): Promise<Set<string>> {
  if (isAdmin(viewer)) return new Set(clusterIds);
  const visible = new Set<string>();
  for (let i = 0; i < clusterIds.length; i += IN_CHUNK) {
    const rows = await db().cluster.findMany({ where: { AND: [visibleClusters(viewer), { id: { in: clusterIds.slice(i, i + IN_CHUNK) } }] }, select: { id: true } });
    for (const row of rows) visible.add(row.id);
  }
  return visible;
}

/** Every portfolio any stored benchmarking lists. */
export async function knownPortfolios(): Promise<Array<string>> {
  const rows = await db().clusterPortfolio.findMany({ select: { portfolio: true }, distinct: ["portfolio"] });
  return rows.map((r) => r.portfolio).sort();
}

/** The cluster if the viewer may see its individual data; null otherwise (and for no such cluster). */
export async function visibleCluster(viewer: Viewer, clusterId: string): Promise<{ id: string; name: string } | null> {
  return db().cluster.findFirst({ where: { AND: [visibleClusters(viewer), { id: clusterId }] }, select: { id: true, name: true } });
}

export async function countAssessments(): Promise<number> {
  return db().assessment.count();
}

/** Recent imports: an administrator sees all, anyone else their own. */
export async function listImports(viewer: Viewer) {
  return db().benchmarkImport.findMany({
    where: isAdmin(viewer) ? {} : { importedById: viewer.userId },
    select: { id: true, fileName: true, importedAt: true, rowCount: true, catalogueId: true },
    orderBy: { id: "desc" },
    take: 20,
  });
}

export type ClusterSummary = { id: string; name: string; assessments: number; latest: string; portfolios: Array<string> };

export const CLUSTERS_PER_PAGE = 50;

/** One page of the clusters the viewer may see, by name, optionally those whose name or id contains `search`. */
export async function listClusters(viewer: Viewer, search: string, page: number): Promise<{ clusters: Array<ClusterSummary>; total: number }> {
  const where = { AND: [visibleClusters(viewer), search ? { OR: [{ name: { contains: search } }, { id: { contains: search } }] } : {}] };
  const [total, rows] = await Promise.all([
    db().cluster.count({ where }),
    db().cluster.findMany({
      where,
      select: {
        id: true,
        name: true,
        _count: { select: { assessments: true } },
        assessments: { select: { assessedOn: true, portfolios: true }, orderBy: { assessedOn: "desc" }, take: 1 },
      },
      orderBy: [{ name: "asc" }, { id: "asc" }],
      skip: (page - 1) * CLUSTERS_PER_PAGE,
      take: CLUSTERS_PER_PAGE,
    }),
  ]);
  return {
    total,
    clusters: rows.map((c) => ({
      id: c.id,
      name: c.name,
      assessments: c._count.assessments,
      latest: c.assessments[0]?.assessedOn ?? "",
      portfolios: c.assessments[0]?.portfolios.split(";") ?? [],
    })),
  };
}

export async function catalogueOfImport(importId: number): Promise<string | null> {
  const row = await db().benchmarkImport.findUnique({ where: { id: importId }, select: { catalogueId: true } });
  return row?.catalogueId ?? null;
}
