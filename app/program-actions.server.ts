import { z } from "zod";
import type { Viewer } from "./auth/roles";
import { newCalendarToken } from "./calendar.server";
import { checkboxes, decimalField } from "./forms.server";
import { addCheckIn, addGoal, goalCommand, ignoreSuggestion, saveJointProject, suggestionsFor } from "./goals.server";
import { programSeenBy } from "./program-access.server";
import { db } from "./db.server";
import { JOINT_PROJECT_STATUSES } from "./program-terms";
import { advanceCycle, goalsToCarryOver } from "./programs.server";
import { checkInStoredRounds } from "./progress.server";
import { isIsoDate } from "./scorecard/benchmarks-csv";
import { addWorkshop, assignTask, editWorkshop, MAX_WORKSHOP_DAYS, taskCommand, workshopCommand } from "./workshops.server";
import { IMPROVEMENT_AREAS } from "../workflows/goal";
import { CYCLE_COMMANDS } from "../workflows/improvement-cycle";

// The program page's actions: each form's fields checked by Zod, then handed to the domain
// function that checks the viewer's part and the machine's rules. Routes stay thin.

const revision = z.coerce.number().int().min(0);
const isoDay = z.string().refine(isIsoDate, "must be a date (YYYY-MM-DD)");
const number = decimalField;
const text = (max: number) => z.string().trim().max(max).default("");
const reason = z.string().trim().min(1, "needs a reason").max(300);
/** A time of day, "HH:MM" (what a time input sends); blank: none. */
const clockTime = z
  .union([z.literal("").transform(() => null), z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "must be a time such as 09:30")])
  .optional()
  .transform((t) => t ?? null);
const area = z.enum(IMPROVEMENT_AREAS, { error: "must be one of the six improvement areas" });

const project = {
  title: z.string().trim().min(3, "needs a title").max(200),
  areas: checkboxes(area).refine((a) => a.length > 0, "needs at least one improvement area").transform((a) => [...new Set(a)]),
  clusters: checkboxes(z.string()).transform((c) => [...new Set(c)]),
  funding: text(200),
  status: z.enum(JOINT_PROJECT_STATUSES),
};
const workshopDetails = { title: z.string().trim().min(3, "needs a title").max(120), themes: text(500) };

export const programActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("cycle"), command: z.enum(CYCLE_COMMANDS), revision, confirm: z.literal("yes").optional() }),
  z.object({
    intent: z.literal("add-goal"),
    scope: z.enum(["region", "cluster"]),
    clusterId: z.string().optional(),
    area,
    metric: z.string().regex(/^(overall|free|[a-z]+:[A-Za-z0-9_-]+)$/, "is not a metric"),
    unit: z.string().trim().max(40).optional(),
    baselineValue: z.union([z.literal("").transform(() => undefined), number]).optional(),
    target: number,
    dueDate: isoDay,
    ownerId: z.string().max(100).optional(),
  }),
  z.object({ intent: z.literal("accept-suggestion"), key: z.string().max(200), area, target: number, dueDate: isoDay }),
  z.object({ intent: z.literal("ignore-suggestion"), key: z.string().max(200) }),
  z.object({ intent: z.literal("carry-over"), fromGoalId: z.string().max(100), area, target: number, dueDate: isoDay }),
  z.object({ intent: z.literal("agree"), goalId: z.string(), revision }),
  z.object({ intent: z.literal("withdraw"), goalId: z.string(), revision, reason }),
  z.object({ intent: z.literal("change-target"), goalId: z.string(), revision, target: number, dueDate: isoDay, reason }),
  z.object({ intent: z.literal("check-in"), goalId: z.string(), value: number, date: isoDay, comment: text(500) }),
  z.object({ intent: z.literal("add-project"), ...project }),
  z.object({ intent: z.literal("edit-project"), projectId: z.string(), revision, ...project }),
  z.object({ intent: z.literal("add-workshop"), ...workshopDetails }),
  z.object({
    intent: z.literal("edit-workshop"),
    workshopId: z.string(),
    revision,
    ...workshopDetails,
    place: text(120),
    agenda: text(2000),
    speakers: text(500),
    startTime: clockTime,
    endTime: clockTime,
    days: z.coerce.number().int("must be a whole number").min(1, `must be from 1 to ${MAX_WORKSHOP_DAYS}`).max(MAX_WORKSHOP_DAYS, `must be from 1 to ${MAX_WORKSHOP_DAYS}`).default(1),
  }),
  z.object({ intent: z.literal("schedule"), workshopId: z.string(), revision, date: isoDay, place: text(120) }),
  z.object({ intent: z.literal("reschedule"), workshopId: z.string(), revision, date: isoDay }),
  z.object({ intent: z.literal("workshop-step"), workshopId: z.string(), revision, step: z.enum(["HOLD", "START_FOLLOW_UP", "CLOSE"]) }),
  z.object({ intent: z.literal("cancel"), workshopId: z.string(), revision, reason }),
  z.object({ intent: z.literal("task-done"), taskId: z.coerce.number().int(), revision }),
  z.object({ intent: z.literal("task-waive"), taskId: z.coerce.number().int(), revision, reason }),
  z.object({ intent: z.literal("task-assign"), taskId: z.coerce.number().int(), revision, assignee: z.string().regex(/^(|cluster:.+|person:.+)$/, "is not a cluster or a person") }),
  z.object({ intent: z.literal("calendar") }),
]);
export type ProgramAction = z.infer<typeof programActionSchema>;

