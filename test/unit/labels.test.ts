import { execFile, execFileSync } from "node:child_process";
import path from "node:path";
import ICAL from "ical.js";
import { afterAll, describe, expect, it } from "vitest";
import { useFreshDatabase } from "./db";
import { ROOT } from "./fixtures";

// Labels on the seeded demo users and clusters (without the demo program): recording, renewing,
// upgrading, the renewals monitor as of chosen days, and reminders sent once.
useFreshDatabase();
execFileSync(path.join(ROOT, "node_modules/.bin/tsx"), ["prisma/seed.ts"], { cwd: ROOT, env: { ...process.env, RCES_DEMO_PROGRAM: "0" }, stdio: "pipe" });
const { clustersHoldingAtLeast, labelCommand, recordLabel, renewalsMonitor, sendLabelReminders, storeLabelRules } = await import("../../app/labels.server");
const { unreadCount, inboxOf, markRead } = await import("../../app/inbox.server");
const { createProgram } = await import("../../app/programs.server");
const { addGoal, goalCommand } = await import("../../app/goals.server");
const { importBenchmarks } = await import("../../app/benchmarks.server");
const { db, disconnectDb } = await import("../../app/db.server");
afterAll(() => disconnectDb());

const coordinator = { userId: "demo-coordinator", name: "Kari", email: "coordinator@demo.rces", grants: [{ role: "coordinator" as const, portfolio: "arctic", clusterId: null }] };
const manager = { userId: "demo-manager", name: "Mats", email: "manager@demo.rces", grants: [{ role: "clusterManager" as const, portfolio: null, clusterId: "arc-tromso-marine" }] };
const policy = { userId: "demo-policy", name: "Pia", email: "policy@demo.rces", grants: [{ role: "policyMaker" as const, portfolio: "arctic", clusterId: null }] };
const bronze = (clusterId: string, interviewOn: string) => ({ clusterId, level: "BRONZE" as const, interviewOn, awardingBody: "ESCA", score: null });
const revision = async (labelId: string) => {
  const { workflowId } = await db().clusterLabel.findUniqueOrThrow({ where: { id: labelId }, select: { workflowId: true } });
  return (await db().workflowInstance.findUniqueOrThrow({ where: { id: workflowId }, select: { revision: true } })).revision;
};

describe("label rules", () => {
  it("are stored once by id and never changed", async () => {
    const stored = await db().labelRuleSet.findUniqueOrThrow({ where: { id: "esca-2017" }, select: { definition: true } });
    expect(JSON.parse(stored.definition)).toMatchObject({ validityMonths: 24, graceMonths: 12, reminderDays: [90, 60, 30, 0], silverWindowMonths: { from: 18, to: 24 }, goldMinScorePct: 80 });
    const changed = { ...JSON.parse(stored.definition), graceMonths: 6 };
    expect(await storeLabelRules(JSON.stringify(changed))).toMatchObject({ ok: false, errors: [expect.stringContaining("give the revision a new id")] });
    expect(await storeLabelRules(JSON.stringify({ ...changed, id: "bad", silverWindowMonths: { from: 24, to: 18 } }))).toEqual({ ok: false, errors: ["silverWindowMonths: from must not be after to"] });
  });
});

