import { randomUUID } from "node:crypto";
import type { SnapshotFrom } from "xstate";
import { audit } from "./audit.server";
import type { Viewer } from "./auth/roles";
import { latestAssessmentsAsOf } from "./benchmarks.server";
import { getCatalogue } from "./catalogues.server";
import { db } from "./db.server";
import { portfolioScorecard, type PortfolioScorecard } from "./scorecard/compute";
import { createWorkflow, loadWorkflow, sendEvent } from "./workflows.server";
import { goalHealth, type GoalHealth, type goalMachine } from "../workflows/goal";
import type { JointProjectStatus } from "./program-terms";
import { programFor } from "./program-access.server";

// Goals of a program: each a goal workflow, its baseline taken from the program's frozen
// baseline (or the cluster's own scorecard at the baseline date), its check-ins kept as history.

export const HEALTH_TOLERANCE = 0.1;

export type GoalInput = {
  scope: "region" | "cluster";
  clusterId?: string;
  area: string;
  /** "overall", "dimension:<code>" or "free:<unit>" */
  metric: string;
  target: number;
  dueDate: string;
  /** Only for a free metric: its value at the baseline date. */
  baselineValue?: number;
};

type Outcome<T = object> = ({ ok: true } & T) | { ok: false; status: 403 | 404 | 409 | 422; error: string };


function scoreOf(card: PortfolioScorecard, metric: string): number | null {
  if (metric === "overall") return card.overall.score;
  if (metric.startsWith("dimension:")) return card.dimensions.find((d) => `dimension:${d.code}` === metric)?.score ?? null;
  return null;
}

export async function addGoal(actor: Viewer, programId: string, input: GoalInput): Promise<Outcome<{ id: string }>> {
  const program = await programFor(actor, programId);
  if (!program) return { ok: false, status: 404, error: "No such program." };
  let baseline: number | null;
  if (input.metric.startsWith("free:")) baseline = input.baselineValue ?? null;
  else if (input.scope === "region") baseline = scoreOf(JSON.parse(program.baseline) as PortfolioScorecard, input.metric);
  else {
    const catalogue = (await getCatalogue(program.catalogueId))!;
    const own = (await latestAssessmentsAsOf(program.baselineAsOf)).find((a) => a.cluster === input.clusterId && a.portfolios.includes(program.portfolio));
    if (!own) return { ok: false, status: 422, error: `${input.clusterId ?? "The cluster"} has no benchmarking in ${program.portfolio} at the baseline date.` };
    baseline = scoreOf(portfolioScorecard(catalogue, own.cluster, [own]), input.metric);
  }
  if (baseline === null) return { ok: false, status: 422, error: "The goal needs a numeric baseline: choose a metric of the scorecard, or give the baseline value." };
  if (input.dueDate <= program.baselineAsOf) return { ok: false, status: 422, error: "The due date must come after the baseline date." };
  const id = randomUUID();
  await db().$transaction(async (tx) => {
    const workflowId = await createWorkflow("goal", {
      input: { baseline: { value: baseline, date: program.baselineAsOf }, target: { value: input.target, date: input.dueDate }, better: "higher" },
      actorId: actor.userId,
      tx,
    });
    await tx.goal.create({
      data: { id, programId, scope: input.scope, clusterId: input.scope === "cluster" ? input.clusterId! : null, area: input.area, metric: input.metric, workflowId, createdById: actor.userId },
    });
    await audit(tx, { actorId: actor.userId, action: "goal.create", subject: `goal ${id}`, after: { ...input, baseline } });
  });
  return { ok: true, id };
}

export type GoalRow = {
  id: string;
  scope: string;
  clusterId: string | null;
  area: string;
  metric: string;
  state: string;
  revision: number;
  baseline: { value: number; date: string };
  target: { value: number; date: string };
  latest: { value: number; date: string; comment: string } | null;
  checkIns: number;
  health: GoalHealth | null;
  accepts: { agree: boolean; withdraw: boolean };
};

