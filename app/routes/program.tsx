import type { ReactNode } from "react";
import { data, Form, Link } from "react-router";
import { z } from "zod";
import { requireViewer } from "~/auth/session.server";
import { ScoreValue } from "~/components/band";
import { portfolioLabel } from "~/components/scorecard-query";
import { TableScroll } from "~/components/table-scroll";
import { readForm } from "~/forms.server";
import { advanceCycle, programView } from "~/programs.server";
import { addCheckIn, addGoal, addJointProject, goalCommand, goalsOf, jointProjectsOf } from "~/goals.server";
import { JOINT_PROJECT_STATUSES } from "~/program-terms";
import { AUDIENCES } from "~/forum-template";
import { taskCommand, workshopCommand, workshopsOf } from "~/workshops.server";
import { newCalendarToken } from "~/calendar.server";
import { isIsoDate } from "~/scorecard/benchmarks-csv";
import { IMPROVEMENT_AREAS } from "../../workflows/goal";
import { CYCLE_COMMANDS, CYCLE_STAGES, type CycleCommand } from "../../workflows/improvement-cycle";
import { getCatalogue } from "~/catalogues.server";
import { todayIso } from "~/scorecard/dates";
import type { Route } from "./+types/program";

export const meta: Route.MetaFunction = ({ data }) => [{ title: `${data?.program.name ?? "Program"} · RCES` }];

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const viewer = requireViewer(context, request);
  const view = await programView(viewer, params.programId);
  if (!view) throw data("No such program.", { status: 404 });
  const catalogue = await getCatalogue(view.program.catalogueId);
  const titles = new Map(catalogue?.dimensions.map((d) => [d.code, d.title]) ?? []);
  return {
    ...view,
    goals: await goalsOf(view.program.id),
    projects: await jointProjectsOf(view.program.id),
    workshops: await workshopsOf(view.program.id, todayIso()),
    dimensionTitles: view.baseline.dimensions.map((d) => titles.get(d.code) ?? d.code),
    metrics: [{ value: "overall", label: "Overall score" }, ...view.baseline.dimensions.map((d) => ({ value: `dimension:${d.code}`, label: `${titles.get(d.code) ?? d.code} score` }))],
  };
}

const revision = z.coerce.number().int().min(0);
const isoDay = z.string().refine(isIsoDate, "must be a date");
const number = z.coerce.number({ error: "must be a number" }).refine(Number.isFinite, "must be a number");
const actionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("cycle"), command: z.enum(CYCLE_COMMANDS), revision }),
  z.object({
    intent: z.literal("add-goal"),
    scope: z.enum(["region", "cluster"]),
    clusterId: z.string().optional(),
    area: z.enum(IMPROVEMENT_AREAS),
    metric: z.string().regex(/^(overall|dimension:[A-Za-z0-9_-]+|free)$/),
    unit: z.string().trim().max(40).optional(),
    baselineValue: z.union([z.literal("").transform(() => undefined), number]).optional(),
    target: number,
    dueDate: isoDay,
  }),
  z.object({
    intent: z.literal("add-project"),
    title: z.string().trim().min(3, "needs a title").max(200),
    area: z.enum(IMPROVEMENT_AREAS),
    funding: z.string().trim().max(200).default(""),
    status: z.enum(JOINT_PROJECT_STATUSES),
  }),
  z.object({ intent: z.literal("schedule"), workshopId: z.string(), revision, date: isoDay, place: z.string().trim().max(120).default("") }),
  z.object({ intent: z.literal("reschedule"), workshopId: z.string(), revision, date: isoDay }),
  z.object({ intent: z.literal("workshop-step"), workshopId: z.string(), revision, step: z.enum(["HOLD", "START_FOLLOW_UP", "CLOSE"]) }),
  z.object({ intent: z.literal("cancel"), workshopId: z.string(), revision, reason: z.string().trim().min(1, "needs a reason").max(300) }),
  z.object({ intent: z.literal("task-done"), taskId: z.coerce.number().int() }),
  z.object({ intent: z.literal("task-waive"), taskId: z.coerce.number().int(), reason: z.string().max(300) }),
  z.object({ intent: z.literal("calendar") }),
  z.object({ intent: z.literal("agree"), goalId: z.string(), revision }),
  z.object({ intent: z.literal("withdraw"), goalId: z.string(), revision, reason: z.string().trim().max(300) }),
  z.object({ intent: z.literal("check-in"), goalId: z.string(), value: number, date: isoDay, comment: z.string().trim().max(500).default("") }),
]);

