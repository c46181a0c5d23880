import { execFileSync } from "node:child_process";
import path from "node:path";
import ICAL from "ical.js";
import { afterAll, describe, expect, it } from "vitest";
import { useFreshDatabase } from "./db";
import { ROOT } from "./fixtures";

// Goals, suggestions, tasks and calendars of a program, as each role meets them, on the seeded
// demo (the Arctic scorecard published as of 2017-09-01).
useFreshDatabase();
execFileSync(path.join(ROOT, "node_modules/.bin/tsx"), ["prisma/seed.ts"], { cwd: ROOT, env: { ...process.env, RCES_DEMO_PROGRAM: "0" }, stdio: "pipe" });
const { createProgram, programView } = await import("../../app/programs.server");
const { addCheckIn, addGoal, goalCommand, goalsOf, ignoreSuggestion, suggestionsFor, tickAllGoals } = await import("../../app/goals.server");
const { programSeenBy } = await import("../../app/program-access.server");
const { assignTask, taskCommand, workshopCommand, workshopsOf, addWorkshop, editWorkshop } = await import("../../app/workshops.server");
const { calendarFeed, newPersonalCalendarToken } = await import("../../app/calendar.server");
const { runPeriodicJob } = await import("../../app/jobs.server");
const { disconnectDb } = await import("../../app/db.server");
afterAll(() => disconnectDb());

const grant = (role: "coordinator" | "policyMaker" | "clusterManager", scope: string) =>
  role === "clusterManager" ? { role, portfolio: null, clusterId: scope } : { role, portfolio: scope, clusterId: null };
const coordinator = { userId: "demo-coordinator", name: "Kari Koordinator", email: "coordinator@demo.rces", grants: [grant("coordinator", "arctic")] };
const manager = { userId: "demo-manager", name: "Mats Manager", email: "manager@demo.rces", grants: [grant("clusterManager", "arc-tromso-marine")] };
const policy = { userId: "demo-policy", name: "Pia Policy", email: "policy@demo.rces", grants: [grant("policyMaker", "arctic")] };
const outsider = { userId: "x", name: "Nordland manager", email: "x@example.org", grants: [grant("clusterManager", "nor-bodo-seafood")] };
type Viewer = typeof coordinator;

const area = "Staffing and funding relative to members";
const opened = await createProgram(coordinator, { portfolio: "arctic", name: "Arctic 2017-2019", startsOn: "2017-10-30", baselineAsOf: "2017-09-01", catalogueId: "rces-2017" });
const programId = opened.ok ? opened.id : "";
const access = async (viewer: Viewer) => (await programSeenBy(viewer, programId))!;
const goals = async (viewer: Viewer, today = "2018-01-15") => goalsOf(await access(viewer), today);

describe("who takes part in a program", () => {
  it("shows it to its coordinator, the managers of its clusters and the policy makers who follow it, and to nobody else", async () => {
    expect((await access(coordinator)).part).toEqual({ runs: true, clusters: [], follows: false, seesRegion: true });
    expect((await access(manager)).part).toEqual({ runs: false, clusters: ["arc-tromso-marine"], follows: false, seesRegion: true });
    expect((await access(policy)).part).toEqual({ runs: false, clusters: [], follows: true, seesRegion: true });
    expect(await programSeenBy(outsider, programId)).toBeNull();
    const view = (await programView(manager, await access(manager)))!;
    expect(view.commands).toEqual([]); // a manager takes part but runs no step of the cycle
    expect(view.baseline!.overall.score).toBe(47.8);
  });

  it("withholds regional figures from those who do not run it while the baseline's scorecard is unpublished", async () => {
    const unpublished = await createProgram(coordinator, { portfolio: "arctic", name: "Unpublished baseline", startsOn: "2017-10-30", baselineAsOf: "2017-08-31", catalogueId: "rces-2017" });
    const id = unpublished.ok ? unpublished.id : "";
    expect((await addGoal(coordinator, id, { scope: "region", area, metric: "overall", target: 60, dueDate: "2019-06-30" })).ok).toBe(true);
    const forPolicy = (await programSeenBy(policy, id))!;
    expect(forPolicy.part.seesRegion).toBe(false);
    expect((await programView(policy, forPolicy)).baseline).toBeNull();
    expect(await goalsOf(forPolicy, "2018-01-01")).toEqual([]);
    expect(await goalsOf((await programSeenBy(coordinator, id))!, "2018-01-01")).toHaveLength(1);
  });
});

