import type { Viewer } from "../../app/auth/roles";
import { db } from "../../app/db.server";
import { addCheckIn, addGoal, goalCommand, saveJointProject } from "../../app/goals.server";
import { advanceCycle, createProgram } from "../../app/programs.server";
import { assignTask, editWorkshop, taskCommand, workshopCommand, type WorkshopCommand } from "../../app/workshops.server";
import { IMPROVEMENT_AREAS } from "../../workflows/goal";

// The report's improvement program for the Arctic portfolio (section 4), played through the same
// domain functions people use, each step on its own date: the kickoff in Tromsø on 30-31 October
// 2017 (held), two sharing-and-learning forums in 2018, forum 4 planned for June 2019; goals for the
// region and every cluster from the baseline, check-ins along the way, two joint projects.

const [SERVICES, VISIBILITY, STAFFING, COMPETENCE, INTEGRATION, FUNDING] = IMPROVEMENT_AREAS;
const coordinator: Viewer = { userId: "demo-coordinator", name: "Kari Koordinator", email: "coordinator@demo.rces", grants: [{ role: "coordinator", portfolio: "arctic", clusterId: null }] };
const manager: Viewer = { userId: "demo-manager", name: "Mats Manager", email: "manager@demo.rces", grants: [{ role: "clusterManager", portfolio: null, clusterId: "arc-tromso-marine" }] };

function must<T extends { ok: boolean }>(what: string, outcome: T): T & { ok: true } {
  if (!outcome.ok) throw new Error(`demo program: ${what}: ${(outcome as unknown as { error: string }).error}`);
  return outcome as T & { ok: true };
}

const revisionOf = async (workflowId: string) => (await db().workflowInstance.findUniqueOrThrow({ where: { id: workflowId }, select: { revision: true } })).revision;

type Goal = { scope: "region" | "cluster"; clusterId?: string; area: string; metric: string; target: number; due: string; baselineValue?: number; by?: Viewer; checkIns: Array<[string, number, string]> };

const GOALS: Array<Goal> = [
  // "Team of 1.6 FTE": the mean team is 0.8 FTE; 41 members need 1.6 for a green C1.
  { scope: "region", area: STAFFING, metric: "fact:fte", target: 1.6, due: "2019-06-30", checkIns: [["2018-03-01", 0.9, "two clusters share a communication officer"], ["2018-10-01", 1.1, "staff academy hires"], ["2019-03-01", 1.2, "county co-funding for two more half posts"]] },
  { scope: "region", area: SERVICES, metric: "dimension:services", target: 50, due: "2019-06-30", checkIns: [["2018-10-01", 41.7, "self-assessment at forum 3"], ["2019-05-01", 50, "member service catalogue in use"]] },
  // "4 of 6 clusters Silver by 2019": counted from the label data, no check-ins by hand.
  { scope: "region", area: FUNDING, metric: "labels:SILVER", target: 4, due: "2019-08-31", checkIns: [] },
  // Each cluster: a goal from its own benchmarking report, to the end of 2018 as the report advises.
  { scope: "cluster", clusterId: "arc-tromso-marine", area: STAFFING, metric: "indicator:C1", target: 2, due: "2018-12-31", by: manager, checkIns: [["2018-02-01", 1.18, "part-time event manager"], ["2018-09-01", 1.76, "second hire"], ["2018-12-01", 2.06, "third part-time post"]] },
  { scope: "cluster", clusterId: "arc-alta-experience", area: COMPETENCE, metric: "indicator:C3", target: 5, due: "2018-12-31", checkIns: [["2018-06-01", 3, "two courses"], ["2018-12-15", 5.5, "staff academy modules 1-3"]] },
  { scope: "cluster", clusterId: "arc-hammerfest-energy", area: INTEGRATION, metric: "indicator:CO1", target: 4, due: "2018-12-31", checkIns: [["2018-05-01", 1, "first working group"], ["2018-11-01", 2, "subsea working group"]] },
  { scope: "cluster", clusterId: "arc-kirkenes-barents", area: FUNDING, metric: "indicator:SU1", target: 24, due: "2018-12-31", checkIns: [["2018-04-01", 12, "Interreg funding"], ["2018-12-01", 24, "three-year membership agreements"]] },
  { scope: "cluster", clusterId: "arc-harstad-offshore", area: STAFFING, metric: "indicator:C1", target: 2, due: "2018-12-31", checkIns: [["2018-08-01", 1.1, "no new funding yet"]] },
  { scope: "cluster", clusterId: "arc-vadso-food", area: SERVICES, metric: "indicator:A1", target: 5, due: "2018-12-31", checkIns: [["2018-03-01", 2, "branding service"], ["2018-11-01", 4, "funding advice and matchmaking"]] },
];

