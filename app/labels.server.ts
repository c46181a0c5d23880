import { randomUUID } from "node:crypto";
import { differenceInCalendarDays, parseISO } from "date-fns";
import { initialTransition, transition, type SnapshotFrom } from "xstate";
import { audit } from "./audit.server";
import { isAdmin, labelPortfolios, mayActForCluster, maySeePortfolioLabels, type Viewer } from "./auth/roles";
import { db } from "./db.server";
import { levelWord } from "./labels/words";
import { sendMail } from "./mail.server";
import { addMonthsIso, todayIso } from "./scorecard/dates";
import { machineRules, parseLabelRules, type LabelRuleSet } from "./labels/label-rules";
import { createWorkflow, loadWorkflow, sendEvent } from "./workflows.server";
import { graceEnd, labelMachine, LABEL_LEVELS, lastInterview, remindersDue, renewalBlocker, silverAwardBlockers, silverWindow, upgradeBlockers, type LabelEvent, type LabelLevel, type LabelStatus, type UpgradeFacts } from "../workflows/label";

// Quality labels of clusters: recorded, renewed and upgraded through the label machine. A label's
// state on any day is computed by replaying its events up to that day and a TICK with it, so an
// "as of 2019-06-01" view is exact. ESCA publishes labels, so they are not confidential.

export const DEFAULT_LABEL_RULES_ID = "esca-2017";
const rulesCache = new Map<string, LabelRuleSet>();

export async function storeLabelRules(text: string): Promise<{ ok: true; id: string; created: boolean } | { ok: false; errors: Array<string> }> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, errors: [`not JSON: ${(error as Error).message}`] };
  }
  const parsed = parseLabelRules(json);
  if (!parsed.ok) return parsed;
  const definition = JSON.stringify(parsed.rules);
  const existing = await db().labelRuleSet.findUnique({ where: { id: parsed.rules.id }, select: { definition: true } });
  if (existing) {
    if (existing.definition === definition) return { ok: true, id: parsed.rules.id, created: false };
    return { ok: false, errors: [`label rules ${parsed.rules.id} are already stored with a different definition; give the revision a new id`] };
  }
  await db().labelRuleSet.create({ data: { id: parsed.rules.id, title: parsed.rules.title, definition } });
  return { ok: true, id: parsed.rules.id, created: true };
}

export async function listLabelRules(): Promise<Array<LabelRuleSet>> {
  const rows = await db().labelRuleSet.findMany({ select: { id: true }, orderBy: { id: "asc" } });
  return (await Promise.all(rows.map((r) => getLabelRules(r.id)))).filter((r): r is LabelRuleSet => r !== null);
}

export async function getLabelRules(id: string): Promise<LabelRuleSet | null> {
  const cached = rulesCache.get(id);
  if (cached) return cached;
  const row = await db().labelRuleSet.findUnique({ where: { id }, select: { definition: true } });
  if (!row) return null;
  const parsed = parseLabelRules(JSON.parse(row.definition));
  if (!parsed.ok) throw new Error(`stored label rules ${id} no longer validate: ${parsed.errors.join("; ")}`);
  rulesCache.set(id, parsed.rules);
  return parsed.rules;
}

type Outcome<T = object> = ({ ok: true } & T) | { ok: false; status: 403 | 404 | 409 | 422; error: string };

const portfoliosOf = async (clusterId: string) =>
  (await db().clusterPortfolio.findMany({ where: { clusterId }, select: { portfolio: true } })).map((p) => p.portfolio);

export type LabelInput = { clusterId: string; level: LabelLevel; interviewOn: string; awardingBody: string; score: number | null };

