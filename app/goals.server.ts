import { randomUUID } from "node:crypto";
import type { SnapshotFrom } from "xstate";
import { audit } from "./audit.server";
import { maySeeGoal, mayWorkOnGoal, type ProgramPart, type Viewer } from "./auth/roles";
import { getCatalogue } from "./catalogues.server";
import { db } from "./db.server";
import type { Catalogue } from "./scorecard/catalogue";
import { portfolioScorecard, type PortfolioScorecard } from "./scorecard/compute";
import { CHANGED_MEANWHILE, createWorkflow, loadWorkflow, sendEvent } from "./workflows.server";
import { goalHealth, type DatedValue, type GoalContext, type GoalHealth, type goalMachine } from "../workflows/goal";
import type { JointProjectStatus } from "./program-terms";
import { baselineAssessments, programClusters, programFor, programSeenBy, type ProgramAccess } from "./program-access.server";
import { getSettings } from "./settings.server";
import { publishedAsOf } from "./auth/disclosure";
import { publicationDates } from "./publications.server";
import { clusterValue, isLabelMetric, isMetric, metricBounds, needsManualBaseline, scorecardValue } from "./program/metrics";
import { clustersHoldingAtLeast } from "./labels.server";
import type { LabelLevel } from "../workflows/label";
import { clusterSuggestions, regionSuggestions, type Suggestion } from "./program/suggestions";
import { assignableIn } from "./workshops.server";

// Goals of a program: each a goal workflow, its baseline taken from the program's frozen
// baseline (or the cluster's own benchmarking at the baseline date), its check-ins kept as history.

export type GoalInput = {
  scope: "region" | "cluster";
  clusterId?: string;
  area: string;
  /** See app/program/metrics.ts. */
  metric: string;
  target: number;
  dueDate: string;
  /** Only for metrics the scorecard cannot give (a free number, a label count): the value at the baseline date. */
  baselineValue?: number;
  /** Who answers for it: someone taking part (a coordinator, one of the cluster's managers); the creator by default. */
  ownerId?: string;
  /** The unfinished goal of the previous cycle it carries over. */
  carriedFromId?: string;
};

type Outcome<T = object> = ({ ok: true } & T) | { ok: false; status: 403 | 404 | 409 | 422; error: string };

const NOT_YOURS = "Only the program's coordinators and the cluster's managers change this cluster's goals; regional goals only the coordinators.";

/** Why a target (value and due date) does not fit the metric and the program, or null: one rule for new goals and changed targets. */
function targetProblem(catalogue: Catalogue, program: { baselineAsOf: string; endsOn: string }, metric: string, target: DatedValue): string | null {
  if (target.date <= program.baselineAsOf) return `The due date must come after the baseline date (${program.baselineAsOf}).`;
  if (target.date > program.endsOn) return `The due date must fall within the program, which ends on ${program.endsOn}.`;
  const bounds = metricBounds(catalogue, metric);
  if (bounds && (target.value < bounds.min || target.value > bounds.max)) return `The target must be ${bounds.words}.`;
  return null;
}

/** A closed cycle's goals (and its report) stay as they were when it closed. */
export async function cycleClosed(program: { cycleId: string }): Promise<boolean> {
  return (await db().workflowInstance.findUnique({ where: { id: program.cycleId }, select: { state: true } }))?.state === "closed";
}
const CLOSED = "This cycle is closed: its goals stay as they were. Work on them in the next cycle.";

/**
 * Whether this viewer may propose new goals now (add one, accept a suggestion, carry one over):
 * they set goals in this program, it still runs (after its end a new goal could only be due in the
 * past), and its cycle is not closed.
 */
export async function mayProposeGoals(access: Pick<ProgramAccess, "program" | "part">, today: string): Promise<boolean> {
  return (access.part.runs || access.part.clusters.length > 0) && today <= access.program.endsOn && !(await cycleClosed(access.program));
}

/** A cluster's benchmarking at the program's baseline date, with its own scorecard. */
async function clusterAtBaseline(program: ProgramAccess["program"], clusterId: string) {
  const catalogue = (await getCatalogue(program.catalogueId))!;
  const own = (await baselineAssessments(program)).find((a) => a.cluster === clusterId);
  return own ? { catalogue, assessment: own, card: portfolioScorecard(catalogue, own.cluster, [own]) } : null;
}

