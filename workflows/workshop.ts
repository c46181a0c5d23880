import { assign, setup } from "xstate";
import { differenceInCalendarDays, parseISO, subDays } from "date-fns";

// A forum workshop: draft -> scheduled -> preparing -> held -> followingUp -> closed, or cancelled;
// rescheduling from scheduled or preparing. Pure: the date arrives with each event.

export const WORKSHOP_MACHINE_VERSION = 1;

/** Preparation starts this many days before the workshop (a TICK moves it). */
export const PREPARATION_DAYS = 28;

export type FollowUpTask = { id: string; done: boolean; waivedBecause: string | null };

export type WorkshopContext = {
  /** YYYY-MM-DD, null while a draft. */
  date: string | null;
  cancelledBecause: string | null;
};

export type WorkshopEvent =
  | { type: "SCHEDULE"; date: string; today: string }
  | { type: "RESCHEDULE"; date: string; today: string }
  | { type: "TICK"; today: string }
  | { type: "HOLD"; today: string }
  | { type: "START_FOLLOW_UP" }
  | { type: "CLOSE"; followUps: ReadonlyArray<FollowUpTask> }
  | { type: "CANCEL"; reason: string };

/** Follow-up tasks that keep a workshop from closing: neither done nor waived with a reason. */
export function openFollowUps(tasks: ReadonlyArray<FollowUpTask>): Array<FollowUpTask> {
  return tasks.filter((t) => !t.done && !(t.waivedBecause && t.waivedBecause.trim()));
}

const inPreparation = (date: string | null, today: string) => date !== null && today >= subDays(parseISO(date), PREPARATION_DAYS).toISOString().slice(0, 10);

const workshopSetup = setup({
  types: { context: {} as WorkshopContext, events: {} as WorkshopEvent },
  guards: {
    dateInFuture: ({ event }) => "date" in event && "today" in event && event.date > event.today,
    preparationDue: ({ context, event }) => "today" in event && inPreparation(context.date, event.today),
    dateReached: ({ context, event }) => event.type === "HOLD" && context.date !== null && event.today >= context.date,
    followUpsSettled: ({ event }) => event.type === "CLOSE" && openFollowUps(event.followUps).length === 0,
    hasReason: ({ event }) => event.type === "CANCEL" && event.reason.trim().length > 0,
  },
  actions: {
    // A side effect named here and carried out by the server after the new snapshot is saved.
    moveTaskDueDates: (_, _params: { days: number }) => {},
    setDate: assign({ date: ({ event }) => ("date" in event ? event.date : null) }),
  },
});

// Task due dates move by the days between the old and the new date (computed before the date changes).
const RESCHEDULE_ACTIONS = [
  {
    type: "moveTaskDueDates",
    params: ({ context, event }: { context: WorkshopContext; event: WorkshopEvent }) => ({
      days: event.type === "RESCHEDULE" && context.date ? differenceInCalendarDays(parseISO(event.date), parseISO(context.date)) : 0,
    }),
  },
  "setDate",
] as const;

export const workshopMachine = workshopSetup.createMachine({
  id: "workshop",
  context: { date: null, cancelledBecause: null },
  initial: "draft",
  states: {
    draft: {
      on: {
        // Any date: a workshop that already took place is recorded by scheduling it on its date
        // (it is then ready to be marked held). Only rescheduling must look ahead.
        SCHEDULE: { target: "scheduled", actions: "setDate" },
        CANCEL: { guard: "hasReason", target: "cancelled", actions: assign({ cancelledBecause: ({ event }) => event.reason }) },
      },
    },
    scheduled: {
      // A workshop scheduled less than the preparation period ahead starts preparing at once.
      always: { guard: "preparationDue", target: "preparing" },
      on: {
        TICK: { guard: "preparationDue", target: "preparing" },
        RESCHEDULE: { guard: "dateInFuture", target: "scheduled", reenter: true, actions: RESCHEDULE_ACTIONS },
        CANCEL: { guard: "hasReason", target: "cancelled", actions: assign({ cancelledBecause: ({ event }) => event.reason }) },
      },
    },
    preparing: {
      on: {
        HOLD: { guard: "dateReached", target: "held" },
        RESCHEDULE: { guard: "dateInFuture", target: "scheduled", actions: RESCHEDULE_ACTIONS },
        CANCEL: { guard: "hasReason", target: "cancelled", actions: assign({ cancelledBecause: ({ event }) => event.reason }) },
      },
    },
    held: { on: { START_FOLLOW_UP: { target: "followingUp" } } },
    followingUp: { on: { CLOSE: { guard: "followUpsSettled", target: "closed" } } },
    closed: { type: "final" },
    cancelled: { type: "final" },
  },
});