/** Records a label as awarded. A cluster holds one living label at a time: renew or upgrade it instead. */
export async function recordLabel(actor: Viewer, input: LabelInput, today: string, rulesId = DEFAULT_LABEL_RULES_ID): Promise<Outcome<{ id: string }>> {
  const cluster = await db().cluster.findUnique({ where: { id: input.clusterId }, select: { id: true } });
  if (!cluster) return { ok: false, status: 404, error: `No cluster ${input.clusterId}.` };
  if (!mayActForCluster(actor, await portfoliosOf(input.clusterId))) return { ok: false, status: 403, error: "Only the coordinators of the cluster's portfolios and administrators record its labels." };
  const rules = await getLabelRules(rulesId);
  if (!rules) return { ok: false, status: 422, error: `No label rules ${rulesId} are stored.` };
  if (input.interviewOn > today) return { ok: false, status: 422, error: `The interview date ${input.interviewOn} is after today: record a label once it is awarded.` };
  if (input.level !== "GOLD" && input.score !== null) return { ok: false, status: 422, error: "A score is recorded for a Gold label only (the external assessment's)." };
  if (input.level === "GOLD" && (input.score === null || input.score < rules.goldMinScorePct)) {
    return { ok: false, status: 422, error: `Gold needs an assessed score of at least ${rules.goldMinScorePct} %.` };
  }
  if (input.level === "SILVER") {
    const facts = await upgradeFacts(input.clusterId, null, input.interviewOn, null);
    const blockers = silverAwardBlockers(facts.benchmarkingsSince, facts.improvementAreas, input.interviewOn, rules);
    if (blockers.length) return { ok: false, status: 422, error: `Not possible: ${blockers.join(" ")}` };
  }
  const benchmarkedOn = input.level === "BRONZE" ? await benchmarkingBy(input.clusterId, input.interviewOn) : null;
  // Bronze is awarded after a benchmarking: one older than a label's validity cannot be it (its Silver window would be long past).
  if (benchmarkedOn && benchmarkedOn < addMonthsIso(input.interviewOn, -rules.validityMonths)) {
    return { ok: false, status: 422, error: `Bronze is awarded after a benchmarking: the cluster's latest by the interview is of ${benchmarkedOn}, more than ${rules.validityMonths} months before it. Import the benchmarking the label was awarded on first.` };
  }
  // The record runs forward: a new label comes after every earlier one, and none may be living then.
  const later = await db().clusterLabel.findFirst({ where: { clusterId: input.clusterId, interviewOn: { gte: input.interviewOn } }, select: { interviewOn: true } });
  if (later) return { ok: false, status: 409, error: `The cluster has a label from ${later.interviewOn}: a new label is recorded after the latest one.` };
  const living = (await labelsOfClusters([input.clusterId], input.interviewOn)).find((l) => l.status !== "lapsed");
  if (living) return { ok: false, status: 409, error: `The cluster holds a ${levelWord(living.level)} label valid to ${living.validUntil} on that day: renew or upgrade it instead.` };
  const id = randomUUID();
  const written = await db().$transaction(async (tx) => {
    // Again where it is written: of two people recording at once, the second is told.
    if ((await tx.clusterLabel.count({ where: { clusterId: input.clusterId, interviewOn: { gte: input.interviewOn } } })) > 0) return false;
    const workflowId = await createWorkflow("label", { input: { level: input.level, interviewOn: input.interviewOn, benchmarkedOn, score: input.score, rules: machineRules(rules) }, actorId: actor.userId, tx });
    await tx.clusterLabel.create({ data: { id, ...input, benchmarkedOn, ruleSetId: rules.id, workflowId, recordedById: actor.userId } });
    await audit(tx, { actorId: actor.userId, action: "label.record", subject: `cluster ${input.clusterId}`, after: input });
    return true;
  });
  if (!written) return { ok: false, status: 409, error: "Someone recorded a label for this cluster meanwhile: reload the page." };
  // A label recorded close to its expiry has reminders due at once (the job would send them within the hour).
  await sendLabelReminders(today, { labelIds: [id] });
  return { ok: true, id };
}

/** The benchmarking a Bronze label is awarded on: the cluster's latest one by the interview (null: none stored). */
async function benchmarkingBy(clusterId: string, interviewOn: string): Promise<string | null> {
  const latest = await db().assessment.findFirst({ where: { clusterId, assessedOn: { lte: interviewOn } }, orderBy: { assessedOn: "desc" }, select: { assessedOn: true } });
  return latest?.assessedOn ?? null;
}

/**
 * What an upgrade is judged on: the cluster's benchmarkings since its Bronze one (all of them for
 * null) up to the interview (a later one was not there to be judged), its declared improvement areas.
 */
