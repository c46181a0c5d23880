import { execFileSync } from "node:child_process";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { useFreshDatabase } from "./db";
import { ROOT } from "./fixtures";

// The demo's Arctic program 2017-2019 (prisma/demo/program.ts), read as the people of the demo
// read it, on chosen days.
useFreshDatabase();
execFileSync(path.join(ROOT, "node_modules/.bin/tsx"), ["prisma/seed.ts"], { cwd: ROOT, env: process.env, stdio: "pipe" });
const { programView } = await import("../../app/programs.server");
const { goalsOf } = await import("../../app/goals.server");
const { programSeenBy } = await import("../../app/program-access.server");
const { workshopsOf } = await import("../../app/workshops.server");
const { db, disconnectDb } = await import("../../app/db.server");
afterAll(() => disconnectDb());

const coordinator = { userId: "demo-coordinator", name: "Kari", email: "coordinator@demo.rces", grants: [{ role: "coordinator" as const, portfolio: "arctic", clusterId: null }] };
const manager = { userId: "demo-manager", name: "Mats", email: "manager@demo.rces", grants: [{ role: "clusterManager" as const, portfolio: null, clusterId: "arc-tromso-marine" }] };
const { id } = await db().program.findFirstOrThrow({ where: { name: "Arctic 2017-2019" }, select: { id: true } });
const access = (await programSeenBy(coordinator, id))!;

describe("the demo's Arctic program 2017-2019", () => {
  it("held the kickoff in Tromsø on 30 October 2017 and two learning forums in 2018; forum 4 is prepared for June 2019", async () => {
    const view = await programView(coordinator, access);
    expect(view.stage).toBe("learning");
    expect(view.program).toMatchObject({ startsOn: "2017-10-30", endsOn: "2019-08-31", baselineAsOf: "2017-09-01" });
    const forums = await workshopsOf(access, coordinator.userId, "2019-05-15");
    expect(forums.map((w) => [w.title, w.date, w.place, w.state])).toEqual([
      ["Forum 1: preparing the improvement program", "2017-10-30", "Tromsø", "closed"],
      ["Forum 2: sharing and learning", "2018-03-14", "Alta", "closed"],
      ["Forum 3: sharing and learning", "2018-10-17", "Hammerfest", "closed"],
      ["Forum 4: planning the next cycle", "2019-06-04", "Tromsø", "preparing"],
    ]);
    expect(forums[1]!.themes).toBe("Member services volume and pricing; Staffing and funding relative to members. Regional topic: regional branding");
    expect(forums[3]!.tasks.filter((t) => t.overdue).map((t) => t.title)).toEqual(["Confirm participation and the regional topic"]);
    const projects = await db().jointProject.findMany({ where: { programId: id }, select: { title: true, status: true } });
    expect(projects).toEqual([
      { title: "Shared member service catalogue", status: "running" },
      { title: "Arctic cluster staff academy", status: "funded" },
    ]);
  });

  it("has goals for the region and every cluster from the baseline, with check-ins, and outcomes at their due dates", async () => {
    const goals = await goalsOf(access, "2019-05-15");
    expect(goals.map((g) => [g.clusterId ?? "region", g.metric, g.baseline.value, g.target.value, g.state, g.health, g.latest?.value])).toEqual([
      // Team FTE: expected on 2019-03-01 is 0.8 + 0.8 x 546/667 = 1.45; 1.2 is behind by more than twice 10 % of the change.
      ["region", "fact:fte", 0.8, 1.6, "agreed", "off track", 1.2],
      ["region", "dimension:services", 33.3, 50, "agreed", "on track", 50],
      ["region", "labels:SILVER", 0, 4, "agreed", "off track", 0],
      ["arc-tromso-marine", "indicator:C1", 0.82, 2, "achieved", null, 2.06],
      ["arc-alta-experience", "indicator:C3", 1.9, 5, "achieved", null, 5.5],
      ["arc-hammerfest-energy", "indicator:CO1", 0, 4, "missed", null, 2],
      ["arc-kirkenes-barents", "indicator:SU1", 8, 24, "achieved", null, 24],
      ["arc-harstad-offshore", "indicator:C1", 1.07, 2, "missed", null, 1.1],
      ["arc-vadso-food", "indicator:A1", 1, 5, "missed", null, 4],
    ]);
    // Mats, the manager of Tromsø Marine, sees the regional goals and his cluster's, and its task for forum 4.
    const his = (await programSeenBy(manager, id))!;
    expect((await goalsOf(his, "2019-05-15")).map((g) => g.clusterId ?? "region")).toEqual(["region", "region", "region", "arc-tromso-marine"]);
    const tasks = (await workshopsOf(his, manager.userId, "2019-05-15")).flatMap((w) => w.tasks.filter((t) => t.mine));
    expect(tasks.map((t) => [t.title, t.dueOn, t.done])).toEqual([["Prepare the cluster's progress and input", "2019-05-21", false]]);
  });
});