export async function action({ request, context, params }: Route.ActionArgs) {
  const viewer = requireViewer(context, request);
  const parsed = actionSchema.safeParse(await readForm(request));
  if (!parsed.success) {
    return data({ error: `Not saved: ${parsed.error.issues.map((i) => `${String(i.path[0] ?? "form")} ${i.message}`).join("; ")}.`, calendar: null }, { status: 400 });
  }
  const input = parsed.data;
  const today = todayIso();
  if (input.intent === "calendar") {
    const token = await newCalendarToken(viewer, params.programId);
    if (!token) throw data("No such program.", { status: 404 });
    return { error: null, calendar: `${new URL(request.url).origin}/calendar/${token}.ics` };
  }
  const outcome =
    input.intent === "schedule"
      ? await workshopCommand(viewer, input.workshopId, { type: "SCHEDULE", date: input.date, place: input.place }, input.revision, today)
      : input.intent === "reschedule"
        ? await workshopCommand(viewer, input.workshopId, { type: "RESCHEDULE", date: input.date }, input.revision, today)
        : input.intent === "workshop-step"
          ? await workshopCommand(viewer, input.workshopId, { type: input.step }, input.revision, today)
          : input.intent === "cancel"
            ? await workshopCommand(viewer, input.workshopId, { type: "CANCEL", reason: input.reason }, input.revision, today)
            : input.intent === "task-done"
              ? await taskCommand(viewer, input.taskId, { done: true })
              : input.intent === "task-waive"
                ? await taskCommand(viewer, input.taskId, { waive: input.reason })
                : input.intent === "cycle"
      ? await advanceCycle(viewer, params.programId, input.command satisfies CycleCommand, input.revision, todayIso())
      : input.intent === "add-goal"
        ? await addGoal(viewer, params.programId, {
            scope: input.scope,
            clusterId: input.scope === "cluster" ? input.clusterId : undefined,
            area: input.area,
            metric: input.metric === "free" ? `free:${input.unit || "value"}` : input.metric,
            baselineValue: input.baselineValue,
            target: input.target,
            dueDate: input.dueDate,
          })
        : input.intent === "add-project"
          ? await addJointProject(viewer, params.programId, { title: input.title, areas: [input.area], clusters: [], funding: input.funding, status: input.status })
          : input.intent === "check-in"
          ? await addCheckIn(viewer, input.goalId, { value: input.value, date: input.date, comment: input.comment })
          : await goalCommand(viewer, input.goalId, input.intent === "agree" ? { type: "AGREE" } : { type: "WITHDRAW", reason: input.reason }, input.revision);
  return outcome.ok ? { error: null, calendar: null } : data({ error: outcome.error, calendar: null }, { status: outcome.status });
}

const STAGE_NAMES: Record<string, string> = {
  baseline: "Baseline",
  kickoff: "Kickoff forum",
  learning: "Sharing and learning",
  rebenchmarking: "Benchmarking again",
  review: "Review forum",
  closed: "Closed",
};
const COMMAND_LABELS: Record<string, string> = {
  START_KICKOFF: "Start the kickoff",
  COMPLETE_KICKOFF: "Complete the kickoff",
  START_REBENCHMARKING: "Start benchmarking again",
  DECIDE_GO_AHEAD: "Go ahead without the missing benchmarkings",
  START_REVIEW: "Start the review",
  CLOSE: "Close the cycle",
};

function metricLabel(metric: string, metrics: Array<{ value: string; label: string }>): string {
  return metrics.find((m) => m.value === metric)?.label ?? (metric.startsWith("free:") ? metric.slice(5) : metric);
}

const HEALTH_SYMBOL: Record<string, string> = { "on track": "✔", "at risk": "▲", "off track": "✖" };
const WORKSHOP_STATES: Record<string, string> = {
  draft: "draft",
  scheduled: "scheduled",
  preparing: "in preparation",
  held: "held",
  followingUp: "following up",
  closed: "closed",
  cancelled: "cancelled",
};
/** A form about one workshop: its id and the revision the page saw travel with it. */
function WorkshopForm({ intent, workshop, label, children }: { intent: string; workshop: { id: string; revision: number }; label?: string; children: ReactNode }) {
  return (
    <Form method="post" className="inline-form" aria-label={label}>
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="workshopId" value={workshop.id} />
      <input type="hidden" name="revision" value={workshop.revision} />
      {children}
    </Form>
  );
}

