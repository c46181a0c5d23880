import { data, Form, Link, redirect } from "react-router";
import { levelWord } from "~/labels/words";
import { z } from "zod";
import { mayActFor } from "~/auth/roles";
import { requireViewer } from "~/auth/session.server";
import { LabelTimeline, LabelTimelineLegend } from "~/components/label-timeline";
import { TableScroll } from "~/components/table-scroll";
import { portfolioLabel } from "~/components/scorecard-query";
import { ActionForm, Fold } from "~/components/program/action-form";
import { labelGoalsOf } from "~/goals.server";
import { visibleAmong } from "~/benchmarks.server";
import { DEFAULT_LABEL_RULES_ID, getLabelRules, labelCommand, listLabelRules, monitoredPortfolios, recordLabel, renewalsMonitor, type LabelView } from "~/labels.server";
import { LABEL_STATUS_WORDS } from "~/labels/words";
import { decimalField, describeIssues, formKeyOf, readForm } from "~/forms.server";
import { isIsoDate } from "~/scorecard/benchmarks-csv";
import { todayIso } from "~/scorecard/dates";
import { LABEL_LEVELS } from "../../workflows/label";
import type { Route } from "./+types/labels";

export const meta: Route.MetaFunction = () => [{ title: "Labels and renewals · RCES" }];

const isoDay = z.string().refine(isIsoDate, "must be a date (YYYY-MM-DD)");
const querySchema = z.object({ p: z.string().max(60).optional(), asOf: isoDay.optional() });

export async function loader({ request, context }: Route.LoaderArgs) {
  const viewer = requireViewer(context, request);
  const portfolios = await monitoredPortfolios(viewer);
  if (portfolios.length === 0) throw data("The renewals monitor is for coordinators and policy makers.", { status: 403 });
  const url = new URL(request.url);
  const query = querySchema.safeParse(Object.fromEntries(url.searchParams));
  if (!query.success) throw data(`Bad address: ${describeIssues(query.error)}.`, { status: 400 });
  const portfolio = query.data.p ?? portfolios[0]!;
  const asOf = query.data.asOf ?? todayIso();
  const monitor = await renewalsMonitor(viewer, portfolio, asOf);
  if (!monitor) throw data("No such portfolio of yours.", { status: 404 });
  // Recording, renewing and upgrading happen today: a view of another day only looks.
  const today = todayIso();
  return {
    portfolios,
    monitor,
    goals: await labelGoalsOf(viewer, portfolio, asOf),
    // Labels are public, a cluster's page is not: only the clusters this viewer may open are links.
    openable: [...(await visibleAmong(viewer, [...new Set(monitor.record.map((l) => l.clusterId))]))],
    mayRecord: mayActFor(viewer, [portfolio]).ok && asOf === today,
    mayRecordToday: mayActFor(viewer, [portfolio]).ok,
    today,
    saved: url.searchParams.get("saved"),
    rules: await getLabelRules(DEFAULT_LABEL_RULES_ID),
    ruleSets: (await listLabelRules()).map((r) => ({ id: r.id, title: r.title })),
    defaultRules: DEFAULT_LABEL_RULES_ID,
  };
}

const score = z.union([z.literal("").transform(() => null), decimalField.pipe(z.number().min(0, "must be from 0 to 100").max(100, "must be from 0 to 100"))]).default(null);
const actionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("record"), clusterId: z.string().min(1, "choose a cluster").max(100), level: z.enum(LABEL_LEVELS), interviewOn: isoDay, awardingBody: z.string().trim().min(2, "name the awarding body").max(120), score, rules: z.string().min(1).max(60).default(DEFAULT_LABEL_RULES_ID) }),
  z.object({ intent: z.literal("renew"), labelId: z.string().max(100), revision: z.coerce.number().int().min(0), interviewOn: isoDay }),
  z.object({ intent: z.literal("upgrade"), labelId: z.string().max(100), revision: z.coerce.number().int().min(0), level: z.enum(["SILVER", "GOLD"]), interviewOn: isoDay, score }),
]);

export async function action({ request, context }: Route.ActionArgs) {
  const viewer = requireViewer(context, request);
  const form = await readForm(request);
  const formKey = formKeyOf(form);
  const parsed = actionSchema.safeParse(form);
  if (!parsed.success) return data({ error: `Not saved: ${describeIssues(parsed.error)}.`, formKey }, { status: 400 });
  const input = parsed.data;
  const today = todayIso();
  const outcome =
    input.intent === "record"
      ? await recordLabel(viewer, { clusterId: input.clusterId, level: input.level, interviewOn: input.interviewOn, awardingBody: input.awardingBody, score: input.score }, today, input.rules)
      : input.intent === "renew"
        ? await labelCommand(viewer, input.labelId, { type: "RENEW", interviewOn: input.interviewOn }, input.revision, today)
        : await labelCommand(viewer, input.labelId, { type: "UPGRADE", level: input.level, interviewOn: input.interviewOn, score: input.score }, input.revision, today);
  if (!outcome.ok) return data({ error: outcome.error, formKey }, { status: outcome.status });
  // Back to the monitor with what was done (a reload then does not post again).
  const url = new URL(request.url);
  const portfolio = url.searchParams.get("p");
  return redirect(`/labels?${new URLSearchParams({ ...(portfolio ? { p: portfolio } : {}), saved: input.intent })}`, 303);
}