describe("suggested goals", () => {
  it("propose each cluster's red indicators in its weakest dimensions and the region's red and yellow dimensions", async () => {
    const all = await suggestionsFor(await access(coordinator));
    expect(all.filter((s) => s.scope === "region").map((s) => [s.metric, s.baseline, s.target])).toEqual([
      ["dimension:sustainability", 16.7, 65.1],
      ["dimension:capacity", 25, 65.1],
      ["dimension:services", 33.3, 65.1],
      ["dimension:embedment", 40, 65.1],
      ["dimension:cooperation", 45.8, 65.1],
      ["dimension:dynamics", 45.8, 65.1],
    ]);
    // Tromsø Marine: capacity and dynamics are its weakest (50 each); C1 = 1.4 FTE x 50 / 85 members = 0.82 and D3 = 0 are red there.
    const mine = await suggestionsFor(await access(manager));
    expect(mine.map((s) => [s.key, s.baseline, s.target, s.area])).toEqual([
      ["cluster:arc-tromso-marine:indicator:C1", 0.82, 2, area],
      ["cluster:arc-tromso-marine:indicator:D3", 0, 2, "Visibility, branding, communication, internationalisation"],
    ]);
    expect(await suggestionsFor(await access(policy))).toEqual([]);
  });

  it("are ignored once (then no longer proposed) and disappear when taken up as a goal", async () => {
    expect(await ignoreSuggestion(manager, programId, "cluster:arc-tromso-marine:indicator:D3")).toEqual({ ok: true });
    expect(await ignoreSuggestion(manager, programId, "cluster:arc-tromso-marine:indicator:D3")).toMatchObject({ ok: false, status: 409 });
    expect(await ignoreSuggestion(manager, programId, "cluster:arc-vadso-food:indicator:A1")).toMatchObject({ ok: false, status: 409 }); // not theirs to ignore
    const accepted = await addGoal(manager, programId, { scope: "cluster", clusterId: "arc-tromso-marine", area, metric: "indicator:C1", target: 2, dueDate: "2019-08-31" });
    expect(accepted.ok).toBe(true);
    expect(await suggestionsFor(await access(manager))).toEqual([]);
  });
});

