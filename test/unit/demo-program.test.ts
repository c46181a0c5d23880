import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { parseBenchmarksCsv } from "../../app/scorecard/benchmarks-csv";
import { parseCatalogueText } from "../../app/scorecard/catalogue";
import { computeScorecard } from "../../app/scorecard/compute";
import { afterAll, describe, expect, it } from "vitest";
import { useFreshDatabase } from "./db";
import { ROOT } from "./fixtures";

// The demo's Arctic program 2017-2019 (prisma/demo/program.ts), read as the people of the demo
// read it, on chosen days.
useFreshDatabase();
execFileSync(path.join(ROOT, "node_modules/.bin/tsx"), ["prisma/seed.ts"], { cwd: ROOT, env: process.env, stdio: "pipe" });
const { programView } = await import("../../app/programs.server");
const { goalsOf, addGoal, ignoreSuggestion, mayProposeGoals, suggestionsFor } = await import("../../app/goals.server");
const { programSeenBy } = await import("../../app/program-access.server");
const { workshopsOf } = await import("../../app/workshops.server");
const { db, disconnectDb } = await import("../../app/db.server");
const { programProgress } = await import("../../app/progress.server");
const { renewalsMonitor } = await import("../../app/labels.server");
const { inboxOf, unreadCount } = await import("../../app/inbox.server");
afterAll(() => disconnectDb());

const coordinator = { userId: "demo-coordinator", name: "Kari", email: "coordinator@demo.rces", grants: [{ role: "coordinator" as const, portfolio: "arctic", clusterId: null }] };
const manager = { userId: "demo-manager", name: "Mats", email: "manager@demo.rces", grants: [{ role: "clusterManager" as const, portfolio: null, clusterId: "arc-tromso-marine" }] };
const { id } = await db().program.findFirstOrThrow({ where: { name: "Arctic 2017-2019" }, select: { id: true } });
const access = (await programSeenBy(coordinator, id))!;

