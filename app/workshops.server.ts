import { randomUUID } from "node:crypto";
import type { SnapshotFrom } from "xstate";
import { audit } from "./audit.server";
import { mayWorkOnTask, type Viewer } from "./auth/roles";
import { db } from "./db.server";
import { WORKSHOP_STATE_WORDS } from "./program-terms";
import { addDaysIso } from "./scorecard/dates";
import { FORUM_TEMPLATE, TASK_TEMPLATE } from "./forum-template";
import { learningForumThemes } from "./program/suggestions";
import type { PortfolioScorecard } from "./scorecard/compute";
import type { Prisma } from "./generated/prisma/client";
import { CHANGED_MEANWHILE, createWorkflow, loadWorkflow, sendEvent, type StepActions } from "./workflows.server";
import { openFollowUps, type WorkshopEvent, type workshopMachine } from "../workflows/workshop";
import { programFor, programSeenBy, type ProgramAccess } from "./program-access.server";

// The forum workshops of a program, each a workshop workflow, with the template's tasks.


/** A draft workshop with the template's tasks. */
async function createWorkshop(tx: Prisma.TransactionClient, programId: string, actorId: string, number: number, forum: { title: string; themes: string }): Promise<string> {
  const id = randomUUID();
  const workflowId = await createWorkflow("workshop", { actorId, tx });
  await tx.workshop.create({
    data: {
      id,
      programId,
      number,
      title: forum.title,
      themes: forum.themes,
      place: "",
      workflowId,
      tasks: { create: TASK_TEMPLATE.map((t) => ({ phase: t.phase, audience: t.audience, title: t.title, offsetDays: t.offsetDays })) },
    },
  });
  return id;
}

/** The four workshops of the template, as drafts, created with their program. */
export async function draftWorkshops(tx: Prisma.TransactionClient, programId: string, actorId: string, baseline: PortfolioScorecard): Promise<void> {
  const learning = learningForumThemes(baseline);
  let learningForums = 0;
  for (const [index, forum] of FORUM_TEMPLATE.entries()) {
    const themes = "learning" in forum ? learning[learningForums++]! : forum.themes;
    await createWorkshop(tx, programId, actorId, index + 1, { title: forum.title, themes });
  }
}

/** One more workshop (a fifth forum, say), as a draft with the template's tasks. */
export async function addWorkshop(actor: Viewer, programId: string, forum: { title: string; themes: string }): Promise<Outcome & { id?: string }> {
  if (!(await programFor(actor, programId))) return { ok: false, status: 404, error: "No such program." };
  const id = await db().$transaction(async (tx) => {
    const last = await tx.workshop.findFirst({ where: { programId }, orderBy: { number: "desc" }, select: { number: true } });
    const created = await createWorkshop(tx, programId, actor.userId, (last?.number ?? 0) + 1, forum);
    await audit(tx, { actorId: actor.userId, action: "workshop.add", subject: `program ${programId}`, after: forum });
    return created;
  });
  return { ok: true, id };
}

export type WorkshopDetails = {
  title: string;
  place: string;
  agenda: string;
  themes: string;
  speakers: string;
  /** "HH:MM" in the region's time zone, the same on each day, both or neither (none: whole days). */
  startTime: string | null;
  endTime: string | null;
  days: number;
};

/** The longest a forum lasts, in days. */
export const MAX_WORKSHOP_DAYS = 5;

/** Why these hours and days do not make a workshop's time, or null. */
export function hoursProblem(details: Pick<WorkshopDetails, "startTime" | "endTime" | "days">): string | null {
  if ((details.startTime === null) !== (details.endTime === null)) return "Give both the start and the end time, or neither (whole days).";
  if (!Number.isInteger(details.days) || details.days < 1 || details.days > MAX_WORKSHOP_DAYS) return `A workshop lasts 1 to ${MAX_WORKSHOP_DAYS} days.`;
  if (details.startTime !== null && details.endTime! <= details.startTime) return "The end time comes after the start time (the same hours on each day).";
  return null;
}

