import { describe, expect, it } from "vitest";
import { initialTransition, transition } from "xstate";
import { improvementCycleMachine, kickoffBlockers, reviewBlockers, type CycleEvent } from "./improvement-cycle";

function run(...events: Array<CycleEvent>) {
  let [snapshot] = initialTransition(improvementCycleMachine, {});
  for (const event of events) [snapshot] = transition(improvementCycleMachine, snapshot, event);
  return snapshot;
}

const ready = { agreedRegionalGoals: 1, clustersWithoutAgreedGoal: [], jointProjectsDefined: 2 };
const toLearning = [{ type: "START_KICKOFF" }, { type: "COMPLETE_KICKOFF", facts: ready }] as const;

describe("improvement cycle machine", () => {
  it("runs baseline, kickoff, learning, rebenchmarking, review, closed", () => {
    expect(run().value).toBe("baseline");
    expect(run({ type: "START_KICKOFF" }).value).toBe("kickoff");
    expect(run(...toLearning).value).toBe("learning");
    const all = run(...toLearning, { type: "START_REBENCHMARKING" }, { type: "START_REVIEW", facts: { clustersNotRebenchmarked: [] } }, { type: "CLOSE", today: "2019-07-01" });
    expect(all.value).toBe("closed");
    expect(all.status).toBe("done");
    expect(all.context.closedOn).toBe("2019-07-01");
  });

  it("completes the kickoff only with a regional goal, a goal per active cluster and the agreed joint projects, saying what is missing", () => {
    const facts = { agreedRegionalGoals: 0, clustersWithoutAgreedGoal: ["arc-alta-experience", "arc-vadso-food"], jointProjectsDefined: 1 };
    expect(kickoffBlockers(facts, 2)).toEqual([
      "The region has no agreed goal yet.",
      "2 cluster(s) have no agreed goal: arc-alta-experience, arc-vadso-food.",
      "1 of the 2 agreed joint projects are defined.",
    ]);
    expect(run({ type: "START_KICKOFF" }, { type: "COMPLETE_KICKOFF", facts }).value).toBe("kickoff");
    expect(run({ type: "START_KICKOFF" }, { type: "COMPLETE_KICKOFF", facts: { ...ready, jointProjectsDefined: 1 } }).value).toBe("kickoff");
    const [three] = initialTransition(improvementCycleMachine, { requiredJointProjects: 3 });
    const [kickoff] = transition(improvementCycleMachine, three, { type: "START_KICKOFF" });
    expect(transition(improvementCycleMachine, kickoff, { type: "COMPLETE_KICKOFF", facts: ready })[0].value).toBe("kickoff");
  });

  it("reviews only with the new round imported for every cluster, or a recorded decision to go ahead without the missing ones", () => {
    const rebenchmarking = [...toLearning, { type: "START_REBENCHMARKING" }] as const;
    const missing = { clustersNotRebenchmarked: ["arc-kirkenes-barents"] };
    expect(reviewBlockers(missing, null)).toEqual([
      "1 cluster(s) have no benchmarking of the new round and no recorded decision to go ahead without them: arc-kirkenes-barents.",
    ]);
    expect(run(...rebenchmarking, { type: "START_REVIEW", facts: missing }).value).toBe("rebenchmarking");
    const decision = { decidedBy: "demo-coordinator", at: "2019-05-02", without: ["arc-kirkenes-barents"] };
    const decided = run(...rebenchmarking, { type: "DECIDE_GO_AHEAD", decision }, { type: "START_REVIEW", facts: missing });
    expect(decided.value).toBe("review");
    expect(decided.context.goAhead).toEqual(decision);
    const once = run(...rebenchmarking, { type: "DECIDE_GO_AHEAD", decision });
    expect(once.can({ type: "DECIDE_GO_AHEAD", decision })).toBe(false); // decided already: nothing to decide
    expect(once.can({ type: "DECIDE_GO_AHEAD", decision: { ...decision, without: ["arc-vadso-food"] } })).toBe(true);
    // a decision must say who took it
    const anonymous = { ...decision, decidedBy: "" };
    expect(run(...rebenchmarking).can({ type: "DECIDE_GO_AHEAD", decision: anonymous })).toBe(false);
    const unsigned = run(...rebenchmarking, { type: "DECIDE_GO_AHEAD", decision: anonymous });
    expect(unsigned.context.goAhead).toBeNull();
    expect(transition(improvementCycleMachine, unsigned, { type: "START_REVIEW", facts: missing })[0].value).toBe("rebenchmarking");
    // a decision about other clusters does not cover a missing one
    const other = { ...decision, without: ["arc-alta-experience"] };
    expect(run(...rebenchmarking, { type: "DECIDE_GO_AHEAD", decision: other }, { type: "START_REVIEW", facts: missing }).value).toBe("rebenchmarking");
  });

  it("refuses events out of order", () => {
    expect(run({ type: "START_REBENCHMARKING" }).value).toBe("baseline");
    expect(run({ type: "START_KICKOFF" }).can({ type: "CLOSE", today: "2019-07-01" })).toBe(false);
  });
});
