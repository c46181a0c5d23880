import { addMonths, differenceInCalendarDays, endOfMonth, format, parseISO, subDays } from "date-fns";
import { assign, setup } from "xstate";

// An ESCA quality label of one cluster: valid -> expiringSoon -> inGrace -> lapsed. Pure: dates
// arrive with the events (a TICK carries the day), and the rules (validity, grace, the Silver
// window, the Gold score) arrive with the label from its methodology, never as constants here.

export const LABEL_MACHINE_VERSION = 1;
export const LABEL_LEVELS = ["BRONZE", "SILVER", "GOLD"] as const;
export type LabelLevel = (typeof LABEL_LEVELS)[number];

/** The label rules of a methodology (prisma/label-rules/*.json). */
export type LabelRules = {
  validityMonths: number;
  graceMonths: number;
  expiringSoonDays: number;
  reminderDays: ReadonlyArray<number>;
  silverWindowMonths: { from: number; to: number };
  silverImprovementAreas: number;
  goldMinScorePct: number;
};

export type LabelContext = {
  level: LabelLevel;
  /** The interview the current validity runs from (YYYY-MM-DD). */
  interviewOn: string;
  /** The benchmarking a Bronze label was awarded on: the Silver window counts from it. */
  bronzeBenchmarkedOn: string | null;
  /** Last day of validity: the end of the interview's month, validityMonths later. */
  validUntil: string;
  /** The latest day the machine has been told of. */
  asOf: string;
  score: number | null;
  rules: LabelRules;
  history: Array<{ event: "AWARD" | "RENEW" | "UPGRADE"; on: string; level: LabelLevel; validUntil: string }>;
};

export type UpgradeFacts = {
  /** Benchmarkings of the cluster after the Bronze one (YYYY-MM-DD). */
  benchmarkingsSince: ReadonlyArray<string>;
  /** Distinct improvement areas the cluster has declared (agreed goals). */
  improvementAreas: number;
  /** For Gold: the external assessment's score, %. */
  score: number | null;
};

export type LabelEvent =
  | { type: "TICK"; today: string }
  /** `benchmarkedOn`: the benchmarking a renewed Bronze label rests on now (its Silver window counts from it). */
  | { type: "RENEW"; interviewOn: string; benchmarkedOn?: string | null }
  | { type: "UPGRADE"; level: LabelLevel; interviewOn: string; facts: UpgradeFacts };

const iso = (date: Date) => format(date, "yyyy-MM-dd");
const day = (text: string) => parseISO(text);

/** Valid to the end of the interview's month, `months` later: 2017-08-15 and 24 months give 2019-08-31. */
export function validityEnd(interviewOn: string, months: number): string {
  return iso(endOfMonth(addMonths(day(interviewOn), months)));
}

/** The last day a label may still be renewed seamlessly: graceMonths after its expiry, to the month's end. */
export function graceEnd(validUntil: string, rules: Pick<LabelRules, "graceMonths">): string {
  return iso(endOfMonth(addMonths(day(validUntil), rules.graceMonths)));
}

export type LabelStatus = "valid" | "expiringSoon" | "inGrace" | "lapsed";

/** Where a label stands on a day, from its expiry alone. */
export function statusOn(validUntil: string, today: string, rules: Pick<LabelRules, "graceMonths" | "expiringSoonDays">): LabelStatus {
  if (today > graceEnd(validUntil, rules)) return "lapsed";
  if (today > validUntil) return "inGrace";
  return differenceInCalendarDays(day(validUntil), day(today)) <= rules.expiringSoonDays ? "expiringSoon" : "valid";
}

/** The Silver window of a Bronze label: a second benchmarking between these days (inclusive). */
export function silverWindow(bronzeBenchmarkedOn: string, rules: Pick<LabelRules, "silverWindowMonths">): { from: string; to: string } {
  return { from: iso(addMonths(day(bronzeBenchmarkedOn), rules.silverWindowMonths.from)), to: iso(addMonths(day(bronzeBenchmarkedOn), rules.silverWindowMonths.to)) };
}