/**
 * Title, place, agenda, themes, speakers, hours and days: editable in every state but closed or
 * cancelled. `revision` is the details' revision the person saw: if they changed since, nothing is written.
 */
export async function editWorkshop(actor: Viewer, workshopId: string, details: WorkshopDetails, revision: number): Promise<Outcome> {
  const workshop = await workshopFor(actor, workshopId);
  if (!workshop) return { ok: false, status: 404, error: "No such workshop." };
  const problem = hoursProblem(details);
  if (problem) return { ok: false, status: 422, error: problem };
  const state = (await db().workflowInstance.findUnique({ where: { id: workshop.workflowId }, select: { state: true } }))?.state;
  if (state === "closed" || state === "cancelled") return { ok: false, status: 409, error: `This workshop is ${state}; its record stays as it was.` };
  if (workshop.revision !== revision) return { ok: false, status: 409, error: CHANGED_MEANWHILE };
  const written = await db().$transaction(async (tx) => {
    // The revision in the condition makes the write fail if another request wrote first.
    const updated = await tx.workshop.updateMany({ where: { id: workshopId, revision }, data: { ...details, revision: revision + 1 } });
    if (updated.count !== 1) return false;
    const { title, place, agenda, themes, speakers, startTime, endTime, days } = workshop;
    await audit(tx, { actorId: actor.userId, action: "workshop.edit", subject: `workshop ${workshopId}`, before: { title, place, agenda, themes, speakers, startTime, endTime, days }, after: details });
    return true;
  });
  return written ? { ok: true } : { ok: false, status: 409, error: CHANGED_MEANWHILE };
}

export type WorkshopCommand =
  | { type: "SCHEDULE"; date: string; place: string }
  | { type: "RESCHEDULE"; date: string }
  | { type: "HOLD" }
  | { type: "START_FOLLOW_UP" }
  | { type: "CLOSE" }
  | { type: "CANCEL"; reason: string };

type Task = { id: number; phase: string; audience: string; title: string; dueOn: string | null; done: boolean; waivedBecause: string | null };

const followUpsOf = (tasks: ReadonlyArray<Task>) =>
  tasks.filter((t) => t.phase === "followUp").map((t) => ({ id: String(t.id), done: t.done, waivedBecause: t.waivedBecause }));

function eventFor(command: WorkshopCommand, tasks: ReadonlyArray<Task>, today: string): WorkshopEvent {
  switch (command.type) {
    case "SCHEDULE":
      return { type: "SCHEDULE", date: command.date, today };
    case "RESCHEDULE":
      return { type: "RESCHEDULE", date: command.date, today };
    case "HOLD":
      return { type: "HOLD", today };
    case "CLOSE":
      return { type: "CLOSE", followUps: followUpsOf(tasks) };
    default:
      return command;
  }
}

async function workshopFor(actor: Viewer, workshopId: string) {
  const workshop = await db().workshop.findUnique({ where: { id: workshopId }, include: { tasks: { orderBy: { offsetDays: "asc" } } } });
  if (!workshop) return null;
  const program = await programFor(actor, workshop.programId);
  return program ? { ...workshop, program } : null;
}

export type Outcome = { ok: true } | { ok: false; status: 403 | 404 | 409 | 422; error: string };

/** One step of a workshop; task due dates follow its date (set on scheduling, moved on rescheduling). */
export async function workshopCommand(actor: Viewer, workshopId: string, command: WorkshopCommand, revision: number, today: string): Promise<Outcome> {
  const workshop = await workshopFor(actor, workshopId);
  if (!workshop) return { ok: false, status: 404, error: "No such workshop." };
  if ((command.type === "SCHEDULE" || command.type === "RESCHEDULE") && command.date < workshop.program.startsOn) {
    return { ok: false, status: 422, error: `A forum of this program takes place once it has started: choose ${workshop.program.startsOn} or later.` };
  }
  // Time first (a TICK with today's date, as on reading); the person saw the state before it.
  const seen = (await loadWorkflow("workshop", workshop.workflowId))?.revision;
  const expectedRevision = (await tickWorkshop(workshop.workflowId, today)) && revision === seen ? revision + 1 : revision;
  // The machine's actions are carried out after its new state is saved, in the same transaction.
  const result = await sendEvent("workshop", workshop.workflowId, eventFor(command, workshop.tasks, today), {
    actorId: actor.userId,
    expectedRevision,
    alsoInTransaction: (tx, step) => carryOut(tx, workshop, command, step),
  });
  if (!result.ok) {
    if (result.reason !== "refused") return { ok: false, status: result.reason === "not-found" ? 404 : 409, error: result.message };
    return { ok: false, status: 409, error: await whyRefused(workshop, command) };
  }
  return { ok: true };
}

