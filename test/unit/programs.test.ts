import { execFileSync } from "node:child_process";
import path from "node:path";
import ICAL from "ical.js";
import { afterAll, describe, expect, it } from "vitest";
import { useFreshDatabase } from "./db";
import { ROOT } from "./fixtures";

// Programs on the seeded demo: a frozen baseline and the cycle driven through its machine.
useFreshDatabase();
execFileSync(path.join(ROOT, "node_modules/.bin/tsx"), ["prisma/seed.ts"], { cwd: ROOT, env: { ...process.env, RCES_DEMO_PROGRAM: "0" }, stdio: "pipe" });
const { advanceCycle, createProgram, listPrograms, programView } = await import("../../app/programs.server");
const { importBenchmarks } = await import("../../app/benchmarks.server");
const { addCheckIn, addGoal, saveJointProject, goalCommand, goalsOf, jointProjectsOf } = await import("../../app/goals.server");
const { programSeenBy } = await import("../../app/program-access.server");
const { workshopsOf: workshopsFor } = await import("../../app/workshops.server");
const { db, disconnectDb } = await import("../../app/db.server");
afterAll(() => disconnectDb());

const coordinator = { userId: "demo-coordinator", name: "Kari", email: "coordinator@demo.rces", grants: [{ role: "coordinator" as const, portfolio: "arctic", clusterId: null }] };
const policy = { userId: "demo-policy", name: "Pia", email: "policy@demo.rces", grants: [{ role: "policyMaker" as const, portfolio: "arctic", clusterId: null }] };
type Viewer = typeof coordinator | typeof policy;
/** What the program page reads: through the viewer's part in the program, on a given day. */
const viewOf = async (viewer: Viewer, programId: string) => {
  const access = await programSeenBy(viewer, programId);
  return access && programView(viewer, access);
};
const goals = async (programId: string, today = "2018-01-01", viewer: Viewer = coordinator) => goalsOf((await programSeenBy(viewer, programId))!, today);
const workshops = async (programId: string, today: string, viewer: Viewer = coordinator) => workshopsFor((await programSeenBy(viewer, programId))!, viewer.userId, today);
const input = { portfolio: "arctic", name: "Arctic 2017-2019", startsOn: "2017-10-30", baselineAsOf: "2017-09-01", catalogueId: "rces-2017" };