async function upgradeFacts(clusterId: string, since: string | null, interviewOn: string, score: number | null): Promise<UpgradeFacts> {
  const benchmarkings = await db().assessment.findMany({ where: { clusterId, assessedOn: { gt: since ?? "", lte: interviewOn } }, select: { assessedOn: true }, orderBy: { assessedOn: "asc" }, distinct: ["assessedOn"] });
  const goals = await db().goal.findMany({ where: { clusterId, scope: "cluster" }, select: { area: true, workflowId: true } });
  const declared = await db().workflowInstance.findMany({ where: { id: { in: goals.map((g) => g.workflowId) }, state: { in: ["agreed", "achieved"] } }, select: { id: true } });
  const ids = new Set(declared.map((d) => d.id));
  return {
    benchmarkingsSince: benchmarkings.map((b) => b.assessedOn),
    improvementAreas: new Set(goals.filter((g) => ids.has(g.workflowId)).map((g) => g.area)).size,
    score,
  };
}

export type LabelCommand = { type: "RENEW"; interviewOn: string } | { type: "UPGRADE"; level: LabelLevel; interviewOn: string; score: number | null };

export async function labelCommand(actor: Viewer, labelId: string, command: LabelCommand, revision: number, today: string): Promise<Outcome> {
  const label = await db().clusterLabel.findUnique({ where: { id: labelId }, select: { clusterId: true, workflowId: true } });
  if (!label) return { ok: false, status: 404, error: "No such label." };
  if (!mayActForCluster(actor, await portfoliosOf(label.clusterId))) return { ok: false, status: 403, error: "Only the coordinators of the cluster's portfolios and administrators change its labels." };
  if (command.interviewOn > today) return { ok: false, status: 422, error: `The interview date ${command.interviewOn} is after today: record a label once it is awarded.` };
  if (command.type === "UPGRADE" && command.level !== "GOLD" && command.score !== null) return { ok: false, status: 422, error: "A score is recorded for a Gold label only (the external assessment's)." };
  const loaded = (await loadWorkflow("label", label.workflowId))!;
  const context = (loaded.snapshot as SnapshotFrom<typeof labelMachine>).context;
  const event: LabelEvent =
    command.type === "RENEW"
      ? { ...command, benchmarkedOn: context.level === "BRONZE" ? await benchmarkingBy(label.clusterId, command.interviewOn) : null }
      : { type: "UPGRADE", level: command.level, interviewOn: command.interviewOn, facts: await upgradeFacts(label.clusterId, context.bronzeBenchmarkedOn, command.interviewOn, command.score) };
  // Time first: the label is where today puts it (the person saw it before that TICK), then the step.
  const ticked = (await tickLabel(label.workflowId, today)) && revision === loaded.revision;
  const result = await sendEvent("label", label.workflowId, event, { actorId: actor.userId, expectedRevision: ticked ? revision + 1 : revision });
  if (result.ok) {
    // Its reminders are settled: renewed or upgraded, the label no longer expires when they said.
    await db().notification.updateMany({ where: { subject: `label:${labelId}`, readAt: null }, data: { readAt: new Date() } });
    await sendLabelReminders(today, { labelIds: [labelId] });
    return { ok: true };
  }
  if (result.reason !== "refused") return { ok: false, status: result.reason === "not-found" ? 404 : 409, error: result.message };
  const after = ((await loadWorkflow("label", label.workflowId))!.snapshot as SnapshotFrom<typeof labelMachine>);
  if (String(after.value) === "lapsed") {
    return { ok: false, status: 409, error: `This label lapsed after ${graceEnd(context.validUntil, context.rules)}: record a new label from its own interview date.` };
  }
  const why =
    event.type === "RENEW"
      ? renewalBlocker(context, event.interviewOn)
      : event.interviewOn <= lastInterview(context)
        ? `An upgrade interview comes after the label's last interview (${lastInterview(context)}).`
        : upgradeBlockers(context, event.level, event.facts).join(" ");
  return { ok: false, status: 409, error: `Not possible: ${why}` };
}

