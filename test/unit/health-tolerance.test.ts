import { execFileSync } from "node:child_process";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { useFreshDatabase } from "./db";
import { ROOT } from "./fixtures";

// RCES_HEALTH_TOLERANCE reaches the health on the program page: the same goal and check-in as in
// programs.test.ts (at risk there with the default 10 %) judged with 20 %. Settings are read once
// per process, so this file sets its own before anything reads them.
process.env.RCES_HEALTH_TOLERANCE = "20";
useFreshDatabase();
execFileSync(path.join(ROOT, "node_modules/.bin/tsx"), ["prisma/seed.ts"], { cwd: ROOT, env: { ...process.env, RCES_DEMO_PROGRAM: "0" }, stdio: "pipe" });
const { createProgram } = await import("../../app/programs.server");
const { addCheckIn, addGoal, goalCommand, goalsOf } = await import("../../app/goals.server");
const { programSeenBy } = await import("../../app/program-access.server");
const { getSettings } = await import("../../app/settings.server");
const { disconnectDb } = await import("../../app/db.server");
afterAll(() => disconnectDb());

const coordinator = { userId: "demo-coordinator", name: "Kari", email: "coordinator@demo.rces", grants: [{ role: "coordinator" as const, portfolio: "arctic", clusterId: null }] };

describe("the health tolerance setting", () => {
  it("widens what counts as on track and at risk", async () => {
    expect(getSettings().healthTolerance).toBe(0.2);
    const opened = await createProgram(coordinator, { portfolio: "arctic", name: "Tolerance", startsOn: "2017-10-31", baselineAsOf: "2017-09-01", catalogueId: "rces-2017" });
    const programId = opened.ok ? opened.id : "";
    const added = await addGoal(coordinator, programId, { scope: "region", area: "Member services volume and pricing", metric: "dimension:services", target: 50, dueDate: "2019-06-30" });
    const goalId = added.ok ? added.id : "";
    const goal = async (today: string) => (await goalsOf((await programSeenBy(coordinator, programId))!, today)).find((g) => g.id === goalId)!;
    expect(await goalCommand(coordinator, goalId, { type: "AGREE" }, (await goal("2017-11-01")).revision, "2017-11-01")).toEqual({ ok: true });
    expect(await addCheckIn(coordinator, goalId, { value: 39, date: "2018-08-01", comment: "after forum 2" }, "2018-08-02")).toEqual({ ok: true });
    // From 33.3 to 50: 20 % of the planned 16.7 is 3.34.
    expect((await goal("2018-08-02")).health).toBe("on track"); // 41.7 expected, 2.7 behind (at risk with 10 %)
    expect((await goal("2018-12-01")).health).toBe("at risk"); // 44.7 expected, 5.7 behind (off track with 10 %)
  });
});