describe("improvement programs", () => {
  it("open with the portfolio's scorecard frozen as the baseline, and run two years by default", async () => {
    expect(await createProgram(policy, input)).toMatchObject({ ok: false, status: 403 });
    expect(await createProgram(coordinator, { ...input, baselineAsOf: "2016-01-01" })).toMatchObject({ ok: false, status: 422 });
    const created = await createProgram(coordinator, input);
    expect(created.ok).toBe(true);
    const id = created.ok ? created.id : "";
    const view = (await viewOf(coordinator, id))!;
    expect(view.program).toMatchObject({ name: "Arctic 2017-2019", startsOn: "2017-10-30", endsOn: "2019-10-30", baselineAsOf: "2017-09-01" });
    expect(view.baseline!.overall).toEqual({ green: 89, cells: 186, score: 47.8, band: "yellow" });
    expect(view.stage).toBe("baseline");
    expect(view.commands).toEqual(["START_KICKOFF"]);
    expect(await listPrograms(coordinator)).toEqual([{ id, name: "Arctic 2017-2019", portfolio: "arctic", startsOn: "2017-10-30", endsOn: "2019-10-30", stage: "baseline" }]);
    expect((await viewOf(policy, id))!.commands).toEqual([]); // a policy maker follows it, and runs nothing
  });

  it("moves through the cycle only as its machine allows, explaining what blocks the next step", async () => {
    const { id } = await db().program.findFirstOrThrow({ select: { id: true } });
    // Before the kickoff starts, its blockers are not the reason a step is refused: the stage is.
    expect(await advanceCycle(coordinator, id, "COMPLETE_KICKOFF", 0, "2017-10-30")).toEqual({ ok: false, status: 409, error: "This step is not possible while the cycle is at its Baseline stage." });
    expect(await advanceCycle(coordinator, id, "START_KICKOFF", 0, "2017-10-30")).toEqual({ ok: true });
    const kickoff = (await viewOf(coordinator, id))!;
    expect(kickoff.stage).toBe("kickoff");
    expect(kickoff.commands).toEqual([]); // no goals or joint projects yet: nothing the machine accepts
    expect(kickoff.blockers[0]).toBe("The region has no agreed goal yet.");
    const refused = await advanceCycle(coordinator, id, "COMPLETE_KICKOFF", 1, "2017-10-31");
    expect(refused).toMatchObject({ ok: false, status: 409, error: expect.stringMatching(/^Not yet: The region has no agreed goal yet\./) });
    expect(refused).toMatchObject({ error: expect.stringContaining("6 cluster(s) have no agreed goal: Alta Arctic Experience Cluster, Hammerfest Energy Supply Cluster,") }); // by name, as on the page
    expect(await advanceCycle(coordinator, id, "CLOSE", 1, "2017-10-31")).toEqual({ ok: false, status: 409, error: "This step is not possible while the cycle is at its Kickoff forum stage." });
    expect(await advanceCycle(coordinator, id, "START_KICKOFF", 0, "2017-10-31")).toMatchObject({ ok: false, error: "Someone changed this meanwhile: reload the page and try again." });
    expect(await advanceCycle(policy, id, "START_KICKOFF", 1, "2017-10-31")).toMatchObject({ ok: false, status: 404 });
  });

  it("lists the clusters not benchmarked again, and takes a recorded decision to go ahead without them", async () => {
    const { id, cycleId } = await db().program.findFirstOrThrow({ select: { id: true, cycleId: true } });
    // Move the stored cycle to rebenchmarking, as later slices (goals) will allow through the kickoff.
    const { sendEvent } = await import("../../app/workflows.server");
    const ready = { agreedRegionalGoals: 1, clustersWithoutAgreedGoal: [], jointProjectsDefined: 2 };
    expect((await sendEvent("improvementCycle", cycleId, { type: "COMPLETE_KICKOFF", facts: ready }, { actorId: "test" })).ok).toBe(true);
    expect((await sendEvent("improvementCycle", cycleId, { type: "START_REBENCHMARKING" }, { actorId: "test" })).ok).toBe(true);
    const csv = ["cluster,name,portfolios,assessed_on,S1", ...["arc-tromso-marine", "arc-alta-experience", "arc-hammerfest-energy", "arc-harstad-offshore", "arc-vadso-food"].map((c) => `${c},${c},arctic;norway,2019-04-01,60`)].join("\n");
    expect((await importBenchmarks("2019.csv", csv, "rces-2017")).ok).toBe(true);
    const view = (await viewOf(coordinator, id))!;
    expect(view.missing).toEqual(["Kirkenes Barents Logistics Cluster"]); // by name, for those who run the program
    expect(view.commands).toEqual(["DECIDE_GO_AHEAD"]);
    const followed = (await viewOf(policy, id))!; // who holds the cycle up is not for those who only follow it
    expect([followed.missing, followed.blockers, followed.stage]).toEqual([[], [], "rebenchmarking"]);
    expect(await advanceCycle(coordinator, id, "DECIDE_GO_AHEAD", view.revision, "2019-05-02")).toEqual({ ok: true });
    const decided = (await viewOf(coordinator, id))!;
    expect(decided.goAhead).toEqual({ at: "2019-05-02", without: ["Kirkenes Barents Logistics Cluster"], count: 1 });
    expect((await viewOf(policy, id))!.goAhead).toEqual({ at: "2019-05-02", without: [], count: 1 }); // not who, for those who follow
    expect(decided.commands).toEqual(["START_REVIEW"]);
    expect(await advanceCycle(coordinator, id, "START_REVIEW", decided.revision, "2019-05-03")).toEqual({ ok: true });
    expect((await viewOf(coordinator, id))!.stage).toBe("review");
  });
});

