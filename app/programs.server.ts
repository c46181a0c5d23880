import { randomUUID } from "node:crypto";
import { addYears, format, parseISO } from "date-fns";
import type { SnapshotFrom } from "xstate";
import { audit } from "./audit.server";
import { mayActFor, type Viewer } from "./auth/roles";
import { latestAssessmentsAsOf } from "./benchmarks.server";
import { getCatalogue } from "./catalogues.server";
import { db } from "./db.server";
import { todayIso } from "./scorecard/dates";
import type { Prisma } from "./generated/prisma/client";
import { portfolioScorecard, type PortfolioScorecard } from "./scorecard/compute";
import { createWorkflow, loadWorkflow, sendEvent } from "./workflows.server";
import { draftWorkshops } from "./workshops.server";
import { currentLabels, labelsOfClusters } from "./labels.server";
import { tickAllGoals } from "./goals.server";
import { CYCLE_COMMANDS, DEFAULT_JOINT_PROJECTS, MAX_JOINT_PROJECTS, kickoffBlockers, reviewBlockers, type CycleCommand, type CycleEvent, type improvementCycleMachine } from "../workflows/improvement-cycle";
import { COUNTED_JOINT_PROJECT_STATUSES, CYCLE_STAGE_NAMES } from "./program-terms";
import { baselineAssessments, programClusters, programFor, programsSeenBy, type ProgramAccess } from "./program-access.server";

// Improvement programs: a portfolio's two-year cycle, started from a frozen baseline scorecard.
// Its coordinators and administrators run it; the managers of its clusters and the policy makers
// who follow the portfolio see it too (what each sees: app/auth/roles.ts).


export type ProgramInput = {
  portfolio: string;
  name: string;
  startsOn: string;
  endsOn?: string;
  catalogueId: string;
  baselineAsOf: string;
  previousProgramId?: string;
  /** The joint projects the kickoff needs (DEFAULT_JOINT_PROJECTS if not given), kept in the cycle's input. */
  requiredJointProjects?: number;
};
export type Outcome<T = object> = ({ ok: true } & T) | { ok: false; status: 403 | 404 | 409 | 422; error: string };


/** What opening a program reads (the baseline, the default end), checked; nothing is written yet. */
async function prepareProgram(actor: Viewer, input: ProgramInput): Promise<Outcome<{ write: (tx: Prisma.TransactionClient) => Promise<void>; id: string }>> {
  if (!mayActFor(actor, [input.portfolio]).ok) return { ok: false, status: 403, error: "Only the portfolio's coordinators and administrators open its programs." };
  const catalogue = await getCatalogue(input.catalogueId);
  if (!catalogue) return { ok: false, status: 422, error: `No catalogue ${input.catalogueId} is stored.` };
  const requiredJointProjects = input.requiredJointProjects ?? DEFAULT_JOINT_PROJECTS;
  if (!Number.isInteger(requiredJointProjects) || requiredJointProjects < 0 || requiredJointProjects > MAX_JOINT_PROJECTS) {
    return { ok: false, status: 422, error: `The number of joint projects must be a whole number from 0 to ${MAX_JOINT_PROJECTS}.` };
  }
  const members = (await latestAssessmentsAsOf(input.baselineAsOf)).filter((a) => a.portfolios.includes(input.portfolio));
  const baseline = portfolioScorecard(catalogue, input.portfolio, members);
  if (baseline.clusters === 0) return { ok: false, status: 422, error: `No cluster of ${input.portfolio} has a benchmarking on or before ${input.baselineAsOf}.` };
  // By default the program runs to the earliest expiry of its clusters' labels (the cycle is tied
  // to their renewal), leaving out labels that expire within a year (a cycle needs the time), or
  // two years where no such label is held.
  const aYearOn = format(addYears(parseISO(input.startsOn), 1), "yyyy-MM-dd");
  const expiries = currentLabels(await labelsOfClusters(members.map((a) => a.cluster), input.startsOn))
    .filter((l) => (l.status === "valid" || l.status === "expiringSoon") && l.validUntil >= aYearOn)
    .map((l) => l.validUntil)
    .sort();
  const endsOn = input.endsOn ?? expiries[0] ?? format(addYears(parseISO(input.startsOn), 2), "yyyy-MM-dd");
  if (endsOn <= input.startsOn) return { ok: false, status: 422, error: "The program must end after it starts." };
  const id = randomUUID();
  const write = async (tx: Prisma.TransactionClient) => {
    const cycleId = await createWorkflow("improvementCycle", { input: { requiredJointProjects }, actorId: actor.userId, tx });
    await tx.program.create({
      data: { id, portfolio: input.portfolio, name: input.name, startsOn: input.startsOn, endsOn, catalogueId: catalogue.id, baselineAsOf: input.baselineAsOf, baseline: JSON.stringify(baseline), cycleId, previousProgramId: input.previousProgramId ?? null, createdById: actor.userId },
    });
    await draftWorkshops(tx, id, actor.userId, baseline);
    await audit(tx, { actorId: actor.userId, action: "program.create", subject: `program ${id}`, after: { name: input.name, portfolio: input.portfolio, baselineAsOf: input.baselineAsOf, catalogueId: catalogue.id, previousProgramId: input.previousProgramId, requiredJointProjects } });
  };
  return { ok: true, id, write };
}