export async function addGoal(actor: Viewer, programId: string, input: GoalInput): Promise<Outcome<{ id: string }>> {
  const access = await programSeenBy(actor, programId);
  if (!access) return { ok: false, status: 404, error: "No such program." };
  const { program, part } = access;
  const scope = { scope: input.scope, clusterId: input.scope === "cluster" ? input.clusterId ?? null : null };
  if (!mayWorkOnGoal(part, scope)) return { ok: false, status: 403, error: NOT_YOURS };
  if (await cycleClosed(program)) return { ok: false, status: 409, error: CLOSED };
  if (input.scope === "cluster" && !access.clusters.some((c) => c.id === input.clusterId)) {
    return { ok: false, status: 422, error: "Choose one of the program's clusters for a cluster goal." };
  }
  const catalogue = (await getCatalogue(program.catalogueId))!;
  if (!isMetric(catalogue, input.scope, input.metric)) return { ok: false, status: 422, error: `“${input.metric}” is not a metric a ${input.scope} goal can measure.` };
  let baseline: number | null;
  if (needsManualBaseline(input.metric)) baseline = input.baselineValue ?? null;
  else if (isLabelMetric(input.metric)) baseline = await labelCount(access, input.metric, program.baselineAsOf);
  else if (input.scope === "region") baseline = scorecardValue(JSON.parse(program.baseline) as PortfolioScorecard, input.metric);
  else {
    const own = await clusterAtBaseline(program, input.clusterId!);
    if (!own) return { ok: false, status: 422, error: `${input.clusterId} has no benchmarking in ${program.portfolio} at the baseline date.` };
    baseline = clusterValue(catalogue, own.card, own.assessment, input.metric);
  }
  if (baseline === null) return { ok: false, status: 422, error: "The goal needs a numeric baseline: this metric has none at the baseline date, so choose another or give the baseline value with another number." };
  const problem = targetProblem(catalogue, program, input.metric, { value: input.target, date: input.dueDate });
  if (problem) return { ok: false, status: 422, error: problem };
  if (input.target === baseline) return { ok: false, status: 422, error: `The target equals the baseline (${baseline}): a goal needs a change to measure.` };
  const ownerId = input.ownerId || actor.userId;
  if (ownerId !== actor.userId && !(await assignableIn(access)).some((p) => p.id === ownerId)) {
    return { ok: false, status: 422, error: "The owner must be someone taking part in the program (a coordinator or a manager of one of its clusters)." };
  }
  const id = randomUUID();
  const created = await db().$transaction(async (tx) => {
    // Checked in the transaction that writes, so two people adding the same goal at once get one.
    const open = await tx.goal.findMany({ where: { programId, scope: input.scope, clusterId: scope.clusterId, metric: input.metric }, select: { workflowId: true } });
    if (open.length && (await tx.workflowInstance.count({ where: { id: { in: open.map((g) => g.workflowId) }, state: { in: ["draft", "agreed"] } } })) > 0) return false;
    if (input.carriedFromId && (await tx.goal.count({ where: { programId, carriedFromId: input.carriedFromId } })) > 0) return false;
    const workflowId = await createWorkflow("goal", {
      // The direction follows the target: a target below the baseline means lower is better.
      input: { baseline: { value: baseline, date: program.baselineAsOf }, target: { value: input.target, date: input.dueDate }, better: input.target > baseline ? "higher" : "lower" },
      actorId: actor.userId,
      tx,
    });
    await tx.goal.create({
      data: { id, programId, scope: input.scope, clusterId: scope.clusterId, area: input.area, metric: input.metric, workflowId, ownerId, carriedFromId: input.carriedFromId ?? null, createdById: actor.userId },
    });
    await audit(tx, { actorId: actor.userId, action: "goal.create", subject: `goal ${id}`, after: { ...input, baseline } });
    return true;
  });
  if (!created) return { ok: false, status: 409, error: input.carriedFromId ? "That goal was carried over already: reload the page." : "There is an open goal on this metric already: change its target instead." };
  return { ok: true, id };
}