describe("goals of a program", () => {
  const area = "Member services volume and pricing";

  it("take their baseline from the frozen scorecard (region) or the cluster's own, and count for the kickoff once agreed", async () => {
    const created = await createProgram(coordinator, { ...input, name: "Goals test", startsOn: "2017-10-31" });
    const programId = created.ok ? created.id : "";
    const region = await addGoal(coordinator, programId, { scope: "region", area, metric: "dimension:services", target: 50, dueDate: "2019-06-30" });
    expect(region.ok).toBe(true);
    const cluster = await addGoal(coordinator, programId, { scope: "cluster", clusterId: "arc-vadso-food", area, metric: "overall", target: 45, dueDate: "2019-06-30" });
    expect(cluster.ok).toBe(true);
    expect(await addGoal(coordinator, programId, { scope: "region", area, metric: "free:FTE", target: 1.6, dueDate: "2018-12-31" })).toMatchObject({ ok: false, status: 422 });
    expect(await addGoal(policy, programId, { scope: "region", area, metric: "overall", target: 60, dueDate: "2019-06-30" })).toMatchObject({ ok: false, status: 403 });
    const rows = await goals(programId);
    expect(rows.map((g) => [g.scope, g.metric, g.baseline, g.state])).toEqual([
      ["region", "dimension:services", { value: 33.3, date: "2017-09-01" }, "draft"],
      ["cluster", "overall", { value: 32.3, date: "2017-09-01" }, "draft"],
    ]);
    const regionGoal = rows[0]!;
    expect(await goalCommand(coordinator, regionGoal.id, { type: "WITHDRAW", reason: " " }, regionGoal.revision, "2017-11-01")).toEqual({ ok: false, status: 409, error: "Withdrawing a goal needs a reason." });
    expect(await goalCommand(coordinator, regionGoal.id, { type: "AGREE" }, regionGoal.revision, "2017-11-01")).toEqual({ ok: true });
    expect(await goalCommand(coordinator, rows[1]!.id, { type: "AGREE" }, rows[1]!.revision, "2017-11-01")).toEqual({ ok: true });
    expect(await goalCommand(coordinator, rows[1]!.id, { type: "AGREE" }, rows[1]!.revision, "2017-11-01")).toMatchObject({ ok: false, status: 409 }); // changed meanwhile
    expect(await addCheckIn(coordinator, regionGoal.id, { value: 39, date: "2018-08-01", comment: "after forum 2" }, "2018-08-02")).toEqual({ ok: true });
    const agreed = (await goals(programId, "2018-08-02"))[0]!;
    expect(agreed).toMatchObject({ state: "agreed", latest: { value: 39, date: "2018-08-01", comment: "after forum 2" }, health: "at risk" });
    const view = (await viewOf(coordinator, programId))!;
    expect(await advanceCycle(coordinator, programId, "START_KICKOFF", view.revision, "2017-10-31")).toEqual({ ok: true });
    const kickoff = (await viewOf(coordinator, programId))!;
    expect(kickoff.blockers).toEqual([
      // Named as the clusters are called now (the 2019 file above named four of them by their ids).
      "5 cluster(s) have no agreed goal: arc-alta-experience, arc-hammerfest-energy, arc-harstad-offshore, Kirkenes Barents Logistics Cluster, arc-tromso-marine.",
      "0 of the 2 agreed joint projects are defined.",
    ]);
  });

  it("completes the kickoff once every cluster has an agreed goal and the two joint projects are defined", async () => {
    const program = await db().program.findFirstOrThrow({ where: { name: "Goals test" }, select: { id: true } });
    const view = (await viewOf(coordinator, program.id))!;
    for (const cluster of view.clusters.filter((c) => c.id !== "arc-vadso-food")) {
      const goal = await addGoal(coordinator, program.id, { scope: "cluster", clusterId: cluster.id, area, metric: "overall", target: 60, dueDate: "2019-06-30" });
      const row = (await goals(program.id)).find((g) => g.id === (goal.ok ? goal.id : ""))!;
      expect(await goalCommand(coordinator, row.id, { type: "AGREE" }, row.revision, "2017-11-01")).toEqual({ ok: true });
    }
    expect((await viewOf(coordinator, program.id))!.blockers).toEqual(["0 of the 2 agreed joint projects are defined."]);
    expect(await saveJointProject(coordinator, program.id, { title: "Shared member services", areas: [], clusters: [], funding: "", status: "planned" })).toMatchObject({ ok: false, status: 422 });
    for (const title of ["Shared member services", "Cluster staff academy"]) {
      expect((await saveJointProject(coordinator, program.id, { title, areas: [area], clusters: [], funding: "County grant", status: "planned" })).ok).toBe(true);
    }
    expect((await jointProjectsOf(program.id)).map((p) => p.title)).toEqual(["Shared member services", "Cluster staff academy"]);
    const ready = (await viewOf(coordinator, program.id))!;
    expect(ready.blockers).toEqual([]);
    expect(ready.commands).toEqual(["COMPLETE_KICKOFF"]);
    expect(await advanceCycle(coordinator, program.id, "COMPLETE_KICKOFF", ready.revision, "2017-11-01")).toEqual({ ok: true });
    expect((await viewOf(coordinator, program.id))!.stage).toBe("learning");
  });
});