describe("recording labels", () => {
  it("is for the coordinators of the cluster's portfolios; a cluster holds one living label at a time", async () => {
    expect(await recordLabel(policy, bronze("arc-tromso-marine", "2017-08-15"), "2017-08-20")).toMatchObject({ ok: false, status: 403 });
    expect(await recordLabel(manager, bronze("arc-tromso-marine", "2017-08-15"), "2017-08-31")).toMatchObject({ ok: false, status: 403 });
    expect(await recordLabel(coordinator, bronze("ndl-bodo-digital", "2017-08-15"), "2017-08-31")).toMatchObject({ ok: false, status: 403 });
    expect((await recordLabel(coordinator, bronze("arc-tromso-marine", "2017-08-15"), "2017-08-31")).ok).toBe(true);
    expect(await recordLabel(coordinator, bronze("arc-tromso-marine", "2018-01-10"), "2018-01-10")).toEqual({ ok: false, status: 409, error: "The cluster holds a Bronze label valid to 2019-08-31 on that day: renew or upgrade it instead." });
    expect(await recordLabel(coordinator, { ...bronze("arc-alta-experience", "2017-08-20"), level: "GOLD", score: 79 }, "2017-08-31")).toMatchObject({ ok: false, status: 422 });
    expect(await recordLabel(coordinator, { ...bronze("arc-alta-experience", "2017-08-20"), score: 95 }, "2017-08-31")).toEqual({ ok: false, status: 422, error: "A score is recorded for a Gold label only (the external assessment's)." });
    // Back-dated before Tromsø's Bronze: it would make two living labels.
    expect(await recordLabel(coordinator, { ...bronze("arc-tromso-marine", "2017-08-01"), level: "GOLD", score: 85 }, "2017-08-31")).toEqual({ ok: false, status: 409, error: "The cluster has a label from 2017-08-15: a new label is recorded after the latest one." });
    expect((await recordLabel(coordinator, bronze("arc-alta-experience", "2017-08-20"), "2017-08-31")).ok).toBe(true);
    // Bronze is awarded after a benchmarking: Harstad's latest (2017-06-08) is more than the 24 months of a label before a 2020 interview.
    expect(await recordLabel(coordinator, bronze("arc-harstad-offshore", "2020-01-15"), "2020-01-20")).toEqual({
      ok: false,
      status: 422,
      error: "Bronze is awarded after a benchmarking: the cluster's latest by the interview is of 2017-06-08, more than 24 months before it. Import the benchmarking the label was awarded on first.",
    });
    // Kirkenes: a Bronze of 2015, lapsed after its grace year (valid to 2017-10-31, renewable to 2018-10-31).
    expect((await recordLabel(coordinator, bronze("arc-kirkenes-barents", "2015-10-05"), "2017-08-31")).ok).toBe(true);
    // A Bronze label rests on the cluster's latest benchmarking by its interview: Tromsø's of 2017-03-14; Kirkenes has none by 2015.
    const anchors = await db().clusterLabel.findMany({ select: { clusterId: true, benchmarkedOn: true }, orderBy: { clusterId: "asc" } });
    expect(anchors).toEqual([
      { clusterId: "arc-alta-experience", benchmarkedOn: "2017-04-05" },
      { clusterId: "arc-kirkenes-barents", benchmarkedOn: null },
      { clusterId: "arc-tromso-marine", benchmarkedOn: "2017-03-14" },
    ]);
  });
});

describe("the renewals monitor", () => {
  it("shows each label's state as of the day asked, and who expires within 90 and 180 days", async () => {
    expect(await renewalsMonitor(manager, "arctic", "2019-06-02")).toBeNull();
    const june1 = (await renewalsMonitor(policy, "arctic", "2019-06-01"))!;
    expect(june1.expiringWithin90.map((l) => l.clusterId)).toEqual([]); // 91 days left for Tromsø
    expect(june1.expiringWithin180.map((l) => l.clusterId)).toEqual(["arc-alta-experience", "arc-tromso-marine"]);
    const june2 = (await renewalsMonitor(policy, "arctic", "2019-06-02"))!;
    expect(june2.expiringWithin90.map((l) => [l.clusterId, l.validUntil, l.status])).toEqual([
      ["arc-alta-experience", "2019-08-31", "expiringSoon"],
      ["arc-tromso-marine", "2019-08-31", "expiringSoon"],
    ]);
    expect(june2.counts).toEqual({ valid: 0, expiringSoon: 2, inGrace: 0, lapsed: 1 });
    expect(june2.lapsed.map((l) => [l.clusterId, l.graceEnd])).toEqual([["arc-kirkenes-barents", "2018-10-31"]]);
    // The Silver window counts from the benchmarking each Bronze label was awarded on: both closed by June.
    expect(june2.inSilverWindow).toEqual([]);
    const march = (await renewalsMonitor(policy, "arctic", "2019-03-14"))!;
    expect(march.inSilverWindow.map((l) => [l.clusterId, l.silverWindow])).toEqual([
      ["arc-alta-experience", { from: "2018-10-05", to: "2019-04-05", after: "2017-04-05" }],
      ["arc-tromso-marine", { from: "2018-09-14", to: "2019-03-14", after: "2017-03-14" }],
    ]);
    expect((await renewalsMonitor(policy, "arctic", "2019-03-15"))!.inSilverWindow.map((l) => l.clusterId)).toEqual(["arc-alta-experience"]);
    expect(june2.unlabelled.map((c) => c.id)).toEqual(["arc-hammerfest-energy", "arc-harstad-offshore", "arc-vadso-food"]);
    const before = (await renewalsMonitor(policy, "arctic", "2017-08-16"))!;
    expect(before.labels.map((l) => l.clusterId)).toEqual(["arc-kirkenes-barents", "arc-tromso-marine"]); // Alta's came four days later
  });
});