/** A label metric's value on a day: the program's clusters holding at least that level. */
async function labelCount(access: { clusters: ReadonlyArray<{ id: string }> }, metric: string, asOf: string): Promise<number> {
  return clustersHoldingAtLeast(access.clusters.map((c) => c.id), metric.slice("labels:".length) as LabelLevel, asOf);
}

/**
 * Label goals are tracked from the label data, never by hand: when the count (as of today, or the
 * due date once passed) differs from the latest check-in, a check-in with source "labels" records it.
 */
async function syncLabelGoals(access: { program: { id: string }; clusters: ReadonlyArray<{ id: string }> }, today: string): Promise<void> {
  const goals = await db().goal.findMany({
    where: { programId: access.program.id, metric: { startsWith: "labels:" } },
    select: { id: true, metric: true, workflowId: true },
  });
  for (const goal of goals) {
    const loaded = (await loadWorkflow("goal", goal.workflowId))!;
    const snapshot = loaded.snapshot as SnapshotFrom<typeof goalMachine>;
    if (String(snapshot.value) !== "agreed") continue;
    const on = today < snapshot.context.target.date ? today : snapshot.context.target.date;
    const value = await labelCount(access, goal.metric, on);
    await db().$transaction(async (tx) => {
      // Read again where it is written: two page loads at once record the count once.
      const latest = await tx.checkIn.findFirst({ where: { goalId: goal.id }, orderBy: [{ date: "desc" }, { id: "desc" }], select: { value: true } });
      if (latest && latest.value === value) return;
      const checkIn = { value, date: on, comment: "counted from the label data", source: "labels" };
      await tx.checkIn.create({ data: { goalId: goal.id, ...checkIn, recordedById: "system" } });
      await audit(tx, { actorId: null, action: "goal.check-in", subject: `goal ${goal.id}`, after: checkIn });
    });
  }
}

/** The regional label goals of a portfolio's programs this viewer may see, with the count as of a day, for the renewals monitor. */
export async function labelGoalsOf(viewer: Viewer, portfolio: string, asOf: string) {
  const programs = await db().program.findMany({ where: { portfolio }, select: { id: true }, orderBy: { startsOn: "asc" } });
  const rows = [];
  for (const { id } of programs) {
    const access = await programSeenBy(viewer, id);
    if (!access || !maySeeGoal(access.part, { scope: "region", clusterId: null })) continue;
    const goals = await db().goal.findMany({ where: { programId: id, scope: "region", metric: { startsWith: "labels:" } }, select: { id: true, metric: true, workflowId: true } });
    for (const goal of goals) {
      const snapshot = (await loadWorkflow("goal", goal.workflowId))!.snapshot as SnapshotFrom<typeof goalMachine>;
      if (String(snapshot.value) === "draft" && !access.part.runs) continue;
      rows.push({
        id: goal.id,
        programId: id,
        programName: access.program.name,
        level: goal.metric.slice("labels:".length),
        target: snapshot.context.target.value,
        dueDate: snapshot.context.target.date,
        current: await labelCount(access, goal.metric, asOf),
        state: String(snapshot.value),
      });
    }
  }
  return rows;
}

export type GoalRow = {
  id: string;
  scope: string;
  clusterId: string | null;
  area: string;
  metric: string;
  owner: string | null;
  state: string;
  revision: number;
  baseline: DatedValue;
  target: DatedValue;
  better: "higher" | "lower";
  changes: GoalContext["changes"];
  withdrawnBecause: string | null;
  checkIns: Array<{ value: number; date: string; comment: string; source: string }>;
  latest: { value: number; date: string; comment: string; source: string } | null;
  health: GoalHealth | null;
  /** What this viewer may do now: exactly the events the machine accepts, for their part; nothing once the cycle is closed. */
  accepts: { agree: boolean; withdraw: boolean; change: boolean; checkIn: boolean };
};