describe("workshops of a program", () => {
  it("come from the template, get task due dates when scheduled, move them when rescheduled, and are held not before their date", async () => {
    const { workshopCommand, taskCommand } = await import("../../app/workshops.server");
    const created = await createProgram(coordinator, { ...input, name: "Workshops test", startsOn: "2017-09-02" });
    const programId = created.ok ? created.id : "";
    const drafts = await workshops(programId, "2017-09-01");
    expect(drafts.map((w) => [w.number, w.title, w.state])).toEqual([
      [1, "Forum 1: kickoff", "draft"],
      [2, "Forum 2: sharing and learning", "draft"],
      [3, "Forum 3: sharing and learning", "draft"],
      [4, "Forum 4: planning the next cycle", "draft"],
    ]);
    // The learning forums' themes, proposed from the Arctic baseline's weakest dimensions:
    // Sustainability 16.7, Capacity 25.0, Activities and Services 33.3, Embedment 40.0.
    expect(drafts.slice(1, 3).map((w) => w.themes)).toEqual([
      "Funding horizon and dependence on public funding; Staff competence and lifelong learning. Regional topic: to be chosen with the regional actors",
      "Member services volume and pricing; Integration in the regional plan, cluster dynamics, cross-sector work. Regional topic: to be chosen with the regional actors",
    ]);
    const kickoff = drafts[0]!;
    expect(kickoff.tasks.map((t) => t.audience).sort()).toEqual(["clusters", "clusters", "regional", "regional", "team", "team"]);
    expect(await workshopCommand(coordinator, kickoff.id, { type: "RESCHEDULE", date: "2017-10-30" }, kickoff.revision, "2017-09-01")).toEqual({ ok: false, status: 409, error: "That step is not possible now: the workshop is draft." });
    expect(await workshopCommand(coordinator, kickoff.id, { type: "HOLD" }, kickoff.revision, "2017-09-01")).toEqual({ ok: false, status: 409, error: "That step is not possible now: the workshop is draft." });
    expect(await workshopCommand(coordinator, kickoff.id, { type: "CANCEL", reason: " " }, kickoff.revision, "2017-09-01")).toEqual({ ok: false, status: 409, error: "Cancelling a workshop needs a reason." });
    expect(await workshopCommand(coordinator, kickoff.id, { type: "SCHEDULE", date: "2017-10-30", place: "Tromsø" }, kickoff.revision, "2017-09-01")).toEqual({ ok: true });
    let [scheduled] = await workshops(programId, "2017-09-01");
    expect(scheduled).toMatchObject({ state: "scheduled", date: "2017-10-30", place: "Tromsø" });
    expect(scheduled!.tasks.map((t) => t.dueOn)).toEqual(["2017-10-02", "2017-10-09", "2017-10-16", "2017-11-06", "2017-11-20", "2017-11-29"]);
    expect(await workshopCommand(coordinator, scheduled!.id, { type: "RESCHEDULE", date: "2017-09-05" }, scheduled!.revision, "2017-09-05")).toEqual({ ok: false, status: 409, error: "Choose a new date after today." });
    // Not before the program starts (2017-09-02), and no follow-up is done before the workshop is held.
    expect(await workshopCommand(coordinator, scheduled!.id, { type: "RESCHEDULE", date: "2017-09-01" }, scheduled!.revision, "2017-08-20")).toEqual({ ok: false, status: 422, error: "A forum of this program takes place once it has started: choose 2017-09-02 or later." });
    const early = scheduled!.tasks.find((t) => t.phase === "followUp")!;
    expect(await taskCommand(coordinator, early.id, { done: true }, early.revision)).toEqual({ ok: false, status: 409, error: "A follow-up task is done after the workshop is held; waive it with a reason if it is not needed." });
    expect(await workshopCommand(coordinator, scheduled!.id, { type: "RESCHEDULE", date: "2017-11-06" }, scheduled!.revision, "2017-09-05")).toEqual({ ok: true });
    [scheduled] = await workshops(programId, "2017-09-05");
    expect(scheduled!.tasks.map((t) => t.dueOn)).toEqual(["2017-10-09", "2017-10-16", "2017-10-23", "2017-11-13", "2017-11-27", "2017-12-06"]);
    // reading it in its preparation weeks moves it there (TICK on read); a task past due stands out
    const [preparing] = await workshops(programId, "2017-10-10");
    expect(preparing).toMatchObject({ state: "preparing" });
    expect(preparing!.tasks.filter((t) => t.overdue).map((t) => t.dueOn)).toEqual(["2017-10-09"]);
    expect(await workshopCommand(coordinator, preparing!.id, { type: "HOLD" }, preparing!.revision, "2017-11-05")).toEqual({ ok: false, status: 409, error: "A workshop cannot be held before its date (2017-11-06)." });
    expect(await workshopCommand(coordinator, preparing!.id, { type: "HOLD" }, preparing!.revision, "2017-11-06")).toEqual({ ok: true });
    let [held] = await workshops(programId, "2017-11-06");
    expect(await workshopCommand(coordinator, held!.id, { type: "START_FOLLOW_UP" }, held!.revision, "2017-11-07")).toEqual({ ok: true });
    [held] = await workshops(programId, "2017-11-07");
    expect(await workshopCommand(coordinator, held!.id, { type: "CLOSE" }, held!.revision, "2017-12-10")).toMatchObject({ ok: false, error: "Every follow-up task must be done, or waived with a reason, before the workshop closes." });
    const followUps = held!.tasks.filter((t) => t.phase === "followUp");
    expect(await taskCommand(coordinator, followUps[0]!.id, { waive: " " }, followUps[0]!.revision)).toEqual({ ok: false, status: 409, error: "Waiving a task needs a reason." });
    expect(await taskCommand(coordinator, followUps[0]!.id, { waive: "minutes sent with the slides" }, followUps[0]!.revision)).toEqual({ ok: true });
    for (const task of followUps.slice(1)) expect(await taskCommand(coordinator, task.id, { done: true }, task.revision)).toEqual({ ok: true });
    expect(await workshopCommand(coordinator, held!.id, { type: "CLOSE" }, held!.revision, "2017-12-10")).toEqual({ ok: true });
    expect((await workshops(programId, "2017-12-10"))[0]!.state).toBe("closed");
    expect(await workshopCommand(policy, held!.id, { type: "CANCEL", reason: "x" }, 0, "2017-12-10")).toMatchObject({ ok: false, status: 404 });
    expect(await taskCommand(policy, held!.tasks[0]!.id, { done: true }, held!.tasks[0]!.revision)).toMatchObject({ ok: false, status: 403 });
  });

  it("save a step whole or not at all: when the task due dates cannot be written, the workshop's snapshot stays as it was", async () => {
    const { workshopCommand } = await import("../../app/workshops.server");
    const created = await createProgram(coordinator, { ...input, name: "Atomic steps", startsOn: "2017-09-02" });
    const programId = created.ok ? created.id : "";
    const [draft] = await workshops(programId, "2017-09-01");
    const stored = async () => {
      const { workflowId } = await db().workshop.findUniqueOrThrow({ where: { id: draft!.id }, select: { workflowId: true } });
      const workflow = await db().workflowInstance.findUniqueOrThrow({ where: { id: workflowId }, select: { state: true, snapshot: true, revision: true } });
      const workshop = await db().workshop.findUniqueOrThrow({ where: { id: draft!.id }, select: { place: true, tasks: { select: { dueOn: true }, orderBy: { id: "asc" } } } });
      return { workflow, workshop, events: await db().workflowEvent.count({ where: { instanceId: workflowId } }) };
    };
    // A real failure in the database, not a branch in the code: a trigger refuses task updates.
    await db().$executeRawUnsafe(`CREATE TRIGGER no_task_updates BEFORE UPDATE ON "WorkshopTask" BEGIN SELECT RAISE(ABORT, 'task updates refused'); END`);
    try {
      const asDraft = await stored();
      await expect(workshopCommand(coordinator, draft!.id, { type: "SCHEDULE", date: "2017-12-04", place: "Tromsø" }, draft!.revision, "2017-09-01")).rejects.toThrow(/workshopTask.update/);
      expect(await stored()).toEqual(asDraft); // neither scheduled, nor the place saved
      await db().$executeRawUnsafe(`DROP TRIGGER no_task_updates`);
      expect(await workshopCommand(coordinator, draft!.id, { type: "SCHEDULE", date: "2017-12-04", place: "Tromsø" }, draft!.revision, "2017-09-01")).toEqual({ ok: true });
      const [scheduled] = await workshops(programId, "2017-09-01");
      await db().$executeRawUnsafe(`CREATE TRIGGER no_task_updates BEFORE UPDATE ON "WorkshopTask" BEGIN SELECT RAISE(ABORT, 'task updates refused'); END`);
      const asScheduled = await stored();
      expect(asScheduled.workflow.state).toBe("scheduled");
      await expect(workshopCommand(coordinator, draft!.id, { type: "RESCHEDULE", date: "2017-12-11" }, scheduled!.revision, "2017-09-05")).rejects.toThrow(/workshopTask.update/);
      expect(await stored()).toEqual(asScheduled);
      expect((await workshops(programId, "2017-09-05"))[0]).toMatchObject({ date: "2017-12-04", revision: scheduled!.revision });
    } finally {
      await db().$executeRawUnsafe(`DROP TRIGGER IF EXISTS no_task_updates`);
    }
  });

  it("give a calendar feed behind a secret link; a new link makes the old one stop working", async () => {
    const { calendarFeed, newCalendarToken } = await import("../../app/calendar.server");
    const { workshopCommand } = await import("../../app/workshops.server");
    const created = await createProgram(coordinator, { ...input, name: "Calendar test", startsOn: "2017-09-02" });
    const programId = created.ok ? created.id : "";
    const [forum2] = (await workshops(programId, "2017-09-01")).slice(1);
    expect(await workshopCommand(coordinator, forum2!.id, { type: "SCHEDULE", date: "2018-03-15", place: "Alta" }, forum2!.revision, "2017-09-01")).toEqual({ ok: true });
    expect(await newCalendarToken(policy, programId)).toBeNull();
    const first = (await newCalendarToken(coordinator, programId))!;
    const calendar = new ICAL.Component(ICAL.parse((await calendarFeed(first, "2017-09-01"))!));
    expect(calendar.getFirstPropertyValue("x-wr-timezone")).toBe("Europe/Oslo");
    const events = calendar.getAllSubcomponents("vevent").map((e) => new ICAL.Event(e));
    // Forum 2 on 15 March 2018 in Alta, and each of its six tasks on its due date (28 days before to 30 after).
    expect(events.map((e) => [e.summary, e.startDate.toString(), e.startDate.isDate])).toEqual([
      ["Forum 2: sharing and learning", "2018-03-15", true],
      ["Due: Prepare the agenda and invite the speakers (Forum 2: sharing and learning)", "2018-02-15", true],
      ["Due: Confirm participation and the regional topic (Forum 2: sharing and learning)", "2018-02-22", true],
      ["Due: Prepare the cluster's progress and input (Forum 2: sharing and learning)", "2018-03-01", true],
      ["Due: Send the minutes and the agreed actions (Forum 2: sharing and learning)", "2018-03-22", true],
      ["Due: Update the cluster's goals and tasks (Forum 2: sharing and learning)", "2018-04-05", true],
      ["Due: Follow up the regional commitments (Forum 2: sharing and learning)", "2018-04-14", true],
    ]);
    expect(events[0]!.location).toBe("Alta");
    const second = (await newCalendarToken(coordinator, programId))!;
    expect(await calendarFeed(first, "2017-09-01")).toBeNull();
    expect(await calendarFeed(second, "2017-09-01")).toContain("SUMMARY:Forum 2: sharing and learning");
  });
});

