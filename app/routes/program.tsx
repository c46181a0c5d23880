import { data, Link, redirect } from "react-router";
import { requireViewer } from "~/auth/session.server";
import { ScoreValue } from "~/components/band";
import { portfolioLabel } from "~/components/scorecard-query";
import { TableScroll } from "~/components/table-scroll";
import { ActionForm } from "~/components/program/action-form";
import { AddGoalForm, CarryOver, GoalCard, Suggestions } from "~/components/program/goals";
import { JointProjects } from "~/components/program/projects";
import { MyTasks, WorkshopCard } from "~/components/program/workshops";
import { describeIssues, formKeyOf, readForm } from "~/forms.server";
import { goalsToCarryOver, programView } from "~/programs.server";
import { goalsOf, jointProjectsOf, mayProposeGoals, suggestionsFor } from "~/goals.server";
import { programSeenBy } from "~/program-access.server";
import { DONE_MESSAGES, NEXT_CYCLE_MESSAGE, programActionSchema, runProgramAction } from "~/program-actions.server";
import { assignableIn, workshopsOf } from "~/workshops.server";
import { metricOptions } from "~/program/metrics";
import { getCatalogue } from "~/catalogues.server";
import { todayIso } from "~/scorecard/dates";
import { getSettings } from "~/settings.server";
import { publicationDates } from "~/publications.server";
import { programDay, progressFor } from "~/progress.server";
import { ProgressSection } from "~/components/program/progress";
import { CYCLE_STAGES } from "../../workflows/improvement-cycle";
import { CYCLE_STAGE_NAMES } from "~/program-terms";
import type { Route } from "./+types/program";

export const meta: Route.MetaFunction = ({ data }) => [{ title: `${data?.program.name ?? "Program"} · RCES` }];

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const viewer = requireViewer(context, request);
  const access = await programSeenBy(viewer, params.programId);
  if (!access) throw data("No such program.", { status: 404 });
  const today = todayIso();
  const view = await programView(viewer, access);
  const catalogue = (await getCatalogue(access.program.catalogueId))!;
  const metrics = { region: metricOptions(catalogue, "region"), cluster: metricOptions(catalogue, "cluster") };
  const mayPropose = await mayProposeGoals(access, today);
  return {
    ...view,
    today,
    // A closed cycle's goals read as on its closing day, as its report does.
    goals: await goalsOf(access, await programDay(access.program, today)),
    suggestions: mayPropose ? await suggestionsFor(access) : [],
    projects: await jointProjectsOf(access.program.id),
    workshops: await workshopsOf(access, viewer.userId, today),
    assignees: access.part.runs ? await assignableIn(access) : [],
    metrics,
    labels: {
      metric: { region: Object.fromEntries(metrics.region.map((m) => [m.value, m.label])), cluster: Object.fromEntries(metrics.cluster.map((m) => [m.value, m.label])) },
      cluster: Object.fromEntries(access.clusters.map((c) => [c.id, c.name])),
    },
    dimensionTitles: Object.fromEntries(catalogue.dimensions.map((d) => [d.code, d.title])),
    timeZone: getSettings().timeZone,
    progress: await progressFor(access, today),
    limits: [Number(catalogue.bands.redBelowText), Number(catalogue.bands.greenAboveText)],
    done: new URL(request.url).searchParams.get("done") === "next-cycle" ? NEXT_CYCLE_MESSAGE : DONE_MESSAGES[new URL(request.url).searchParams.get("done") as keyof typeof DONE_MESSAGES] ?? null,
    carryOver: mayPropose ? await goalsToCarryOver(access, today) : [],
    // Those who run the program are told when the others wait for a publication to see its regional figures.
    baselineUnpublished: access.part.runs && !(await publicationDates(access.program.portfolio)).includes(access.program.baselineAsOf),
    mayPropose,
  };
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const viewer = requireViewer(context, request);
  const form = await readForm(request);
  const answer = { formKey: formKeyOf(form) };
  const parsed = programActionSchema.safeParse(form);
  if (!parsed.success) return data({ error: `Not saved: ${describeIssues(parsed.error)}.`, calendar: null, ...answer }, { status: 400 });
  const outcome = await runProgramAction(viewer, params.programId, parsed.data, todayIso());
  if (!outcome.ok) return data({ error: outcome.error, calendar: null, ...answer }, { status: outcome.status });
  const url = new URL(request.url);
  // The new calendar link is shown once, so it comes back with the answer; every other step
  // redirects (a reload then does not post again) with what was done.
  if (outcome.calendarToken) return { error: null, calendar: `${url.origin}/calendar/${outcome.calendarToken}.ics` };
  if (outcome.nextProgramId) return redirect(`/programs/${encodeURIComponent(outcome.nextProgramId)}?done=next-cycle`, 303);
  return redirect(`/programs/${encodeURIComponent(params.programId)}?${new URLSearchParams({ done: parsed.data.intent })}`, 303);
}

