import { describe, expect, it } from "vitest";
import { initialTransition, transition } from "xstate";
import { goalHealth, goalMachine, type GoalEvent } from "./goal";

// "Activities and Services from 28 to 50 by summer 2019" (the report's example).
const input = { baseline: { value: 28, date: "2017-09-01" }, target: { value: 50, date: "2019-06-30" }, better: "higher" as const };

function run(...events: Array<GoalEvent>) {
  let [snapshot] = initialTransition(goalMachine, input);
  for (const event of events) [snapshot] = transition(goalMachine, snapshot, event);
  return snapshot;
}

describe("goal machine", () => {
  it("starts as a draft and is agreed when measurable", () => {
    expect(run().value).toBe("draft");
    expect(run({ type: "AGREE", today: "2017-10-31" }).value).toBe("agreed");
    const [unmeasurable] = initialTransition(goalMachine, { ...input, target: { value: 50, date: "2017-01-01" } });
    expect(transition(goalMachine, unmeasurable, { type: "AGREE", today: "2017-10-31" })[0].value).toBe("draft");
  });

  it("is not measurable, and stays a draft, when the target equals the baseline", () => {
    const [same] = initialTransition(goalMachine, { ...input, target: { value: 28, date: "2019-06-30" } });
    expect(same.can({ type: "AGREE", today: "2017-10-31" })).toBe(false);
    expect(transition(goalMachine, same, { type: "AGREE", today: "2017-10-31" })[0].value).toBe("draft");
    const [justAbove] = initialTransition(goalMachine, { ...input, target: { value: 28.5, date: "2019-06-30" } });
    expect(transition(goalMachine, justAbove, { type: "AGREE", today: "2017-10-31" })[0].value).toBe("agreed");
  });

  it("is achieved when the latest value by the due date reaches the target, missed the day after otherwise", () => {
    const agreed = { type: "AGREE", today: "2017-10-31" } as const;
    expect(run(agreed, { type: "TICK", today: "2019-06-30", latest: { value: 51, date: "2019-06-01" } }).value).toBe("achieved");
    expect(run(agreed, { type: "TICK", today: "2019-06-30", latest: { value: 49, date: "2019-06-01" } }).value).toBe("agreed");
    expect(run(agreed, { type: "TICK", today: "2019-07-01", latest: { value: 49, date: "2019-06-01" } }).value).toBe("missed");
    expect(run(agreed, { type: "TICK", today: "2019-05-01", latest: { value: 60, date: "2019-04-01" } }).value).toBe("agreed"); // not due yet
    expect(run(agreed, { type: "TICK", today: "2019-07-01", latest: null }).value).toBe("missed");
  });

  it("keeps the old target with the reason when an agreed goal's target changes; refuses a change without reason", () => {
    const changed = run({ type: "AGREE", today: "2017-10-31" }, { type: "CHANGE_TARGET", target: { value: 45, date: "2019-12-31" }, reason: "funding cut", at: "2018-03-01" });
    expect(changed.context.target).toEqual({ value: 45, date: "2019-12-31" });
    expect(changed.context.changes).toEqual([{ from: input.target, to: { value: 45, date: "2019-12-31" }, reason: "funding cut", at: "2018-03-01" }]);
    const refused = run({ type: "AGREE", today: "2017-10-31" }, { type: "CHANGE_TARGET", target: { value: 45, date: "2019-12-31" }, reason: " ", at: "2018-03-01" });
    expect(refused.context.target).toEqual(input.target);
  });

  it("is withdrawn only with a reason, and then accepts nothing", () => {
    expect(run({ type: "AGREE", today: "2017-10-31" }, { type: "WITHDRAW", reason: "" }).value).toBe("agreed");
    const withdrawn = run({ type: "AGREE", today: "2017-10-31" }, { type: "WITHDRAW", reason: "merged into the joint project" });
    expect(withdrawn.value).toBe("withdrawn");
    expect(withdrawn.context.withdrawnBecause).toBe("merged into the joint project");
    expect(withdrawn.status).toBe("done");
    expect(withdrawn.can({ type: "AGREE", today: "2017-10-31" })).toBe(false);
  });
});