/** Why the machine refused a step, told by the stage the workshop is at: a guard's reason only where that guard decided. */
async function whyRefused(workshop: { workflowId: string; tasks: ReadonlyArray<Task> }, command: WorkshopCommand): Promise<string> {
  const snapshot = (await loadWorkflow("workshop", workshop.workflowId))!.snapshot as SnapshotFrom<typeof workshopMachine>;
  const state = String(snapshot.value);
  const dated = state === "scheduled" || state === "preparing";
  if (command.type === "HOLD" && dated) return `A workshop cannot be held before its date (${snapshot.context.date}).`;
  if (command.type === "RESCHEDULE" && dated) return "Choose a new date after today.";
  if (command.type === "CANCEL" && !["held", "followingUp", "closed", "cancelled"].includes(state)) return "Cancelling a workshop needs a reason.";
  if (command.type === "CLOSE" && state === "followingUp" && openFollowUps(followUpsOf(workshop.tasks)).length) {
    return "Every follow-up task must be done, or waived with a reason, before the workshop closes.";
  }
  return `That step is not possible now: the workshop is ${WORKSHOP_STATE_WORDS[state] ?? state}.`;
}


/** A workshop step's writes beside its snapshot: the place when scheduled; task due dates set on scheduling, moved with a reschedule. */
async function carryOut(
  tx: Prisma.TransactionClient,
  workshop: { id: string; tasks: ReadonlyArray<{ id: number; offsetDays: number }> },
  command: WorkshopCommand,
  { snapshot, actions }: { snapshot: SnapshotFrom<typeof workshopMachine>; actions: StepActions },
): Promise<void> {
  const date = snapshot.context.date;
  // Each row written is a change its revision tells: a details form or task step made before it is refused.
  if (command.type === "SCHEDULE") await tx.workshop.update({ where: { id: workshop.id }, data: { place: command.place, revision: { increment: 1 } } });
  if (date && (command.type === "SCHEDULE" || actions.some((a) => a.type === "moveTaskDueDates"))) {
    for (const task of workshop.tasks) await tx.workshopTask.update({ where: { id: task.id }, data: { dueOn: addDaysIso(date, task.offsetDays), revision: { increment: 1 } } });
  }
}

/** The task with the viewer's part in its program, or null when they do not take part. */
/** The states of a workshop that took place. */
const HELD_STATES = new Set(["held", "followingUp", "closed"]);

async function taskSeenBy(actor: Viewer, taskId: number) {
  const task = await db().workshopTask.findUnique({
    where: { id: taskId },
    select: { workshopId: true, phase: true, title: true, clusterId: true, assigneeId: true, done: true, waivedBecause: true, revision: true, workshop: { select: { programId: true, workflowId: true } } },
  });
  const access = task && (await programSeenBy(actor, task.workshop.programId));
  if (!task || !access) return null;
  const state = (await db().workflowInstance.findUnique({ where: { id: task.workshop.workflowId }, select: { state: true } }))?.state;
  return { task, access, state, finished: state === "closed" || state === "cancelled" ? state : null };
}

/**
 * Settles a task: done, or waived with a reason. `revision` is the task's revision the person saw;
 * the write is conditional on it and on the task still being open, so of two people settling it at
 * once the second is told, and a task is never settled twice.
 */