export async function goalsOf(programId: string): Promise<Array<GoalRow>> {
  const goals = await db().goal.findMany({
    where: { programId },
    orderBy: { createdAt: "asc" },
    select: { id: true, scope: true, clusterId: true, area: true, metric: true, workflowId: true, checkIns: { orderBy: [{ date: "desc" }, { id: "desc" }], select: { value: true, date: true, comment: true } } },
  });
  const rows: Array<GoalRow> = [];
  for (const goal of goals) {
    const loaded = (await loadWorkflow("goal", goal.workflowId))!;
    const snapshot = loaded.snapshot as SnapshotFrom<typeof goalMachine>;
    const latest = goal.checkIns[0] ?? null;
    const state = String(snapshot.value);
    rows.push({
      id: goal.id,
      scope: goal.scope,
      clusterId: goal.clusterId,
      area: goal.area,
      metric: goal.metric,
      state,
      revision: loaded.revision,
      baseline: snapshot.context.baseline,
      target: snapshot.context.target,
      latest,
      checkIns: goal.checkIns.length,
      health: state === "agreed" ? goalHealth(snapshot.context, latest, HEALTH_TOLERANCE) : null,
      accepts: { agree: snapshot.can({ type: "AGREE" }), withdraw: snapshot.can({ type: "WITHDRAW", reason: "x" }) },
    });
  }
  return rows;
}

export async function goalCommand(actor: Viewer, goalId: string, command: { type: "AGREE" } | { type: "WITHDRAW"; reason: string }, revision: number): Promise<Outcome> {
  const goal = await db().goal.findUnique({ where: { id: goalId }, select: { programId: true, workflowId: true } });
  if (!goal || !(await programFor(actor, goal.programId))) return { ok: false, status: 404, error: "No such goal." };
  const result = await sendEvent("goal", goal.workflowId, command, { actorId: actor.userId, expectedRevision: revision });
  if (result.ok) return { ok: true };
  const error = command.type === "WITHDRAW" && !command.reason.trim() ? "Withdrawing a goal needs a reason." : result.message.replace("the goal is", "this goal is");
  return { ok: false, status: result.reason === "not-found" ? 404 : 409, error };
}

export async function addCheckIn(actor: Viewer, goalId: string, checkIn: { value: number; date: string; comment: string }): Promise<Outcome> {
  const goal = await db().goal.findUnique({ where: { id: goalId }, select: { programId: true } });
  if (!goal || !(await programFor(actor, goal.programId))) return { ok: false, status: 404, error: "No such goal." };
  await db().$transaction(async (tx) => {
    await tx.checkIn.create({ data: { goalId, ...checkIn, recordedById: actor.userId } });
    await audit(tx, { actorId: actor.userId, action: "goal.check-in", subject: `goal ${goalId}`, after: checkIn });
  });
  return { ok: true };
}

export type JointProjectInput = { title: string; areas: Array<string>; clusters: Array<string>; funding: string; status: JointProjectStatus };

/** Defines a joint project of the program's clusters (the kickoff needs the agreed number of them). */
export async function addJointProject(actor: Viewer, programId: string, input: JointProjectInput): Promise<Outcome<{ id: string }>> {
  const program = await programFor(actor, programId);
  if (!program) return { ok: false, status: 404, error: "No such program." };
  if (input.areas.length === 0) return { ok: false, status: 422, error: "Name at least one improvement area the project works on." };
  const id = randomUUID();
  await db().$transaction(async (tx) => {
    await tx.jointProject.create({
      data: { id, programId, title: input.title, areas: input.areas.join(";"), clusters: input.clusters.join(";"), funding: input.funding, status: input.status, createdById: actor.userId },
    });
    await audit(tx, { actorId: actor.userId, action: "joint-project.create", subject: `program ${programId}`, after: input });
  });
  return { ok: true, id };
}

export async function jointProjectsOf(programId: string) {
  const rows = await db().jointProject.findMany({ where: { programId }, orderBy: { createdAt: "asc" }, select: { id: true, title: true, areas: true, clusters: true, funding: true, status: true } });
  return rows.map((r) => ({ ...r, areas: r.areas.split(";").filter(Boolean), clusters: r.clusters.split(";").filter(Boolean) }));
}