describe("goal machine, the remaining edges", () => {
  it("changes a draft's target without history, and refuses a due date on or before the baseline", () => {
    const draft = run({ type: "CHANGE_TARGET", target: { value: 40, date: "2019-06-30" }, reason: "first proposal too bold", at: "2017-10-30" });
    expect(draft.value).toBe("draft");
    expect(draft.context.target).toEqual({ value: 40, date: "2019-06-30" });
    expect(draft.context.changes).toEqual([]);
    const early = run({ type: "AGREE", today: "2017-10-31" }, { type: "CHANGE_TARGET", target: { value: 45, date: "2017-09-01" }, reason: "typo", at: "2018-03-01" });
    expect(early.context.target).toEqual(input.target);
    // From 28 up to 50: a new target of 20 would make it a goal already reached.
    const across = run({ type: "AGREE", today: "2017-10-31" }, { type: "CHANGE_TARGET", target: { value: 20, date: "2019-06-30" }, reason: "easier", at: "2018-03-01" });
    expect(across.context.target).toEqual(input.target);
  });

  it("refuses a new due date before the day of the change, and takes that day or a later one", () => {
    const agreed = { type: "AGREE", today: "2017-10-31" } as const;
    const change = (date: string, at: string) => ({ type: "CHANGE_TARGET", target: { value: 50, date }, reason: "delayed funding", at }) as const;
    const past = run(agreed, change("2018-02-28", "2018-03-01"));
    expect(past.context.target).toEqual(input.target);
    expect(past.context.changes).toEqual([]);
    expect(run(agreed, change("2018-03-01", "2018-03-01")).context.target).toEqual({ value: 50, date: "2018-03-01" });
    expect(run(agreed, change("2019-12-31", "2018-03-01")).context.target).toEqual({ value: 50, date: "2019-12-31" });
    expect(run(change("2018-02-28", "2018-03-01")).context.target).toEqual(input.target); // a draft's too
  });

  it("withdraws a draft with a reason; a TICK does nothing to a draft", () => {
    expect(run({ type: "WITHDRAW", reason: "duplicate" }).value).toBe("withdrawn");
    expect(run({ type: "TICK", today: "2020-01-01", latest: null }).value).toBe("draft");
  });

  it("counts only a check-in dated by the due date; lower-is-better goals are reached at or below the target", () => {
    const late = run({ type: "AGREE", today: "2017-10-31" }, { type: "TICK", today: "2019-07-02", latest: { value: 55, date: "2019-07-01" } });
    expect(late.value).toBe("missed");
    const [lower] = initialTransition(goalMachine, { baseline: { value: 30, date: "2017-09-01" }, target: { value: 12, date: "2018-09-01" }, better: "lower" });
    const agreed = transition(goalMachine, lower, { type: "AGREE", today: "2017-10-31" })[0];
    expect(transition(goalMachine, agreed, { type: "TICK", today: "2018-09-01", latest: { value: 12, date: "2018-08-01" } })[0].value).toBe("achieved");
    expect(transition(goalMachine, agreed, { type: "TICK", today: "2018-09-02", latest: { value: 13, date: "2018-08-01" } })[0].value).toBe("missed");
  });

  it("accepts nothing once achieved or missed", () => {
    const achieved = run({ type: "AGREE", today: "2017-10-31" }, { type: "TICK", today: "2019-06-30", latest: { value: 51, date: "2019-06-01" } });
    const missed = run({ type: "AGREE", today: "2017-10-31" }, { type: "TICK", today: "2019-07-01", latest: null });
    for (const done of [achieved, missed]) {
      expect(done.status).toBe("done");
      expect(done.can({ type: "WITHDRAW", reason: "late" })).toBe(false);
      expect(done.can({ type: "CHANGE_TARGET", target: { value: 1, date: "2020-01-01" }, reason: "late", at: "2019-08-01" })).toBe(false);
    }
  });
});