/** Why the label may not be upgraded to this level now; empty when it may. */
export function upgradeBlockers(context: Pick<LabelContext, "level" | "bronzeBenchmarkedOn" | "rules">, level: LabelLevel, facts: UpgradeFacts): Array<string> {
  const rank = (l: LabelLevel) => LABEL_LEVELS.indexOf(l);
  if (rank(level) <= rank(context.level)) return [`The label is ${context.level} already; an upgrade goes to a higher level.`];
  const blockers: Array<string> = [];
  if (level === "SILVER") {
    if (!context.bronzeBenchmarkedOn) blockers.push("Silver follows a Bronze label awarded on a benchmarking; this label has none recorded.");
    else {
      const window = silverWindow(context.bronzeBenchmarkedOn, context.rules);
      if (!facts.benchmarkingsSince.some((d) => d >= window.from && d <= window.to)) {
        blockers.push(`Silver needs a second benchmarking from ${window.from} to ${window.to} (${context.rules.silverWindowMonths.from} to ${context.rules.silverWindowMonths.to} months after the Bronze one of ${context.bronzeBenchmarkedOn}); ${facts.benchmarkingsSince.length ? `the cluster has ${facts.benchmarkingsSince.join(", ")}` : "the cluster has none since"}.`);
      }
    }
    blockers.push(...areaBlockers(facts.improvementAreas, context.rules));
  }
  if (level === "GOLD" && (facts.score === null || facts.score < context.rules.goldMinScorePct)) {
    blockers.push(`Gold needs an assessed score of at least ${context.rules.goldMinScorePct} %; ${facts.score === null ? "no score was given" : `the score is ${facts.score} %`}.`);
  }
  return blockers;
}

function areaBlockers(declared: number, rules: Pick<LabelRules, "silverImprovementAreas">): Array<string> {
  return declared < rules.silverImprovementAreas ? [`Silver needs ${rules.silverImprovementAreas} declared improvement areas; the cluster has ${declared}.`] : [];
}

/**
 * Why a Silver label may not be recorded as awarded on this interview (a cluster with no Bronze
 * label to upgrade): its record must show the same evidence an upgrade needs, a benchmarking and a
 * second one within the Silver window after it, both by the interview, and the declared areas.
 */
export function silverAwardBlockers(benchmarkings: ReadonlyArray<string>, improvementAreas: number, interviewOn: string, rules: Pick<LabelRules, "silverWindowMonths" | "silverImprovementAreas">): Array<string> {
  const by = benchmarkings.filter((d) => d <= interviewOn);
  const paired = by.some((first) => {
    const window = silverWindow(first, rules);
    return by.some((second) => second >= window.from && second <= window.to);
  });
  const blockers = paired
    ? []
    : [`Silver needs two benchmarkings ${rules.silverWindowMonths.from} to ${rules.silverWindowMonths.to} months apart by the interview on ${interviewOn}; the cluster has ${by.length ? by.join(", ") : "none"}.`];
  return [...blockers, ...areaBlockers(improvementAreas, rules)];
}

/** The latest interview on the label's record: its award, a renewal or an upgrade. */
export function lastInterview(context: Pick<LabelContext, "history">): string {
  return context.history.map((h) => h.on).sort().at(-1)!;
}

/**
 * Why a renewal interview on this day does not count, or null when it does: it must come after
 * the label's last interview, no earlier than the label's "expiring soon" period before its expiry
 * (a renewal is not a way to stack validity), and before the grace year is over.
 */
export function renewalBlocker(context: Pick<LabelContext, "history" | "validUntil" | "rules">, interviewOn: string): string | null {
  const opens = iso(subDays(day(context.validUntil), context.rules.expiringSoonDays));
  const closes = graceEnd(context.validUntil, context.rules);
  if (interviewOn <= lastInterview(context)) return `A renewal interview comes after the label's last interview (${lastInterview(context)}).`;
  if (interviewOn < opens) return `A renewal interview counts from ${opens} (${context.rules.expiringSoonDays} days before the expiry on ${context.validUntil}).`;
  if (interviewOn > closes) return `A renewal interview must take place by ${closes}, the end of the grace year.`;
  return null;
}

/** The reminder days (before expiry; 0: at expiry) that have come by `today`, most urgent first. */
export function remindersDue(validUntil: string, today: string, rules: Pick<LabelRules, "reminderDays">): Array<number> {
  const left = differenceInCalendarDays(day(validUntil), day(today));
  return [...rules.reminderDays].filter((d) => left <= d).sort((a, b) => a - b);
}

