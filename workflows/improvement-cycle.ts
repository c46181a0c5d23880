import { assign, setup } from "xstate";

// The two-year improvement cycle: baseline -> kickoff -> learning -> rebenchmarking -> review ->
// closed. Its guards explain themselves: the same functions that refuse a step list what blocks
// it, for the page to show. Pure: facts about goals and benchmarkings arrive with the events.

export const CYCLE_MACHINE_VERSION = 1;

export const CYCLE_STAGES = ["baseline", "kickoff", "learning", "rebenchmarking", "review", "closed"] as const;
export const CYCLE_COMMANDS = ["START_KICKOFF", "COMPLETE_KICKOFF", "START_REBENCHMARKING", "DECIDE_GO_AHEAD", "START_REVIEW", "CLOSE"] as const;
export type CycleCommand = (typeof CYCLE_COMMANDS)[number];
/** The joint projects the kickoff needs unless the coordinator agreed another number (the report asks for two). */
export const DEFAULT_JOINT_PROJECTS = 2;
export const MAX_JOINT_PROJECTS = 10;

/** What the kickoff must have produced (report section 4, Forum 1). */
export type KickoffFacts = {
  agreedRegionalGoals: number;
  /** Active clusters of the portfolio with no agreed goal of their own. */
  clustersWithoutAgreedGoal: ReadonlyArray<string>;
  jointProjectsDefined: number;
};

/** Clusters of the program still without a benchmarking of the new round. */
export type RebenchmarkingFacts = { clustersNotRebenchmarked: ReadonlyArray<string> };

export type GoAheadDecision = { decidedBy: string; at: string; without: ReadonlyArray<string> };

export type CycleContext = {
  requiredJointProjects: number;
  goAhead: GoAheadDecision | null;
  /** The day the cycle closed (YYYY-MM-DD): its progress stays as it was then. Absent before. */
  closedOn?: string;
};

export type CycleEvent =
  | { type: "START_KICKOFF" }
  | { type: "COMPLETE_KICKOFF"; facts: KickoffFacts }
  | { type: "START_REBENCHMARKING" }
  | { type: "DECIDE_GO_AHEAD"; decision: GoAheadDecision }
  | { type: "START_REVIEW"; facts: RebenchmarkingFacts }
  | { type: "CLOSE"; today: string };

export function kickoffBlockers(facts: KickoffFacts, requiredJointProjects: number): Array<string> {
  const blockers: Array<string> = [];
  if (facts.agreedRegionalGoals < 1) blockers.push("The region has no agreed goal yet.");
  if (facts.clustersWithoutAgreedGoal.length) {
    blockers.push(`${facts.clustersWithoutAgreedGoal.length} cluster(s) have no agreed goal: ${facts.clustersWithoutAgreedGoal.join(", ")}.`);
  }
  if (facts.jointProjectsDefined < requiredJointProjects) {
    blockers.push(`${facts.jointProjectsDefined} of the ${requiredJointProjects} agreed joint projects are defined.`);
  }
  return blockers;
}

/** Missing benchmarkings block the review unless a recorded decision names exactly those clusters (or more). */
export function reviewBlockers(facts: RebenchmarkingFacts, goAhead: GoAheadDecision | null): Array<string> {
  const uncovered = facts.clustersNotRebenchmarked.filter((id) => !goAhead?.without.includes(id));
  return uncovered.length
    ? [`${uncovered.length} cluster(s) have no benchmarking of the new round and no recorded decision to go ahead without them: ${uncovered.join(", ")}.`]
    : [];
}

export const improvementCycleMachine = setup({
  types: {
    context: {} as CycleContext,
    events: {} as CycleEvent,
    input: {} as { requiredJointProjects?: number },
  },
  guards: {
    kickoffComplete: ({ context, event }) => event.type === "COMPLETE_KICKOFF" && kickoffBlockers(event.facts, context.requiredJointProjects).length === 0,
    reviewReady: ({ context, event }) => event.type === "START_REVIEW" && reviewBlockers(event.facts, context.goAhead).length === 0,
    // A decision names the missing clusters, and only when one is needed: some are not covered yet.
    decisionNamesClusters: ({ context, event }) =>
      event.type === "DECIDE_GO_AHEAD" &&
      event.decision.decidedBy.length > 0 &&
      event.decision.without.some((id) => !context.goAhead?.without.includes(id)),
  },
}).createMachine({
  id: "improvementCycle",
  context: ({ input }) => ({ requiredJointProjects: input.requiredJointProjects ?? DEFAULT_JOINT_PROJECTS, goAhead: null }),
  initial: "baseline",
  states: {
    baseline: { on: { START_KICKOFF: { target: "kickoff" } } },
    kickoff: { on: { COMPLETE_KICKOFF: { guard: "kickoffComplete", target: "learning" } } },
    learning: { on: { START_REBENCHMARKING: { target: "rebenchmarking" } } },
    rebenchmarking: {
      on: {
        DECIDE_GO_AHEAD: { guard: "decisionNamesClusters", actions: assign({ goAhead: ({ event }) => event.decision }) },
        START_REVIEW: { guard: "reviewReady", target: "review" },
      },
    },
    review: { on: { CLOSE: { target: "closed", actions: assign({ closedOn: ({ event }) => event.today }) } } },
    closed: { type: "final" },
  },
});