/** The goals this viewer may see, each moved on by time first (a TICK with today's date). */
export async function goalsOf(access: Pick<ProgramAccess, "program" | "part" | "clusters">, today: string): Promise<Array<GoalRow>> {
  await syncLabelGoals(access, today);
  const goals = await db().goal.findMany({
    where: { programId: access.program.id },
    orderBy: { createdAt: "asc" },
    select: {
      id: true, scope: true, clusterId: true, area: true, metric: true, workflowId: true, ownerId: true,
      checkIns: { orderBy: [{ date: "asc" }, { id: "asc" }], select: { value: true, date: true, comment: true, source: true } },
    },
  });
  // Regional figures reach those who do not run the program as the coordinator published them:
  // a regional goal's check-ins up to the latest publication, none after it.
  const publishedUpTo = access.part.runs ? null : publishedAsOf(await publicationDates(access.program.portfolio), today) ?? "0000-00-00";
  // A closed cycle's goals accept nothing more (addGoal, goalCommand and addCheckIn refuse): no buttons.
  const closed = await cycleClosed(access.program);
  const owners = new Map((await db().user.findMany({ where: { id: { in: goals.map((g) => g.ownerId ?? "") } }, select: { id: true, name: true } })).map((u) => [u.id, u.name]));
  const rows: Array<GoalRow> = [];
  for (const goal of goals.filter((g) => maySeeGoal(access.part, g))) {
    const { snapshot, revision } = await tickGoal(goal.workflowId, today, goal.checkIns);
    // Label counts are not benchmarking figures: labels are public (ESCA lists them), so nothing waits for a publication.
    const checkIns = goal.scope === "region" && publishedUpTo !== null && !isLabelMetric(goal.metric) ? goal.checkIns.filter((c) => c.date <= publishedUpTo) : goal.checkIns;
    const latest = checkIns.at(-1) ?? null;
    const state = String(snapshot.value);
    const mine = !closed && mayWorkOnGoal(access.part, goal);
    const context = snapshot.context;
    rows.push({
      id: goal.id,
      scope: goal.scope,
      clusterId: goal.clusterId,
      area: goal.area,
      metric: goal.metric,
      owner: goal.ownerId ? owners.get(goal.ownerId) ?? null : null,
      state,
      revision,
      baseline: context.baseline,
      target: context.target,
      better: context.better,
      changes: context.changes,
      withdrawnBecause: context.withdrawnBecause,
      checkIns,
      latest,
      health: state === "agreed" ? goalHealth(context, latest, { today, tolerance: getSettings().healthTolerance }) : null,
      accepts: {
        agree: mine && snapshot.can({ type: "AGREE", today }),
        withdraw: mine && snapshot.can({ type: "WITHDRAW", reason: "x" }),
        // Judged with a due date no earlier than today, the earliest a change may set: a draft past its due date can still be given a new one.
        change: mine && snapshot.can({ type: "CHANGE_TARGET", target: { ...context.target, date: context.target.date < today ? today : context.target.date }, reason: "x", at: today }),
        checkIn: mine && state === "agreed" && !isLabelMetric(goal.metric),
      },
    });
  }
  return rows;
}

/**
 * Time moves a goal: at its due date it is achieved or missed, judged on the latest check-in by
 * that date (a later one, say from the next benchmarking round, does not count for it).
 * Sent on reading, before a command and by the periodic job. `tickedFrom`: the revision this tick
 * moved on from, null when it changed nothing.
 */
async function tickGoal(workflowId: string, today: string, checkIns: ReadonlyArray<DatedValue>): Promise<{ snapshot: SnapshotFrom<typeof goalMachine>; revision: number; tickedFrom: number | null }> {
  const read = async () => {
    const loaded = (await loadWorkflow("goal", workflowId))!;
    return { snapshot: loaded.snapshot as SnapshotFrom<typeof goalMachine>, revision: loaded.revision };
  };
  const before = { ...(await read()), tickedFrom: null };
  const byDue = checkIns.filter((c) => c.date <= before.snapshot.context.target.date).sort((a, b) => a.date.localeCompare(b.date)).at(-1) ?? null;
  const tick = { type: "TICK" as const, today, latest: byDue && { value: byDue.value, date: byDue.date } };
  if (!before.snapshot.can(tick)) return before;
  const result = await sendEvent("goal", workflowId, tick, { actorId: null, expectedRevision: before.revision });
  // Someone else moved it meanwhile: read what they wrote.
  return result.ok ? { snapshot: result.snapshot, revision: result.revision, tickedFrom: before.revision } : { ...(await read()), tickedFrom: null };
}