describe("goals by role", () => {
  it("let a cluster manager set and agree goals for their own cluster only", async () => {
    expect(await addGoal(manager, programId, { scope: "cluster", clusterId: "arc-alta-experience", area, metric: "overall", target: 60, dueDate: "2019-06-30" })).toMatchObject({ ok: false, status: 403 });
    expect(await addGoal(manager, programId, { scope: "region", area, metric: "overall", target: 60, dueDate: "2019-06-30" })).toMatchObject({ ok: false, status: 403 });
    expect(await addGoal(policy, programId, { scope: "region", area, metric: "overall", target: 60, dueDate: "2019-06-30" })).toMatchObject({ ok: false, status: 403 });
    const [own] = await goals(manager);
    expect(own).toMatchObject({ clusterId: "arc-tromso-marine", metric: "indicator:C1", baseline: { value: 0.82, date: "2017-09-01" }, better: "higher", owner: "Mats Manager", state: "draft" });
    expect(own!.accepts).toEqual({ agree: true, withdraw: true, change: true, checkIn: false });
    expect(await goalCommand(manager, own!.id, { type: "AGREE" }, own!.revision, "2017-10-31")).toEqual({ ok: true });
  });

  it("measure key facts, indicators, lights and label counts, each with a numeric baseline", async () => {
    const fte = await addGoal(coordinator, programId, { scope: "region", area, metric: "fact:fte", target: 1.6, dueDate: "2019-08-31" });
    expect(fte.ok).toBe(true);
    // No cluster holds a label in this database: the baseline counted from the label data is 0.
    expect((await addGoal(coordinator, programId, { scope: "region", area, metric: "labels:SILVER", target: 4, dueDate: "2019-08-31" })).ok).toBe(true);
    expect(await addGoal(coordinator, programId, { scope: "region", area, metric: "labels:GOLD", target: 4, dueDate: "2019-11-30" })).toMatchObject({ ok: false, status: 422, error: "The due date must fall within the program, which ends on 2019-10-30." });
    expect(await addGoal(coordinator, programId, { scope: "region", area, metric: "indicator:C1", target: 2, dueDate: "2019-08-31" })).toMatchObject({ ok: false, status: 422 });
    // Vadsø Food: A3 (member satisfaction survey) is "no", ST3 (implementation plan) is the level "none".
    expect((await addGoal(coordinator, programId, { scope: "cluster", clusterId: "arc-vadso-food", area, metric: "indicator:A3", target: 1, dueDate: "2019-08-31" })).ok).toBe(true);
    expect((await addGoal(coordinator, programId, { scope: "cluster", clusterId: "arc-vadso-food", area, metric: "light:ST3", target: 2, dueDate: "2019-08-31" })).ok).toBe(true);
    const rows = await goals(coordinator);
    expect(rows.filter((g) => g.scope === "region").map((g) => [g.metric, g.baseline.value, g.target.value])).toEqual([
      ["fact:fte", 0.8, 1.6],
      ["labels:SILVER", 0, 4],
    ]);
    expect(rows.filter((g) => g.clusterId === "arc-vadso-food").map((g) => [g.metric, g.baseline.value])).toEqual([
      ["indicator:A3", 0],
      ["light:ST3", 0],
    ]);
    // The manager of Tromsø Marine sees the regional goals and their own, not Vadsø Food's; the policy maker only the regional ones.
    expect((await goals(manager)).map((g) => g.scope + ":" + (g.clusterId ?? ""))).toEqual(["cluster:arc-tromso-marine", "region:", "region:"]);
    expect((await goals(policy)).map((g) => [g.metric, g.accepts])).toEqual([
      ["fact:fte", { agree: false, withdraw: false, change: false, checkIn: false }],
      ["labels:SILVER", { agree: false, withdraw: false, change: false, checkIn: false }],
    ]);
  });

  it("refuse targets a metric cannot reach, a second open goal on the same metric, and agreeing once the due date has passed", async () => {
    const base = { scope: "cluster" as const, clusterId: "arc-harstad-offshore", area, dueDate: "2018-06-30" };
    expect(await addGoal(coordinator, programId, { ...base, metric: "light:C1", target: 7 })).toEqual({ ok: false, status: 422, error: "The target must be a light: 0 red, 1 yellow, 2 green." });
    expect(await addGoal(coordinator, programId, { ...base, metric: "indicator:S4", target: 2 })).toMatchObject({ ok: false, status: 422 });
    expect(await addGoal(coordinator, programId, { ...base, metric: "fact:publicFundingPct", target: 120 })).toMatchObject({ ok: false, status: 422 });
    const first = await addGoal(coordinator, programId, { ...base, metric: "light:C1", target: 2 });
    expect(first.ok).toBe(true);
    expect(await addGoal(coordinator, programId, { ...base, metric: "light:C1", target: 1 })).toEqual({ ok: false, status: 409, error: "There is an open goal on this metric already: change its target instead." });
    const row = (await goals(coordinator)).find((g) => g.id === (first.ok ? first.id : ""))!;
    expect(await goalCommand(coordinator, row.id, { type: "CHANGE_TARGET", target: { value: 0, date: "2018-06-30" }, reason: "typo" }, row.revision, "2017-11-01")).toMatchObject({ ok: false, status: 409, error: expect.stringContaining("stays on the goal's side of its baseline") });
    expect(await goalCommand(coordinator, row.id, { type: "CHANGE_TARGET", target: { value: 3, date: "2018-06-30" }, reason: "more" }, row.revision, "2017-11-01")).toEqual({ ok: false, status: 422, error: "The target must be a light: 0 red, 1 yellow, 2 green." });
    expect(await goalCommand(coordinator, row.id, { type: "CHANGE_TARGET", target: { value: 2, date: "2021-06-30" }, reason: "later" }, row.revision, "2017-11-01")).toMatchObject({ ok: false, status: 422, error: expect.stringContaining("within the program") });
    expect(await goalCommand(coordinator, row.id, { type: "AGREE" }, row.revision, "2018-07-01")).toMatchObject({ ok: false, status: 409, error: expect.stringContaining("due date has not passed") });
    // Past its due date, the draft offers exactly what its machine still takes: a new due date (and withdrawal), then agreement.
    const late = (await goals(coordinator, "2018-07-01")).find((g) => g.id === row.id)!;
    expect(late.accepts).toEqual({ agree: false, withdraw: true, change: true, checkIn: false });
    expect(await goalCommand(coordinator, row.id, { type: "CHANGE_TARGET", target: { value: 2, date: "2019-06-30" }, reason: "set too early" }, late.revision, "2018-07-01")).toEqual({ ok: true });
    const moved = (await goals(coordinator, "2018-07-01")).find((g) => g.id === row.id)!;
    expect(moved.accepts.agree).toBe(true);
    expect(await goalCommand(coordinator, row.id, { type: "WITHDRAW", reason: "kept out of the later cases" }, moved.revision, "2018-07-01")).toEqual({ ok: true });
  });

  it("name an owner taking part in the program (the creator by default)", async () => {
    const input = { scope: "cluster" as const, clusterId: "arc-tromso-marine", area, metric: "fact:members", target: 100, dueDate: "2019-08-31" };
    expect(await addGoal(coordinator, programId, { ...input, ownerId: "demo-policy" })).toMatchObject({ ok: false, status: 422 });
    const owned = await addGoal(coordinator, programId, { ...input, ownerId: "demo-manager" });
    expect((await goals(manager)).find((g) => g.id === (owned.ok ? owned.id : ""))).toMatchObject({ owner: "Mats Manager", baseline: { value: 85 } });
  });

  it("keep a changed target with its reason, and take check-ins dated between the baseline and today", async () => {
    const own = (await goals(manager)).find((g) => g.metric === "indicator:C1")!;
    expect(await goalCommand(manager, own.id, { type: "CHANGE_TARGET", target: { value: 1.6, date: "2019-06-30" }, reason: " " }, own.revision, "2018-01-10")).toMatchObject({ ok: false, status: 409, error: expect.stringContaining("needs a reason") });
    expect(await goalCommand(manager, own.id, { type: "CHANGE_TARGET", target: { value: 1.6, date: "2019-06-30" }, reason: "a second hire is funded only from 2019" }, own.revision, "2018-01-10")).toEqual({ ok: true });
    expect(await addCheckIn(manager, own.id, { value: 1, date: "2018-01-16", comment: "" }, "2018-01-15")).toMatchObject({ ok: false, status: 422 });
    expect(await addCheckIn(manager, own.id, { value: 1, date: "2017-08-31", comment: "" }, "2018-01-15")).toMatchObject({ ok: false, status: 422 });
    expect(await addCheckIn(policy, own.id, { value: 1, date: "2018-01-15", comment: "" }, "2018-01-15")).toMatchObject({ ok: false, status: 404 });
    // C1, team FTE per 50 members, cannot be below 0 (the metric's own bounds, as for targets).
    expect(await addCheckIn(manager, own.id, { value: -5, date: "2018-01-15", comment: "" }, "2018-01-15")).toEqual({ ok: false, status: 422, error: "The value must be 0 or more." });
    expect(await addCheckIn(manager, own.id, { value: 1.18, date: "2018-01-15", comment: "part-time event manager hired" }, "2018-01-15")).toEqual({ ok: true });
    const after = (await goals(manager)).find((g) => g.id === own.id)!;
    expect(after.target).toEqual({ value: 1.6, date: "2019-06-30" });
    expect(after.changes).toEqual([{ from: { value: 2, date: "2019-08-31" }, to: { value: 1.6, date: "2019-06-30" }, reason: "a second hire is funded only from 2019", at: "2018-01-10" }]);
    // Expected on 2018-01-15: 0.82 + (1.6 - 0.82) x 136/667 days = 0.98; 1.18 is past the line.
    expect(after.health).toBe("on track");
    // The same check-in read later: the line rises, 10 % of the planned 0.78 is 0.078.
    expect((await goals(manager, "2018-09-30")).find((g) => g.id === own.id)!.health).toBe("at risk"); // 1.28 expected, 0.10 behind
    expect((await goals(manager, "2019-01-15")).find((g) => g.id === own.id)!.health).toBe("off track"); // 1.41 expected, 0.23 behind
  });

  it("refuse moving a due date before the day of the change, and decide a goal past its due date before a command", async () => {
    const added = await addGoal(coordinator, programId, { scope: "cluster", clusterId: "arc-kirkenes-barents", area, metric: "free:Member companies at events", baselineValue: 10, target: 20, dueDate: "2018-06-30" });
    const id = added.ok ? added.id : "";
    const row = async (today: string) => (await goals(coordinator, today)).find((g) => g.id === id)!;
    expect(await goalCommand(coordinator, id, { type: "AGREE" }, (await row("2017-11-01")).revision, "2017-11-01")).toEqual({ ok: true });
    const agreed = await row("2018-02-01");
    expect(await goalCommand(coordinator, id, { type: "CHANGE_TARGET", target: { value: 20, date: "2018-01-31" }, reason: "the hall is booked" }, agreed.revision, "2018-02-01")).toEqual({
      ok: false,
      status: 409,
      error: "The new due date cannot be before today (2018-02-01): choose today or a later day.",
    });
    expect((await row("2018-02-01")).target).toEqual({ value: 20, date: "2018-06-30" });
    expect(await goalCommand(coordinator, id, { type: "CHANGE_TARGET", target: { value: 20, date: "2018-02-01" }, reason: "the hall is booked" }, agreed.revision, "2018-02-01")).toEqual({ ok: true });
    const due = await row("2018-02-01");
    expect(due).toMatchObject({ state: "agreed", target: { value: 20, date: "2018-02-01" }, accepts: { withdraw: true } });
    // Seen on its due date, withdrawn the day after: it was missed by then, and stays missed.
    expect(await goalCommand(coordinator, id, { type: "WITHDRAW", reason: "no longer relevant" }, due.revision, "2018-02-02")).toEqual({
      ok: false,
      status: 409,
      error: "“WITHDRAW” is not possible while this goal is missed.",
    });
    expect(await row("2018-02-02")).toMatchObject({ state: "missed", withdrawnBecause: null });
  });

  it("become achieved or missed at their due date through a TICK, on reading or from the periodic job, once", async () => {
    const own = (await goals(manager)).find((g) => g.metric === "indicator:C1")!;
    expect(await addCheckIn(manager, own.id, { value: 1.65, date: "2019-06-01", comment: "second hire" }, "2019-06-01")).toEqual({ ok: true });
    expect((await goals(manager, "2019-06-29")).find((g) => g.id === own.id)!.state).toBe("agreed");
    expect((await goals(manager, "2019-06-30")).find((g) => g.id === own.id)!.state).toBe("achieved");
    // The regional FTE goal (agreed, no check-in) is missed the day after its due date, by the job.
    const fte = (await goals(coordinator)).find((g) => g.metric === "fact:fte")!;
    expect(await goalCommand(coordinator, fte.id, { type: "AGREE" }, fte.revision, "2017-11-01")).toEqual({ ok: true });
    expect(await runPeriodicJob("2019-08-31")).toEqual({ workshops: 0, goals: 0, reminders: 0 });
    expect(await tickAllGoals("2019-09-01")).toBe(1);
    expect(await tickAllGoals("2019-09-01")).toBe(0);
    expect((await goals(coordinator, "2019-09-01")).find((g) => g.id === fte.id)!.state).toBe("missed");
  });
});