/** Moves a stored label to where `today` puts it; true when it moved. */
async function tickLabel(workflowId: string, today: string): Promise<boolean> {
  const loaded = (await loadWorkflow("label", workflowId))!;
  const snapshot = loaded.snapshot as SnapshotFrom<typeof labelMachine>;
  const tick = { type: "TICK" as const, today };
  if (!snapshot.can(tick) || transition(labelMachine, snapshot, tick)[0].value === snapshot.value) return false;
  return (await sendEvent("label", workflowId, tick, { actorId: null, expectedRevision: loaded.revision })).ok;
}

export type LabelView = {
  id: string;
  /** The stored label's revision, for "changed meanwhile". */
  revision: number;
  clusterId: string;
  clusterName: string;
  level: LabelLevel;
  awardedLevel: string;
  interviewOn: string;
  validUntil: string;
  status: LabelStatus;
  graceEnd: string;
  /** For Bronze: the days a second benchmarking for Silver falls in, counted from the benchmarking it rests on. */
  silverWindow: { from: string; to: string; after: string } | null;
  awardingBody: string;
  score: number | null;
  history: Array<{ event: string; on: string; level: string; validUntil: string }>;
};

/** A label as of a day: its award, the renewals and upgrades whose interview came by then, and a TICK. */
async function labelAsOf(row: { id: string; level: string; interviewOn: string; benchmarkedOn: string | null; score: number | null; ruleSetId: string; workflowId: string }, asOf: string) {
  const rules = (await getLabelRules(row.ruleSetId))!;
  const events = await db().workflowEvent.findMany({ where: { instanceId: row.workflowId, type: { in: ["RENEW", "UPGRADE"] } }, orderBy: { id: "asc" }, select: { payload: true } });
  let [snapshot] = initialTransition(labelMachine, { level: row.level as LabelLevel, interviewOn: row.interviewOn, benchmarkedOn: row.benchmarkedOn, score: row.score, rules: machineRules(rules) });
  for (const { payload } of events) {
    const event = JSON.parse(payload) as LabelEvent;
    if ("interviewOn" in event && event.interviewOn <= asOf) [snapshot] = transition(labelMachine, snapshot, event);
  }
  [snapshot] = transition(labelMachine, snapshot, { type: "TICK", today: asOf });
  return snapshot;
}

/** The labels of these clusters awarded by `asOf`, each as it stood that day, newest first per cluster. */
export async function labelsOfClusters(clusterIds: ReadonlyArray<string>, asOf: string): Promise<Array<LabelView>> {
  const rows = await db().clusterLabel.findMany({
    where: { clusterId: { in: [...clusterIds] }, interviewOn: { lte: asOf } },
    orderBy: [{ clusterId: "asc" }, { interviewOn: "desc" }],
  });
  const names = new Map((await db().cluster.findMany({ where: { id: { in: [...clusterIds] } }, select: { id: true, name: true } })).map((c) => [c.id, c.name]));
  const revisions = new Map((await db().workflowInstance.findMany({ where: { id: { in: rows.map((r) => r.workflowId) } }, select: { id: true, revision: true } })).map((w) => [w.id, w.revision]));
  const views: Array<LabelView> = [];
  for (const row of rows) {
    const snapshot = await labelAsOf(row, asOf);
    const context = snapshot.context;
    views.push({
      id: row.id,
      revision: revisions.get(row.workflowId) ?? 0,
      clusterId: row.clusterId,
      clusterName: names.get(row.clusterId) ?? row.clusterId,
      level: context.level,
      awardedLevel: row.level,
      interviewOn: context.interviewOn,
      validUntil: context.validUntil,
      status: String(snapshot.value) as LabelStatus,
      graceEnd: graceEnd(context.validUntil, context.rules),
      // A lapsed label has no way up any more: its window is shown only while it lives.
      silverWindow: context.level === "BRONZE" && context.bronzeBenchmarkedOn && String(snapshot.value) !== "lapsed" ? { ...silverWindow(context.bronzeBenchmarkedOn, context.rules), after: context.bronzeBenchmarkedOn } : null,
      awardingBody: row.awardingBody,
      score: context.score,
      history: context.history,
    });
  }
  return views;
}