const SAVED: Record<string, string> = { record: "The label was recorded.", renew: "The label was renewed from its old expiry date.", upgrade: "The label was upgraded." };

function Status({ status }: { status: string }) {
  const words = LABEL_STATUS_WORDS[status];
  return <span className={`label-${status}`}><span aria-hidden="true">{words?.symbol}</span> {words?.word ?? status}</span>;
}

/** A cluster's name, a link to its page where the viewer may open it. */
function ClusterName({ label, openable }: { label: LabelView; openable: ReadonlyArray<string> }) {
  return openable.includes(label.clusterId) ? <Link to={`/clusters/${encodeURIComponent(label.clusterId)}`}>{label.clusterName}</Link> : <>{label.clusterName}</>;
}

function LabelList({ labels, empty, openable }: { labels: ReadonlyArray<LabelView>; empty: string; openable: ReadonlyArray<string> }) {
  if (labels.length === 0) return <p className="muted">{empty}</p>;
  return (
    <ul>
      {labels.map((l) => (
        <li key={l.id}>
          <ClusterName label={l} openable={openable} />: {levelWord(l.level)}, valid to {l.validUntil} · <Status status={l.status} />
          {l.status === "inGrace" && <> · renewable to {l.graceEnd}</>}
          {l.silverWindow && <span className="muted"> · Silver window {l.silverWindow.from} to {l.silverWindow.to} (after the benchmarking of {l.silverWindow.after})</span>}
        </li>
      ))}
    </ul>
  );
}