/** The periodic job's part: every agreed goal (of one program, or of every one), moved on to today. */
export async function tickAllGoals(today: string, programId?: string): Promise<number> {
  // Label goals take their count from the label data first, so that the due date judges the real count.
  // A closed cycle's goals stay as they were when it closed: no count, no due date judged after it.
  const closedCycles = (await db().workflowInstance.findMany({ where: { kind: "improvementCycle", state: "closed" }, select: { id: true } })).map((c) => c.id);
  const closed = new Set((await db().program.findMany({ where: { cycleId: { in: closedCycles } }, select: { id: true } })).map((p) => p.id));
  const withLabelGoals = await db().goal.findMany({ where: { metric: { startsWith: "labels:" }, ...(programId ? { programId } : {}) }, select: { programId: true }, distinct: ["programId"] });
  for (const { programId: id } of withLabelGoals) {
    if (closed.has(id)) continue;
    const program = await db().program.findUniqueOrThrow({ where: { id } });
    await syncLabelGoals({ program, clusters: await programClusters(program) }, today);
  }
  const ofProgram = programId ? (await db().goal.findMany({ where: { programId }, select: { workflowId: true } })).map((g) => g.workflowId) : null;
  const agreed = await db().workflowInstance.findMany({ where: { kind: "goal", state: "agreed", ...(ofProgram ? { id: { in: ofProgram } } : {}) }, select: { id: true } });
  let moved = 0;
  for (const { id } of agreed) {
    const goal = await db().goal.findUnique({ where: { workflowId: id }, select: { programId: true, checkIns: { orderBy: [{ date: "asc" }, { id: "asc" }], select: { value: true, date: true } } } });
    if (!goal || closed.has(goal.programId)) continue;
    const after = await tickGoal(id, today, goal.checkIns);
    if (String(after.snapshot.value) !== "agreed") moved += 1;
  }
  return moved;
}

export type GoalCommand =
  | { type: "AGREE" }
  | { type: "WITHDRAW"; reason: string }
  | { type: "CHANGE_TARGET"; target: DatedValue; reason: string };

/** The goal, if the viewer may act on it: 404 when they may not even see it, 403 when they may only look. */
async function goalForWork(actor: Viewer, goalId: string): Promise<Outcome<{ goal: { programId: string; workflowId: string; scope: string; clusterId: string | null; metric: string }; access: ProgramAccess }>> {
  const goal = await db().goal.findUnique({ where: { id: goalId }, select: { programId: true, workflowId: true, scope: true, clusterId: true, metric: true } });
  const access = goal && (await programSeenBy(actor, goal.programId));
  if (!goal || !access || !maySeeGoal(access.part, goal)) return { ok: false, status: 404, error: "No such goal." };
  if (!mayWorkOnGoal(access.part, goal)) return { ok: false, status: 403, error: NOT_YOURS };
  return { ok: true, goal, access };
}

