import { readFile } from "node:fs/promises";
import path from "node:path";
import type { Viewer } from "../../app/auth/roles";
import { importBenchmarks } from "../../app/benchmarks.server";
import { labelCommand, recordLabel, sendLabelReminders } from "../../app/labels.server";
import { afterBenchmarkImport } from "../../app/progress.server";
import { publish } from "../../app/publications.server";
import { saveObservation } from "../../app/report.server";
import { programSeenBy } from "../../app/program-access.server";
import { db } from "../../app/db.server";
import { addCheckIn, addGoal, goalCommand, saveJointProject } from "../../app/goals.server";
import { advanceCycle, createProgram } from "../../app/programs.server";
import { assignTask, editWorkshop, taskCommand, workshopCommand, type WorkshopCommand, type WorkshopDetails } from "../../app/workshops.server";
import { IMPROVEMENT_AREAS } from "../../workflows/goal";

// The report's improvement program for the Arctic portfolio (section 4), played through the same
// domain functions people use, each step on its own date: Bronze labels from August 2017; the
// kickoff in Tromsø on 30-31 October 2017 (held), two sharing-and-learning forums in 2018; goals
// for the region and every cluster from the baseline, check-ins along the way, two joint projects;
// the 2019 benchmarking round (real but uneven progress), Tromsø Marine's Silver label, the
// reminders of the expiring Bronze labels, forum 4 in June 2019 and the review it opens.

const [SERVICES, VISIBILITY, STAFFING, COMPETENCE, INTEGRATION, FUNDING] = IMPROVEMENT_AREAS;
const coordinator: Viewer = { userId: "demo-coordinator", name: "Kari Koordinator", email: "coordinator@demo.rces", grants: [{ role: "coordinator", portfolio: "arctic", clusterId: null }] };
const manager: Viewer = { userId: "demo-manager", name: "Mats Manager", email: "manager@demo.rces", grants: [{ role: "clusterManager", portfolio: null, clusterId: "arc-tromso-marine" }] };
const admin: Viewer = { userId: "demo-admin", name: "Ada Admin", email: "admin@demo.rces", grants: [{ role: "admin", portfolio: null, clusterId: null }] };

/** Labels as ESCA awarded them: the Arctic Bronze labels of August 2017, Nordland's from earlier. */
const LABELS: Array<{ clusterId: string; interviewOn: string; by: Viewer }> = [
  { clusterId: "arc-tromso-marine", interviewOn: "2017-08-14", by: coordinator },
  { clusterId: "arc-alta-experience", interviewOn: "2017-08-16", by: coordinator },
  { clusterId: "arc-hammerfest-energy", interviewOn: "2017-08-21", by: coordinator },
  { clusterId: "arc-kirkenes-barents", interviewOn: "2017-08-23", by: coordinator },
  { clusterId: "arc-harstad-offshore", interviewOn: "2017-08-28", by: coordinator },
  { clusterId: "arc-vadso-food", interviewOn: "2017-08-30", by: coordinator },
  { clusterId: "ndl-bronnoysund-aqua", interviewOn: "2016-09-13", by: admin },
  { clusterId: "ndl-narvik-logistics", interviewOn: "2016-10-11", by: admin },
  { clusterId: "ndl-mosjoen-materials", interviewOn: "2016-11-29", by: admin },
  // Never renewed: lapsed after its grace year (valid to 2017-10-31, renewable to 2018-10-31).
  { clusterId: "ndl-morana-metal", interviewOn: "2015-10-20", by: admin },
];

function must<T extends { ok: boolean }>(what: string, outcome: T): T & { ok: true } {
  if (!outcome.ok) throw new Error(`demo program: ${what}: ${(outcome as unknown as { error: string }).error}`);
  return outcome as T & { ok: true };
}

const revisionOf = async (workflowId: string) => (await db().workflowInstance.findUniqueOrThrow({ where: { id: workflowId }, select: { revision: true } })).revision;
const taskRevision = async (taskId: number) => (await db().workshopTask.findUniqueOrThrow({ where: { id: taskId }, select: { revision: true } })).revision;
const detailsRevision = async (workshopId: string) => (await db().workshop.findUniqueOrThrow({ where: { id: workshopId }, select: { revision: true } })).revision;

type Goal = { scope: "region" | "cluster"; clusterId?: string; area: string; metric: string; target: number; due: string; baselineValue?: number; by?: Viewer; checkIns: Array<[string, number, string]> };