const WORKSHOP_STEPS = { HOLD: "Mark as held", START_FOLLOW_UP: "Start the follow-up", CLOSE: "Close the workshop" } as const;

export default function ProgramPage({ loaderData, actionData }: Route.ComponentProps) {
  const { program, baseline, stage, revision, blockers, commands, goAhead, missing, dimensionTitles, goals, clusters, metrics, projects, workshops } = loaderData;
  const clusterName = new Map(clusters.map((c) => [c.id, c.name]));
  const current = CYCLE_STAGES.indexOf(stage as (typeof CYCLE_STAGES)[number]);
  return (
    <>
      <p><Link to="/programs">← Programs</Link></p>
      <h1>{program.name}</h1>
      <p className="lead">{portfolioLabel(program.portfolio)} · {program.startsOn} to {program.endsOn}</p>
      {actionData?.error && <p className="errors" role="alert">{actionData.error}</p>}
      <section aria-labelledby="cycle-h">
        <h2 id="cycle-h">The cycle</h2>
        <ol className="timeline">
          {CYCLE_STAGES.map((s, i) => (
            <li key={s} aria-current={i === current ? "step" : undefined} className={i < current ? "done" : i === current ? "current" : "later"}>
              <span aria-hidden="true">{i < current ? "✔" : i === current ? "●" : "○"}</span> {STAGE_NAMES[s]}
              {i === current && <strong> (now)</strong>}
            </li>
          ))}
        </ol>
        {blockers.length > 0 && (
          <div className="notice" role="status">
            <p>What the next step waits for:</p>
            <ul>{blockers.map((b) => <li key={b}>{b}</li>)}</ul>
          </div>
        )}
        {goAhead && <p className="muted">Decided on {goAhead.at} to go ahead without {goAhead.without.join(", ")}.</p>}
        {stage === "rebenchmarking" && missing.length === 0 && <p>Every cluster of the baseline has been benchmarked again.</p>}
        {commands.map((command) => (
          <Form key={command} method="post" className="inline-form">
            <input type="hidden" name="intent" value="cycle" />
            <input type="hidden" name="command" value={command} />
            <input type="hidden" name="revision" value={revision} />
            <button type="submit">{COMMAND_LABELS[command]}</button>
          </Form>
        ))}
      </section>
      <section aria-labelledby="workshops-h">
        <h2 id="workshops-h">Forum workshops</h2>
        {actionData?.calendar ? (
          <div className="notice" role="status">
            <p>Subscribe to this link in your calendar app (workshops and task due dates, {"Europe/Oslo"}). Keep it private: anyone with the link sees the dates. It is shown only now; a new link replaces it.</p>
            <input readOnly value={actionData.calendar} aria-label="Calendar link to copy" className="link-copy" />
          </div>
        ) : (
          <Form method="post" className="inline-form">
            <input type="hidden" name="intent" value="calendar" />
            <button type="submit" className="secondary">Make a calendar link (any earlier link stops working)</button>
          </Form>
        )}
        {workshops.map((w) => (
          <article key={w.id} className="workshop" aria-labelledby={`w-${w.number}`}>
            <h3 id={`w-${w.number}`}>{w.title}</h3>
            <p>
              {w.date ? `${w.date}${w.place ? `, ${w.place}` : ""}` : "Not scheduled yet"} · <strong>{WORKSHOP_STATES[w.state] ?? w.state}</strong>
              <span className="muted"> · {w.themes}</span>
            </p>
            <div className="steps">
              {w.accepts.schedule && (
                <WorkshopForm intent="schedule" workshop={w} label={`Schedule ${w.title}`}>
                  <label>Date <input type="date" name="date" required /></label>
                  <label>Place <input name="place" /></label>
                  <button type="submit">Schedule</button>
                </WorkshopForm>
              )}
              {w.accepts.reschedule && (
                <WorkshopForm intent="reschedule" workshop={w} label={`Reschedule ${w.title}`}>
                  <label>New date <input type="date" name="date" required /></label>
                  <button type="submit" className="secondary">Reschedule (tasks move with it)</button>
                </WorkshopForm>
              )}
              {(["HOLD", "START_FOLLOW_UP", "CLOSE"] as const)
                .filter((step) => (step === "HOLD" ? w.accepts.hold : step === "START_FOLLOW_UP" ? w.accepts.followUp : w.accepts.close))
                .map((step) => (
                  <WorkshopForm key={step} intent="workshop-step" workshop={w}>
                    <input type="hidden" name="step" value={step} />
                    <button type="submit">{WORKSHOP_STEPS[step]}</button>
                  </WorkshopForm>
                ))}
              {w.accepts.cancel && (
                <WorkshopForm intent="cancel" workshop={w} label={`Cancel ${w.title}`}>
                  <label>Reason <input name="reason" required /></label>
                  <button type="submit" className="secondary">Cancel the workshop</button>
                </WorkshopForm>
              )}
            </div>
            <TableScroll label={`Tasks of ${w.title}`}>
              <table>
                <thead><tr><th scope="col">Task</th><th scope="col">For</th><th scope="col">Due</th><th scope="col">State</th></tr></thead>
                <tbody>
                  {w.tasks.map((t) => (
                    <tr key={t.id} className={t.overdue ? "overdue" : undefined}>
                      <th scope="row">{t.phase === "preparation" ? "Before: " : "After: "}{t.title}</th>
                      <td>{AUDIENCES[t.audience as keyof typeof AUDIENCES] ?? t.audience}</td>
                      <td>{t.dueOn ?? "when scheduled"}{t.overdue && <strong> · overdue</strong>}</td>
                      <td>
                        {t.done ? "done" : t.waivedBecause ? `waived: ${t.waivedBecause}` : (
                          <>
                            <Form method="post" className="inline">
                              <input type="hidden" name="intent" value="task-done" />
                              <input type="hidden" name="taskId" value={t.id} />
                              <button type="submit" className="link-button" aria-label={`Mark done: ${t.title}`}>done</button>
                            </Form>{" "}
                            <Form method="post" className="inline">
                              <input type="hidden" name="intent" value="task-waive" />
                              <input type="hidden" name="taskId" value={t.id} />
                              <input name="reason" aria-label={`Why waive: ${t.title}`} placeholder="why waive" size={12} required />
                              <button type="submit" className="link-button">waive</button>
                            </Form>
                          </>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
          </article>
        ))}
      </section>

      <section aria-labelledby="goals-h">
        <h2 id="goals-h">Goals</h2>
        {goals.length === 0 ? (
          <p>No goals yet. The kickoff needs an agreed goal for the region and one for every cluster.</p>
        ) : (
          <TableScroll label="Goals">
            <table>
              <thead>
                <tr><th scope="col">Goal</th><th scope="col">From → to</th><th scope="col">State</th><th scope="col">Latest check-in</th><th scope="col">Steps</th></tr>
              </thead>
              <tbody>
                {goals.map((g) => (
                  <tr key={g.id}>
                    <th scope="row">
                      {g.scope === "region" ? "Region" : clusterName.get(g.clusterId ?? "") ?? g.clusterId}: {metricLabel(g.metric, metrics)}
                      <span className="muted"> · {g.area}</span>
                    </th>
                    <td>{g.baseline.value} ({g.baseline.date}) → {g.target.value} by {g.target.date}</td>
                    <td>
                      {g.state}
                      {g.health && <> · <span aria-hidden="true">{HEALTH_SYMBOL[g.health]}</span> {g.health}</>}
                    </td>
                    <td>{g.latest ? `${g.latest.value} on ${g.latest.date}${g.latest.comment ? ` (${g.latest.comment})` : ""}` : "none"}</td>
                    <td>
                      {g.accepts.agree && (
                        <Form method="post" className="inline-form">
                          <input type="hidden" name="intent" value="agree" />
                          <input type="hidden" name="goalId" value={g.id} />
                          <input type="hidden" name="revision" value={g.revision} />
                          <button type="submit">Agree</button>
                        </Form>
                      )}
                      {g.state === "agreed" && (
                        <Form method="post" className="inline-form" aria-label={`Check-in for goal ${metricLabel(g.metric, metrics)}`}>
                          <input type="hidden" name="intent" value="check-in" />
                          <input type="hidden" name="goalId" value={g.id} />
                          <label>Value <input name="value" inputMode="decimal" required size={6} /></label>
                          <label>On <input type="date" name="date" required /></label>
                          <label>Comment <input name="comment" /></label>
                          <button type="submit" className="secondary">Record</button>
                        </Form>
                      )}
                      {g.accepts.withdraw && (
                        <Form method="post" className="inline-form">
                          <input type="hidden" name="intent" value="withdraw" />
                          <input type="hidden" name="goalId" value={g.id} />
                          <input type="hidden" name="revision" value={g.revision} />
                          <label>Reason <input name="reason" required /></label>
                          <button type="submit" className="secondary">Withdraw</button>
                        </Form>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
        <Form method="post" className="upload-form" aria-labelledby="add-goal-h">
          <h3 id="add-goal-h">Add a goal</h3>
          <input type="hidden" name="intent" value="add-goal" />
          <label>
            For
            <select name="scope" defaultValue="region">
              <option value="region">the region (the portfolio)</option>
              <option value="cluster">one cluster (choose below)</option>
            </select>
          </label>
          <label>
            Cluster
            <select name="clusterId" defaultValue="">
              <option value="">–</option>
              {clusters.map((c) => <option key={c.id} value={c.id}>{c.name}</option>)}
            </select>
          </label>
          <label>
            Improvement area
            <select name="area">{IMPROVEMENT_AREAS.map((a) => <option key={a} value={a}>{a}</option>)}</select>
          </label>
          <label>
            Metric (the baseline comes from the frozen scorecard)
            <select name="metric" defaultValue="overall">
              {metrics.map((m) => <option key={m.value} value={m.value}>{m.label}</option>)}
              <option value="free">Another number (give its unit and baseline)</option>
            </select>
          </label>
          <label>Unit (another number only) <input name="unit" /></label>
          <label>Baseline value (another number only) <input name="baselineValue" inputMode="decimal" /></label>
          <label>Target <input name="target" inputMode="decimal" required /></label>
          <label>Due date <input type="date" name="dueDate" required /></label>
          <button type="submit">Add the goal</button>
        </Form>
      </section>

      <section aria-labelledby="projects-h">
        <h2 id="projects-h">Joint projects</h2>
        {projects.length === 0 ? (
          <p>None yet. The report asks for two, separately funded, on weaknesses the clusters share.</p>
        ) : (
          <ul>
            {projects.map((p) => (
              <li key={p.id}><strong>{p.title}</strong> · {p.areas.join(", ")} · {p.status}{p.funding ? ` · ${p.funding}` : ""}</li>
            ))}
          </ul>
        )}
        <Form method="post" className="upload-form" aria-labelledby="add-project-h">
          <h3 id="add-project-h">Define a joint project</h3>
          <input type="hidden" name="intent" value="add-project" />
          <label>Title <input name="title" required /></label>
          <label>
            Improvement area
            <select name="area">{IMPROVEMENT_AREAS.map((a) => <option key={a} value={a}>{a}</option>)}</select>
          </label>
          <label>Funding <input name="funding" /></label>
          <label>
            Status
            <select name="status">{JOINT_PROJECT_STATUSES.map((s) => <option key={s} value={s}>{s}</option>)}</select>
          </label>
          <button type="submit">Define the project</button>
        </Form>
      </section>

      <section aria-labelledby="baseline-h">
        <h2 id="baseline-h">Baseline: the scorecard as of {program.baselineAsOf}</h2>
        <p className="muted">Frozen when the program opened ({baseline.clusters} clusters, methodology {program.catalogueId}); it is never recomputed.</p>
        <TableScroll label="Baseline scores">
          <table>
            <thead><tr><th scope="col">Dimension</th><th scope="col">Score</th></tr></thead>
            <tbody>
              {baseline.dimensions.map((d, i) => (
                <tr key={d.code}><th scope="row">{dimensionTitles[i]}</th><td><ScoreValue score={d} /></td></tr>
              ))}
              <tr className="overall"><th scope="row">Overall</th><td><ScoreValue score={baseline.overall} /></td></tr>
            </tbody>
          </table>
        </TableScroll>
      </section>
    </>
  );
}