export async function goalCommand(actor: Viewer, goalId: string, command: GoalCommand, revision: number, today: string): Promise<Outcome> {
  const found = await goalForWork(actor, goalId);
  if (!found.ok) return found;
  const { program } = found.access;
  const { workflowId, metric } = found.goal;
  if (await cycleClosed(program)) return { ok: false, status: 409, error: CLOSED };
  if (command.type === "CHANGE_TARGET") {
    const problem = targetProblem((await getCatalogue(program.catalogueId))!, program, metric, command.target);
    if (problem) return { ok: false, status: 422, error: problem };
  }
  // Time first (a TICK with today's date, as on reading): a goal past its due date is achieved or
  // missed before the command is judged. The person saw the state before that tick.
  if (isLabelMetric(metric)) await syncLabelGoals(found.access, today);
  const checkIns = await db().checkIn.findMany({ where: { goalId }, orderBy: [{ date: "asc" }, { id: "asc" }], select: { value: true, date: true } });
  const { tickedFrom } = await tickGoal(workflowId, today, checkIns);
  const expectedRevision = tickedFrom === revision ? revision + 1 : revision;
  const event = command.type === "CHANGE_TARGET" ? { ...command, at: today } : command.type === "AGREE" ? { ...command, today } : command;
  const result = await sendEvent("goal", workflowId, event, { actorId: actor.userId, expectedRevision });
  if (result.ok) return { ok: true };
  if (result.reason !== "refused") return { ok: false, status: result.reason === "not-found" ? 404 : 409, error: result.message };
  const why =
    command.type === "WITHDRAW" && !command.reason.trim()
      ? "Withdrawing a goal needs a reason."
      : command.type === "CHANGE_TARGET"
        ? !command.reason.trim()
          ? "Changing a target or due date needs a reason; the old values are kept with it."
          : command.target.date < today
            ? `The new due date cannot be before today (${today}): choose today or a later day.`
            : "A new target stays on the goal's side of its baseline (a goal to raise a value stays one to raise it), and the goal must still be open."
        : command.type === "AGREE"
          ? "Only a draft whose target differs from its baseline and whose due date has not passed can be agreed: change the target or due date first."
          : result.message.replace("the goal is", "this goal is");
  return { ok: false, status: 409, error: why };
}

export async function addCheckIn(actor: Viewer, goalId: string, checkIn: { value: number; date: string; comment: string }, today: string): Promise<Outcome> {
  const found = await goalForWork(actor, goalId);
  if (!found.ok) return found;
  if (await cycleClosed(found.access.program)) return { ok: false, status: 409, error: CLOSED };
  const loaded = (await loadWorkflow("goal", found.goal.workflowId))!;
  const snapshot = loaded.snapshot as SnapshotFrom<typeof goalMachine>;
  if (String(snapshot.value) !== "agreed") return { ok: false, status: 409, error: `Check-ins are for agreed goals; this one is ${String(snapshot.value)}.` };
  if ((await db().goal.count({ where: { id: goalId, metric: { startsWith: "labels:" } } })) > 0) {
    return { ok: false, status: 409, error: "A label goal is counted from the label data: record the label instead." };
  }
  if (checkIn.date > today) return { ok: false, status: 422, error: `A check-in records a value measured: its date cannot be after today (${today}).` };
  const bounds = metricBounds((await getCatalogue(found.access.program.catalogueId))!, found.goal.metric);
  if (bounds && (checkIn.value < bounds.min || checkIn.value > bounds.max)) return { ok: false, status: 422, error: `The value must be ${bounds.words}.` };
  if (checkIn.date < snapshot.context.baseline.date) return { ok: false, status: 422, error: `A check-in cannot be dated before the baseline (${snapshot.context.baseline.date}).` };
  const written = await db().$transaction(async (tx) => {
    // Checked again where it is written: a goal withdrawn (or judged) meanwhile takes no check-in.
    const now = await tx.workflowInstance.findUnique({ where: { id: found.goal.workflowId }, select: { state: true } });
    if (now?.state !== "agreed") return false;
    await tx.checkIn.create({ data: { goalId, ...checkIn, recordedById: actor.userId } });
    await audit(tx, { actorId: actor.userId, action: "goal.check-in", subject: `goal ${goalId}`, after: checkIn });
    return true;
  });
  return written ? { ok: true } : { ok: false, status: 409, error: CHANGED_MEANWHILE };
}

/**
 * The goals the product proposes from the baseline that this viewer may take up: not ignored, and
 * not already a goal (one on the same metric for the same cluster, or the region).
 */