export default function LabelsPage({ loaderData, actionData }: Route.ComponentProps) {
  const { portfolios, monitor, goals, openable, mayRecord, mayRecordToday, today, saved, rules, ruleSets, defaultRules } = loaderData;
  const { counts } = monitor;
  return (
    <>
      <h1>Labels and renewals</h1>
      <p className="lead">
        ESCA quality labels of the {portfolioLabel(monitor.portfolio)} portfolio as of {monitor.asOf}
        {rules && `: valid ${rules.validityMonths} months to the end of the interview's month, renewable for ${rules.graceMonths} months after`}. <Link to="/methodology">The rules</Link>
      </p>
      <Form method="get" className="query-form" aria-label="Portfolio and date">
        <div className="fields">
          <label>
            Portfolio
            <select name="p" defaultValue={monitor.portfolio}>{portfolios.map((p) => <option key={p} value={p}>{portfolioLabel(p)}</option>)}</select>
          </label>
          <label>As of <input type="date" name="asOf" defaultValue={monitor.asOf} /></label>
          <button type="submit">Show</button>
        </div>
      </Form>
      {goals.some((g) => g.dueDate !== monitor.asOf) && (
        <p className="muted">
          Days to look at:{" "}
          {goals.map((g, i) => (
            <span key={g.id}>
              {i > 0 && "; "}
              <Link to={`/labels?${new URLSearchParams({ p: monitor.portfolio, asOf: g.dueDate })}`}>{g.dueDate}</Link>, when the label goal of {g.programName} is due
            </span>
          ))}
          .
        </p>
      )}
      {actionData?.error ? !actionData.formKey && <p className="errors" role="alert">{actionData.error}</p> : saved && SAVED[saved] && <p className="notice" role="status">{SAVED[saved]}</p>}
      {mayRecordToday && !mayRecord && (
        <p className="muted">A view of another day only looks back: <Link to={`/labels?p=${encodeURIComponent(monitor.portfolio)}`}>today's view</Link> records, renews and upgrades labels.</p>
      )}

      <section aria-labelledby="counts-h">
        <h2 id="counts-h">By state</h2>
        <ul className="plain facts-list">
          {(["valid", "expiringSoon", "inGrace", "lapsed"] as const).map((s) => (
            <li key={s}><strong>{counts[s]}</strong> <Status status={s} /></li>
          ))}
          <li><strong>{monitor.unlabelled.length}</strong> without a label</li>
        </ul>
      </section>

      <section aria-labelledby="ahead-h">
        <h2 id="ahead-h">Ahead</h2>
        <h3>Expiring within 90 days</h3>
        <LabelList labels={monitor.expiringWithin90} empty="None." openable={openable} />
        <h3>Expiring within 180 days</h3>
        <LabelList labels={monitor.expiringWithin180} empty="None." openable={openable} />
        <h3>In their grace year</h3>
        <LabelList labels={monitor.inGrace} empty="None." openable={openable} />
        <h3>Lapsed</h3>
        <LabelList labels={monitor.lapsed} empty="None." openable={openable} />
        <h3>In the Silver window</h3>
        {rules && (
          <p className="muted">
            Bronze labels within {rules.silverWindowMonths.from} to {rules.silverWindowMonths.to} months of their benchmarking: a second benchmarking in this window (and {rules.silverImprovementAreas} declared improvement areas) opens the way to Silver.
          </p>
        )}
        <LabelList labels={monitor.inSilverWindow} empty="None." openable={openable} />
      </section>

      <section aria-labelledby="goals-h">
        <h2 id="goals-h">Regional label goals</h2>
        {goals.length === 0 ? (
          <p className="muted">No program of this portfolio has a goal on labels.</p>
        ) : (
          <ul>
            {goals.map((g) => (
              <li key={g.id}>
                <Link to={`/programs/${g.programId}`}>{g.programName}</Link>: at least {g.target} clusters {g.level.toLowerCase()} or better by {g.dueDate} · {g.current} on {monitor.asOf} ·{" "}
                <strong>{monitor.asOf < g.dueDate ? "open" : g.state === "achieved" ? "✔ achieved" : g.state === "missed" ? "✖ missed" : g.state}</strong>
                <span className="muted"> (counted from the label data)</span>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="all-h">
        <h2 id="all-h">Every label</h2>
        <LabelTimeline current={monitor.labels} record={monitor.record} asOf={monitor.asOf} />
        {monitor.labels.length > 0 && <LabelTimelineLegend />}
        <TableScroll label="Labels">
          <table>
            <thead>
              <tr><th scope="col">Cluster</th><th scope="col">Level</th><th scope="col">Interview</th><th scope="col">Valid to</th><th scope="col">State</th><th scope="col">Awarded by</th>{mayRecord && <th scope="col">Renew or upgrade</th>}</tr>
            </thead>
            <tbody>
              {monitor.labels.map((l) => (
                <tr key={l.id}>
                  <th scope="row"><ClusterName label={l} openable={openable} /></th>
                  <td>{levelWord(l.level)}{l.score !== null ? ` (${l.score} %)` : ""}</td>
                  <td>{l.interviewOn}</td>
                  <td>{l.validUntil}</td>
                  <td><Status status={l.status} /></td>
                  <td>{l.awardingBody}</td>
                  {mayRecord && (
                    <td>
                      {l.status !== "lapsed" && (
                        <Fold summary="Renew or upgrade" forms={[{ intent: "renew", fields: { labelId: l.id } }, { intent: "upgrade", fields: { labelId: l.id } }]}>
                          <ActionForm intent="renew" fields={{ labelId: l.id, revision: l.revision }} label={`Renew the label of ${l.clusterName}`} keepPlace={false}>
                            <label>Renewal interview <input type="date" name="interviewOn" required max={today} /></label>
                            <button type="submit" className="secondary">Renew</button>
                          </ActionForm>
                          {l.level !== "GOLD" && (
                            <ActionForm intent="upgrade" fields={{ labelId: l.id, revision: l.revision }} label={`Upgrade the label of ${l.clusterName}`} keepPlace={false}>
                              <label>To <select name="level">{l.level === "BRONZE" && <option value="SILVER">Silver</option>}<option value="GOLD">Gold</option></select></label>
                              <label>Interview <input type="date" name="interviewOn" required max={today} /></label>
                              <label>Score % (Gold) <input name="score" inputMode="decimal" size={4} /></label>
                              <button type="submit" className="secondary">Upgrade</button>
                            </ActionForm>
                          )}
                        </Fold>
                      )}
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      </section>

      {mayRecord && (
        <ActionForm intent="record" className="upload-form" label="Record a label" keepPlace={false}>
          <h2>Record a label</h2>
          <label>
            Cluster
            <select name="clusterId" defaultValue="">
              <option value="">–</option>
              {[...monitor.unlabelled, ...monitor.lapsed.map((l) => ({ id: l.clusterId, name: l.clusterName }))].map((c) => <option key={c.id} value={c.id}>{c.name}</option>)}
            </select>
          </label>
          <label>Level <select name="level">{LABEL_LEVELS.map((l) => <option key={l} value={l}>{levelWord(l)}</option>)}</select></label>
          <label>Interview date <input type="date" name="interviewOn" required max={today} /></label>
          <label>Awarded by <input name="awardingBody" required defaultValue="ESCA" /></label>
          <label>Score % (Gold only) <input name="score" inputMode="decimal" /></label>
          {ruleSets.length > 1 && (
            <label>
              Label rules
              <select name="rules" defaultValue={defaultRules}>{ruleSets.map((r) => <option key={r.id} value={r.id}>{r.title} ({r.id})</option>)}</select>
            </label>
          )}
          <p className="muted">A Bronze label rests on the cluster's latest benchmarking by the interview; its Silver window counts from it. Silver recorded here needs the same evidence as an upgrade: two benchmarkings in the window by the interview and the declared improvement areas.</p>
          <button type="submit">Record the label</button>
        </ActionForm>
      )}
    </>
  );
}
