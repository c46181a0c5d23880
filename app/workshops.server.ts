import { randomUUID } from "node:crypto";
import { addDays, format, parseISO } from "date-fns";
import type { SnapshotFrom } from "xstate";
import { audit } from "./audit.server";
import type { Viewer } from "./auth/roles";
import { db } from "./db.server";
import { FORUM_TEMPLATE, TASK_TEMPLATE } from "./forum-template";
import type { Prisma } from "./generated/prisma/client";
import { createWorkflow, loadWorkflow, sendEvent } from "./workflows.server";
import { openFollowUps, type WorkshopEvent, type workshopMachine } from "../workflows/workshop";
import { programFor } from "./program-access.server";

// The forum workshops of a program, each a workshop workflow, with the template's tasks.

const shift = (date: string, days: number) => format(addDays(parseISO(date), days), "yyyy-MM-dd");

/** The four workshops of the template, as drafts, created with their program. */
export async function draftWorkshops(tx: Prisma.TransactionClient, programId: string, actorId: string): Promise<void> {
  for (const [index, forum] of FORUM_TEMPLATE.entries()) {
    const id = randomUUID();
    const workflowId = await createWorkflow("workshop", { actorId, tx });
    await tx.workshop.create({
      data: {
        id,
        programId,
        number: index + 1,
        title: forum.title,
        themes: forum.themes,
        place: "",
        workflowId,
        tasks: { create: TASK_TEMPLATE.map((t) => ({ phase: t.phase, audience: t.audience, title: t.title, offsetDays: t.offsetDays })) },
      },
    });
  }
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
  return (await programFor(actor, workshop.programId)) ? workshop : null;
}

export type Outcome = { ok: true } | { ok: false; status: 404 | 409; error: string };

/** One step of a workshop; task due dates follow its date (set on scheduling, moved on rescheduling). */
export async function workshopCommand(actor: Viewer, workshopId: string, command: WorkshopCommand, revision: number, today: string): Promise<Outcome> {
  const workshop = await workshopFor(actor, workshopId);
  if (!workshop) return { ok: false, status: 404, error: "No such workshop." };
  const result = await sendEvent("workshop", workshop.workflowId, eventFor(command, workshop.tasks, today), { actorId: actor.userId, expectedRevision: revision });
  if (!result.ok) {
    const why =
      command.type === "CLOSE" && openFollowUps(followUpsOf(workshop.tasks)).length
        ? "Every follow-up task must be done, or waived with a reason, before the workshop closes."
        : command.type === "HOLD"
          ? "A workshop cannot be held before its date."
          : command.type === "SCHEDULE" || command.type === "RESCHEDULE"
            ? "Choose a date after today."
            : result.message;
    return { ok: false, status: result.reason === "not-found" ? 404 : 409, error: result.reason === "changed-meanwhile" ? result.message : why };
  }
  // The machine's actions, carried out after its new state is saved.
  const date = (result.snapshot as SnapshotFrom<typeof workshopMachine>).context.date;
  await db().$transaction(async (tx) => {
    if (command.type === "SCHEDULE") await tx.workshop.update({ where: { id: workshopId }, data: { place: command.place } });
    if (date && (command.type === "SCHEDULE" || result.actions.some((a) => a.type === "moveTaskDueDates"))) {
      for (const task of workshop.tasks) await tx.workshopTask.update({ where: { id: task.id }, data: { dueOn: shift(date, task.offsetDays) } });
    }
  });
  return { ok: true };
}

export async function taskCommand(actor: Viewer, taskId: number, command: { done: true } | { waive: string }): Promise<Outcome> {
  const task = await db().workshopTask.findUnique({ where: { id: taskId }, select: { workshopId: true, title: true } });
  if (!task || !(await workshopFor(actor, task.workshopId))) return { ok: false, status: 404, error: "No such task." };
  if ("waive" in command && !command.waive.trim()) return { ok: false, status: 409, error: "Waiving a task needs a reason." };
  await db().$transaction(async (tx) => {
    await tx.workshopTask.update({ where: { id: taskId }, data: "done" in command ? { done: true } : { waivedBecause: command.waive.trim() } });
    await audit(tx, { actorId: actor.userId, action: "done" in command ? "task.done" : "task.waive", subject: `workshop ${task.workshopId}`, after: { task: task.title, ...command } });
  });
  return { ok: true };
}

export async function workshopsOf(programId: string, today: string) {
  const workshops = await db().workshop.findMany({ where: { programId }, orderBy: { number: "asc" }, include: { tasks: { orderBy: { offsetDays: "asc" } } } });
  const rows = [];
  for (const w of workshops) {
    // Time moves a workshop too (into its preparation weeks): a TICK with today's date, sent on reading.
    const before = (await loadWorkflow("workshop", w.workflowId))!;
    if ((before.snapshot as SnapshotFrom<typeof workshopMachine>).can({ type: "TICK", today })) {
      await sendEvent("workshop", w.workflowId, { type: "TICK", today }, { actorId: null, expectedRevision: before.revision });
    }
    const loaded = (await loadWorkflow("workshop", w.workflowId))!;
    const snapshot = loaded.snapshot as SnapshotFrom<typeof workshopMachine>;
    const future = shift(today, 1);
    rows.push({
      id: w.id,
      number: w.number,
      title: w.title,
      themes: w.themes,
      place: w.place,
      date: snapshot.context.date,
      state: String(snapshot.value),
      revision: loaded.revision,
      tasks: w.tasks.map((t) => ({ ...t, overdue: !t.done && !t.waivedBecause && t.dueOn !== null && t.dueOn < today })),
      accepts: {
        schedule: snapshot.can({ type: "SCHEDULE", date: future, today }),
        reschedule: snapshot.can({ type: "RESCHEDULE", date: future, today }),
        hold: snapshot.can({ type: "HOLD", today }),
        followUp: snapshot.can({ type: "START_FOLLOW_UP" }),
        close: snapshot.can(eventFor({ type: "CLOSE" }, w.tasks, today)),
        cancel: snapshot.can({ type: "CANCEL", reason: "x" }),
      },
    });
  }
  return rows;
}