export async function createProgram(actor: Viewer, input: ProgramInput): Promise<Outcome<{ id: string }>> {
  const prepared = await prepareProgram(actor, input);
  if (!prepared.ok) return prepared;
  await db().$transaction(prepared.write);
  return { ok: true, id: prepared.id };
}

/** The programs this viewer takes part in, newest first, each with the stage of its cycle. */
export async function listPrograms(viewer: Viewer) {
  const programs = await db().program.findMany({
    where: await programsSeenBy(viewer),
    select: { id: true, name: true, portfolio: true, startsOn: true, endsOn: true, cycleId: true },
    orderBy: { startsOn: "desc" },
  });
  const stages = new Map((await db().workflowInstance.findMany({ where: { id: { in: programs.map((p) => p.cycleId) } }, select: { id: true, state: true } })).map((w) => [w.id, w.state]));
  return programs.map(({ cycleId, ...p }) => ({ ...p, stage: stages.get(cycleId) ?? "baseline" }));
}

/** Clusters of the baseline still without a benchmarking after the program started. */
async function notRebenchmarked(program: { portfolio: string; startsOn: string; baselineAsOf: string; createdAt: Date }): Promise<Array<string>> {
  const atBaseline = (await baselineAssessments(program)).map((a) => a.cluster);
  const renewed = await db().assessment.findMany({ where: { clusterId: { in: atBaseline }, assessedOn: { gte: program.startsOn } }, select: { clusterId: true }, distinct: ["clusterId"] });
  const done = new Set(renewed.map((r) => r.clusterId));
  return atBaseline.filter((id) => !done.has(id)).sort();
}

/** The facts the cycle's guards need now, from the program's goals, joint projects and benchmarkings. */
async function cycleFacts(program: { id: string; portfolio: string; startsOn: string; baselineAsOf: string; createdAt: Date }) {
  const goals = await db().goal.findMany({ where: { programId: program.id }, select: { scope: true, clusterId: true, workflowId: true } });
  const states = new Map(
    (await db().workflowInstance.findMany({ where: { id: { in: goals.map((g) => g.workflowId) } }, select: { id: true, state: true } })).map((w) => [w.id, w.state]),
  );
  const agreed = goals.filter((g) => states.get(g.workflowId) === "agreed");
  const withGoal = new Set(agreed.filter((g) => g.scope === "cluster").map((g) => g.clusterId));
  const active = (await baselineAssessments(program)).map((a) => a.cluster);
  return {
    kickoff: {
      agreedRegionalGoals: agreed.filter((g) => g.scope === "region").length,
      clustersWithoutAgreedGoal: active.filter((id) => !withGoal.has(id)).sort(),
      // A dropped project no longer counts toward the agreed number.
      jointProjectsDefined: await db().jointProject.count({ where: { programId: program.id, status: { in: [...COUNTED_JOINT_PROJECT_STATUSES] } } }),
    },
    rebenchmarking: { clustersNotRebenchmarked: await notRebenchmarked(program) },
  };
}