const GOALS: Array<Goal> = [
  // "Team of 1.6 FTE": the mean team is 0.8 FTE; 41 members need 1.6 for a green C1.
  { scope: "region", area: STAFFING, metric: "fact:fte", target: 1.6, due: "2019-06-30", checkIns: [["2018-03-01", 0.9, "two clusters share a communication officer"], ["2018-10-01", 1.1, "staff academy hires"], ["2019-03-01", 1.2, "county co-funding for two more half posts"]] },
  // The 2019 round adds its recomputed value (37.5): real progress, short of the target.
  { scope: "region", area: SERVICES, metric: "dimension:services", target: 50, due: "2019-06-30", checkIns: [["2018-10-01", 41.7, "self-assessment at forum 3"]] },
  // "4 of 6 clusters Silver by 2019": counted from the label data, no check-ins by hand.
  { scope: "region", area: FUNDING, metric: "labels:SILVER", target: 4, due: "2019-08-31", checkIns: [] },
  // Each cluster: a goal from its own benchmarking report, to the end of 2018 as the report advises.
  { scope: "cluster", clusterId: "arc-tromso-marine", area: STAFFING, metric: "indicator:C1", target: 2, due: "2018-12-31", by: manager, checkIns: [["2018-02-01", 1.18, "part-time event manager"], ["2018-09-01", 1.76, "second hire"], ["2018-12-01", 2.06, "third part-time post"]] },
  { scope: "cluster", clusterId: "arc-tromso-marine", area: VISIBILITY, metric: "indicator:D3", target: 2, due: "2018-12-31", by: manager, checkIns: [["2018-06-01", 1, "ocean data service"], ["2018-11-15", 2, "international matchmaking"]] },
  { scope: "cluster", clusterId: "arc-tromso-marine", area: SERVICES, metric: "indicator:A2", target: 10, due: "2018-12-31", by: manager, checkIns: [["2018-10-01", 8, "paid matchmaking"]] },
  { scope: "cluster", clusterId: "arc-alta-experience", area: COMPETENCE, metric: "indicator:C3", target: 5, due: "2018-12-31", checkIns: [["2018-06-01", 3, "two courses"], ["2018-12-15", 5.5, "staff academy modules 1-3"]] },
  { scope: "cluster", clusterId: "arc-hammerfest-energy", area: INTEGRATION, metric: "indicator:CO1", target: 4, due: "2018-12-31", checkIns: [["2018-05-01", 1, "first working group"], ["2018-11-01", 2, "subsea working group"]] },
  { scope: "cluster", clusterId: "arc-kirkenes-barents", area: FUNDING, metric: "indicator:SU1", target: 24, due: "2018-12-31", checkIns: [["2018-04-01", 12, "Interreg funding"], ["2018-12-01", 24, "three-year membership agreements"]] },
  { scope: "cluster", clusterId: "arc-harstad-offshore", area: STAFFING, metric: "indicator:C1", target: 2, due: "2018-12-31", checkIns: [["2018-08-01", 1.1, "no new funding yet"]] },
  { scope: "cluster", clusterId: "arc-vadso-food", area: SERVICES, metric: "indicator:A1", target: 5, due: "2018-12-31", checkIns: [["2018-03-01", 2, "branding service"], ["2018-11-01", 4, "funding advice and matchmaking"]] },
];

type Forum = { details: WorkshopDetails; scheduledOn: string; date: string; held?: { closedOn: string; waive?: string } };

const FORUMS: Array<Forum> = [
  {
    details: {
      title: "Forum 1: preparing the improvement program",
      place: "Tromsø",
      agenda: "The RCES and the overall goals for the portfolio up to 2019; the Arctic Cluster Forum's role; each cluster's own goals from its benchmarking report; two joint projects (30-31 October)",
      themes: "The RCES baseline; regional goals; each cluster's goals; the joint projects",
      speakers: "ESCA benchmarking expert; Innovation performance AS",
      startTime: "09:00",
      endTime: "15:30",
      days: 2,
    },
    scheduledOn: "2017-09-15",
    date: "2017-10-30",
    held: { closedOn: "2017-12-01" },
  },
  {
    details: {
      title: "Forum 2: sharing and learning",
      place: "Alta",
      agenda: "Best practices in member services and team staffing; working groups on the joint projects",
      themes: `${SERVICES}; ${STAFFING}. Regional topic: regional branding`,
      speakers: "A cluster manager of a Gold-labelled cluster",
      startTime: "10:00",
      endTime: "16:00",
      days: 1,
    },
    scheduledOn: "2017-12-15",
    date: "2018-03-14",
    held: { closedOn: "2018-04-20", waive: "The regional commitments were taken up at forum 3" },
  },
  {
    details: {
      title: "Forum 3: sharing and learning",
      place: "Hammerfest",
      agenda: "Visibility and internationalisation; the funding horizon; working groups on the joint projects",
      themes: `${VISIBILITY}; ${FUNDING}. Regional topic: the merged county's development plan`,
      speakers: "The county's regional development director",
      startTime: "10:00",
      endTime: "16:00",
      days: 1,
    },
    scheduledOn: "2018-06-01",
    date: "2018-10-17",
    held: { closedOn: "2018-11-30" },
  },
  {
    details: {
      title: "Forum 4: planning the next cycle",
      place: "Tromsø",
      agenda: "The new RCES against the baseline; each cluster's progress; the region's portfolio goals; a first draft of the 2019-2021 goals and schedule",
      themes: "The new RCES against the baseline; progress on every goal; the next cycle's goals and schedule",
      speakers: "",
      startTime: "10:00",
      endTime: "16:00",
      days: 1,
    },
    scheduledOn: "2018-12-01",
    date: "2019-06-04",
  },
];