describe("the joint projects the kickoff needs", () => {
  const area = "Member services volume and pricing";
  const projectBlocker = async (programId: string) => (await viewOf(coordinator, programId))!.blockers.find((b) => b.includes("joint projects"));
  const kickoff = async (requiredJointProjects?: number, name = `Projects ${requiredJointProjects}`) => {
    const created = await createProgram(coordinator, { ...input, name, requiredJointProjects });
    const id = created.ok ? created.id : "";
    expect(await advanceCycle(coordinator, id, "START_KICKOFF", 0, "2017-10-30")).toEqual({ ok: true });
    return id;
  };

  it("are the number agreed when the program was opened (two if not given), from 0 to 10", async () => {
    expect(await projectBlocker(await kickoff(undefined, "Projects by default"))).toBe("0 of the 2 agreed joint projects are defined.");
    expect(await projectBlocker(await kickoff(3))).toBe("0 of the 3 agreed joint projects are defined.");
    expect(await projectBlocker(await kickoff(0))).toBeUndefined();
    for (const wrong of [-1, 11, 2.5]) {
      expect(await createProgram(coordinator, { ...input, name: `Projects ${wrong}`, requiredJointProjects: wrong })).toMatchObject({ ok: false, status: 422 });
    }
  });

  it("count only projects not dropped", async () => {
    const id = await kickoff(3, "Projects, one dropped");
    for (const [title, status] of [["Shared member services", "running"], ["Cluster staff academy", "funded"], ["Joint trade fair stand", "dropped"]] as const) {
      expect((await saveJointProject(coordinator, id, { title, areas: [area], clusters: [], funding: "", status })).ok).toBe(true);
    }
    expect(await projectBlocker(id)).toBe("2 of the 3 agreed joint projects are defined.");
    const dropped = (await jointProjectsOf(id)).find((p) => p.status === "dropped")!;
    expect((await saveJointProject(coordinator, id, { ...dropped, status: "planned" }, dropped)).ok).toBe(true);
    expect(await projectBlocker(id)).toBeUndefined();
  });

  it("stay as agreed in the next cycle, opened by closing this one", async () => {
    const { sendEvent } = await import("../../app/workflows.server");
    const id = await kickoff(4, "Projects, closed");
    const { cycleId } = await db().program.findUniqueOrThrow({ where: { id }, select: { cycleId: true } });
    const ready = { agreedRegionalGoals: 1, clustersWithoutAgreedGoal: [], jointProjectsDefined: 4 };
    for (const event of [{ type: "COMPLETE_KICKOFF", facts: ready }, { type: "START_REBENCHMARKING" }, { type: "START_REVIEW", facts: { clustersNotRebenchmarked: [] } }] as const) {
      expect((await sendEvent("improvementCycle", cycleId, event, { actorId: "test" })).ok).toBe(true);
    }
    const closed = await advanceCycle(coordinator, id, "CLOSE", 4, "2019-07-20");
    const nextId = closed.ok ? closed.nextProgramId! : "";
    expect(await advanceCycle(coordinator, nextId, "START_KICKOFF", 0, "2019-07-21")).toEqual({ ok: true });
    expect(await projectBlocker(nextId)).toBe("0 of the 4 agreed joint projects are defined.");
  });
});