describe("the demo's Arctic program 2017-2019", () => {
  it("held the kickoff in Tromsø on 30 October 2017, two learning forums in 2018 and forum 4 in June 2019, and is in its review", async () => {
    const view = await programView(coordinator, access);
    expect(view.stage).toBe("review");
    expect(view.program).toMatchObject({ startsOn: "2017-10-30", endsOn: "2019-08-31", baselineAsOf: "2017-09-01" });
    const forums = await workshopsOf(access, coordinator.userId, "2019-09-01");
    expect(forums.map((w) => [w.title, w.date, w.place, w.state])).toEqual([
      ["Forum 1: preparing the improvement program", "2017-10-30", "Tromsø", "closed"],
      ["Forum 2: sharing and learning", "2018-03-14", "Alta", "closed"],
      ["Forum 3: sharing and learning", "2018-10-17", "Hammerfest", "closed"],
      ["Forum 4: planning the next cycle", "2019-06-04", "Tromsø", "closed"],
    ]);
    expect(forums[1]!.themes).toBe("Member services volume and pricing; Staffing and funding relative to members. Regional topic: regional branding");
    const projects = await db().jointProject.findMany({ where: { programId: id }, select: { title: true, status: true } });
    expect(projects).toEqual([
      { title: "Shared member service catalogue", status: "running" },
      { title: "Arctic cluster staff academy", status: "funded" },
    ]);
  });

  it("has goals for the region and every cluster, check-ins by hand, from the 2019 round and from the labels, and outcomes at their due dates", async () => {
    const goals = await goalsOf(access, "2019-09-01");
    expect(goals.map((g) => [g.clusterId ?? "region", g.metric, g.baseline.value, g.target.value, g.state, g.latest?.value, g.latest?.source])).toEqual([
      // Team FTE: the 2019 round's mean, (3.6 + 1.2 + 0.8 + 0.7 + 0.6 + 1.0) / 6 = 1.3, short of 1.6.
      ["region", "fact:fte", 0.8, 1.6, "missed", 1.3, "benchmarking 2019-05-15"],
      // Activities and Services recomputed: 9 green of 24 = 37.5.
      ["region", "dimension:services", 33.3, 50, "missed", 37.5, "benchmarking 2019-05-15"],
      // Silver labels by 2019-08-31: Tromsø Marine's alone.
      ["region", "labels:SILVER", 0, 4, "missed", 1, "labels"],
      ["arc-tromso-marine", "indicator:C1", 0.82, 2, "achieved", 2.06, "manual"],
      ["arc-tromso-marine", "indicator:D3", 0, 2, "achieved", 2, "manual"],
      ["arc-tromso-marine", "indicator:A2", 4, 10, "missed", 8, "manual"],
      ["arc-alta-experience", "indicator:C3", 1.9, 5, "achieved", 5.5, "manual"],
      ["arc-hammerfest-energy", "indicator:CO1", 0, 4, "missed", 2, "manual"],
      ["arc-kirkenes-barents", "indicator:SU1", 8, 24, "achieved", 24, "manual"],
      ["arc-harstad-offshore", "indicator:C1", 1.07, 2, "missed", 1.1, "manual"],
      ["arc-vadso-food", "indicator:A1", 1, 5, "missed", 4, "manual"],
    ]);
    // Mats, the manager of Tromsø Marine, sees the regional goals and his cluster's.
    const his = (await programSeenBy(manager, id))!;
    expect((await goalsOf(his, "2019-09-01")).map((g) => g.clusterId ?? "region")).toEqual(["region", "region", "region", "arc-tromso-marine", "arc-tromso-marine", "arc-tromso-marine"]);
    // The label count reaches him as it is (labels are public); the scorecard goals as published (2019-06-01).
    expect((await goalsOf(his, "2019-09-01")).filter((g) => g.scope === "region").map((g) => [g.metric, g.latest?.value, g.latest?.date])).toEqual([
      ["fact:fte", 1.3, "2019-05-15"],
      ["dimension:services", 37.5, "2019-05-15"],
      ["labels:SILVER", 1, "2019-08-31"],
    ]);
  });

  it("gives a calendar feed with the forums' hours in Europe/Oslo, the kickoff over two days", async () => {
    const ICAL = (await import("ical.js")).default;
    const { calendarFeed, newCalendarToken } = await import("../../app/calendar.server");
    const feed = (await calendarFeed((await newCalendarToken(coordinator, id))!, "2019-06-01"))!;
    const calendar = new ICAL.Component(ICAL.parse(feed));
    // Every zone an event names is defined in the feed (RFC 5545), under the name the event uses.
    const zones = calendar.getAllSubcomponents("vtimezone");
    expect(zones.map((z) => z.getFirstPropertyValue("tzid"))).toEqual(["Europe/Oslo"]);
    for (const zone of zones) ICAL.TimezoneService.register(zone);
    const kickoff = calendar.getAllSubcomponents("vevent").map((e) => new ICAL.Event(e)).find((e) => e.summary === "Forum 1: preparing the improvement program")!;
    expect(feed).toContain("DTSTART;TZID=Europe/Oslo:20171030T090000");
    expect(feed).toContain("DTEND;TZID=Europe/Oslo:20171030T153000");
    expect(feed).toContain("RRULE:FREQ=DAILY;COUNT=2"); // the same hours on the second day, not one block through the night
    // 09:00 on 30 October 2017 in Oslo is 08:00 UTC (winter time began on the 29th); until 15:30 (14:30 UTC), on the 30th and again on the 31st.
    expect(kickoff.startDate.toJSDate().toISOString()).toBe("2017-10-30T08:00:00.000Z");
    expect(kickoff.endDate.toJSDate().toISOString()).toBe("2017-10-30T14:30:00.000Z");
    const days = kickoff.iterator();
    expect([days.next()!.toJSDate().toISOString(), days.next()!.toJSDate().toISOString(), days.next() ?? null]).toEqual(["2017-10-30T08:00:00.000Z", "2017-10-31T08:00:00.000Z", null]);
    // Forum 4 in June: summer time, 10:00 in Oslo is 08:00 UTC.
    const forum4 = calendar.getAllSubcomponents("vevent").map((e) => new ICAL.Event(e)).find((e) => e.summary === "Forum 4: planning the next cycle")!;
    expect(forum4.startDate.toJSDate().toISOString()).toBe("2019-06-04T08:00:00.000Z");
    expect(feed).toMatch(/^DTSTAMP:\d{8}T\d{6}Z\r?$/m);
  });

  it("gives its goals as CSV, one row per goal, quoted where a field needs it, formulas defused, as each role may see them", async () => {
    const Papa = (await import("papaparse")).default;
    const { goalsCsv, programReport } = await import("../../app/report.server");
    const csvOf = async (viewer: typeof coordinator | typeof manager, name?: string) => {
      const report = (await programReport(viewer, id, "2019-09-01"))!;
      const text = goalsCsv(name ?? report.access.program.name, report.goals, { metric: report.metricLabels, cluster: Object.fromEntries(report.access.clusters.map((c) => [c.id, c.name])) });
      expect(text.startsWith("\uFEFF")).toBe(true); // spreadsheet programs then read Tromsø right
      return { text, rows: Papa.parse<Record<string, string>>(text.slice(1), { header: true, skipEmptyLines: true }).data };
    };
    const all = await csvOf(coordinator);
    expect(all.rows).toHaveLength(11); // three regional goals, eight of the clusters
    expect(all.rows.find((r) => r.cluster === "Tromsø Marine Tech Cluster" && r.metric?.startsWith("D3"))).toMatchObject({
      scope: "cluster",
      improvement_area: "Visibility, branding, communication, internationalisation",
      baseline: "0",
      target: "2",
      due_date: "2018-12-31",
      state: "achieved",
      latest_value: "2",
    });
    expect(all.text).toContain(`"Visibility, branding, communication, internationalisation"`);
    // A name that a spreadsheet would run as a formula is written as text.
    expect((await csvOf(coordinator, "=HYPERLINK(1)")).rows[0]!.program).toBe("'=HYPERLINK(1)");
    // Mats: the regional goals and his cluster's three.
    expect((await csvOf(manager)).rows.map((r) => r.cluster || "region")).toEqual(["region", "region", "region", "Tromsø Marine Tech Cluster", "Tromsø Marine Tech Cluster", "Tromsø Marine Tech Cluster"]);
  });

  it("shows the 2019 round's real but uneven progress, recomputed exactly as the scorecard module computes it", async () => {
    const progress = await programProgress(access, "2019-09-01");
    expect([progress.renewed, progress.clusters]).toEqual([6, 6]);
    expect(progress.comparison.overall).toMatchObject({ before: { green: 89, cells: 186, score: 47.8 }, after: { green: 95, cells: 186, score: 51.1 }, change: 3.3 });
    expect(progress.comparison.dimensions.map((d) => [d.code, d.before.score, d.after.score, d.change])).toEqual([
      ["structure", 70, 70, 0],
      ["strategy", 79.2, 79.2, 0],
      ["capacity", 25, 33.3, 8.3],
      ["services", 33.3, 37.5, 4.2],
      ["cooperation", 45.8, 45.8, 0],
      ["embedment", 40, 40, 0],
      ["dynamics", 45.8, 50, 4.2],
      ["sustainability", 16.7, 50, 33.3],
    ]);
    // The same numbers from the two CSV files through the pure scorecard module.
    const catalogue = parseCatalogueText(readFileSync(path.join(ROOT, "prisma/catalogues/rces-2017.json"), "utf8"));
    if (!catalogue.ok) throw new Error("catalogue");
    const rows = ["benchmarks.csv", "benchmarks-2019.csv"].flatMap((file) => {
      const parsed = parseBenchmarksCsv(readFileSync(path.join(ROOT, "prisma/demo", file), "utf8"), catalogue.catalogue);
      if (!parsed.ok) throw new Error(file);
      return parsed.assessments;
    });
    expect(progress.current).toEqual(computeScorecard(catalogue.catalogue, rows, { asOf: "2019-09-01", portfolios: ["arctic"] }).portfolios[0]);
    // A policy maker sees exactly the scorecard published as of 2019-06-01, and no cluster of it.
    const policy = { userId: "demo-policy", name: "Pia", email: "policy@demo.rces", grants: [{ role: "policyMaker" as const, portfolio: "arctic", clusterId: null }] };
    const { progressFor } = await import("../../app/progress.server");
    const followed = await progressFor((await programSeenBy(policy, id))!, "2019-09-01");
    expect(followed && "progress" in followed && followed.progress).toMatchObject({ asOf: "2019-06-01", perCluster: [] });
    expect(followed && "progress" in followed && followed.progress.current).toEqual(computeScorecard(catalogue.catalogue, rows, { asOf: "2019-06-01", portfolios: ["arctic"] }).portfolios[0]);
    const tromso = progress.perCluster.find((c) => c.id === "arc-tromso-marine")!;
    expect(tromso).toMatchObject({ before: "2017-03-14", after: "2019-03-12", overall: { before: 74.2, after: 83.9 } });
    expect(tromso.changed.map((l) => `${l.code} ${l.from} → ${l.to}`)).toEqual(["C1 red → green", "C3 yellow → green", "A2 red → yellow", "D3 red → green"]);
    // Vadsø grew to 27 members with 1.0 FTE: its team is now short of 2 per 50 (1.85, yellow).
    expect(progress.perCluster.find((c) => c.id === "arc-vadso-food")!.changed[0]).toMatchObject({ code: "C1", from: "green", to: "yellow" });
  });

  it("holds the labels of the story: Bronze from August 2017, Tromsø Marine's Silver, the Silver window, a lapsed and a renewed Nordland label", async () => {
    const admin = { userId: "demo-admin", name: "Ada", email: "admin@demo.rces", grants: [{ role: "admin" as const, portfolio: null, clusterId: null }] };
    const arctic = (await renewalsMonitor(coordinator, "arctic", "2019-06-15"))!;
    expect(arctic.labels.map((l) => [l.clusterId, l.level, l.validUntil, l.status])).toEqual([
      ["arc-alta-experience", "BRONZE", "2019-08-31", "expiringSoon"],
      ["arc-hammerfest-energy", "BRONZE", "2019-08-31", "expiringSoon"],
      ["arc-harstad-offshore", "BRONZE", "2019-08-31", "expiringSoon"],
      ["arc-kirkenes-barents", "BRONZE", "2019-08-31", "expiringSoon"],
      ["arc-vadso-food", "BRONZE", "2019-08-31", "expiringSoon"],
      ["arc-tromso-marine", "SILVER", "2021-05-31", "valid"],
    ]);
    // The window runs 18 to 24 months after the benchmarking each Bronze label was awarded on: by mid-June 2019 only Vadsø's (2017-08-22) is open.
    expect(arctic.inSilverWindow.map((l) => [l.clusterId, l.silverWindow])).toEqual([["arc-vadso-food", { from: "2019-02-22", to: "2019-08-22", after: "2017-08-22" }]]);
    const nordland = (await renewalsMonitor(admin, "nordland", "2019-06-15"))!;
    expect(nordland.labels.map((l) => [l.clusterId, l.validUntil, l.status])).toEqual([
      ["ndl-morana-metal", "2017-10-31", "lapsed"],
      ["ndl-mosjoen-materials", "2018-11-30", "inGrace"],
      ["ndl-bronnoysund-aqua", "2020-09-30", "valid"],
      ["ndl-narvik-logistics", "2020-10-31", "valid"],
    ]);
    // Pia's inbox: the 90- and 60-day reminders of the five Bronze labels (Tromsø's became Silver before).
    expect(await unreadCount("demo-policy")).toBe(10);
    const [latest] = await inboxOf("demo-policy");
    // Dated on the day it came due, and linking to a page Pia may open (cluster pages are not hers).
    expect([latest!.title, latest!.createdAt.toISOString().slice(0, 10), latest!.link]).toEqual(["Label expires in 60 days: Vadsø Arctic Food Cluster", "2019-07-02", "/labels?p=arctic"]);
  });
});