export async function seedDemoProgram(): Promise<void> {
  for (const label of LABELS) {
    must(`label ${label.clusterId}`, await recordLabel(label.by, { clusterId: label.clusterId, level: "BRONZE", interviewOn: label.interviewOn, awardingBody: "ESCA", score: null }, "2017-08-31"));
  }
  const opened = must("open", await createProgram(coordinator, { portfolio: "arctic", name: "Arctic 2017-2019", startsOn: "2017-10-30", endsOn: "2019-08-31", baselineAsOf: "2017-09-01", catalogueId: "rces-2017" }));
  const programId = opened.id;
  const program = await db().program.findUniqueOrThrow({ where: { id: programId } });
  const workshops = await db().workshop.findMany({ where: { programId }, orderBy: { number: "asc" }, include: { tasks: { orderBy: { offsetDays: "asc" } } } });
  const step = async (index: number, command: WorkshopCommand, today: string) =>
    must(`forum ${index + 1} ${command.type}`, await workshopCommand(coordinator, workshops[index]!.id, command, await revisionOf(workshops[index]!.workflowId), today));

  for (const [index, forum] of FORUMS.entries()) {
    must(`forum ${index + 1} details`, await editWorkshop(coordinator, workshops[index]!.id, forum.details, await detailsRevision(workshops[index]!.id)));
    await step(index, { type: "SCHEDULE", date: forum.date, place: forum.details.place }, forum.scheduledOn);
  }
  must("start the kickoff", await advanceCycle(coordinator, programId, "START_KICKOFF", await revisionOf(program.cycleId), "2017-10-02"));

  // At the kickoff: the goals are set and agreed, the joint projects defined.
  const goalIds: Array<string> = [];
  for (const goal of GOALS) {
    const by = goal.by ?? coordinator;
    const created = must(`goal ${goal.metric}`, await addGoal(by, programId, { scope: goal.scope, clusterId: goal.clusterId, area: goal.area, metric: goal.metric, target: goal.target, dueDate: goal.due, baselineValue: goal.baselineValue }));
    const { workflowId } = await db().goal.findUniqueOrThrow({ where: { id: created.id }, select: { workflowId: true } });
    must(`agree ${goal.metric}`, await goalCommand(by, created.id, { type: "AGREE" }, await revisionOf(workflowId), "2017-10-31"));
    goalIds.push(created.id);
  }
  const all = (await db().assessment.findMany({ where: { assessedOn: { lte: "2017-09-01" }, cluster: { portfolios: { some: { portfolio: "arctic" } } } }, select: { clusterId: true }, distinct: ["clusterId"] })).map((a) => a.clusterId);
  must("project 1", await saveJointProject(coordinator, programId, { title: "Shared member service catalogue", areas: [SERVICES, VISIBILITY], clusters: all, funding: "Troms county regional development funds", status: "running" }));
  must("project 2", await saveJointProject(coordinator, programId, { title: "Arctic cluster staff academy", areas: [COMPETENCE, STAFFING], clusters: all.filter((c) => c !== "arc-harstad-offshore"), funding: "Innovation Norway, cluster development programme", status: "funded" }));
  must("complete the kickoff", await advanceCycle(coordinator, programId, "COMPLETE_KICKOFF", await revisionOf(program.cycleId), "2017-10-31"));

  // The forums held: preparation and follow-up done (or a follow-up waived), then closed.
  for (const [index, forum] of FORUMS.entries()) {
    if (!forum.held) continue;
    const tasks = workshops[index]!.tasks;
    for (const task of tasks.filter((t) => t.phase === "preparation")) must("preparation", await taskCommand(coordinator, task.id, { done: true }, await taskRevision(task.id)));
    await step(index, { type: "HOLD" }, forum.date);
    await step(index, { type: "START_FOLLOW_UP" }, forum.date);
    for (const [i, task] of tasks.filter((t) => t.phase === "followUp").entries()) {
      const waive = forum.held.waive && i === 2 ? { waive: forum.held.waive } : { done: true as const };
      must("follow-up", await taskCommand(coordinator, task.id, waive, await taskRevision(task.id)));
    }
    await step(index, { type: "CLOSE" }, forum.held.closedOn);
  }
  // Forum 4's preparation: the team's agenda is done; Tromsø Marine's progress report is assigned to it.
  const forum4 = workshops[3]!.tasks;
  const agenda = forum4.find((t) => t.audience === "team" && t.phase === "preparation")!.id;
  must("forum 4 agenda", await taskCommand(coordinator, agenda, { done: true }, await taskRevision(agenda)));
  const progress = forum4.find((t) => t.audience === "clusters" && t.phase === "preparation")!.id;
  must("assign", await assignTask(coordinator, progress, { clusterId: "arc-tromso-marine", assigneeId: null }, await taskRevision(progress)));

  for (const [index, goal] of GOALS.entries()) {
    for (const [date, value, comment] of goal.checkIns) must(`check-in ${goal.metric}`, await addCheckIn(goal.by ?? coordinator, goalIds[index]!, { value, date, comment }, date));
  }

  // Two Nordland labels renewed in their grace year, from the old expiry date.
  for (const clusterId of ["ndl-bronnoysund-aqua", "ndl-narvik-logistics"]) {
    const label = await db().clusterLabel.findFirstOrThrow({ where: { clusterId }, select: { id: true, workflowId: true } });
    must(`renew ${clusterId}`, await labelCommand(admin, label.id, { type: "RENEW", interviewOn: "2019-02-12" }, await revisionOf(label.workflowId), "2019-02-12"));
  }

  // The 2019 round, collected before forum 4: the cycle moves to benchmarking again, and goals on
  // scorecard metrics get their new values as check-ins.
  const round = await importBenchmarks("benchmarks-2019.csv", await readFile(path.resolve("prisma/demo/benchmarks-2019.csv"), "utf8"), program.catalogueId, { actorId: coordinator.userId });
  if (!round.ok) throw new Error(`demo program: the 2019 round: ${round.errors.join("; ")}`);
  await afterBenchmarkImport(round.importId, coordinator.userId);

  // Tromsø Marine: its second benchmarking (2019-03-12) falls in its Silver window (18 to 24 months after the
  // benchmarking of 2017-03-14 its Bronze label was awarded on), with three declared areas.
  const tromso = await db().clusterLabel.findFirstOrThrow({ where: { clusterId: "arc-tromso-marine" }, select: { id: true, workflowId: true } });
  must("Silver for Tromsø Marine", await labelCommand(coordinator, tromso.id, { type: "UPGRADE", level: "SILVER", interviewOn: "2019-05-20", score: null }, await revisionOf(tromso.workflowId), "2019-05-20"));
  // The reminders of the other Arctic labels (to 2019-08-31): 90 and 60 days ahead.
  for (const day of ["2019-06-02", "2019-07-02"]) await sendLabelReminders(day);

  // Forum 4 is held on 4 June 2019 and opens the review.
  for (const task of forum4.filter((t) => t.phase === "preparation")) {
    const by = task.audience === "clusters" ? manager : coordinator;
    const state = await db().workshopTask.findUniqueOrThrow({ where: { id: task.id }, select: { done: true } });
    if (!state.done) must("forum 4 preparation", await taskCommand(by, task.id, { done: true }, await taskRevision(task.id)));
  }
  await step(3, { type: "HOLD" }, "2019-06-04");
  await step(3, { type: "START_FOLLOW_UP" }, "2019-06-04");
  for (const task of forum4.filter((t) => t.phase === "followUp")) must("forum 4 follow-up", await taskCommand(coordinator, task.id, { done: true }, await taskRevision(task.id)));
  await step(3, { type: "CLOSE" }, "2019-07-15");
  must("start the review", await advanceCycle(coordinator, programId, "START_REVIEW", await revisionOf(program.cycleId), "2019-06-04"));
  // The coordinator publishes the new scorecard: policy makers and managers see the progress too.
  must("publish the 2019 scorecard", await publish(coordinator, "arctic", "2019-06-01"));
  for (const [dimension, text] of OBSERVATIONS) {
    must(`observation ${dimension}`, await saveObservation(coordinator, (await programSeenBy(coordinator, programId))!, dimension, text));
  }
}

/** The coordinator's observations for the review forum, per dimension. */
const OBSERVATIONS: Array<[string, string]> = [
  ["capacity", "Team capacity grew where clusters found co-funding (Tromsø Marine, Alta); the mean team is 1.3 FTE, still short of 2 per 50 members."],
  ["sustainability", "Three clusters secured a funding horizon of two years; the county's multi-year agreements made the difference."],
  ["services", "The shared service catalogue is in use, but paid services are still a small share of the budgets."],
];