/** What the program page shows of the cycle, for this viewer's part in it. */
export async function programView(viewer: Viewer, access: ProgramAccess) {
  const { program, part, clusters } = access;
  const id = program.id;
  const cycle = await loadWorkflow("improvementCycle", program.cycleId);
  if (!cycle) throw new Error(`program ${id} has no cycle ${program.cycleId}`);
  const snapshot = cycle.snapshot as SnapshotFrom<typeof improvementCycleMachine>;
  const facts = await cycleFacts(program);
  const stage = String(snapshot.value);
  // What blocks the next step names clusters (who has no goal, who was not benchmarked again):
  // for those who run the program, by name; the others see the stage, not who holds it up.
  const named = namer(clusters);
  const blockers = part.runs ? blockersAt(stage, facts, snapshot.context, named) : [];
  const today = todayIso();
  // Exactly the steps the machine accepts now (guards included), for those who run the program.
  const commands = part.runs ? CYCLE_COMMANDS.filter((command) => snapshot.can(eventFor(command, facts, viewer.userId, today))) : [];
  return {
    part,
    clusters,
    commands,
    program: { id: program.id, name: program.name, portfolio: program.portfolio, startsOn: program.startsOn, endsOn: program.endsOn, catalogueId: program.catalogueId, baselineAsOf: program.baselineAsOf },
    // Regional figures only for those who may see them (roles.ts, programPart).
    baseline: part.seesRegion ? (JSON.parse(program.baseline) as PortfolioScorecard) : null,
    stage,
    revision: cycle.revision,
    blockers,
    goAhead: snapshot.context.goAhead && { at: snapshot.context.goAhead.at, without: part.runs ? named(snapshot.context.goAhead.without) : [], count: snapshot.context.goAhead.without.length },
    missing: part.runs ? named(facts.rebenchmarking.clustersNotRebenchmarked) : [],
  };
}

/** The cycle events a page may offer, each with the facts its guard needs. */
function eventFor(command: CycleCommand, facts: Awaited<ReturnType<typeof cycleFacts>>, actorId: string, today: string): CycleEvent {
  switch (command) {
    case "COMPLETE_KICKOFF":
      return { type: command, facts: facts.kickoff };
    case "START_REVIEW":
      return { type: command, facts: facts.rebenchmarking };
    case "DECIDE_GO_AHEAD":
      return { type: command, decision: { decidedBy: actorId, at: today, without: facts.rebenchmarking.clustersNotRebenchmarked } };
    case "CLOSE":
      return { type: command, today };
    default:
      return { type: command };
  }
}

export async function advanceCycle(actor: Viewer, id: string, command: CycleCommand, expectedRevision: number, today: string): Promise<Outcome<{ nextProgramId?: string }>> {
  const program = await programFor(actor, id);
  if (!program) return { ok: false, status: 404, error: "No such program." };
  const facts = await cycleFacts(program);
  // Closing opens the next cycle in the same transaction: never a closed cycle without its successor.
  const next = command === "CLOSE" ? await prepareProgram(actor, nextCycleInput(program, (await cycleSnapshot(program.cycleId)).context, today)) : null;
  if (next && !next.ok) return next;
  const result = await sendEvent("improvementCycle", program.cycleId, eventFor(command, facts, actor.userId, today), { actorId: actor.userId, expectedRevision, alsoInTransaction: next?.write });
  if (result.ok) return next ? { ok: true, nextProgramId: next.id } : { ok: true };
  if (result.reason === "changed-meanwhile") return { ok: false, status: 409, error: result.message };
  const snapshot = await cycleSnapshot(program.cycleId);
  const stage = String(snapshot.value);
  // The blockers explain a refusal only at the stage whose step they block; elsewhere the stage is the reason.
  const blocked = (command === "COMPLETE_KICKOFF" && stage === "kickoff") || (command === "START_REVIEW" && stage === "rebenchmarking");
  const why = blocked ? blockersAt(stage, facts, snapshot.context, namer(await programClusters(program))) : [];
  return {
    ok: false,
    status: result.reason === "not-found" ? 404 : 409,
    error: why.length ? `Not yet: ${why.join(" ")}` : `This step is not possible while the cycle is at its ${CYCLE_STAGE_NAMES[stage] ?? stage} stage.`,
  };
}

function namer(clusters: ReadonlyArray<{ id: string; name: string }>) {
  const name = new Map(clusters.map((c) => [c.id, c.name]));
  return (ids: ReadonlyArray<string>) => ids.map((id) => name.get(id) ?? id);
}

