import { afterAll, describe, expect, it } from "vitest";
import { useFreshDatabase } from "./db";

// The machines against a real database file: snapshot, state column, history and audit in one
// transaction; refused events and concurrent changes write nothing.
useFreshDatabase();
const { createWorkflow, loadWorkflow, sendEvent, UnreadableSnapshotError } = await import("../../app/workflows.server");
const { db, disconnectDb } = await import("../../app/db.server");
afterAll(() => disconnectDb());

const goalInput = { baseline: { value: 28, date: "2017-09-01" }, target: { value: 50, date: "2019-06-30" }, better: "higher" as const };
const counts = async (id: string) => ({
  events: await db().workflowEvent.count({ where: { instanceId: id } }),
  audit: await db().auditEvent.count({ where: { subject: { endsWith: id } } }),
});

describe("workflow store", () => {
  it("stores each accepted event with the snapshot, the state column, the history row and an audit row", async () => {
    const id = await createWorkflow("goal", { input: goalInput, actorId: "u1" });
    const agreed = await sendEvent("goal", id, { type: "AGREE", today: "2017-10-31" }, { actorId: "u1", expectedRevision: 0 });
    expect(agreed).toMatchObject({ ok: true, revision: 1 });
    expect(await db().workflowInstance.findUniqueOrThrow({ where: { id }, select: { state: true, revision: true } })).toEqual({ state: "agreed", revision: 1 });
    expect(await db().workflowEvent.findMany({ where: { instanceId: id }, select: { actorId: true, type: true, fromState: true, toState: true } })).toEqual([
      { actorId: "u1", type: "AGREE", fromState: "draft", toState: "agreed" },
    ]);
    expect((await loadWorkflow("goal", id))!.snapshot.value).toBe("agreed");
    expect(await counts(id)).toEqual({ events: 1, audit: 2 }); // created, agreed
  });

  it("refuses an event the machine does not accept now, with a clear message, writing nothing", async () => {
    const id = await createWorkflow("goal", { input: goalInput, actorId: "u1" });
    await sendEvent("goal", id, { type: "AGREE", today: "2017-10-31" }, { actorId: "u1" });
    const before = await counts(id);
    expect(await sendEvent("goal", id, { type: "WITHDRAW", reason: "" }, { actorId: "u1" })).toEqual({
      ok: false,
      reason: "refused",
      message: "“WITHDRAW” is not possible while the goal is agreed.",
    });
    expect(await counts(id)).toEqual(before);
  });

  it("of two people acting on the same revision, the second is told it changed meanwhile", async () => {
    const id = await createWorkflow("workshop", { actorId: "u1" });
    const [first, second] = await Promise.all([
      sendEvent("workshop", id, { type: "SCHEDULE", date: "2017-10-30", today: "2017-09-01" }, { actorId: "u1", expectedRevision: 0 }),
      sendEvent("workshop", id, { type: "CANCEL", reason: "no venue" }, { actorId: "u2", expectedRevision: 0 }),
    ]);
    const outcomes = [first, second].map((r) => (r.ok ? "ok" : r.reason)).sort();
    expect(outcomes).toEqual(["changed-meanwhile", "ok"]);
    expect(await db().workflowEvent.count({ where: { instanceId: id } })).toBe(1);
    expect(await sendEvent("workshop", id, { type: "TICK", today: "2017-09-02" }, { actorId: "u1", expectedRevision: 0 })).toMatchObject({ reason: "changed-meanwhile" });
  });

  it("hands back the actions to carry out after saving", async () => {
    const id = await createWorkflow("workshop", { actorId: "u1" });
    await sendEvent("workshop", id, { type: "SCHEDULE", date: "2017-10-30", today: "2017-09-01" }, { actorId: "u1" });
    const moved = await sendEvent("workshop", id, { type: "RESCHEDULE", date: "2017-11-13", today: "2017-09-05" }, { actorId: "u1" });
    expect(moved.ok && moved.actions).toContainEqual({ type: "moveTaskDueDates", params: { days: 14 } });
  });

  it("carries out a step's writes after its snapshot, in its transaction: if they fail, nothing of the step is saved", async () => {
    const id = await createWorkflow("workshop", { actorId: "u1" });
    await sendEvent("workshop", id, { type: "SCHEDULE", date: "2017-10-30", today: "2017-09-01" }, { actorId: "u1" });
    const stored = async () => db().workflowInstance.findUniqueOrThrow({ where: { id }, select: { state: true, snapshot: true, revision: true } });
    const before = { row: await stored(), ...(await counts(id)) };
    const seen: Array<unknown> = [];
    const failing = sendEvent("workshop", id, { type: "RESCHEDULE", date: "2017-11-13", today: "2017-09-05" }, {
      actorId: "u1",
      alsoInTransaction: async (tx, step) => {
        // The new snapshot is written when the step's writes run; they see it and the actions.
        seen.push((await tx.workflowInstance.findUniqueOrThrow({ where: { id }, select: { revision: true } })).revision, step.snapshot.context.date, step.actions);
        throw new Error("the task table is locked");
      },
    });
    await expect(failing).rejects.toThrow("the task table is locked");
    expect(seen).toEqual([2, "2017-11-13", [{ type: "moveTaskDueDates", params: { days: 14 } }]]);
    expect({ row: await stored(), ...(await counts(id)) }).toEqual(before);
    expect((await loadWorkflow("workshop", id))!.snapshot.context.date).toBe("2017-10-30");
  });

  it("a stored snapshot the machine can no longer read is a visible error, never a reset", async () => {
    const id = await createWorkflow("goal", { input: goalInput, actorId: "u1" });
    const row = await db().workflowInstance.findUniqueOrThrow({ where: { id } });
    await db().workflowInstance.update({ where: { id }, data: { snapshot: row.snapshot.replace('"value":"draft"', '"value":"proposed"') } });
    await expect(loadWorkflow("goal", id)).rejects.toThrow(UnreadableSnapshotError);
    await db().workflowInstance.update({ where: { id }, data: { snapshot: row.snapshot, machineVersion: 99 } });
    await expect(loadWorkflow("goal", id)).rejects.toThrow(/stored by machine version 99/);
  });
});