export async function suggestionsFor(access: ProgramAccess): Promise<Array<Suggestion>> {
  const { program, part } = access;
  const catalogue = await getCatalogue(program.catalogueId);
  if (!catalogue) return [];
  const members = await baselineAssessments(program);
  const all = [
    ...(part.runs ? regionSuggestions(catalogue, JSON.parse(program.baseline) as PortfolioScorecard) : []),
    ...members.filter((m) => part.runs || part.clusters.includes(m.cluster)).flatMap((m) => clusterSuggestions(catalogue, m)),
  ];
  const ignored = new Set((await db().ignoredSuggestion.findMany({ where: { programId: program.id }, select: { key: true } })).map((i) => i.key));
  const taken = new Set(
    (await db().goal.findMany({ where: { programId: program.id }, select: { scope: true, clusterId: true, metric: true } })).map((g) =>
      g.scope === "region" ? `region:${g.metric}` : `cluster:${g.clusterId}:${g.metric}`,
    ),
  );
  return all.filter((s) => !ignored.has(s.key) && !taken.has(s.key));
}

export async function ignoreSuggestion(actor: Viewer, programId: string, key: string): Promise<Outcome> {
  const access = await programSeenBy(actor, programId);
  if (!access) return { ok: false, status: 404, error: "No such program." };
  if (await cycleClosed(access.program)) return { ok: false, status: 409, error: CLOSED };
  const suggestion = (await suggestionsFor(access)).find((s) => s.key === key);
  if (!suggestion) return { ok: false, status: 409, error: "That suggestion is no longer open: reload the page." };
  await db().$transaction(async (tx) => {
    await tx.ignoredSuggestion.create({ data: { programId, key, ignoredById: actor.userId } });
    await audit(tx, { actorId: actor.userId, action: "goal.ignore-suggestion", subject: `program ${programId}`, after: { key } });
  });
  return { ok: true };
}

export type JointProjectInput = { title: string; areas: Array<string>; clusters: Array<string>; funding: string; status: JointProjectStatus };

/**
 * Defines (or, given one's id and the revision the person saw, changes) a joint project of the
 * program's clusters; the kickoff needs the agreed number of them. A change made on an older
 * revision is refused ("changed meanwhile") and writes nothing.
 */
export async function saveJointProject(actor: Viewer, programId: string, input: JointProjectInput, existing?: { id: string; revision: number }): Promise<Outcome<{ id: string }>> {
  const program = await programFor(actor, programId);
  if (!program) return { ok: false, status: 404, error: "No such program." };
  if (input.areas.length === 0) return { ok: false, status: 422, error: "Name at least one improvement area the project works on." };
  const known = new Set((await programSeenBy(actor, programId))!.clusters.map((c) => c.id));
  const unknown = input.clusters.filter((c) => !known.has(c));
  if (unknown.length) return { ok: false, status: 422, error: `Not clusters of this program: ${unknown.join(", ")}.` };
  const before = existing ? await db().jointProject.findFirst({ where: { id: existing.id, programId } }) : null;
  if (existing && !before) return { ok: false, status: 404, error: "No such joint project." };
  if (existing && before && before.revision !== existing.revision) return { ok: false, status: 409, error: CHANGED_MEANWHILE };
  const id = existing?.id ?? randomUUID();
  const data = { title: input.title, areas: input.areas.join(";"), clusters: input.clusters.join(";"), funding: input.funding, status: input.status };
  const written = await db().$transaction(async (tx) => {
    if (existing) {
      // The revision in the condition makes the write fail if another request wrote first.
      const updated = await tx.jointProject.updateMany({ where: { id, programId, revision: existing.revision }, data: { ...data, revision: existing.revision + 1 } });
      if (updated.count !== 1) return false;
    } else await tx.jointProject.create({ data: { id, programId, ...data, createdById: actor.userId } });
    await audit(tx, { actorId: actor.userId, action: before ? "joint-project.change" : "joint-project.create", subject: `program ${programId}`, before: before ?? undefined, after: input });
    return true;
  });
  return written ? { ok: true, id } : { ok: false, status: 409, error: CHANGED_MEANWHILE };
}

export async function jointProjectsOf(programId: string) {
  const rows = await db().jointProject.findMany({ where: { programId }, orderBy: { createdAt: "asc" }, select: { id: true, title: true, areas: true, clusters: true, funding: true, status: true, revision: true } });
  return rows.map((r) => ({ ...r, areas: r.areas.split(";").filter(Boolean), clusters: r.clusters.split(";").filter(Boolean) }));
}

export type { ProgramPart };