describe("closing the demo's cycle", () => {
  it("opens the next from the new scorecard, drafts its workshops and offers the unfinished goals for carrying over", async () => {
    const { advanceCycle, goalsToCarryOver } = await import("../../app/programs.server");
    const { runProgramAction } = await import("../../app/program-actions.server");
    // A goal still open when the cycle closes: offered its steps until then, none after.
    const draft = await addGoal(coordinator, id, { scope: "cluster", clusterId: "arc-tromso-marine", area: "Staffing and funding relative to members", metric: "fact:members", target: 120, dueDate: "2019-08-31" });
    const offers = async (viewer: typeof coordinator | typeof manager) => (await goalsOf((await programSeenBy(viewer, id))!, "2019-07-20")).find((g) => g.id === (draft.ok ? draft.id : ""))!.accepts;
    expect(await offers(coordinator)).toEqual({ agree: true, withdraw: true, change: true, checkIn: false });
    expect(await offers(manager)).toEqual({ agree: true, withdraw: true, change: true, checkIn: false });
    expect(await mayProposeGoals(access, "2019-07-20")).toBe(true);
    const view = await programView(coordinator, access);
    expect(view.commands).toEqual(["CLOSE"]);
    expect(await runProgramAction(coordinator, id, { intent: "cycle", command: "CLOSE", revision: view.revision }, "2019-07-20")).toMatchObject({ ok: false, status: 422 }); // not without the ticked confirmation
    const closed = await advanceCycle(coordinator, id, "CLOSE", view.revision, "2019-07-20");
    expect(closed).toMatchObject({ ok: true, nextProgramId: expect.any(String) });
    const nextId = closed.ok ? closed.nextProgramId! : "";
    // The closed cycle offers nothing more: no step on a goal, no new goal, no suggestion to take up or ignore.
    const nothing = { agree: false, withdraw: false, change: false, checkIn: false };
    expect(await offers(coordinator)).toEqual(nothing);
    expect(await offers(manager)).toEqual(nothing);
    expect((await goalsOf(access, "2019-07-20")).filter((g) => Object.values(g.accepts).some(Boolean))).toEqual([]);
    expect(await mayProposeGoals(access, "2019-07-20")).toBe(false);
    expect(await mayProposeGoals((await programSeenBy(manager, id))!, "2019-07-20")).toBe(false);
    const [suggestion] = await suggestionsFor(access);
    expect(await ignoreSuggestion(coordinator, id, suggestion!.key)).toMatchObject({ ok: false, status: 409, error: expect.stringContaining("This cycle is closed") });
    const next = (await programSeenBy(coordinator, nextId))!;
    // Ends at the earliest label expiry a year or more ahead: Tromsø Marine's Silver (the Bronze labels end in six weeks).
    expect(next.program).toMatchObject({ name: "Arctic 2019-2021 (after Arctic 2017-2019)", startsOn: "2019-07-20", endsOn: "2021-05-31", baselineAsOf: "2019-07-20", previousProgramId: id });
    expect(JSON.parse(next.program.baseline).overall).toEqual({ green: 95, cells: 186, score: 51.1, band: "yellow" });
    expect((await workshopsOf(next, coordinator.userId, "2019-07-20")).map((w) => w.state)).toEqual(["draft", "draft", "draft", "draft"]);
    expect(await goalsOf(next, "2019-07-20")).toEqual([]); // nothing copied by itself
    // The closed cycle's goals stay as they were.
    const { addCheckIn } = await import("../../app/goals.server");
    const [fteGoal] = await goalsOf(access, "2019-07-20");
    expect(await addCheckIn(coordinator, fteGoal!.id, { value: 1.5, date: "2019-07-20", comment: "" }, "2019-07-20")).toMatchObject({ ok: false, status: 409, error: expect.stringContaining("This cycle is closed") });
    // Its report too: the observations are as they were on its closing day, and no form offers to change them.
    const { programReport, saveObservation } = await import("../../app/report.server");
    expect(await saveObservation(coordinator, access, "capacity", "rewritten afterwards")).toEqual({ ok: false, status: 409, error: "This cycle is closed: its report stays as it was on its closing day." });
    expect((await programReport(coordinator, id, "2019-07-21"))!.mayObserve).toBe(false);
    const offered = await goalsToCarryOver(next, "2019-07-20");
    expect(offered.map((g) => [g.clusterId ?? "region", g.metric, g.state])).toEqual([
      ["region", "fact:fte", "missed"],
      ["region", "dimension:services", "missed"],
      ["region", "labels:SILVER", "missed"], // read as of 2019-09-01 above, after its due date
      ["arc-tromso-marine", "indicator:A2", "missed"],
      ["arc-hammerfest-energy", "indicator:CO1", "missed"],
      ["arc-harstad-offshore", "indicator:C1", "missed"],
      ["arc-vadso-food", "indicator:A1", "missed"],
    ]);
    const fte = offered[0]!;
    expect(await runProgramAction(coordinator, nextId, { intent: "carry-over", fromGoalId: fte.id, area: "Staffing and funding relative to members", target: 1.6, dueDate: "2021-05-31" }, "2019-07-20")).toMatchObject({ ok: true });
    const [carried] = await goalsOf(next, "2019-07-20");
    expect(carried).toMatchObject({ metric: "fact:fte", baseline: { value: 1.3, date: "2019-07-20" }, target: { value: 1.6, date: "2021-05-31" }, state: "draft" });
    expect((await goalsToCarryOver(next, "2019-07-20")).map((g) => g.metric)).not.toContain("fact:fte");

    // A round imported later, dated on the new baseline's day: the frozen baseline keeps Alta's
    // benchmarking of 2019-03-27, and the new one counts as progress. The closed cycle stays as it
    // was when it closed.
    const { importBenchmarks } = await import("../../app/benchmarks.server");
    const { progressFor } = await import("../../app/progress.server");
    const alta = readFileSync(path.join(ROOT, "prisma/demo/benchmarks-2019.csv"), "utf8").trim().split("\n");
    const row = alta.find((r) => r.startsWith("arc-alta-experience,"))!.replace("2019-03-27", "2019-07-20").replace(",45,110,1.2,", ",45,110,2.0,");
    expect((await importBenchmarks("late.csv", `${alta[0]}\n${row}\n`, "rces-2017")).ok).toBe(true);
    const nextProgress = await programProgress(next, "2019-07-20");
    expect(nextProgress.perCluster.find((c) => c.id === "arc-alta-experience")).toMatchObject({ before: "2019-03-27", after: "2019-07-20" });
    expect(JSON.parse(next.program.baseline).overall.score).toBe(51.1);
    const closedProgress = await progressFor(access, "2019-08-01");
    expect(closedProgress && "progress" in closedProgress && closedProgress.progress).toMatchObject({ asOf: "2019-07-20", comparison: { overall: { after: { score: 51.1 } } } });
  });
});