type Forum = { details: { title: string; place: string; agenda: string; themes: string; speakers: string }; scheduledOn: string; date: string; held?: { closedOn: string; waive?: string } };

const FORUMS: Array<Forum> = [
  {
    details: {
      title: "Forum 1: preparing the improvement program",
      place: "Tromsø",
      agenda: "The RCES and the overall goals for the portfolio up to 2019; the Arctic Cluster Forum's role; each cluster's own goals from its benchmarking report; two joint projects (30-31 October)",
      themes: "The RCES baseline; regional goals; each cluster's goals; the joint projects",
      speakers: "ESCA benchmarking expert; Innovation performance AS",
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
    },
    scheduledOn: "2018-12-01",
    date: "2019-06-04",
  },
];

export async function seedDemoProgram(): Promise<void> {
  const opened = must("open", await createProgram(coordinator, { portfolio: "arctic", name: "Arctic 2017-2019", startsOn: "2017-10-30", endsOn: "2019-08-31", baselineAsOf: "2017-09-01", catalogueId: "rces-2017" }));
  const programId = opened.id;
  const program = await db().program.findUniqueOrThrow({ where: { id: programId } });
  const workshops = await db().workshop.findMany({ where: { programId }, orderBy: { number: "asc" }, include: { tasks: { orderBy: { offsetDays: "asc" } } } });
  const step = async (index: number, command: WorkshopCommand, today: string) =>
    must(`forum ${index + 1} ${command.type}`, await workshopCommand(coordinator, workshops[index]!.id, command, await revisionOf(workshops[index]!.workflowId), today));

  for (const [index, forum] of FORUMS.entries()) {
    must(`forum ${index + 1} details`, await editWorkshop(coordinator, workshops[index]!.id, forum.details));
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
    for (const task of tasks.filter((t) => t.phase === "preparation")) must("preparation", await taskCommand(coordinator, task.id, { done: true }));
    await step(index, { type: "HOLD" }, forum.date);
    await step(index, { type: "START_FOLLOW_UP" }, forum.date);
    for (const [i, task] of tasks.filter((t) => t.phase === "followUp").entries()) {
      const waive = forum.held.waive && i === 2 ? { waive: forum.held.waive } : { done: true as const };
      must("follow-up", await taskCommand(coordinator, task.id, waive));
    }
    await step(index, { type: "CLOSE" }, forum.held.closedOn);
  }
  // Forum 4's preparation: the team's agenda is done; Tromsø Marine's progress report is assigned to it.
  const forum4 = workshops[3]!.tasks;
  must("forum 4 agenda", await taskCommand(coordinator, forum4.find((t) => t.audience === "team" && t.phase === "preparation")!.id, { done: true }));
  must("assign", await assignTask(coordinator, forum4.find((t) => t.audience === "clusters" && t.phase === "preparation")!.id, { clusterId: "arc-tromso-marine", assigneeId: null }));

  for (const [index, goal] of GOALS.entries()) {
    for (const [date, value, comment] of goal.checkIns) must(`check-in ${goal.metric}`, await addCheckIn(goal.by ?? coordinator, goalIds[index]!, { value, date, comment }, date));
  }
}