describe("calendar feeds", () => {
  it("carry the expiry dates of the labels a person follows", async () => {
    const { calendarFeed, newPersonalCalendarToken } = await import("../../app/calendar.server");
    const calendar = new ICAL.Component(ICAL.parse((await calendarFeed(await newPersonalCalendarToken(manager), "2019-06-02"))!));
    const events = calendar.getAllSubcomponents("vevent").map((e) => new ICAL.Event(e));
    // Mats manages Tromsø Marine only: its Bronze label, not Alta's; Kirkenes's lapsed one is in nobody's feed.
    expect(events.map((e) => [e.summary, e.startDate.toString()])).toEqual([["Label expires: Tromsø Marine Tech Cluster (Bronze)", "2019-08-31"]]);
    const policyFeed = (await calendarFeed(await newPersonalCalendarToken(policy), "2019-06-02"))!;
    expect(policyFeed).toContain("SUMMARY:Label expires: Alta Arctic Experience Cluster (Bronze)");
    expect(policyFeed).not.toContain("Kirkenes");
  });
});

describe("reminders", () => {
  it("go to the cluster's managers, the coordinators and the policy makers, each once, also when the job runs twice at once", async () => {
    // Alta and Tromsø (Bronze to 2019-08-31): the 90-day reminders on 2019-06-02.
    expect(await sendLabelReminders("2019-06-01")).toBe(0);
    const mailed: Array<string> = [];
    // A day gone by (as the demo plays 2019) reaches the inbox dated that day, but mails nobody.
    expect(await sendLabelReminders("2019-06-02", { mail: async (to, subject) => mailed.push(`${to}: ${subject}`) })).toBe(2);
    expect(mailed).toEqual([]);
    expect((await inboxOf("demo-manager")).map((m) => [m.title, m.createdAt.toISOString().slice(0, 10)])).toEqual([["Label expires in 90 days: Tromsø Marine Tech Cluster", "2019-06-02"]]);
    expect(await sendLabelReminders("2019-06-02")).toBe(0);
    const twice = await Promise.all([sendLabelReminders("2019-07-02"), sendLabelReminders("2019-07-02")]);
    expect(twice[0] + twice[1]).toBe(2);
    expect((await inboxOf("demo-manager")).map((m) => m.title)).toEqual(["Label expires in 60 days: Tromsø Marine Tech Cluster", "Label expires in 90 days: Tromsø Marine Tech Cluster"]);
    // and Kirkenes's 90-day reminder, sent when its label (to 2017-10-31) was recorded on 2017-08-31
    expect((await inboxOf("demo-policy")).map((m) => m.title).at(-1)).toBe("Label expires in 90 days: Kirkenes Barents Logistics Cluster");
    expect(await unreadCount("demo-policy")).toBe(5);
    // The 30-day and the at-expiry reminders came due while the job was off: one message each, the
    // most urgent, and once even with two servers running the job at once (two processes, one database).
    const job = () =>
      new Promise<number>((resolve, reject) =>
        execFile(path.join(ROOT, "node_modules/.bin/tsx"), ["test/unit/send-reminders.ts", "2019-09-01"], { cwd: ROOT, env: process.env }, (error, stdout) => (error ? reject(error) : resolve(Number(stdout)))),
      );
    const servers = await Promise.all([job(), job()]);
    expect(servers[0] + servers[1]).toBe(2);
    expect(await sendLabelReminders("2019-09-01")).toBe(0);
    expect((await inboxOf("demo-manager")).map((m) => m.title)).toEqual([
      "Label expired: Tromsø Marine Tech Cluster",
      "Label expires in 60 days: Tromsø Marine Tech Cluster",
      "Label expires in 90 days: Tromsø Marine Tech Cluster",
    ]);
    expect(await db().labelReminder.count()).toBe(9);
    const [first] = await inboxOf("demo-manager");
    expect(await markRead("demo-coordinator", first!.id)).toBe(false); // another person's message
    expect(await markRead("demo-manager", first!.id)).toBe(true);
    expect(await unreadCount("demo-manager")).toBe(2);
  });
});

