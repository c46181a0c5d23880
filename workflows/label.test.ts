import { describe, expect, it } from "vitest";
import { initialTransition, transition } from "xstate";
import { graceEnd, labelMachine, remindersDue, renewalBlocker, silverAwardBlockers, silverWindow, statusOn, upgradeBlockers, validityEnd, type LabelEvent, type LabelRules } from "./label";

// The ESCA rules as prisma/label-rules/esca-2017.json states them.
const rules: LabelRules = {
  validityMonths: 24,
  graceMonths: 12,
  expiringSoonDays: 90,
  reminderDays: [90, 60, 30, 0],
  silverWindowMonths: { from: 18, to: 24 },
  silverImprovementAreas: 3,
  goldMinScorePct: 80,
};

// An Arctic Bronze label: awarded on the benchmarking of 14 March 2017, interview 15 August 2017.
function run(...events: Array<LabelEvent>) {
  let [snapshot] = initialTransition(labelMachine, { level: "BRONZE", interviewOn: "2017-08-15", benchmarkedOn: "2017-03-14", rules });
  for (const event of events) [snapshot] = transition(labelMachine, snapshot, event);
  return snapshot;
}
const tick = (today: string) => ({ type: "TICK", today }) as const;
const facts = (benchmarkingsSince: Array<string>, improvementAreas = 3, score: number | null = null) => ({ benchmarkingsSince, improvementAreas, score });

describe("label validity", () => {
  it("runs to the end of the interview's month two years later", () => {
    expect(validityEnd("2017-08-15", 24)).toBe("2019-08-31");
    expect(validityEnd("2016-10-01", 24)).toBe("2018-10-31");
    expect(validityEnd("2018-02-28", 24)).toBe("2020-02-29");
    expect(run().context.validUntil).toBe("2019-08-31");
    expect(graceEnd("2019-08-31", rules)).toBe("2020-08-31");
  });

  it("is valid, expiring soon from 90 days before its end, in grace after it for 12 months, then lapsed", () => {
    expect(run().value).toBe("valid");
    expect(run(tick("2019-06-01")).value).toBe("valid"); // 91 days left
    expect(run(tick("2019-06-02")).value).toBe("expiringSoon"); // 90 days left
    expect(run(tick("2019-08-31")).value).toBe("expiringSoon");
    expect(run(tick("2019-09-01")).value).toBe("inGrace");
    expect(run(tick("2020-08-31")).value).toBe("inGrace");
    const lapsed = run(tick("2020-09-01"));
    expect(lapsed.value).toBe("lapsed");
    expect(lapsed.status).toBe("done");
    expect(statusOn("2019-08-31", "2019-06-02", rules)).toBe("expiringSoon");
  });

  it("never moves back with an earlier day", () => {
    expect(run(tick("2019-09-01"), tick("2019-01-01")).value).toBe("inGrace");
  });
});

describe("renewal", () => {
  it("inside the grace year continues seamlessly from the old expiry date", () => {
    const renewed = run(tick("2020-03-01"), { type: "RENEW", interviewOn: "2020-02-20" });
    expect(renewed.value).toBe("valid");
    expect(renewed.context.validUntil).toBe("2021-08-31");
    expect(renewed.context.history.map((h) => [h.event, h.on, h.validUntil])).toEqual([
      ["AWARD", "2017-08-15", "2019-08-31"],
      ["RENEW", "2020-02-20", "2021-08-31"],
    ]);
  });

  it("before expiry also continues from the old expiry date", () => {
    const early = run(tick("2019-07-01"), { type: "RENEW", interviewOn: "2019-07-01" });
    expect(early.value).toBe("valid");
    expect(early.context.validUntil).toBe("2021-08-31");
  });

  it("counts only after the label's last interview and from 90 days before expiry: no stacking of validity", () => {
    expect(renewalBlocker(run().context, "2017-08-01")).toBe("A renewal interview comes after the label's last interview (2017-08-15).");
    expect(run({ type: "RENEW", interviewOn: "2017-08-01" }).context.validUntil).toBe("2019-08-31");
    expect(renewalBlocker(run().context, "2019-06-01")).toBe("A renewal interview counts from 2019-06-02 (90 days before the expiry on 2019-08-31).");
    expect(run({ type: "RENEW", interviewOn: "2019-06-01" }).context.validUntil).toBe("2019-08-31");
    expect(run({ type: "RENEW", interviewOn: "2019-06-02" }).context.validUntil).toBe("2021-08-31");
    // Renewed once, a second renewal on the next day stacks nothing.
    const renewed = run({ type: "RENEW", interviewOn: "2019-06-02" });
    expect(transition(labelMachine, renewed, { type: "RENEW", interviewOn: "2019-06-03" })[0].context.validUntil).toBe("2021-08-31");
  });

  it("on the last day of grace still counts; after it the label has lapsed and takes no renewal", () => {
    expect(run({ type: "RENEW", interviewOn: "2020-08-31" }).context.validUntil).toBe("2021-08-31");
    const late = run({ type: "RENEW", interviewOn: "2020-09-01" });
    expect(late.context.validUntil).toBe("2019-08-31"); // refused
    const lapsed = run(tick("2020-09-01"));
    expect(lapsed.can({ type: "RENEW", interviewOn: "2020-09-15" })).toBe(false);
  });
});