describe("workshops and tasks by role", () => {
  it("edit a workshop's details, add a fifth, and let only those who run the program do so", async () => {
    const [kickoff] = await workshopsOf(await access(coordinator), coordinator.userId, "2017-09-01");
    const details = { title: "Forum 1: kickoff in Tromsø", place: "Tromsø", agenda: "RCES results; goals; joint projects", themes: "The baseline", speakers: "Kari Koordinator; Region of Troms", startTime: null, endTime: null, days: 1 };
    expect(await editWorkshop(manager, kickoff!.id, details, kickoff!.detailsRevision)).toMatchObject({ ok: false, status: 404 });
    expect(await editWorkshop(coordinator, kickoff!.id, { ...details, startTime: "09:00" }, kickoff!.detailsRevision)).toEqual({ ok: false, status: 422, error: "Give both the start and the end time, or neither (whole days)." });
    expect(await editWorkshop(coordinator, kickoff!.id, { ...details, startTime: "15:00", endTime: "09:00" }, kickoff!.detailsRevision)).toEqual({ ok: false, status: 422, error: "The end time comes after the start time (the same hours on each day)." });
    expect(await editWorkshop(coordinator, kickoff!.id, { ...details, days: 6 }, kickoff!.detailsRevision)).toEqual({ ok: false, status: 422, error: "A workshop lasts 1 to 5 days." });
    expect(await editWorkshop(coordinator, kickoff!.id, details, kickoff!.detailsRevision)).toEqual({ ok: true });
    expect(await addWorkshop(policy, programId, { title: "Forum 5", themes: "" })).toMatchObject({ ok: false, status: 404 });
    expect((await addWorkshop(coordinator, programId, { title: "Forum 5: the label audit", themes: "Silver labels" })).ok).toBe(true);
    const all = await workshopsOf(await access(manager), manager.userId, "2017-09-01");
    expect(all.map((w) => [w.number, w.title])).toEqual([
      [1, "Forum 1: kickoff in Tromsø"],
      [2, "Forum 2: sharing and learning"],
      [3, "Forum 3: sharing and learning"],
      [4, "Forum 4: planning the next cycle"],
      [5, "Forum 5: the label audit"],
    ]);
    expect(all[0]).toMatchObject({ agenda: details.agenda, speakers: details.speakers });
    expect(all[4]!.tasks).toHaveLength(6);
    expect(all[0]!.accepts).toEqual({ edit: false, schedule: false, reschedule: false, hold: false, followUp: false, close: false, cancel: false });
  });

  it("assign tasks to a cluster or a person taking part; the assignee settles them, others may not", async () => {
    const [draft] = await workshopsOf(await access(coordinator), coordinator.userId, "2017-09-01");
    expect(await workshopCommand(coordinator, draft!.id, { type: "SCHEDULE", date: "2017-10-30", place: "Tromsø" }, draft!.revision, "2017-09-01")).toEqual({ ok: true });
    const [kickoff] = await workshopsOf(await access(coordinator), coordinator.userId, "2017-09-01");
    const preparation = kickoff!.tasks.filter((t) => t.phase === "preparation");
    const [forCluster, forPerson, unassigned] = ["clusters", "team", "regional"].map((audience) => preparation.find((t) => t.audience === audience)!);
    expect(await assignTask(coordinator, forCluster!.id, { clusterId: "arc-tromso-marine", assigneeId: null }, forCluster!.revision)).toEqual({ ok: true });
    expect(await assignTask(coordinator, forPerson!.id, { clusterId: null, assigneeId: "demo-policy" }, forPerson!.revision)).toMatchObject({ ok: false, status: 422 });
    expect(await assignTask(coordinator, forPerson!.id, { clusterId: "nor-bodo-seafood", assigneeId: null }, forPerson!.revision)).toMatchObject({ ok: false, status: 422 });
    expect(await assignTask(coordinator, forPerson!.id, { clusterId: null, assigneeId: "demo-manager" }, forPerson!.revision)).toEqual({ ok: true });
    expect(await assignTask(manager, unassigned!.id, { clusterId: "arc-tromso-marine", assigneeId: null }, unassigned!.revision)).toMatchObject({ ok: false, status: 403 });
    expect(await taskCommand(manager, unassigned!.id, { done: true }, unassigned!.revision)).toMatchObject({ ok: false, status: 403 });
    expect(await taskCommand(manager, forCluster!.id, { done: true }, forCluster!.revision + 1)).toEqual({ ok: true });
    expect(await taskCommand(manager, forCluster!.id, { done: true }, forCluster!.revision + 2)).toMatchObject({ ok: false, status: 409 });
    const mine = (await workshopsOf(await access(manager), manager.userId, "2017-09-01"))[0]!.tasks.filter((t) => t.mine).map((t) => [t.title, t.done]);
    expect(mine).toEqual([
      ["Prepare the agenda and invite the speakers", false],
      ["Prepare the cluster's progress and input", true],
    ]);
  });

  it("give each person a calendar feed of their programs' workshops and their own open tasks, in Europe/Oslo", async () => {
    const token = await newPersonalCalendarToken(manager);
    const feed = (await calendarFeed(token, "2017-09-01"))!;
    const calendar = new ICAL.Component(ICAL.parse(feed));
    expect(calendar.getFirstPropertyValue("x-wr-timezone")).toBe("Europe/Oslo");
    const events = calendar.getAllSubcomponents("vevent").map((e) => new ICAL.Event(e));
    // The kickoff on 30 October 2017 and the one open task that is Mats's, due 28 days before it;
    // his cluster's task is done, and the tasks of others are not his.
    // Named by program, as a person's feed gathers the workshops of all their programs.
    expect(events.map((e) => [e.summary, e.startDate.toString()])).toEqual([
      ["Arctic 2017-2019: Forum 1: kickoff in Tromsø", "2017-10-30"],
      ["Arctic 2017-2019: Due: Prepare the agenda and invite the speakers (Forum 1: kickoff in Tromsø)", "2017-10-02"],
    ]);
    // RFC 5545: the stamp is in UTC.
    expect(feed).toMatch(/^DTSTAMP:\d{8}T\d{6}Z\r?$/m);
    expect(feed).not.toMatch(/^DTSTAMP:\d{8}T\d{6}\r?$/m);
    expect(events[0]!.location).toBe("Tromsø");
    const replaced = await newPersonalCalendarToken(manager);
    expect(await calendarFeed(token, "2017-09-01")).toBeNull();
    expect(await calendarFeed(replaced, "2017-09-01")).toContain("SUMMARY:Arctic 2017-2019: Forum 1: kickoff in Tromsø");
  });
});

