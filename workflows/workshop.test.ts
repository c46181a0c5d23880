import { describe, expect, it } from "vitest";
import { initialTransition, transition } from "xstate";
import { openFollowUps, workshopMachine, type WorkshopEvent } from "./workshop";

function run(...events: Array<WorkshopEvent>) {
  let [snapshot] = initialTransition(workshopMachine);
  let actions: Array<{ type: string; params?: unknown }> = [];
  for (const event of events) [snapshot, actions] = transition(workshopMachine, snapshot, event);
  return { snapshot, actions };
}

// Forum 1, the kickoff: Tromsø, 30 October 2017.
const schedule = { type: "SCHEDULE", date: "2017-10-30", today: "2017-09-01" } as const;

describe("workshop machine", () => {
  it("is scheduled, prepares from four weeks before, is held on its date, not before", () => {
    expect(run(schedule).snapshot.value).toBe("scheduled");
    // One that took place already is recorded on its date, ready to be marked held.
    const past = run({ type: "SCHEDULE", date: "2017-08-01", today: "2017-09-01" }).snapshot;
    expect(past.value).toBe("preparing");
    expect(transition(workshopMachine, past, { type: "HOLD", today: "2017-09-01" })[0].value).toBe("held");
    expect(run(schedule, { type: "TICK", today: "2017-10-01" }).snapshot.value).toBe("scheduled");
    expect(run(schedule, { type: "TICK", today: "2017-10-02" }).snapshot.value).toBe("preparing");
    const preparing = [schedule, { type: "TICK", today: "2017-10-02" }] as const;
    expect(run(...preparing, { type: "HOLD", today: "2017-10-29" }).snapshot.value).toBe("preparing");
    expect(run(...preparing, { type: "HOLD", today: "2017-10-30" }).snapshot.value).toBe("held");
  });

  it("starts preparing at once when scheduled inside the preparation period", () => {
    expect(run({ type: "SCHEDULE", date: "2017-10-30", today: "2017-10-20" }).snapshot.value).toBe("preparing");
  });

  it("reschedules from scheduled or preparing, moving task due dates by the same days", () => {
    const moved = run(schedule, { type: "RESCHEDULE", date: "2017-11-06", today: "2017-09-10" });
    expect(moved.snapshot.value).toBe("scheduled");
    expect(moved.snapshot.context.date).toBe("2017-11-06");
    expect(moved.actions).toContainEqual(expect.objectContaining({ type: "moveTaskDueDates", params: { days: 7 } }));
    const fromPreparing = run(schedule, { type: "TICK", today: "2017-10-10" }, { type: "RESCHEDULE", date: "2017-12-11", today: "2017-10-10" });
    expect(fromPreparing.snapshot.value).toBe("scheduled");
    expect(fromPreparing.actions).toContainEqual(expect.objectContaining({ type: "moveTaskDueDates", params: { days: 42 } }));
    const held = run(schedule, { type: "TICK", today: "2017-10-10" }, { type: "HOLD", today: "2017-10-30" });
    expect(transition(workshopMachine, held.snapshot, { type: "RESCHEDULE", date: "2017-12-01", today: "2017-10-31" })[0].value).toBe("held");
  });

  it("refuses rescheduling to today or a past date, from scheduled and from preparing, and keeps the date", () => {
    const scheduled = run(schedule).snapshot;
    for (const date of ["2017-09-10", "2017-08-01"]) {
      const [after, actions] = transition(workshopMachine, scheduled, { type: "RESCHEDULE", date, today: "2017-09-10" });
      expect([after.value, after.context.date, actions]).toEqual(["scheduled", "2017-10-30", []]);
    }
    const preparing = run(schedule, { type: "TICK", today: "2017-10-10" }).snapshot;
    expect(preparing.can({ type: "RESCHEDULE", date: "2017-10-09", today: "2017-10-10" })).toBe(false);
    expect(preparing.can({ type: "RESCHEDULE", date: "2017-10-11", today: "2017-10-10" })).toBe(true);
    expect(transition(workshopMachine, preparing, { type: "RESCHEDULE", date: "2017-10-10", today: "2017-10-10" })[0].context.date).toBe("2017-10-30");
  });

  it("closes only when every follow-up task is done or waived with a reason", () => {
    const followingUp = [schedule, { type: "TICK", today: "2017-10-10" }, { type: "HOLD", today: "2017-10-30" }, { type: "START_FOLLOW_UP" }] as const;
    const open = [{ id: "t1", done: true, waivedBecause: null }, { id: "t2", done: false, waivedBecause: " " }];
    expect(openFollowUps(open).map((t) => t.id)).toEqual(["t2"]);
    expect(run(...followingUp, { type: "CLOSE", followUps: open }).snapshot.value).toBe("followingUp");
    const settled = [open[0]!, { id: "t2", done: false, waivedBecause: "the cluster left the program" }];
    expect(run(...followingUp, { type: "CLOSE", followUps: settled }).snapshot.value).toBe("closed");
  });

  it("is cancelled only with a reason, from draft, scheduled or preparing", () => {
    expect(run({ type: "CANCEL", reason: " " }).snapshot.value).toBe("draft");
    const fromDraft = run({ type: "CANCEL", reason: "merged with forum 2" }).snapshot;
    expect([fromDraft.value, fromDraft.status, fromDraft.context.cancelledBecause]).toEqual(["cancelled", "done", "merged with forum 2"]);
    expect(run(schedule, { type: "CANCEL", reason: "" }).snapshot.value).toBe("scheduled");
    const cancelled = run(schedule, { type: "CANCEL", reason: "venue unavailable" }).snapshot;
    expect(cancelled.value).toBe("cancelled");
    expect(cancelled.context.cancelledBecause).toBe("venue unavailable");
    const preparing = [schedule, { type: "TICK", today: "2017-10-10" }] as const;
    expect(run(...preparing).snapshot.value).toBe("preparing");
    expect(run(...preparing, { type: "CANCEL", reason: "" }).snapshot.value).toBe("preparing");
    const fromPreparing = run(...preparing, { type: "CANCEL", reason: "too few registrations" }).snapshot;
    expect([fromPreparing.value, fromPreparing.context.cancelledBecause]).toEqual(["cancelled", "too few registrations"]);
    expect(fromPreparing.can({ type: "SCHEDULE", date: "2017-12-01", today: "2017-10-10" })).toBe(false);
    const held = run(schedule, { type: "TICK", today: "2017-10-10" }, { type: "HOLD", today: "2017-10-30" }).snapshot;
    expect(held.can({ type: "CANCEL", reason: "too late" })).toBe(false);
  });
});