describe("renewals and upgrades", () => {
  it("renew in grace from the old expiry, exactly as of each day; refuse after the grace year", async () => {
    const alta = (await renewalsMonitor(coordinator, "arctic", "2019-06-02"))!.labels.find((l) => l.clusterId === "arc-alta-experience")!;
    const unreadAboutAlta = () => db().notification.count({ where: { userId: "demo-policy", subject: `label:${alta.id}`, readAt: null } });
    expect(await unreadAboutAlta()).toBeGreaterThan(0);
    expect(await labelCommand(coordinator, alta.id, { type: "RENEW", interviewOn: "2020-02-20" }, await revision(alta.id), "2020-02-21")).toEqual({ ok: true });
    // Renewed, its reminders are settled: they no longer count as unread.
    expect(await unreadAboutAlta()).toBe(0);
    expect((await renewalsMonitor(policy, "arctic", "2019-12-01"))!.labels.find((l) => l.id === alta.id)).toMatchObject({ status: "inGrace", validUntil: "2019-08-31", graceEnd: "2020-08-31" });
    expect((await renewalsMonitor(policy, "arctic", "2020-02-21"))!.labels.find((l) => l.id === alta.id)).toMatchObject({ status: "valid", validUntil: "2021-08-31" });
    const kirkenes = (await renewalsMonitor(coordinator, "arctic", "2019-06-02"))!.lapsed[0]!;
    expect(await labelCommand(coordinator, kirkenes.id, { type: "RENEW", interviewOn: "2018-11-05" }, await revision(kirkenes.id), "2018-11-06")).toEqual({
      ok: false,
      status: 409,
      error: "This label lapsed after 2018-10-31: record a new label from its own interview date.",
    });
    expect(await labelCommand(policy, alta.id, { type: "RENEW", interviewOn: "2020-02-20" }, 0, "2020-02-21")).toMatchObject({ ok: false, status: 403 });
    // Renewed to 2021-08-31: another renewal right away would stack validity.
    expect(await labelCommand(coordinator, alta.id, { type: "RENEW", interviewOn: "2020-02-22" }, await revision(alta.id), "2020-02-22")).toEqual({
      ok: false,
      status: 409,
      error: "Not possible: A renewal interview counts from 2021-06-02 (90 days before the expiry on 2021-08-31).",
    });
  });

  it("upgrade to Silver only with a second benchmarking in the window and three declared improvement areas", async () => {
    const tromso = (await renewalsMonitor(coordinator, "arctic", "2019-06-02"))!.labels.find((l) => l.clusterId === "arc-tromso-marine")!;
    const refused = await labelCommand(coordinator, tromso.id, { type: "UPGRADE", level: "SILVER", interviewOn: "2019-05-20", score: null }, await revision(tromso.id), "2019-05-21");
    expect(refused).toEqual({
      ok: false,
      status: 409,
      error:
        "Not possible: Silver needs a second benchmarking from 2018-09-14 to 2019-03-14 (18 to 24 months after the Bronze one of 2017-03-14); the cluster has none since. Silver needs 3 declared improvement areas; the cluster has 0.",
    });
    expect((await importBenchmarks("2019.csv", "cluster,name,portfolios,assessed_on,S1\narc-tromso-marine,Tromsø Marine Tech Cluster,arctic;norway,2019-03-12,90\n", "rces-2017")).ok).toBe(true);
    // Recorded straight as Silver (no Bronze to upgrade), the same evidence is asked for: Hammerfest has one benchmarking.
    expect(await recordLabel(coordinator, { ...bronze("arc-hammerfest-energy", "2019-05-20"), level: "SILVER" }, "2019-05-21")).toEqual({
      ok: false,
      status: 422,
      error: "Not possible: Silver needs two benchmarkings 18 to 24 months apart by the interview on 2019-05-20; the cluster has 2017-04-26. Silver needs 3 declared improvement areas; the cluster has 0.",
    });
    const program = await createProgram(coordinator, { portfolio: "arctic", name: "Arctic 2017-2019", startsOn: "2017-10-30", baselineAsOf: "2017-09-01", catalogueId: "rces-2017" });
    const programId = program.ok ? program.id : "";
    // It runs to the earliest label expiry a year or more ahead (Kirkenes's, on 2017-10-31, is too near).
    expect((await db().program.findUniqueOrThrow({ where: { id: programId }, select: { endsOn: true } })).endsOn).toBe("2019-08-31");
    const areas = ["Staffing and funding relative to members", "Visibility, branding, communication, internationalisation", "Member services volume and pricing"];
    for (const [i, metric] of ["indicator:C1", "indicator:D3", "indicator:A2"].entries()) {
      const goal = await addGoal(manager, programId, { scope: "cluster", clusterId: "arc-tromso-marine", area: areas[i]!, metric, target: 30, dueDate: "2019-06-30" });
      expect(goal).toMatchObject({ ok: true });
      const { workflowId } = await db().goal.findUniqueOrThrow({ where: { id: goal.ok ? goal.id : "" }, select: { workflowId: true } });
      const { revision: r } = await db().workflowInstance.findUniqueOrThrow({ where: { id: workflowId }, select: { revision: true } });
      expect(await goalCommand(manager, goal.ok ? goal.id : "", { type: "AGREE" }, r, "2017-11-01")).toEqual({ ok: true });
    }
    // The evidence is what there was by the interview: on 2019-03-01 the benchmarking of 2019-03-12 was still to come.
    expect(await labelCommand(coordinator, tromso.id, { type: "UPGRADE", level: "SILVER", interviewOn: "2019-03-01", score: null }, await revision(tromso.id), "2019-05-21")).toMatchObject({
      ok: false,
      status: 409,
      error: expect.stringContaining("the cluster has none since."),
    });
    expect(await labelCommand(coordinator, tromso.id, { type: "UPGRADE", level: "SILVER", interviewOn: "2019-05-20", score: 90 }, await revision(tromso.id), "2019-05-21")).toEqual({ ok: false, status: 422, error: "A score is recorded for a Gold label only (the external assessment's)." });
    expect(await labelCommand(coordinator, tromso.id, { type: "UPGRADE", level: "SILVER", interviewOn: "2019-05-20", score: null }, await revision(tromso.id), "2019-05-21")).toEqual({ ok: true });
    const after = (await renewalsMonitor(policy, "arctic", "2019-06-02"))!.labels.find((l) => l.id === tromso.id)!;
    expect(after).toMatchObject({ level: "SILVER", validUntil: "2021-05-31", status: "valid", silverWindow: null });
    // As of the day before the Silver interview it was still the Bronze label.
    expect((await renewalsMonitor(policy, "arctic", "2019-05-19"))!.labels.find((l) => l.id === tromso.id)).toMatchObject({ level: "BRONZE", validUntil: "2019-08-31" });
    expect(await clustersHoldingAtLeast(["arc-tromso-marine", "arc-alta-experience", "arc-kirkenes-barents"], "SILVER", "2019-06-02")).toBe(1);
    expect(await clustersHoldingAtLeast(["arc-tromso-marine", "arc-alta-experience", "arc-kirkenes-barents"], "BRONZE", "2019-06-02")).toBe(2);
  });
});