describe("regional figures", () => {
  it("reach those who do not run the program only as published: no check-in after the latest publication", async () => {
    const goal = await addGoal(coordinator, programId, { scope: "region", area, metric: "overall", target: 60, dueDate: "2019-08-31" });
    const id = goal.ok ? goal.id : "";
    const draft = (await goals(coordinator)).find((g) => g.id === id)!;
    expect(await goalCommand(coordinator, id, { type: "AGREE" }, draft.revision, "2017-11-01")).toEqual({ ok: true });
    expect(await addCheckIn(coordinator, id, { value: 52, date: "2018-01-10", comment: "self-assessment" }, "2018-01-15")).toEqual({ ok: true });
    expect((await goals(coordinator)).find((g) => g.id === id)!.latest).toMatchObject({ value: 52 });
    // The Arctic scorecard is published as of 2017-09-01 only: Pia sees the goal, not the 2018 figure.
    const forPia = (await goals(policy)).find((g) => g.id === id)!;
    expect([forPia.latest, forPia.checkIns]).toEqual([null, []]);
  });
});

describe("the program page's actions", () => {
  it("act only on what belongs to the program in the address, and say who may take a coordinator's step", async () => {
    const { runProgramAction } = await import("../../app/program-actions.server");
    const other = await createProgram(coordinator, { portfolio: "arctic", name: "Another", startsOn: "2017-10-30", baselineAsOf: "2017-09-01", catalogueId: "rces-2017" });
    const [goal] = await goals(coordinator);
    const elsewhere = await runProgramAction(coordinator, other.ok ? other.id : "", { intent: "withdraw", goalId: goal!.id, revision: goal!.revision, reason: "wrong program" }, "2018-01-15");
    expect(elsewhere).toEqual({ ok: false, status: 404, error: "That is not part of this program: reload the page." });
    expect((await goals(coordinator)).find((g) => g.id === goal!.id)!.state).not.toBe("withdrawn");
    expect(await runProgramAction(policy, programId, { intent: "add-workshop", title: "Forum 6", themes: "" }, "2018-01-15")).toEqual({ ok: false, status: 403, error: "Only the program's coordinators take this step." });
  });
});