export async function taskCommand(actor: Viewer, taskId: number, command: { done: true } | { waive: string }, revision: number): Promise<Outcome> {
  const found = await taskSeenBy(actor, taskId);
  if (!found) return { ok: false, status: 404, error: "No such task." };
  const { task, access } = found;
  if (!mayWorkOnTask(access.part, actor.userId, task)) return { ok: false, status: 403, error: "Only the coordinators, the person the task is assigned to, or the managers of its cluster settle it." };
  if (found.finished) return { ok: false, status: 409, error: `The workshop is ${found.finished}; its tasks stay as they were.` };
  if (task.done || task.waivedBecause) return { ok: false, status: 409, error: "This task is settled already: reload the page." };
  if ("waive" in command && !command.waive.trim()) return { ok: false, status: 409, error: "Waiving a task needs a reason." };
  // A follow-up is done once there is something to follow up; it may be waived before.
  if ("done" in command && task.phase === "followUp" && !HELD_STATES.has(found.state ?? "")) {
    return { ok: false, status: 409, error: "A follow-up task is done after the workshop is held; waive it with a reason if it is not needed." };
  }
  if (task.revision !== revision) return { ok: false, status: 409, error: CHANGED_MEANWHILE };
  const written = await db().$transaction(async (tx) => {
    const updated = await tx.workshopTask.updateMany({
      where: { id: taskId, revision, done: false, waivedBecause: null },
      data: { ...("done" in command ? { done: true } : { waivedBecause: command.waive.trim() }), revision: revision + 1 },
    });
    if (updated.count !== 1) return false;
    await audit(tx, { actorId: actor.userId, action: "done" in command ? "task.done" : "task.waive", subject: `workshop ${task.workshopId}`, after: { task: task.title, ...command } });
    return true;
  });
  return written ? { ok: true } : { ok: false, status: 409, error: CHANGED_MEANWHILE };
}

/**
 * Assigns a task to one of the program's clusters, to one person taking part, or to nobody in
 * particular; on the task's revision the person saw (changed since: nothing is written).
 */
export async function assignTask(actor: Viewer, taskId: number, assignment: { clusterId: string | null; assigneeId: string | null }, revision: number): Promise<Outcome> {
  const found = await taskSeenBy(actor, taskId);
  if (!found || !found.access.part.runs) return { ok: false, status: found ? 403 : 404, error: found ? "Only the program's coordinators assign tasks." : "No such task." };
  if (found.finished) return { ok: false, status: 409, error: `The workshop is ${found.finished}; its tasks stay as they were.` };
  if (assignment.clusterId && !found.access.clusters.some((c) => c.id === assignment.clusterId)) return { ok: false, status: 422, error: "Assign the task to one of the program's clusters." };
  if (assignment.assigneeId && !(await assignableIn(found.access)).some((p) => p.id === assignment.assigneeId)) {
    return { ok: false, status: 422, error: "Assign the task to someone taking part in the program." };
  }
  if (found.task.revision !== revision) return { ok: false, status: 409, error: CHANGED_MEANWHILE };
  const written = await db().$transaction(async (tx) => {
    const updated = await tx.workshopTask.updateMany({ where: { id: taskId, revision }, data: { ...assignment, revision: revision + 1 } });
    if (updated.count !== 1) return false;
    await audit(tx, { actorId: actor.userId, action: "task.assign", subject: `workshop ${found.task.workshopId}`, before: { clusterId: found.task.clusterId, assigneeId: found.task.assigneeId }, after: { task: found.task.title, ...assignment } });
    return true;
  });
  return written ? { ok: true } : { ok: false, status: 409, error: CHANGED_MEANWHILE };
}

/** People a task may be assigned to: the portfolio's coordinators and the managers of its clusters. */
export async function assignableIn(access: Pick<ProgramAccess, "program" | "clusters">): Promise<Array<{ id: string; name: string }>> {
  return db().user.findMany({
    where: {
      grants: {
        some: { OR: [{ role: "coordinator", portfolio: access.program.portfolio }, { role: "clusterManager", clusterId: { in: access.clusters.map((c) => c.id) } }] },
      },
    },
    select: { id: true, name: true },
    orderBy: { name: "asc" },
  });
}

