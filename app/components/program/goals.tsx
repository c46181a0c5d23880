import type { GoalRow } from "~/goals.server";
import type { Suggestion } from "~/program/suggestions";
import { IMPROVEMENT_AREAS } from "../../../workflows/goal";
import { GoalChart } from "../goal-chart";
import { TableScroll } from "../table-scroll";
import { ActionForm, Fold } from "./action-form";

// Goals on the program page: each with its numbers, its history and a chart against the expected
// line, and exactly the forms the viewer may use now; suggestions from the baseline; a new goal.

const HEALTH_SYMBOL: Record<string, string> = { "on track": "✔", "at risk": "▲", "off track": "✖" };
const STATE_WORD: Record<string, string> = { draft: "draft (not agreed yet)", agreed: "agreed", achieved: "achieved ✔", missed: "missed ✖", withdrawn: "withdrawn" };

type Labels = { metric: { region: Record<string, string>; cluster: Record<string, string> }; cluster: Record<string, string> };

export function goalTitle(goal: Pick<GoalRow, "scope" | "clusterId" | "metric">, labels: Labels): string {
  const scope = goal.scope === "region" ? "region" : "cluster";
  const who = scope === "region" ? "Region" : labels.cluster[goal.clusterId ?? ""] ?? goal.clusterId;
  const what = labels.metric[scope][goal.metric] ?? (goal.metric.startsWith("free:") ? goal.metric.slice(5) : goal.metric);
  return `${who}: ${what}`;
}

export function Health({ health }: { health: string | null }) {
  if (!health) return null;
  return (
    <span className={`health-${health.replace(" ", "-")}`}>
      <span aria-hidden="true">{HEALTH_SYMBOL[health]}</span> {health}
    </span>
  );
}

function AreaSelect({ value }: { value?: string }) {
  return (
    <label>
      Improvement area
      <select name="area" defaultValue={value}>{IMPROVEMENT_AREAS.map((a) => <option key={a} value={a}>{a}</option>)}</select>
    </label>
  );
}

export function GoalCard({ goal, labels, today }: { goal: GoalRow; labels: Labels; today: string }) {
  const title = goalTitle(goal, labels);
  const fields = { goalId: goal.id, revision: goal.revision };
  const anchor = `goal-${goal.id}`;
  return (
    <article className="goal" aria-labelledby={anchor}>
      <h4 id={anchor}>{title}</h4>
      <p>
        <strong>{STATE_WORD[goal.state] ?? goal.state}</strong>
        {goal.health && <> · <Health health={goal.health} /></>} · from {goal.baseline.value} ({goal.baseline.date}) to {goal.target.value} by {goal.target.date}
        {goal.better === "lower" ? " (lower is better)" : ""}
        <span className="muted"> · {goal.area}{goal.owner ? ` · owner ${goal.owner}` : ""}</span>
      </p>
      {goal.withdrawnBecause && <p className="muted">Withdrawn: {goal.withdrawnBecause}</p>}
      {goal.changes.length > 0 && (
        <ul className="muted" aria-label={`Earlier targets of ${title}`}>
          {goal.changes.map((c, i) => (
            <li key={i}>On {c.at}: {c.from.value} by {c.from.date} changed to {c.to.value} by {c.to.date}, because {c.reason}</li>
          ))}
        </ul>
      )}
      <GoalChart id={`chart-${goal.id}`} title={`${title}: check-ins against the expected line`} baseline={goal.baseline} target={goal.target} checkIns={goal.checkIns} />
      {goal.checkIns.length > 0 && (
        <details>
          <summary>Check-ins ({goal.checkIns.length})</summary>
          <TableScroll label={`Check-ins of ${title}`}>
            <table>
              <thead><tr><th scope="col">Date</th><th scope="col">Value</th><th scope="col">Comment</th></tr></thead>
              <tbody>
                {goal.checkIns.map((c, i) => <tr key={i}><td>{c.date}</td><td>{c.value}</td><td>{c.comment}</td></tr>)}
              </tbody>
            </table>
          </TableScroll>
        </details>
      )}
      <div className="steps">
        {goal.accepts.agree && (
          <ActionForm intent="agree" fields={fields} anchor={anchor}>
            <button type="submit">Agree on this goal</button>
          </ActionForm>
        )}
        {goal.accepts.checkIn && (
          <ActionForm key={goal.checkIns.length} intent="check-in" fields={{ goalId: goal.id }} label={`Check-in for ${title}`} anchor={anchor}>
            <label>Value <input name="value" inputMode="decimal" required size={6} /></label>
            <label>On <input type="date" name="date" required max={today} defaultValue={today} /></label>
            <label>Comment <input name="comment" /></label>
            <button type="submit" className="secondary">Record the check-in</button>
          </ActionForm>
        )}
      </div>
      {goal.accepts.change && (
        <Fold summary="Change the target or due date" forms={[{ intent: "change-target", fields }]}>
          <ActionForm key={goal.revision} intent="change-target" fields={fields} label={`New target for ${title}`} anchor={anchor}>
            <label>Target <input name="target" inputMode="decimal" required defaultValue={goal.target.value} size={6} /></label>
            <label>Due <input type="date" name="dueDate" required defaultValue={goal.target.date} /></label>
            <label>Why <input name="reason" required /></label>
            <button type="submit" className="secondary">{goal.state === "agreed" ? "Change (the old target is kept)" : "Change the draft"}</button>
          </ActionForm>
        </Fold>
      )}
      {goal.accepts.withdraw && (
        <Fold summary="Withdraw this goal" forms={[{ intent: "withdraw", fields }]}>
          <ActionForm intent="withdraw" fields={fields} label={`Withdraw ${title}`} anchor={anchor}>
            <label>Why <input name="reason" required /></label>
            <button type="submit" className="secondary">Withdraw</button>
          </ActionForm>
        </Fold>
      )}
    </article>
  );
}