const later = (a: string, b: string) => (a > b ? a : b);

const labelSetup = setup({
  types: {
    context: {} as LabelContext,
    events: {} as LabelEvent,
    /** `benchmarkedOn`: the benchmarking a Bronze label was awarded on (null: none on record). */
    input: {} as { level: LabelLevel; interviewOn: string; benchmarkedOn?: string | null; score?: number | null; rules: LabelRules },
  },
  guards: {
    lapsed: ({ context }) => statusOn(context.validUntil, context.asOf, context.rules) === "lapsed",
    inGrace: ({ context }) => statusOn(context.validUntil, context.asOf, context.rules) === "inGrace",
    expiringSoon: ({ context }) => statusOn(context.validUntil, context.asOf, context.rules) === "expiringSoon",
    valid: ({ context }) => statusOn(context.validUntil, context.asOf, context.rules) === "valid",
    renewable: ({ context, event }) => event.type === "RENEW" && renewalBlocker(context, event.interviewOn) === null,
    upgradable: ({ context, event }) =>
      event.type === "UPGRADE" && event.interviewOn > lastInterview(context) && upgradeBlockers(context, event.level, event.facts).length === 0,
  },
  actions: {
    tick: assign({ asOf: ({ context, event }) => (event.type === "TICK" ? later(context.asOf, event.today) : context.asOf) }),
    // Seamless: the new validity runs on from the old expiry, whenever in the grace year the interview was.
    renew: assign(({ context, event }) => {
      if (event.type !== "RENEW") return {};
      const validUntil = validityEnd(context.validUntil, context.rules.validityMonths);
      const bronzeBenchmarkedOn = context.level === "BRONZE" && event.benchmarkedOn ? later(context.bronzeBenchmarkedOn ?? event.benchmarkedOn, event.benchmarkedOn) : context.bronzeBenchmarkedOn;
      return { validUntil, bronzeBenchmarkedOn, asOf: later(context.asOf, event.interviewOn), history: [...context.history, { event: "RENEW" as const, on: event.interviewOn, level: context.level, validUntil }] };
    }),
    upgrade: assign(({ context, event }) => {
      if (event.type !== "UPGRADE") return {};
      const validUntil = validityEnd(event.interviewOn, context.rules.validityMonths);
      return {
        level: event.level,
        interviewOn: event.interviewOn,
        validUntil,
        score: event.level === "GOLD" ? event.facts.score : context.score,
        asOf: later(context.asOf, event.interviewOn),
        history: [...context.history, { event: "UPGRADE" as const, on: event.interviewOn, level: event.level, validUntil }],
      };
    }),
  },
});

const ON_EVENTS = {
  TICK: { actions: "tick" },
  RENEW: { guard: "renewable", actions: "renew" },
  UPGRADE: { guard: "upgradable", actions: "upgrade" },
} as const;

/** A living state settles where its dates put it after any event (never back into itself). */
function living(self: LabelStatus) {
  const order: Array<LabelStatus> = ["lapsed", "inGrace", "expiringSoon", "valid"];
  return { always: order.filter((s) => s !== self).map((s) => ({ guard: s, target: s })), on: ON_EVENTS };
}

export const labelMachine = labelSetup.createMachine({
  id: "label",
  context: ({ input }) => {
    const validUntil = validityEnd(input.interviewOn, input.rules.validityMonths);
    return {
      level: input.level,
      interviewOn: input.interviewOn,
      bronzeBenchmarkedOn: input.level === "BRONZE" ? (input.benchmarkedOn ?? null) : null,
      validUntil,
      asOf: input.interviewOn,
      score: input.score ?? null,
      rules: input.rules,
      history: [{ event: "AWARD" as const, on: input.interviewOn, level: input.level, validUntil }],
    };
  },
  initial: "valid",
  states: {
    valid: living("valid"),
    expiringSoon: living("expiringSoon"),
    inGrace: living("inGrace"),
    // After the grace year a label is gone; a new one starts from its own interview date.
    lapsed: { type: "final" },
  },
});