/** Each cluster's current label as of a day: its newest one (a lapsed one only when no newer exists). */
export function currentLabels(labels: ReadonlyArray<LabelView>): Array<LabelView> {
  const seen = new Set<string>();
  return labels.filter((l) => !seen.has(l.clusterId) && seen.add(l.clusterId));
}

/** How many clusters hold at least this level on a day (lapsed labels count for nothing). */
export async function clustersHoldingAtLeast(clusterIds: ReadonlyArray<string>, level: LabelLevel, asOf: string): Promise<number> {
  const rank = LABEL_LEVELS.indexOf(level);
  return currentLabels(await labelsOfClusters(clusterIds, asOf)).filter((l) => l.status !== "lapsed" && LABEL_LEVELS.indexOf(l.level) >= rank).length;
}

export type RenewalsMonitor = {
  portfolio: string;
  asOf: string;
  /** Each cluster's current label. */
  labels: Array<LabelView>;
  /** Every label of the portfolio's clusters by the day, lapsed ones before the current included. */
  record: Array<LabelView>;
  counts: Record<LabelStatus, number>;
  expiringWithin90: Array<LabelView>;
  expiringWithin180: Array<LabelView>;
  inGrace: Array<LabelView>;
  lapsed: Array<LabelView>;
  inSilverWindow: Array<LabelView>;
  unlabelled: Array<{ id: string; name: string }>;
};

/** The renewals monitor of a portfolio as of a day, for those who may see its labels. */
export async function renewalsMonitor(viewer: Viewer, portfolio: string, asOf: string): Promise<RenewalsMonitor | null> {
  if (!maySeePortfolioLabels(viewer, portfolio)) return null;
  const clusters = await db().cluster.findMany({ where: { portfolios: { some: { portfolio } } }, select: { id: true, name: true }, orderBy: { name: "asc" } });
  const record = await labelsOfClusters(clusters.map((c) => c.id), asOf);
  const labels = currentLabels(record).sort((a, b) => a.validUntil.localeCompare(b.validUntil) || a.clusterName.localeCompare(b.clusterName));
  const daysLeft = (l: LabelView) => differenceInCalendarDays(parseISO(l.validUntil), parseISO(asOf));
  const living = labels.filter((l) => l.status === "valid" || l.status === "expiringSoon");
  const counts = { valid: 0, expiringSoon: 0, inGrace: 0, lapsed: 0 } satisfies Record<LabelStatus, number>;
  for (const label of labels) counts[label.status] += 1;
  const labelled = new Set(labels.map((l) => l.clusterId));
  return {
    portfolio,
    asOf,
    labels,
    record,
    counts,
    expiringWithin90: living.filter((l) => daysLeft(l) <= 90),
    expiringWithin180: living.filter((l) => daysLeft(l) <= 180),
    inGrace: labels.filter((l) => l.status === "inGrace"),
    lapsed: labels.filter((l) => l.status === "lapsed"),
    inSilverWindow: labels.filter((l) => l.status !== "lapsed" && l.silverWindow !== null && asOf >= l.silverWindow.from && asOf <= l.silverWindow.to),
    unlabelled: clusters.filter((c) => !labelled.has(c.id)),
  };
}

/** The labels a cluster's page shows: to anyone who sees the cluster (labels are public). */
export async function labelsOfCluster(clusterId: string, asOf: string): Promise<Array<LabelView>> {
  return labelsOfClusters([clusterId], asOf);
}

/** Portfolios whose renewals monitor the viewer may open. */
export async function monitoredPortfolios(viewer: Viewer): Promise<Array<string>> {
  if (isAdmin(viewer)) return (await db().clusterPortfolio.findMany({ select: { portfolio: true }, distinct: ["portfolio"], orderBy: { portfolio: "asc" } })).map((p) => p.portfolio);
  return labelPortfolios(viewer);
}