const COMMAND_LABELS: Record<string, string> = {
  START_KICKOFF: "Start the kickoff",
  COMPLETE_KICKOFF: "Complete the kickoff",
  START_REBENCHMARKING: "Start benchmarking again",
  DECIDE_GO_AHEAD: "Go ahead without the missing benchmarkings",
  START_REVIEW: "Start the review",
  CLOSE: "Close the cycle",
};

export default function ProgramPage({ loaderData, actionData }: Route.ComponentProps) {
  const { program, part, baseline, stage, revision, blockers, commands, goAhead, missing, goals, suggestions, clusters, metrics, labels, projects, workshops, assignees, dimensionTitles, today } = loaderData;
  const current = CYCLE_STAGES.indexOf(stage as (typeof CYCLE_STAGES)[number]);
  const regional = goals.filter((g) => g.scope === "region");
  const clusterGoals = goals.filter((g) => g.scope === "cluster");
  const goalClusters = part.runs ? clusters : clusters.filter((c) => part.clusters.includes(c.id));
  const people = { clusters, assignees };
  return (
    <>
      <p><Link to="/programs">← Programs</Link></p>
      <h1>{program.name}</h1>
      <p className="lead">
        {portfolioLabel(program.portfolio)} · {program.startsOn} to {program.endsOn}
        {!part.runs && <> · {part.clusters.length ? `you take part for ${goalClusters.map((c) => c.name).join(", ")}` : "you follow this program"}</>}
      </p>
      {/* What the last step did: after a redirect, what was done; a refusal of one of the page's forms is said next to it (ActionForm), only others here; an answer shown in place (the calendar link) replaces both. */}
      {actionData?.error ? !actionData.formKey && <p className="errors" role="alert">{actionData.error}</p> : !actionData && loaderData.done && <p className="notice" role="status">{loaderData.done}</p>}

      <section aria-labelledby="cycle-h">
        <h2 id="cycle-h">The cycle</h2>
        <ol className="timeline">
          {CYCLE_STAGES.map((s, i) => (
            <li key={s} aria-current={i === current ? "step" : undefined} className={i < current ? "done" : i === current ? "current" : "later"}>
              <span aria-hidden="true">{i < current ? "✔" : i === current ? "●" : "○"}</span> {CYCLE_STAGE_NAMES[s]}
              {i === current && <strong> (now)</strong>}
            </li>
          ))}
        </ol>
        {blockers.length > 0 && (
          <div className="waiting" role="status" aria-label="What the next step waits for">
            <p>▲ What the next step waits for:</p>
            <ul>{blockers.map((b) => <li key={b}>{b}</li>)}</ul>
          </div>
        )}
        {goAhead && <p className="muted">Decided on {goAhead.at} to go ahead without {goAhead.without.length ? goAhead.without.join(", ") : `${goAhead.count} cluster(s)`}.</p>}
        {stage === "rebenchmarking" && missing.length === 0 && <p>Every cluster of the baseline has been benchmarked again.</p>}
        {commands.map((command) => (
          <ActionForm key={command} intent="cycle" fields={{ command, revision }} label={COMMAND_LABELS[command]}>
            {command === "CLOSE" && (
              <label><input type="checkbox" name="confirm" value="yes" required /> The review is over: close this cycle for good and open the next</label>
            )}
            <button type="submit">{COMMAND_LABELS[command]}</button>
          </ActionForm>
        ))}
      </section>

      {/* A cluster manager's own work first: the tasks assigned to him or his cluster. */}
      {!part.runs && part.clusters.length > 0 && (
        <section aria-labelledby="my-tasks-h">
          <h2 id="my-tasks-h">Your tasks</h2>
          <MyTasks workshops={workshops} people={people} />
        </section>
      )}

      <section aria-labelledby="progress-h">
        <h2 id="progress-h">Progress against the baseline</h2>
        {loaderData.progress === null ? (
          <p className="muted">No cluster has been benchmarked again since the program started; the comparison appears with the new round.</p>
        ) : "withheld" in loaderData.progress ? (
          <p className="muted">{loaderData.progress.withheld}</p>
        ) : (
          <ProgressSection progress={loaderData.progress.progress} titles={dimensionTitles} baselineAsOf={program.baselineAsOf} limits={loaderData.limits} />
        )}
        <p>
          <Link to={`/programs/${program.id}/report`}>The progress report for the review forum</Link> (printable) ·{" "}
          <a href={`/programs/${program.id}/report.csv`} download>its goals as CSV</a>
        </p>
      </section>

      <section aria-labelledby="goals-h">
        {loaderData.baselineUnpublished && (
          <p className="waiting">
            ▲ Cluster managers and policy makers see the baseline and the regional goals once the {portfolioLabel(program.portfolio)} scorecard as of {program.baselineAsOf} is published:{" "}
            <Link to={`/scorecard?${new URLSearchParams({ p: program.portfolio, asOf: program.baselineAsOf })}`}>publish it from the scorecard page</Link>.
          </p>
        )}
        <h2 id="goals-h">{part.runs ? "Goals" : part.clusters.length ? "Your goals" : "Regional goals"}</h2>
        {part.seesRegion ? (
          <>
            {(part.runs || part.clusters.length > 0) && <h3>Regional goals</h3>}
            {regional.length === 0 ? <p>No regional goal yet.</p> : regional.map((g) => <GoalCard key={g.id} goal={g} labels={labels} today={today} />)}
          </>
        ) : (
          <p className="muted">Regional goals are shown once the coordinator publishes the portfolio's scorecard as of {program.baselineAsOf}.</p>
        )}
        {goalClusters.map((c) => {
          const own = clusterGoals.filter((g) => g.clusterId === c.id);
          return (
            <section key={c.id} aria-labelledby={`goals-${c.id}`}>
              <h3 id={`goals-${c.id}`}>{c.name}</h3>
              {own.length === 0 ? <p>No goal yet.</p> : own.map((g) => <GoalCard key={g.id} goal={g} labels={labels} today={today} />)}
            </section>
          );
        })}
        <CarryOver goals={loaderData.carryOver} labels={labels} dueDate={program.endsOn} />
        <Suggestions suggestions={suggestions} labels={labels} dueDate={program.endsOn} />
        {loaderData.mayPropose && goalClusters.length > 0 && <AddGoalForm scopes={part.runs ? ["region", "cluster"] : ["cluster"]} clusters={goalClusters} metrics={metrics} owners={assignees} />}
      </section>

      <section aria-labelledby="workshops-h">
        <h2 id="workshops-h">Forum workshops</h2>
        {part.runs &&
          (actionData?.calendar ? (
            <div className="notice" role="status">
              <p>Subscribe to this link in your calendar app (workshops and task due dates, {loaderData.timeZone}). Keep it private: anyone with the link sees the dates. It is shown only now; a new link replaces it.</p>
              <input readOnly value={actionData.calendar} aria-label="Calendar link to copy" className="link-copy" />
            </div>
          ) : (
            <ActionForm intent="calendar">
              <button type="submit" className="secondary">Make a calendar link for this program (any earlier link stops working)</button>
            </ActionForm>
          ))}
        {workshops.map((w) => <WorkshopCard key={w.id} workshop={w} runs={part.runs} people={people} timeZone={loaderData.timeZone} />)}
        {part.runs && (
          <ActionForm intent="add-workshop" className="upload-form" label="Add a workshop">
            <h3>Add a workshop</h3>
            <label>Title <input name="title" required defaultValue={`Forum ${workshops.length + 1}`} /></label>
            <label>Themes <input name="themes" /></label>
            <button type="submit">Add the workshop (with the template's tasks)</button>
          </ActionForm>
        )}
      </section>

      <section aria-labelledby="projects-h">
        <h2 id="projects-h">Joint projects</h2>
        <JointProjects projects={projects} clusters={clusters} runs={part.runs} />
      </section>

      {baseline && (
        <section aria-labelledby="baseline-h">
          <h2 id="baseline-h">Baseline: the scorecard as of {program.baselineAsOf}</h2>
          <p className="muted">Frozen when the program opened ({baseline.clusters} clusters, methodology {program.catalogueId}); it is never recomputed.</p>
          <TableScroll label="Baseline scores">
            <table>
              <thead><tr><th scope="col">Dimension</th><th scope="col">Score</th></tr></thead>
              <tbody>
                {baseline.dimensions.map((d) => (
                  <tr key={d.code}><th scope="row">{dimensionTitles[d.code] ?? d.code}</th><td><ScoreValue score={d} /></td></tr>
                ))}
                <tr className="overall"><th scope="row">Overall</th><td><ScoreValue score={baseline.overall} /></td></tr>
              </tbody>
            </table>
          </TableScroll>
        </section>
      )}
    </>
  );
}