describe("upgrades", () => {
  it("to Silver only with a second benchmarking 18 to 24 months after the Bronze one, edges included", () => {
    // The window counts from the benchmarking the Bronze label was awarded on, not from its interview.
    expect(silverWindow("2017-03-14", rules)).toEqual({ from: "2018-09-14", to: "2019-03-14" });
    expect(run().context.bronzeBenchmarkedOn).toBe("2017-03-14");
    const upgrade = (benchmarkedOn: string) => ({ type: "UPGRADE", level: "SILVER", interviewOn: "2019-03-20", facts: facts([benchmarkedOn]) }) as const;
    expect(run(upgrade("2018-09-13")).context.level).toBe("BRONZE");
    expect(run(upgrade("2018-09-14")).context.level).toBe("SILVER");
    expect(run(upgrade("2019-03-14")).context.level).toBe("SILVER");
    expect(run(upgrade("2019-03-15")).context.level).toBe("BRONZE");
    const silver = run(upgrade("2019-01-10"));
    expect(silver.context.validUntil).toBe("2021-03-31"); // a new validity from the Silver interview
    expect(silver.value).toBe("valid");
  });

  it("to Silver needs a Bronze label awarded on a benchmarking", () => {
    const [unanchored] = initialTransition(labelMachine, { level: "BRONZE", interviewOn: "2017-08-15", benchmarkedOn: null, rules });
    expect(upgradeBlockers(unanchored.context, "SILVER", facts(["2019-01-10"]))).toEqual(["Silver follows a Bronze label awarded on a benchmarking; this label has none recorded."]);
  });

  it("to Silver only with three declared improvement areas, and says which condition failed", () => {
    const context = run().context;
    expect(upgradeBlockers(context, "SILVER", facts(["2019-01-10"], 2))).toEqual(["Silver needs 3 declared improvement areas; the cluster has 2."]);
    expect(upgradeBlockers(context, "SILVER", facts([], 3))).toEqual([
      "Silver needs a second benchmarking from 2018-09-14 to 2019-03-14 (18 to 24 months after the Bronze one of 2017-03-14); the cluster has none since.",
    ]);
    expect(run({ type: "UPGRADE", level: "SILVER", interviewOn: "2019-01-10", facts: facts(["2019-01-10"], 2) }).context.level).toBe("BRONZE");
    expect(upgradeBlockers(context, "BRONZE", facts(["2019-01-10"]))).toEqual(["The label is BRONZE already; an upgrade goes to a higher level."]);
  });

  it("a renewed Bronze label's Silver window counts from the benchmarking of its renewal", () => {
    const renewed = run({ type: "RENEW", interviewOn: "2019-07-01", benchmarkedOn: "2019-06-20" });
    expect(renewed.context.bronzeBenchmarkedOn).toBe("2019-06-20");
    expect(run({ type: "RENEW", interviewOn: "2019-07-01" }).context.bronzeBenchmarkedOn).toBe("2017-03-14");
  });

  it("recorded as awarded (no Bronze to upgrade), Silver needs two benchmarkings in the window by the interview and three areas", () => {
    expect(silverAwardBlockers(["2017-03-14", "2018-09-14"], 3, "2018-10-01", rules)).toEqual([]);
    expect(silverAwardBlockers(["2017-03-14", "2018-09-13"], 3, "2018-10-01", rules)).toEqual([
      "Silver needs two benchmarkings 18 to 24 months apart by the interview on 2018-10-01; the cluster has 2017-03-14, 2018-09-13.",
    ]);
    // The second benchmarking after the interview is no evidence for it.
    expect(silverAwardBlockers(["2017-03-14", "2018-09-14"], 3, "2018-09-01", rules)).toEqual([
      "Silver needs two benchmarkings 18 to 24 months apart by the interview on 2018-09-01; the cluster has 2017-03-14.",
    ]);
    expect(silverAwardBlockers([], 1, "2018-10-01", rules)).toEqual([
      "Silver needs two benchmarkings 18 to 24 months apart by the interview on 2018-10-01; the cluster has none.",
      "Silver needs 3 declared improvement areas; the cluster has 1.",
    ]);
  });

  it("to Gold only with a score of at least 80 %", () => {
    const gold = (score: number | null) => ({ type: "UPGRADE", level: "GOLD", interviewOn: "2019-05-01", facts: facts([], 0, score) }) as const;
    expect(run(gold(79.9)).context.level).toBe("BRONZE");
    expect(run(gold(null)).context.level).toBe("BRONZE");
    const awarded = run(gold(80));
    expect(awarded.context).toMatchObject({ level: "GOLD", score: 80, validUntil: "2021-05-31" });
    expect(upgradeBlockers(run().context, "GOLD", facts([], 0, 75))).toEqual(["Gold needs an assessed score of at least 80 %; the score is 75 %."]);
  });

  it("is dated after the label's last interview, never back in time", () => {
    expect(run({ type: "UPGRADE", level: "GOLD", interviewOn: "2010-01-01", facts: facts([], 0, 90) }).context).toMatchObject({ level: "BRONZE", validUntil: "2019-08-31" });
  });

  it("is possible in grace but not once lapsed", () => {
    const inGrace = run(tick("2019-10-01"), { type: "UPGRADE", level: "GOLD", interviewOn: "2019-10-01", facts: facts([], 0, 85) });
    expect(inGrace.value).toBe("valid");
    expect(run(tick("2020-09-01")).can({ type: "UPGRADE", level: "GOLD", interviewOn: "2020-09-02", facts: facts([], 0, 90) })).toBe(false);
  });
});

describe("reminders", () => {
  it("come due at 90, 60 and 30 days before expiry and at expiry, most urgent first", () => {
    expect(remindersDue("2019-08-31", "2019-06-01", rules)).toEqual([]);
    expect(remindersDue("2019-08-31", "2019-06-02", rules)).toEqual([90]);
    expect(remindersDue("2019-08-31", "2019-08-01", rules)).toEqual([30, 60, 90]);
    expect(remindersDue("2019-08-31", "2019-08-31", rules)).toEqual([0, 30, 60, 90]);
  });
});