/** What blocks the next step at this stage of the cycle, clusters by name. */
function blockersAt(
  stage: string,
  facts: Awaited<ReturnType<typeof cycleFacts>>,
  context: SnapshotFrom<typeof improvementCycleMachine>["context"],
  named: (ids: ReadonlyArray<string>) => Array<string>,
): Array<string> {
  if (stage === "kickoff") return kickoffBlockers({ ...facts.kickoff, clustersWithoutAgreedGoal: named(facts.kickoff.clustersWithoutAgreedGoal) }, context.requiredJointProjects);
  if (stage === "rebenchmarking") {
    return reviewBlockers({ clustersNotRebenchmarked: named(facts.rebenchmarking.clustersNotRebenchmarked) }, context.goAhead && { ...context.goAhead, without: named(context.goAhead.without) });
  }
  return [];
}

async function cycleSnapshot(cycleId: string) {
  return (await loadWorkflow("improvementCycle", cycleId))!.snapshot as SnapshotFrom<typeof improvementCycleMachine>;
}

/**
 * A benchmarking round came in for the program's clusters: a cycle in its learning stage moves to
 * benchmarking again. The review stays the coordinator's step (the page offers it once every
 * cluster is done, or a decision covers the missing).
 */
export async function moveCycleAfterBenchmarking(program: { cycleId: string }, actorId: string | null): Promise<void> {
  const cycle = (await loadWorkflow("improvementCycle", program.cycleId))!;
  const event = { type: "START_REBENCHMARKING" } as const;
  if ((cycle.snapshot as SnapshotFrom<typeof improvementCycleMachine>).can(event)) {
    await sendEvent("improvementCycle", program.cycleId, event, { actorId, expectedRevision: cycle.revision });
  }
}

/**
 * Closing a cycle opens the next: the portfolio's scorecard as of the closing day (its latest
 * benchmarking round) is the new baseline under the same methodology, the workshops are drafted
 * from the template, the number of joint projects agreed stays, and the unfinished goals wait on the new program's page to be carried over
 * (never copied silently).
 */
function nextCycleInput(closed: { id: string; name: string; portfolio: string; catalogueId: string }, cycle: { requiredJointProjects: number }, today: string): ProgramInput {
  const startYear = Number(today.slice(0, 4));
  return {
    portfolio: closed.portfolio,
    name: `${closed.portfolio.charAt(0).toUpperCase()}${closed.portfolio.slice(1)} ${startYear}-${startYear + 2} (after ${closed.name})`,
    startsOn: today,
    catalogueId: closed.catalogueId,
    baselineAsOf: today,
    previousProgramId: closed.id,
    requiredJointProjects: cycle.requiredJointProjects,
  };
}

/** The unfinished goals of the previous cycle (missed, or still open) not yet carried over into this program. */
export async function goalsToCarryOver(access: ProgramAccess, today: string) {
  const previous = access.program.previousProgramId;
  if (!previous) return [];
  await tickAllGoals(today, previous); // achieved or missed by now, before judging what is unfinished
  const goals = await db().goal.findMany({ where: { programId: previous }, select: { id: true, scope: true, clusterId: true, area: true, metric: true, workflowId: true } });
  const carried = new Set((await db().goal.findMany({ where: { programId: access.program.id, carriedFromId: { not: null } }, select: { carriedFromId: true } })).map((g) => g.carriedFromId));
  const states = new Map((await db().workflowInstance.findMany({ where: { id: { in: goals.map((g) => g.workflowId) } }, select: { id: true, state: true, snapshot: true } })).map((w) => [w.id, w]));
  return goals
    .filter((g) => !carried.has(g.id) && ["missed", "agreed"].includes(states.get(g.workflowId)?.state ?? ""))
    .filter((g) => access.part.runs || (g.scope === "cluster" && g.clusterId !== null && access.part.clusters.includes(g.clusterId)))
    .map((g) => {
      const context = (JSON.parse(states.get(g.workflowId)!.snapshot) as { context: { target: { value: number; date: string } } }).context;
      return { id: g.id, scope: g.scope as "region" | "cluster", clusterId: g.clusterId, area: g.area, metric: g.metric, state: states.get(g.workflowId)!.state, target: context.target };
    });
}
