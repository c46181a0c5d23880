import type { SnapshotFrom } from "xstate";
import { audit } from "./audit.server";
import { mayActFor, type Viewer } from "./auth/roles";
import { publicationInForce } from "./publications.server";
import { latestAssessmentsAsOf } from "./benchmarks.server";
import { getCatalogue } from "./catalogues.server";
import { db } from "./db.server";
import type { ProgramAccess } from "./program-access.server";
import { baselineAssessments, programClusters } from "./program-access.server";
import { moveCycleAfterBenchmarking } from "./programs.server";
import { cycleClosed } from "./goals.server";
import { clusterValue, scorecardValue } from "./program/metrics";
import { portfolioScorecard, type PortfolioScorecard } from "./scorecard/compute";
import { compareScorecards, lightChanges, type LightChange, type ScorecardComparison } from "./scorecard/progress";
import { loadWorkflow } from "./workflows.server";
import type { goalMachine } from "../workflows/goal";
import type { improvementCycleMachine } from "../workflows/improvement-cycle";

// Progress of a program against its frozen baseline: the same clusters, the baseline's catalogue,
// each cluster's latest benchmarking now. A new benchmarking round moves the cycle on and gives
// goals whose metric comes from the scorecard their new value as a check-in with its source.

type Program = ProgramAccess["program"];

/** The program's clusters as benchmarked at the baseline and as of `asOf`, under the baseline's catalogue. */
/**
 * The baseline's benchmarkings and those of now. "Now" covers the baseline's clusters, or, for
 * those who see the portfolio only as published, exactly the published portfolio (its members
 * then), so that nothing differs from a publication by a cluster or two.
 */
async function roundsOf(program: Program, asOf: string, upToImport: number | null = null, asPublished = false) {
  const catalogue = (await getCatalogue(program.catalogueId))!;
  const atBaseline = await baselineAssessments(program);
  const ids = new Set(atBaseline.map((a) => a.cluster));
  const latest = await latestAssessmentsAsOf(asOf, undefined, upToImport);
  const now = latest.filter((a) => (asPublished ? a.portfolios.includes(program.portfolio) : ids.has(a.cluster)));
  return { catalogue, atBaseline, now };
}

export type ClusterProgress = {
  id: string;
  name: string;
  before: string;
  /** The benchmarking since the program started, or null while there is none. */
  after: string | null;
  overall: { before: number | null; after: number | null };
  changed: Array<LightChange>;
};

export type ProgramProgress = {
  asOf: string;
  /** Clusters benchmarked again since the program started, of all the baseline's. */
  renewed: number;
  clusters: number;
  current: PortfolioScorecard;
  comparison: ScorecardComparison;
  /** Per cluster, for those who may see it: who runs the program all, a manager their own. */
  perCluster: Array<ClusterProgress>;
};