/** Who hears of a cluster's label: its managers, and the coordinators and policy makers of its portfolios. */
async function recipientsOf(clusterId: string): Promise<Array<{ id: string; email: string; name: string; link: string }>> {
  const portfolios = await portfoliosOf(clusterId);
  const users = await db().user.findMany({
    where: { grants: { some: { OR: [{ role: "clusterManager", clusterId }, { role: { in: ["coordinator", "policyMaker"] }, portfolio: { in: portfolios } }] } } },
    select: { id: true, email: true, name: true, grants: { select: { role: true, portfolio: true, clusterId: true } } },
    orderBy: { id: "asc" },
  });
  // Each to a page they may open: a manager to the cluster's page, the others to their portfolio's monitor.
  return users.map(({ grants, ...user }) => {
    const manages = grants.some((g) => g.role === "clusterManager" && g.clusterId === clusterId);
    const portfolio = grants.find((g) => g.portfolio && portfolios.includes(g.portfolio))?.portfolio;
    return { ...user, link: manages || !portfolio ? `/clusters/${encodeURIComponent(clusterId)}` : `/labels?p=${encodeURIComponent(portfolio)}` };
  });
}

const mailReminder = (to: string, subject: string, text: string) => sendMail({ to, subject, text });

function reminderText(label: { clusterName: string; level: string; validUntil: string; graceEnd: string }, daysBefore: number) {
  const title = daysBefore === 0 ? `Label expired: ${label.clusterName}` : `Label expires in ${daysBefore} days: ${label.clusterName}`;
  const body =
    daysBefore === 0
      ? `The ${levelWord(label.level)} label of ${label.clusterName} was valid to ${label.validUntil}. A renewal interview by ${label.graceEnd} continues it from that date; after that it lapses.`
      : `The ${levelWord(label.level)} label of ${label.clusterName} is valid to ${label.validUntil}. Plan the renewal interview; a renewal continues the label from that date.`;
  return { title, body };
}

/**
 * The periodic job's part for labels: each living label moved to today, and its reminders (90, 60,
 * 30 days before expiry and at expiry, as its rules say) sent to the inbox, each once. The reminder
 * rows' keys make a second run, or a second server, find them sent: its transaction fails whole.
 * Reminders that came due together (the job was off) go out as one, the most urgent.
 */
export async function sendLabelReminders(
  today: string,
  { labelIds, mail = mailReminder }: { labelIds?: ReadonlyArray<string>; mail?: (to: string, subject: string, text: string) => Promise<unknown> } = {},
): Promise<number> {
  const labels = await db().clusterLabel.findMany({ where: labelIds ? { id: { in: [...labelIds] } } : {}, select: { id: true, clusterId: true, workflowId: true }, orderBy: [{ clusterId: "asc" }, { interviewOn: "asc" }] });
  let sent = 0;
  for (const label of labels) {
    await tickLabel(label.workflowId, today);
    const snapshot = (await loadWorkflow("label", label.workflowId))!.snapshot as SnapshotFrom<typeof labelMachine>;
    if (String(snapshot.value) === "lapsed") continue;
    const { validUntil, level, rules } = snapshot.context;
    const due = remindersDue(validUntil, today, rules);
    const done = new Set((await db().labelReminder.findMany({ where: { labelId: label.id, validUntil }, select: { daysBefore: true } })).map((r) => r.daysBefore));
    const fresh = due.filter((d) => !done.has(d));
    if (fresh.length === 0) continue;
    const cluster = await db().cluster.findUniqueOrThrow({ where: { id: label.clusterId }, select: { name: true } });
    const text = reminderText({ clusterName: cluster.name, level, validUntil, graceEnd: graceEnd(validUntil, rules) }, fresh[0]!);
    const recipients = await recipientsOf(label.clusterId);
    try {
      await db().$transaction(async (tx) => {
        for (const daysBefore of fresh) await tx.labelReminder.create({ data: { labelId: label.id, validUntil, daysBefore } });
        // Dated on the day it came due (the job runs hourly; a demo plays earlier days).
        const createdAt = today < todayIso() ? new Date(`${today}T08:00:00Z`) : new Date();
        for (const user of recipients) await tx.notification.create({ data: { userId: user.id, ...text, link: user.link, subject: `label:${label.id}`, createdAt } });
      });
    } catch (error) {
      if ((error as { code?: string }).code === "P2002") continue; // sent by another run meanwhile
      throw error;
    }
    sent += 1;
    // By mail too (where SMTP is set up), but not for a day gone by: a demo playing 2019 mails nobody.
    if (today >= todayIso()) for (const user of recipients) await mail(user.email, text.title, text.body);
  }
  return sent;
}