export type ActionOutcome = { ok: true; calendarToken?: string; nextProgramId?: string } | { ok: false; status: 400 | 403 | 404 | 409 | 422; error: string };

/** Steps only those who run the program take. */
const RUN_ONLY = new Set<ProgramAction["intent"]>(["cycle", "add-project", "edit-project", "add-workshop", "edit-workshop", "schedule", "reschedule", "workshop-step", "cancel", "task-assign", "calendar"]);

/** What a successful step says, once, after the page reloads. */
export const DONE_MESSAGES: Record<ProgramAction["intent"], string> = {
  cycle: "The cycle moved on.",
  "add-goal": "The goal was added as a draft.",
  "accept-suggestion": "The suggestion is now a draft goal.",
  "ignore-suggestion": "The suggestion will not be proposed again.",
  agree: "The goal is agreed.",
  withdraw: "The goal was withdrawn.",
  "change-target": "The target was changed.",
  "check-in": "The check-in was recorded.",
  "add-project": "The joint project was defined.",
  "edit-project": "The joint project was saved.",
  "add-workshop": "The workshop was added.",
  "edit-workshop": "The workshop's details were saved.",
  schedule: "The workshop is scheduled.",
  reschedule: "The workshop and its tasks moved.",
  "workshop-step": "The workshop moved on.",
  cancel: "The workshop was cancelled.",
  "task-done": "The task is done.",
  "task-waive": "The task was waived.",
  "task-assign": "The task was assigned.",
  calendar: "A new calendar link was made.",
  "carry-over": "The goal was carried over as a draft of this cycle.",
};

/** Said on the new program's page when closing a cycle opened it. */
export const NEXT_CYCLE_MESSAGE = "The previous cycle is closed and this one is open: its baseline is the portfolio's scorecard as of today; carry over the unfinished goals you want below.";

/** The goal, workshop, task or project named by the form, if it belongs to this program. */
async function belongsToProgram(input: ProgramAction, programId: string): Promise<boolean> {
  if ("goalId" in input) return (await db().goal.count({ where: { id: input.goalId, programId } })) === 1;
  if ("workshopId" in input) return (await db().workshop.count({ where: { id: input.workshopId, programId } })) === 1;
  if ("taskId" in input) return (await db().workshopTask.count({ where: { id: input.taskId, workshop: { programId } } })) === 1;
  if ("projectId" in input) return (await db().jointProject.count({ where: { id: input.projectId, programId } })) === 1;
  return true;
}

