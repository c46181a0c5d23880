import { coordinatedPortfolios, isAdmin, managedClusters, policyPortfolios, programPart, type ProgramPart, type Viewer } from "./auth/roles";
import { latestAssessmentsAsOf } from "./benchmarks.server";
import { db } from "./db.server";
import type { Prisma } from "./generated/prisma/client";

// Who takes part in a program, from the pure rules of roles.ts: who runs it (its portfolio's
// coordinators and administrators), the managers of its clusters, the policy makers who follow
// the portfolio. The conditions are part of the queries, so a program that is not the viewer's
// is not found at all.

function programsRunBy(viewer: Viewer): Prisma.ProgramWhereInput {
  return isAdmin(viewer) ? {} : { portfolio: { in: coordinatedPortfolios(viewer) } };
}

/** A program the viewer runs, or null (also for one they only follow). */
export async function programFor(viewer: Viewer, programId: string) {
  return db().program.findFirst({ where: { AND: [{ id: programId }, programsRunBy(viewer)] } });
}

/** Programs the viewer takes part in at all: runs, follows, or manages a cluster of its portfolio. */
export async function programsSeenBy(viewer: Viewer): Promise<Prisma.ProgramWhereInput> {
  if (isAdmin(viewer)) return {};
  const managed = managedClusters(viewer);
  const ofManaged = managed.length
    ? (await db().clusterPortfolio.findMany({ where: { clusterId: { in: managed } }, select: { portfolio: true } })).map((m) => m.portfolio)
    : [];
  return { portfolio: { in: [...new Set([...coordinatedPortfolios(viewer), ...policyPortfolios(viewer), ...ofManaged])] } };
}

type BaselineOf = { portfolio: string; baselineAsOf: string; createdAt: Date };

/**
 * The benchmarkings the program's frozen baseline was made of: each portfolio cluster's latest as
 * of the baseline date, as stored when the program opened (a later import cannot change them).
 */
export async function baselineAssessments(program: BaselineOf) {
  const last = await db().benchmarkImport.findFirst({ where: { importedAt: { lte: program.createdAt } }, orderBy: { id: "desc" }, select: { id: true } });
  return (await latestAssessmentsAsOf(program.baselineAsOf, undefined, last?.id ?? 0)).filter((a) => a.portfolios.includes(program.portfolio));
}

/** The clusters of a program: those of its portfolio in the frozen baseline. */
export async function programClusters(program: BaselineOf): Promise<Array<{ id: string; name: string }>> {
  return (await baselineAssessments(program)).map((a) => ({ id: a.cluster, name: a.name })).sort((a, b) => a.name.localeCompare(b.name));
}

export type ProgramAccess = {
  program: NonNullable<Awaited<ReturnType<typeof programFor>>>;
  part: ProgramPart;
  clusters: Array<{ id: string; name: string }>;
};

/** The program with the viewer's part in it, or null when it is not theirs to see. */
export async function programSeenBy(viewer: Viewer, programId: string): Promise<ProgramAccess | null> {
  const program = await db().program.findUnique({ where: { id: programId } });
  if (!program) return null;
  const clusters = await programClusters(program);
  const published = (await db().publication.count({ where: { portfolio: program.portfolio, asOf: program.baselineAsOf } })) > 0;
  const part = programPart(viewer, program.portfolio, clusters.map((c) => c.id), published);
  return part ? { program, part, clusters } : null;
}
