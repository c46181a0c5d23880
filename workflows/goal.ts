import { assign, setup } from "xstate";

// A measurable improvement goal: draft -> agreed -> achieved | missed | withdrawn.
// Pure: no clock (time arrives as TICK with a date), no database, no HTTP.

export const GOAL_MACHINE_VERSION = 1;

/** The six improvement areas the report names (section 4). */
export const IMPROVEMENT_AREAS = [
  "Member services volume and pricing",
  "Visibility, branding, communication, internationalisation",
  "Staffing and funding relative to members",
  "Staff competence and lifelong learning",
  "Integration in the regional plan, cluster dynamics, cross-sector work",
  "Funding horizon and dependence on public funding",
] as const;

/** A dated number: the baseline, the target at the due date, a check-in. Dates are YYYY-MM-DD. */
export type DatedValue = { value: number; date: string };

export type GoalContext = {
  baseline: DatedValue;
  /** The value to reach by the due date (target.date). */
  target: DatedValue;
  /** Whether a value at or above (higher) or at or below (lower) the target counts as reached. */
  better: "higher" | "lower";
  /** Earlier targets of an agreed goal, each with why it changed. */
  changes: Array<{ from: DatedValue; to: DatedValue; reason: string; at: string }>;
  withdrawnBecause: string | null;
};

export type GoalEvent =
  | { type: "AGREE"; today: string }
  | { type: "CHANGE_TARGET"; target: DatedValue; reason: string; at: string }
  | { type: "WITHDRAW"; reason: string }
  | { type: "TICK"; today: string; latest: DatedValue | null };

export function reached(context: Pick<GoalContext, "target" | "better">, value: number): boolean {
  return context.better === "higher" ? value >= context.target.value : value <= context.target.value;
}

export const goalMachine = setup({
  types: {
    context: {} as GoalContext,
    events: {} as GoalEvent,
    input: {} as { baseline: DatedValue; target: DatedValue; better: "higher" | "lower" },
  },
  guards: {
    // Measurable: numbers that differ, and a due date after the baseline and not yet passed.
    measurable: ({ context, event }) =>
      event.type === "AGREE" &&
      Number.isFinite(context.baseline.value) &&
      Number.isFinite(context.target.value) &&
      context.target.value !== context.baseline.value &&
      context.target.date > context.baseline.date &&
      context.target.date >= event.today,
    hasReason: ({ event }) => "reason" in event && event.reason.trim().length > 0,
    // A new target stays on the goal's side of the baseline: a goal to raise a value is not turned
    // into one already reached by moving the target below where it started. Its due date, like an
    // agreed one, is not before the day of the change (`at`).
    changeIsValid: ({ context, event }) =>
      event.type === "CHANGE_TARGET" &&
      event.reason.trim().length > 0 &&
      Number.isFinite(event.target.value) &&
      (context.better === "higher" ? event.target.value > context.baseline.value : event.target.value < context.baseline.value) &&
      event.target.date > context.baseline.date &&
      event.target.date >= event.at,
    dueAndReached: ({ context, event }) =>
      event.type === "TICK" && event.today >= context.target.date && event.latest !== null && event.latest.date <= context.target.date && reached(context, event.latest.value),
    due: ({ context, event }) => event.type === "TICK" && event.today > context.target.date,
  },
}).createMachine({
  id: "goal",
  context: ({ input }) => ({ ...input, changes: [], withdrawnBecause: null }),
  initial: "draft",
  states: {
    draft: {
      on: {
        AGREE: { guard: "measurable", target: "agreed" },
        CHANGE_TARGET: {
          guard: "changeIsValid",
          actions: assign({ target: ({ event }) => event.target }),
        },
        WITHDRAW: { guard: "hasReason", target: "withdrawn", actions: assign({ withdrawnBecause: ({ event }) => event.reason }) },
      },
    },
    agreed: {
      on: {
        CHANGE_TARGET: {
          guard: "changeIsValid",
          actions: assign({
            changes: ({ context, event }) => [...context.changes, { from: context.target, to: event.target, reason: event.reason, at: event.at }],
            target: ({ event }) => event.target,
          }),
        },
        WITHDRAW: { guard: "hasReason", target: "withdrawn", actions: assign({ withdrawnBecause: ({ event }) => event.reason }) },
        // The due date decides: reached by then, achieved; the day after without it, missed.
        TICK: [
          { guard: "dueAndReached", target: "achieved" },
          { guard: "due", target: "missed" },
        ],
      },
    },
    achieved: { type: "final" },
    missed: { type: "final" },
    withdrawn: { type: "final" },
  },
});

export type GoalHealth = "on track" | "at risk" | "off track";

/**
 * An agreed goal's health on a day, derived, never stored: what is known (the latest check-in, or
 * the baseline while there is none) against the straight line from the baseline (at its date) to
 * the target (at the due date), read at `today` (no later than the due date). So health worsens as
 * days pass without progress. Within `tolerance` (a share of the planned change, e.g. 0.1) of the
 * line or past it: on track; within twice that: at risk; further behind: off track.
 */
export function goalHealth(
  context: Pick<GoalContext, "baseline" | "target" | "better">,
  latest: DatedValue | null,
  { today, tolerance }: { today: string; tolerance: number },
): GoalHealth {
  const day = (date: string) => Date.parse(`${date}T00:00:00Z`) / 86_400_000;
  const span = day(context.target.date) - day(context.baseline.date);
  const progress = Math.min(1, Math.max(0, (day(today) - day(context.baseline.date)) / span));
  const planned = context.target.value - context.baseline.value;
  const expected = context.baseline.value + planned * progress;
  const known = (latest ?? context.baseline).value;
  const sign = context.better === "higher" ? 1 : -1;
  const shortfall = sign * (expected - known); // above 0: behind the line
  const allowed = Math.abs(planned) * tolerance;
  if (shortfall <= allowed) return "on track";
  if (shortfall <= 2 * allowed) return "at risk";
  return "off track";
}