describe("goal health, what is known against the straight line read today", () => {
  const on = (today: string, tolerance = 0.1) => ({ today, tolerance });

  it("is on track on or above the line, at risk a little below, off track far below", () => {
    // On 2018-08-01 the line from 28 (2017-09-01) to 50 (2019-06-30) expects 39.0; 10 % of the planned 22 is 2.2.
    expect(goalHealth(input, { value: 40, date: "2018-08-01" }, on("2018-08-01"))).toBe("on track");
    expect(goalHealth(input, { value: 37.5, date: "2018-08-01" }, on("2018-08-01"))).toBe("on track");
    expect(goalHealth(input, { value: 35.5, date: "2018-08-01" }, on("2018-08-01"))).toBe("at risk");
    expect(goalHealth(input, { value: 30, date: "2018-08-01" }, on("2018-08-01"))).toBe("off track");
  });

  it("worsens as days pass after the same check-in: the line keeps rising, the value stays", () => {
    const latest = { value: 40, date: "2018-08-01" };
    expect(goalHealth(input, latest, on("2018-08-01"))).toBe("on track"); // 39.0 expected
    expect(goalHealth(input, latest, on("2018-12-01"))).toBe("at risk"); // 43.0 expected, 3.0 behind
    expect(goalHealth(input, latest, on("2019-03-01"))).toBe("off track"); // 46.0 expected, 6.0 behind
    expect(goalHealth(input, latest, on("2019-08-01"))).toBe("off track"); // the line stops at the target, 50
  });

  it("without a check-in reads the baseline: exactly on track at the baseline date, behind as days pass", () => {
    expect(goalHealth(input, null, on("2017-09-01"))).toBe("on track");
    expect(goalHealth(input, null, on("2017-10-01"))).toBe("on track"); // 29.0 expected, 1.0 behind
    expect(goalHealth(input, null, on("2017-11-15"))).toBe("at risk"); // 30.5 expected, 2.5 behind
    expect(goalHealth(input, null, on("2019-06-01"))).toBe("off track"); // 49.0 expected near the due date
  });

  it("works for lower-is-better goals", () => {
    // From 30 (2017-09-01) down to 12 (2018-09-01); 10 % of the planned 18 is 1.8.
    const months = { baseline: { value: 30, date: "2017-09-01" }, target: { value: 12, date: "2018-09-01" }, better: "lower" as const };
    const latest = { value: 20, date: "2018-03-01" };
    expect(goalHealth(months, latest, on("2018-03-01"))).toBe("on track"); // 21.1 expected, 20 is below it
    expect(goalHealth(months, latest, on("2018-06-01"))).toBe("at risk"); // 16.5 expected, 3.5 behind
    expect(goalHealth(months, latest, on("2018-08-01"))).toBe("off track"); // 13.5 expected, 6.5 behind
    expect(goalHealth(months, { value: 28, date: "2018-03-01" }, on("2018-03-01"))).toBe("off track");
    expect(goalHealth(months, null, on("2017-09-01"))).toBe("on track");
    expect(goalHealth(months, null, on("2018-08-31"))).toBe("off track");
  });

  it("takes its tolerance as given: the same check-in on the same day judged with 5, 10 and 20 %", () => {
    const latest = { value: 36, date: "2018-08-01" }; // 3.0 behind the 39.0 expected
    expect(goalHealth(input, latest, on("2018-08-01", 0.05))).toBe("off track"); // 1.1 / 2.2 allowed
    expect(goalHealth(input, latest, on("2018-08-01", 0.1))).toBe("at risk"); // 2.2 / 4.4 allowed
    expect(goalHealth(input, latest, on("2018-08-01", 0.2))).toBe("on track"); // 4.4 allowed
  });
});