describe("two people changing the same thing at once", () => {
  const area = "Member services volume and pricing";
  const changedMeanwhile = { ok: false, status: 409, error: "Someone changed this meanwhile: reload the page and try again." };
  const outcomes = (results: ReadonlyArray<{ ok: boolean; status?: number }>) => results.map((r) => (r.ok ? "ok" : r.status)).sort();
  const opened = async (name: string) => {
    const created = await createProgram(coordinator, { ...input, name, startsOn: "2017-09-02" });
    return created.ok ? created.id : "";
  };

  it("workshop details: the second edit on the same revision is refused, as is one made before the workshop was scheduled", async () => {
    const { editWorkshop, workshopCommand } = await import("../../app/workshops.server");
    const programId = await opened("Concurrent details");
    const [forum] = await workshops(programId, "2017-09-01");
    const details = (place: string) => ({ title: forum!.title, place, agenda: `Agenda in ${place}`, themes: forum!.themes, speakers: "", startTime: null, endTime: null, days: 1 });
    const results = await Promise.all([
      editWorkshop(coordinator, forum!.id, details("Tromsø"), forum!.detailsRevision),
      editWorkshop(coordinator, forum!.id, details("Alta"), forum!.detailsRevision),
    ]);
    expect(outcomes(results)).toEqual([409, "ok"]);
    expect(results.find((r) => !r.ok)).toEqual(changedMeanwhile);
    const winner = results[0]!.ok ? "Tromsø" : "Alta";
    const [edited] = await workshops(programId, "2017-09-01");
    expect(edited).toMatchObject({ place: winner, agenda: `Agenda in ${winner}`, detailsRevision: forum!.detailsRevision + 1 });
    expect(await db().auditEvent.count({ where: { action: "workshop.edit", subject: `workshop ${forum!.id}` } })).toBe(1);
    // Scheduling saves the place too: a details form read before it is out of date.
    expect(await workshopCommand(coordinator, forum!.id, { type: "SCHEDULE", date: "2017-12-04", place: "Hammerfest" }, edited!.revision, "2017-09-01")).toEqual({ ok: true });
    expect(await editWorkshop(coordinator, forum!.id, details("Vadsø"), edited!.detailsRevision)).toEqual(changedMeanwhile);
    expect((await workshops(programId, "2017-09-01"))[0]).toMatchObject({ place: "Hammerfest", agenda: `Agenda in ${winner}` });
  });

  it("joint projects: the second change on the same revision is refused, and a stale one changes nothing", async () => {
    const programId = await opened("Concurrent projects");
    const project = { title: "Shared member services", areas: [area], clusters: [], funding: "", status: "planned" as const };
    const created = await saveJointProject(coordinator, programId, project);
    const id = created.ok ? created.id : "";
    const [seen] = await jointProjectsOf(programId);
    expect(seen).toMatchObject({ id, revision: 0 });
    const results = await Promise.all([
      saveJointProject(coordinator, programId, { ...project, funding: "County grant" }, seen!),
      saveJointProject(coordinator, programId, { ...project, status: "dropped" }, seen!),
    ]);
    expect(outcomes(results)).toEqual([409, "ok"]);
    const [after] = await jointProjectsOf(programId);
    expect([after!.funding, after!.status]).toEqual(results[0]!.ok ? ["County grant", "planned"] : ["", "dropped"]);
    expect(after!.revision).toBe(1);
    expect(await saveJointProject(coordinator, programId, { ...project, title: "Renamed" }, seen!)).toEqual(changedMeanwhile);
    expect((await jointProjectsOf(programId))[0]).toEqual(after);
  });

  it("tasks: of two assignments, or of done and waived at once, one is saved and the other told; never settled twice", async () => {
    const { assignTask, taskCommand, workshopCommand } = await import("../../app/workshops.server");
    const programId = await opened("Concurrent tasks");
    const [draft] = await workshops(programId, "2017-09-01");
    expect(await workshopCommand(coordinator, draft!.id, { type: "SCHEDULE", date: "2017-12-04", place: "Tromsø" }, draft!.revision, "2017-09-01")).toEqual({ ok: true });
    const [first, second] = (await workshops(programId, "2017-09-01"))[0]!.tasks;
    const assigned = await Promise.all([
      assignTask(coordinator, first!.id, { clusterId: "arc-tromso-marine", assigneeId: null }, first!.revision),
      assignTask(coordinator, first!.id, { clusterId: null, assigneeId: "demo-manager" }, first!.revision),
    ]);
    expect(outcomes(assigned)).toEqual([409, "ok"]);
    const task = async (id: number) => db().workshopTask.findUniqueOrThrow({ where: { id }, select: { clusterId: true, assigneeId: true, done: true, waivedBecause: true, revision: true } });
    expect(await task(first!.id)).toMatchObject(assigned[0]!.ok ? { clusterId: "arc-tromso-marine", assigneeId: null } : { clusterId: null, assigneeId: "demo-manager" });
    expect(await assignTask(coordinator, first!.id, { clusterId: null, assigneeId: null }, first!.revision)).toEqual(changedMeanwhile);

    const settled = await Promise.all([
      taskCommand(coordinator, second!.id, { done: true }, second!.revision),
      taskCommand(coordinator, second!.id, { waive: "done at the previous forum" }, second!.revision),
    ]);
    expect(outcomes(settled)).toEqual([409, "ok"]);
    expect(await task(second!.id)).toMatchObject(settled[0]!.ok ? { done: true, waivedBecause: null } : { done: false, waivedBecause: "done at the previous forum" });
    expect(await db().auditEvent.count({ where: { action: { in: ["task.done", "task.waive"] }, subject: `workshop ${draft!.id}` } })).toBe(1);
    // A step on a task changed since it was read (here: assigned) is refused and changes nothing.
    const before = await task(first!.id);
    expect(await taskCommand(coordinator, first!.id, { done: true }, first!.revision)).toEqual(changedMeanwhile);
    expect(await task(first!.id)).toEqual(before);
  });
});