/** The periodic job's part: every scheduled workshop whose preparation weeks have come. */
export async function tickAllWorkshops(today: string): Promise<number> {
  const scheduled = await db().workflowInstance.findMany({ where: { kind: "workshop", state: "scheduled" }, select: { id: true } });
  let moved = 0;
  for (const { id } of scheduled) if (await tickWorkshop(id, today)) moved += 1;
  return moved;
}

async function tickWorkshop(workflowId: string, today: string): Promise<boolean> {
  const before = (await loadWorkflow("workshop", workflowId))!;
  if (!(before.snapshot as SnapshotFrom<typeof workshopMachine>).can({ type: "TICK", today })) return false;
  return (await sendEvent("workshop", workflowId, { type: "TICK", today }, { actorId: null, expectedRevision: before.revision })).ok;
}

export async function workshopsOf(access: Pick<ProgramAccess, "program" | "part">, userId: string, today: string) {
  const workshops = await db().workshop.findMany({ where: { programId: access.program.id }, orderBy: { number: "asc" }, include: { tasks: { orderBy: [{ offsetDays: "asc" }, { id: "asc" }] } } });
  const runs = access.part.runs;
  const assigneeIds = [...new Set(workshops.flatMap((w) => w.tasks.map((t) => t.assigneeId).filter((id): id is string => id !== null)))];
  const names = new Map((await db().user.findMany({ where: { id: { in: assigneeIds } }, select: { id: true, name: true } })).map((u) => [u.id, u.name]));
  const rows = [];
  for (const w of workshops) {
    // Time moves a workshop too (into its preparation weeks): a TICK with today's date, sent on reading.
    await tickWorkshop(w.workflowId, today);
    const loaded = (await loadWorkflow("workshop", w.workflowId))!;
    const snapshot = loaded.snapshot as SnapshotFrom<typeof workshopMachine>;
    const future = addDaysIso(today, 1);
    const finished = snapshot.status === "done";
    rows.push({
      id: w.id,
      number: w.number,
      title: w.title,
      themes: w.themes,
      place: w.place,
      agenda: w.agenda,
      speakers: w.speakers,
      startTime: w.startTime,
      endTime: w.endTime,
      days: w.days,
      date: snapshot.context.date,
      state: String(snapshot.value),
      /** The workflow's revision, for its steps. */
      revision: loaded.revision,
      /** The details' revision, for editing them. */
      detailsRevision: w.revision,
      // A closed or cancelled workshop's record stays as it was: nothing of it is overdue or to do.
      tasks: w.tasks.map((t) => ({
        ...t,
        overdue: !finished && !t.done && !t.waivedBecause && t.dueOn !== null && t.dueOn < today,
        mine: !finished && mayWorkOnTask(access.part, userId, t),
        /** Whether "done" is taken now: a follow-up only once the workshop is held (taskCommand says the same). */
        doneNow: t.phase !== "followUp" || HELD_STATES.has(String(snapshot.value)),
        /** Left open when its workshop closed or was cancelled: no longer to do. */
        endedWith: finished && !t.done && !t.waivedBecause ? (snapshot.value === "cancelled" ? "cancelled" : "closed") : null,
        /** Assigned to the viewer or one of their clusters (done, waived and closed ones too): their record of work. */
        forViewer: t.assigneeId === userId || (t.clusterId !== null && access.part.clusters.includes(t.clusterId)),
        assigneeName: t.assigneeId === null ? null : t.assigneeId === userId ? "you" : names.get(t.assigneeId) ?? "someone who left",
      })),
      // Exactly the events the machine accepts now, and only for those who run the program.
      accepts: {
        edit: runs && !finished,
        schedule: runs && snapshot.can({ type: "SCHEDULE", date: future, today }),
        reschedule: runs && snapshot.can({ type: "RESCHEDULE", date: future, today }),
        hold: runs && snapshot.can({ type: "HOLD", today }),
        followUp: runs && snapshot.can({ type: "START_FOLLOW_UP" }),
        close: runs && snapshot.can(eventFor({ type: "CLOSE" }, w.tasks, today)),
        cancel: runs && snapshot.can({ type: "CANCEL", reason: "x" }),
      },
    });
  }
  return rows;
}