export async function programProgress(access: Pick<ProgramAccess, "program" | "part">, asOf: string, upToImport: number | null = null): Promise<ProgramProgress> {
  const { program, part } = access;
  const { catalogue, atBaseline, now } = await roundsOf(program, asOf, upToImport, !part.runs);
  const baseline = JSON.parse(program.baseline) as PortfolioScorecard;
  const current = portfolioScorecard(catalogue, program.portfolio, now);
  const after = new Map(now.map((a) => [a.cluster, a]));
  const perCluster = atBaseline
    .filter((a) => part.runs || part.clusters.includes(a.cluster))
    .map((before) => {
      const latest = after.get(before.cluster);
      const renewed = latest && latest.assessedOn >= program.startsOn ? latest : null;
      return {
        id: before.cluster,
        name: before.name,
        before: before.assessedOn,
        after: renewed?.assessedOn ?? null,
        overall: {
          before: portfolioScorecard(catalogue, before.cluster, [before]).overall.score,
          after: renewed ? portfolioScorecard(catalogue, before.cluster, [renewed]).overall.score : null,
        },
        changed: renewed ? lightChanges(catalogue, before, renewed) : [],
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
  return {
    asOf,
    renewed: now.filter((a) => a.assessedOn >= program.startsOn).length,
    clusters: atBaseline.length,
    current,
    comparison: compareScorecards(baseline, current),
    perCluster,
  };
}

/**
 * After an import: every program with a cluster benchmarked again (since the program started)
 * moves toward its review, and its agreed goals on scorecard metrics get the new values as
 * check-ins naming their source. Running it twice records nothing twice.
 */
export async function afterBenchmarkImport(importId: number, actorId: string | null): Promise<void> {
  await programsAfterImport(importId, actorId);
}

/**
 * The same, never failing the import it follows (the import is stored by then): a failure is
 * logged, and the hourly job goes over the last week's imports again (nothing is done twice).
 */
export async function afterBenchmarkImportSafely(importId: number, actorId: string | null): Promise<void> {
  try {
    await programsAfterImport(importId, actorId);
  } catch (error) {
    console.error(`rces: updating programs after import #${importId} failed and will be retried by the hourly job: ${(error as Error).message}`);
  }
}

/** The hourly job's part: the last week's imports applied to the programs again (idempotent). */
export async function reapplyRecentImports(now: Date = new Date()): Promise<void> {
  const since = new Date(now.getTime() - 7 * 86_400_000);
  for (const { id } of await db().benchmarkImport.findMany({ where: { importedAt: { gte: since } }, select: { id: true }, orderBy: { id: "asc" } })) {
    await afterBenchmarkImportSafely(id, null);
  }
}

async function programsAfterImport(importId: number, actorId: string | null): Promise<void> {
  const imported = await db().assessment.findMany({ where: { importId }, select: { clusterId: true, assessedOn: true } });
  for (const { program, round } of await openProgramsOfRound(imported)) {
    await moveCycleAfterBenchmarking(program, actorId);
    await recordRoundCheckIns(program, round, actorId);
  }
}

/**
 * A goal agreed after a round was stored takes that round's value as the import would have given
 * it: the latest benchmarking of each of the program's clusters since it started (up to today),
 * recorded once (the same source key as the import's).
 */
export async function checkInStoredRounds(program: Program, actorId: string | null, today: string): Promise<void> {
  try {
    await recordStoredRounds(program, actorId, today);
  } catch (error) {
    // The step it follows is stored by then; the hourly job records the round's values again (once).
    console.error(`rces: taking the stored round's values for program ${program.id} failed and will be retried by the hourly job: ${(error as Error).message}`);
  }
}

/** The hourly job's part: every open program's agreed goals take the values of the rounds stored (each once). */
export async function checkInStoredRoundsOfOpenPrograms(today: string): Promise<void> {
  for (const program of await db().program.findMany({ orderBy: { startsOn: "asc" } })) {
    if (await cycleClosed(program)) continue;
    await checkInStoredRounds(program, null, today);
  }
}

async function recordStoredRounds(program: Program, actorId: string | null, today: string): Promise<void> {
  const clusters = (await programClusters(program)).map((c) => c.id);
  const rows = await db().assessment.findMany({ where: { clusterId: { in: clusters }, assessedOn: { gte: program.startsOn, lte: today } }, select: { clusterId: true, assessedOn: true } });
  const latest = new Map<string, { clusterId: string; assessedOn: string }>();
  for (const row of rows) if ((latest.get(row.clusterId)?.assessedOn ?? "") < row.assessedOn) latest.set(row.clusterId, row);
  if (latest.size) await recordRoundCheckIns(program, [...latest.values()], actorId);
}

/** The open programs a round of benchmarkings belongs to (their clusters, dated since they started), with those rows. */
async function openProgramsOfRound(rows: ReadonlyArray<{ clusterId: string; assessedOn: string }>) {
  if (rows.length === 0) return [];
  const clusterIds = [...new Set(rows.map((a) => a.clusterId))];
  const portfolios = (await db().clusterPortfolio.findMany({ where: { clusterId: { in: clusterIds } }, select: { portfolio: true }, distinct: ["portfolio"] })).map((p) => p.portfolio);
  const found = [];
  for (const program of await db().program.findMany({ where: { portfolio: { in: portfolios } }, orderBy: { startsOn: "asc" } })) {
    // A closed cycle stays as it was when it closed.
    if (await cycleClosed(program)) continue;
    const members = new Set((await programClusters(program)).map((c) => c.id));
    const round = rows.filter((a) => members.has(a.clusterId) && a.assessedOn >= program.startsOn);
    if (round.length) found.push({ program, round });
  }
  return found;
}

/** What storing this file will do to the programs the importer runs: for the import preview. */
export async function programsTouchedBy(viewer: Viewer, rows: ReadonlyArray<{ cluster: string; assessedOn: string }>) {
  const touched = await openProgramsOfRound(rows.map((r) => ({ clusterId: r.cluster, assessedOn: r.assessedOn })));
  return touched
    .filter(({ program }) => mayActFor(viewer, [program.portfolio]).ok)
    .map(({ program, round }) => ({ id: program.id, name: program.name, clusters: new Set(round.map((r) => r.clusterId)).size }));
}

async function recordRoundCheckIns(program: Program, round: Array<{ clusterId: string; assessedOn: string }>, actorId: string | null) {
  const roundEnd = round.map((a) => a.assessedOn).sort().at(-1)!;
  const { catalogue, now } = await roundsOf(program, roundEnd);
  const regional = portfolioScorecard(catalogue, program.portfolio, now);
  const goals = await db().goal.findMany({ where: { programId: program.id }, select: { id: true, scope: true, clusterId: true, metric: true, workflowId: true } });
  // What earlier runs recorded (the hourly job goes over the stored rounds again): passed over, not written twice.
  const recorded = new Set((await db().checkIn.findMany({ where: { goalId: { in: goals.map((g) => g.id) }, sourceKey: { not: null } }, select: { sourceKey: true } })).map((c) => c.sourceKey));
  for (const goal of goals) {
    if (goal.metric.startsWith("free:") || goal.metric.startsWith("labels:")) continue;
    const snapshot = (await loadWorkflow("goal", goal.workflowId))!.snapshot as SnapshotFrom<typeof goalMachine>;
    if (String(snapshot.value) !== "agreed") continue;
    let value: number | null = null;
    let date: string;
    if (goal.scope === "region") {
      value = scorecardValue(regional, goal.metric);
      date = roundEnd;
    } else {
      const benchmarked = round.find((a) => a.clusterId === goal.clusterId);
      const assessment = benchmarked && now.find((a) => a.cluster === goal.clusterId && a.assessedOn === benchmarked.assessedOn);
      if (!assessment) continue;
      value = clusterValue(catalogue, portfolioScorecard(catalogue, assessment.cluster, [assessment]), assessment, goal.metric);
      date = assessment.assessedOn;
    }
    // A value from after the due date does not count for the goal: it is not recorded against it.
    if (value === null || date > snapshot.context.target.date) continue;
    const source = `benchmarking ${date}`;
    if (recorded.has(`${goal.id} ${source}`)) continue;
    try {
      await db().$transaction(async (tx) => {
        // Still agreed where it is written: a goal withdrawn meanwhile takes no value.
        if ((await tx.workflowInstance.findUnique({ where: { id: goal.workflowId }, select: { state: true } }))?.state !== "agreed") return;
        // The key makes a second run (the hourly job, another server) fail here whole: recorded once.
        await tx.checkIn.create({ data: { goalId: goal.id, value, date, comment: goal.scope === "region" ? `recomputed from the round up to ${date}` : `from the benchmarking of ${date}`, source, sourceKey: `${goal.id} ${source}`, recordedById: actorId ?? "system" } });
        await audit(tx, { actorId, action: "goal.check-in", subject: `goal ${goal.id}`, after: { value, date, source } });
      });
    } catch (error) {
      if ((error as { code?: string }).code !== "P2002") throw error;
    }
  }
}

/** For a closed cycle, the last import stored before it closed (what came later is not its story); null while open. */
async function importsWhenClosed(program: { cycleId: string }): Promise<number | null> {
  const closed = await db().workflowEvent.findFirst({ where: { instanceId: program.cycleId, type: "CLOSE" }, select: { at: true } });
  if (!closed) return null;
  return (await db().benchmarkImport.findFirst({ where: { importedAt: { lte: closed.at } }, orderBy: { id: "desc" }, select: { id: true } }))?.id ?? 0;
}

/** The day a program is shown as of: today, or for a closed cycle its closing day (it stays as it was then). */
export async function programDay(program: { cycleId: string }, today: string): Promise<string> {
  const cycle = (await loadWorkflow("improvementCycle", program.cycleId))!.snapshot as SnapshotFrom<typeof improvementCycleMachine>;
  return cycle.context.closedOn && cycle.context.closedOn < today ? cycle.context.closedOn : today;
}

/**
 * The progress this viewer may see. Those who run the program see it as of today. The others see
 * the portfolio only as its coordinator published it (disclosure.ts): as of the latest
 * publication, once one was made after the program started. Null while nothing is to be shown.
 */
export async function progressFor(access: Pick<ProgramAccess, "program" | "part">, today: string): Promise<{ progress: ProgramProgress } | { withheld: string } | null> {
  let asOf = await programDay(access.program, today);
  if (!access.part.runs) {
    const publication = await publicationInForce(access.program.portfolio, asOf);
    const published = publication?.asOf;
    if (!publication || !published || published < access.program.startsOn) {
      return (await db().assessment.count({ where: { cluster: { portfolios: { some: { portfolio: access.program.portfolio } } }, assessedOn: { gte: access.program.startsOn, lte: today } } })) > 0
        ? { withheld: "The new benchmarking round is shown once the coordinator publishes the portfolio's scorecard after it." }
        : null;
    }
    asOf = published;
  }
  // Those who follow see the publication as it was made (its last import); the others the state up to the closing, if closed.
  const upToImport = access.part.runs ? await importsWhenClosed(access.program) : ((await publicationInForce(access.program.portfolio, asOf))?.lastImportId ?? null);
  const progress = await programProgress(access, asOf, upToImport);
  return progress.renewed > 0 ? { progress } : null;
}