describe("a program's methodology", () => {
  it("is the one chosen when it opens: its baseline and goals follow that catalogue's rules", async () => {
    const { readFileSync } = await import("node:fs");
    const { storeCatalogue } = await import("../../app/catalogues.server");
    const strict = { ...JSON.parse(readFileSync(path.join(ROOT, "prisma/catalogues/rces-2017.json"), "utf8")), id: "rces-2017-strict", title: "RCES 2017, stricter bands", bands: { redBelow: 50, greenAbove: 80 } };
    expect(await storeCatalogue(JSON.stringify(strict))).toMatchObject({ ok: true, id: "rces-2017-strict" });
    expect(await createProgram(coordinator, { ...input, name: "Strict", catalogueId: "no-such-methodology" })).toEqual({ ok: false, status: 422, error: "No catalogue no-such-methodology is stored." });
    const created = await createProgram(coordinator, { ...input, name: "Strict", catalogueId: "rces-2017-strict" });
    const view = (await viewOf(coordinator, created.ok ? created.id : ""))!;
    expect(view.program.catalogueId).toBe("rces-2017-strict");
    // The same 89 green lights of 186 (the indicators are the same), red under the stricter bands.
    expect(view.baseline!.overall).toEqual({ green: 89, cells: 186, score: 47.8, band: "red" });
  });
});