export function Suggestions({ suggestions, labels, dueDate }: { suggestions: ReadonlyArray<Suggestion>; labels: Labels; dueDate: string }) {
  if (suggestions.length === 0) return null;
  return (
    <section aria-labelledby="suggestions-h">
      <h3 id="suggestions-h">Suggested from the baseline ({suggestions.length})</h3>
      <p className="muted">For each cluster: its red indicators in its weakest dimensions, aiming at the green threshold. For the region: its red and yellow dimensions, aiming at green. Accept as they are, edit the target first, or ignore.</p>
      {suggestions.map((s) => {
        const title = goalTitle(s, labels);
        return (
          <div key={s.key} className="suggestion">
            <p><strong>{title}</strong>: {s.baseline} → {s.target}<br /><span className="muted">{s.why}</span></p>
            <div className="steps">
              <ActionForm intent="accept-suggestion" fields={{ key: s.key }} label={`Accept: ${title}`} anchor="suggestions-h">
                <AreaSelect value={s.area} />
                <label>Target <input name="target" inputMode="decimal" required defaultValue={s.target} size={6} /></label>
                <label>Due <input type="date" name="dueDate" required defaultValue={dueDate} /></label>
                <button type="submit">Accept as a goal</button>
              </ActionForm>
              <ActionForm intent="ignore-suggestion" fields={{ key: s.key }} anchor="suggestions-h">
                <button type="submit" className="secondary" aria-label={`Ignore: ${title}`}>Ignore</button>
              </ActionForm>
            </div>
          </div>
        );
      })}
    </section>
  );
}

export function AddGoalForm({
  scopes,
  clusters,
  metrics,
  owners,
}: {
  scopes: ReadonlyArray<"region" | "cluster">;
  clusters: ReadonlyArray<{ id: string; name: string }>;
  /** People who may own a goal; empty: the one adding it owns it. */
  owners: ReadonlyArray<{ id: string; name: string }>;
  metrics: { region: ReadonlyArray<{ value: string; label: string }>; cluster: ReadonlyArray<{ value: string; label: string }> };
}) {
  // One list of metrics for both scopes; the server refuses one that does not fit the scope.
  const merged = [...new Map([...metrics.region, ...metrics.cluster].map((m) => [m.value, m])).values()];
  return (
    <ActionForm intent="add-goal" className="upload-form" label="Add a goal" anchor="goals-h">
      <h3>Add a goal</h3>
      <label>
        For
        <select name="scope" defaultValue={scopes[0]}>
          {scopes.includes("region") && <option value="region">the region (the portfolio)</option>}
          {scopes.includes("cluster") && <option value="cluster">one cluster (choose below)</option>}
        </select>
      </label>
      <label>
        Cluster
        <select name="clusterId" defaultValue={scopes.includes("region") ? "" : clusters[0]?.id}>
          {scopes.includes("region") && <option value="">–</option>}
          {clusters.map((c) => <option key={c.id} value={c.id}>{c.name}</option>)}
        </select>
      </label>
      <AreaSelect />
      <label>
        Metric (its baseline comes from the frozen baseline; indicators and lights are per cluster, label counts per region)
        <select name="metric" defaultValue="overall">
          {merged.map((m) => <option key={m.value} value={m.value}>{m.label}</option>)}
          <option value="free">Another number (give its unit and baseline)</option>
        </select>
      </label>
      <label>Unit (another number only) <input name="unit" /></label>
      <label>Baseline value (another number or a label count only) <input name="baselineValue" inputMode="decimal" /></label>
      <label>Target <input name="target" inputMode="decimal" required /></label>
      <label>Due date <input type="date" name="dueDate" required /></label>
      {owners.length > 0 && (
        <label>
          Owner
          <select name="ownerId" defaultValue="">
            <option value="">me</option>
            {owners.map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
          </select>
        </label>
      )}
      <button type="submit">Add the goal</button>
    </ActionForm>
  );
}

type Unfinished = { id: string; scope: "region" | "cluster"; clusterId: string | null; area: string; metric: string; state: string; target: { value: number; date: string } };

/** The previous cycle's unfinished goals, each offered for carrying over with its target and due date to confirm. */
export function CarryOver({ goals, labels, dueDate }: { goals: ReadonlyArray<Unfinished>; labels: Labels; dueDate: string }) {
  if (goals.length === 0) return null;
  return (
    <section aria-labelledby="carry-h">
      <h3 id="carry-h">Unfinished goals of the previous cycle ({goals.length})</h3>
      <p className="muted">Nothing is carried over by itself: take up those you want, with the new baseline and a new due date.</p>
      {goals.map((g) => {
        const title = goalTitle(g, labels);
        return (
          <div key={g.id} className="suggestion">
            <p><strong>{title}</strong>: {g.state}, the target was {g.target.value} by {g.target.date}</p>
            <ActionForm intent="carry-over" fields={{ fromGoalId: g.id }} label={`Carry over: ${title}`} anchor="carry-h">
              <AreaSelect value={g.area} />
              <label>Target <input name="target" inputMode="decimal" required defaultValue={g.target.value} size={6} /></label>
              <label>Due <input type="date" name="dueDate" required defaultValue={dueDate} /></label>
              <button type="submit">Carry over as a draft</button>
            </ActionForm>
          </div>
        );
      })}
    </section>
  );
}