describe("the hourly job", () => {
  it("moves a scheduled workshop into its preparation weeks with a TICK of the job's date, once", async () => {
    const opened = await createProgram(coordinator, { portfolio: "arctic", name: "Job test", startsOn: "2017-10-30", baselineAsOf: "2017-09-01", catalogueId: "rces-2017" });
    const id = opened.ok ? opened.id : "";
    await runPeriodicJob("2018-01-15"); // what earlier tests left scheduled is due by now: the job is for all programs
    const forum2 = (await workshopsOf((await programSeenBy(coordinator, id))!, coordinator.userId, "2018-01-15"))[1]!;
    expect(await workshopCommand(coordinator, forum2.id, { type: "SCHEDULE", date: "2018-03-15", place: "Alta" }, forum2.revision, "2018-01-15")).toEqual({ ok: true });
    const stateOn = async (today: string) => (await workshopsOf((await programSeenBy(coordinator, id))!, coordinator.userId, today))[1]!.state;
    expect(await stateOn("2018-01-15")).toBe("scheduled");
    // Preparation starts 28 days before: 2018-02-15. The day before, the job moves nothing.
    expect(await runPeriodicJob("2018-02-14")).toMatchObject({ workshops: 0 });
    expect(await stateOn("2018-01-15")).toBe("scheduled");
    expect(await runPeriodicJob("2018-02-15")).toMatchObject({ workshops: 1 });
    // Read with an earlier date (whose TICK would move nothing): the job moved it.
    expect(await stateOn("2018-01-15")).toBe("preparing");
    expect(await runPeriodicJob("2018-02-16")).toMatchObject({ workshops: 0 });
  });
});