export async function runProgramAction(viewer: Viewer, programId: string, input: ProgramAction, today: string): Promise<ActionOutcome> {
  const access = await programSeenBy(viewer, programId);
  if (!access) return { ok: false, status: 404, error: "No such program." };
  if (!(await belongsToProgram(input, programId))) return { ok: false, status: 404, error: "That is not part of this program: reload the page." };
  if (RUN_ONLY.has(input.intent) && !access.part.runs) return { ok: false, status: 403, error: "Only the program's coordinators take this step." };
  switch (input.intent) {
    case "cycle":
      // Closing cannot be undone (it opens the next cycle): it takes a ticked confirmation.
      if (input.command === "CLOSE" && input.confirm !== "yes") return { ok: false, status: 422, error: "Tick the box to confirm that the review is over: closing the cycle cannot be undone." };
      return advanceCycle(viewer, programId, input.command, input.revision, today);
    case "add-goal":
      return addGoal(viewer, programId, {
        scope: input.scope,
        clusterId: input.scope === "cluster" ? input.clusterId : undefined,
        area: input.area,
        metric: input.metric === "free" ? `free:${input.unit || "value"}` : input.metric,
        baselineValue: input.baselineValue,
        target: input.target,
        dueDate: input.dueDate,
        ownerId: input.ownerId,
      });
    case "accept-suggestion": {
      const suggestion = (await suggestionsFor(access)).find((s) => s.key === input.key);
      if (!suggestion) return { ok: false, status: 409, error: "That suggestion is no longer open: reload the page." };
      return addGoal(viewer, programId, { scope: suggestion.scope, clusterId: suggestion.clusterId ?? undefined, area: input.area, metric: suggestion.metric, target: input.target, dueDate: input.dueDate });
    }
    case "ignore-suggestion":
      return ignoreSuggestion(viewer, programId, input.key);
    case "carry-over": {
      const from = (await goalsToCarryOver(access, today)).find((g) => g.id === input.fromGoalId);
      if (!from) return { ok: false, status: 409, error: "That goal is not open for carrying over: reload the page." };
      return addGoal(viewer, programId, { scope: from.scope, clusterId: from.clusterId ?? undefined, area: input.area, metric: from.metric, target: input.target, dueDate: input.dueDate, carriedFromId: from.id });
    }
    case "agree": {
      const agreed = await goalCommand(viewer, input.goalId, { type: "AGREE" }, input.revision, today);
      if (agreed.ok) await checkInStoredRounds(access.program, viewer.userId, today);
      return agreed;
    }
    case "withdraw":
      return goalCommand(viewer, input.goalId, { type: "WITHDRAW", reason: input.reason }, input.revision, today);
    case "change-target":
      return goalCommand(viewer, input.goalId, { type: "CHANGE_TARGET", target: { value: input.target, date: input.dueDate }, reason: input.reason }, input.revision, today);
    case "check-in":
      return addCheckIn(viewer, input.goalId, { value: input.value, date: input.date, comment: input.comment }, today);
    case "add-project":
    case "edit-project": {
      const { title, areas, clusters, funding, status } = input;
      return saveJointProject(viewer, programId, { title, areas, clusters, funding, status }, input.intent === "edit-project" ? { id: input.projectId, revision: input.revision } : undefined);
    }
    case "add-workshop":
      return addWorkshop(viewer, programId, { title: input.title, themes: input.themes });
    case "edit-workshop": {
      const { title, place, agenda, themes, speakers, startTime, endTime, days } = input;
      return editWorkshop(viewer, input.workshopId, { title, place, agenda, themes, speakers, startTime, endTime, days }, input.revision);
    }
    case "schedule":
      return workshopCommand(viewer, input.workshopId, { type: "SCHEDULE", date: input.date, place: input.place }, input.revision, today);
    case "reschedule":
      return workshopCommand(viewer, input.workshopId, { type: "RESCHEDULE", date: input.date }, input.revision, today);
    case "workshop-step":
      return workshopCommand(viewer, input.workshopId, { type: input.step }, input.revision, today);
    case "cancel":
      return workshopCommand(viewer, input.workshopId, { type: "CANCEL", reason: input.reason }, input.revision, today);
    case "task-done":
      return taskCommand(viewer, input.taskId, { done: true }, input.revision);
    case "task-waive":
      return taskCommand(viewer, input.taskId, { waive: input.reason }, input.revision);
    case "task-assign": {
      const [kind, ...rest] = input.assignee.split(":");
      const id = rest.join(":") || null;
      return assignTask(viewer, input.taskId, { clusterId: kind === "cluster" ? id : null, assigneeId: kind === "person" ? id : null }, input.revision);
    }
    case "calendar": {
      const token = await newCalendarToken(viewer, programId);
      return token ? { ok: true, calendarToken: token } : { ok: false, status: 404, error: "No such program." };
    }
  }
}
