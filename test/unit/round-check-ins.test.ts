import { execFileSync } from "node:child_process";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { useFreshDatabase } from "./db";
import { ROOT } from "./fixtures";

// A new benchmarking round gives the goals on scorecard metrics their new value as a check-in,
// once: the import itself, the hourly job and a second server may all apply it.
useFreshDatabase();
execFileSync(path.join(ROOT, "node_modules/.bin/tsx"), ["prisma/seed.ts"], { cwd: ROOT, env: { ...process.env, RCES_DEMO_PROGRAM: "0" }, stdio: "pipe" });
const { createProgram } = await import("../../app/programs.server");
const { importBenchmarks } = await import("../../app/benchmarks.server");
const { addGoal, goalCommand } = await import("../../app/goals.server");
const { afterBenchmarkImport } = await import("../../app/progress.server");
const { db, disconnectDb } = await import("../../app/db.server");
afterAll(() => disconnectDb());

const coordinator = { userId: "demo-coordinator", name: "Kari", email: "coordinator@demo.rces", grants: [{ role: "coordinator" as const, portfolio: "arctic", clusterId: null }] };

describe("check-ins from a benchmarking round", () => {
  it("are recorded once with their source, however often and however concurrently the round is applied", async () => {
    const program = await createProgram(coordinator, { portfolio: "arctic", name: "Arctic 2017-2019", startsOn: "2017-10-30", baselineAsOf: "2017-09-01", catalogueId: "rces-2017" });
    const programId = program.ok ? program.id : "";
    const goal = await addGoal(coordinator, programId, { scope: "cluster", clusterId: "arc-tromso-marine", area: "Staffing and funding relative to members", metric: "indicator:C1", target: 2, dueDate: "2019-06-30" });
    const goalId = goal.ok ? goal.id : "";
    const { workflowId } = await db().goal.findUniqueOrThrow({ where: { id: goalId }, select: { workflowId: true } });
    const { revision } = await db().workflowInstance.findUniqueOrThrow({ where: { id: workflowId }, select: { revision: true } });
    expect(await goalCommand(coordinator, goalId, { type: "AGREE" }, revision, "2017-11-01")).toEqual({ ok: true });

    // Tromsø Marine's team grew to 3.6 FTE for 88 members: 2.0 per 50 members (green).
    const stored = await importBenchmarks("2019.csv", "cluster,name,portfolios,assessed_on,members,fte\narc-tromso-marine,Tromsø Marine Tech Cluster,arctic;norway,2019-03-12,88,3.52\n", "rces-2017");
    expect(stored.ok).toBe(true);
    const importId = stored.ok ? stored.importId : 0;
    await Promise.all([afterBenchmarkImport(importId, coordinator.userId), afterBenchmarkImport(importId, null)]);
    await afterBenchmarkImport(importId, null);
    const checkIns = await db().checkIn.findMany({ where: { goalId }, select: { value: true, date: true, source: true } });
    expect(checkIns).toEqual([{ value: 2, date: "2019-03-12", source: "benchmarking 2019-03-12" }]);
    expect(await db().auditEvent.count({ where: { action: "goal.check-in", subject: `goal ${goalId}` } })).toBe(1);
  });
});
