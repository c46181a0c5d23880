import { data, Form, Link, redirect } from "react-router";
import { z } from "zod";
import { requireViewer } from "~/auth/session.server";
import { Health, goalTitle } from "~/components/program/goals";
import { changeWords, ProgressSection } from "~/components/program/progress";
import { TableScroll } from "~/components/table-scroll";
import { portfolioLabel } from "~/components/scorecard-query";
import { describeIssues, readForm } from "~/forms.server";
import { LABEL_STATUS_WORDS } from "~/labels/words";
import { programSeenBy } from "~/program-access.server";
import { programReport, saveObservation } from "~/report.server";
import { todayIso } from "~/scorecard/dates";
import type { Route } from "./+types/program-report";

export const meta: Route.MetaFunction = ({ data }) => [{ title: `Progress report: ${data?.program.name ?? "program"} · RCES` }];

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const viewer = requireViewer(context, request);
  const today = todayIso();
  const report = await programReport(viewer, params.programId, today);
  if (!report) throw data("No such program.", { status: 404 });
  const { access, catalogue } = report;
  const { id, name, portfolio, startsOn, endsOn, baselineAsOf } = access.program;
  return {
    today,
    day: report.day,
    program: { id, name, portfolio, startsOn, endsOn, baselineAsOf },
    mayObserve: report.mayObserve,
    goals: report.goals,
    progress: report.progress,
    labels: report.labels,
    observations: report.observations,
    dimensions: [...catalogue.dimensions.map((d) => ({ code: d.code, title: d.title })), { code: "overall", title: "Overall" }],
    limits: [Number(catalogue.bands.redBelowText), Number(catalogue.bands.greenAboveText)],
    labelsFor: { metric: report.metricLabels, cluster: Object.fromEntries(access.clusters.map((c) => [c.id, c.name])) },
    saved: new URL(request.url).searchParams.get("saved"),
  };
}

const observationSchema = z.object({ intent: z.literal("observe"), dimension: z.string().max(60), text: z.string().trim().max(4000).default("") });

export async function action({ request, context, params }: Route.ActionArgs) {
  const viewer = requireViewer(context, request);
  const access = await programSeenBy(viewer, params.programId);
  if (!access) throw data("No such program.", { status: 404 });
  const parsed = observationSchema.safeParse(await readForm(request));
  if (!parsed.success) return data({ error: `Not saved: ${describeIssues(parsed.error)}.` }, { status: 400 });
  const outcome = await saveObservation(viewer, access, parsed.data.dimension, parsed.data.text);
  if (!outcome.ok) return data({ error: outcome.error }, { status: outcome.status });
  return redirect(`/programs/${encodeURIComponent(params.programId)}/report?${new URLSearchParams({ saved: parsed.data.dimension })}#obs-${parsed.data.dimension}`, 303);
}

const OUTCOME: Record<string, string> = { achieved: "✔ achieved", missed: "✖ missed", agreed: "open (agreed)", draft: "draft, not agreed", withdrawn: "withdrawn" };

export default function ReportPage({ loaderData, actionData }: Route.ComponentProps) {
  const { program, mayObserve, goals, progress, labels, observations, dimensions, limits, labelsFor, today, day, saved } = loaderData;
  const titles = Object.fromEntries(dimensions.map((d) => [d.code, d.title]));
  const changeOf = (code: string) => {
    if (!progress || !("progress" in progress)) return null;
    const c = progress.progress.comparison;
    return code === "overall" ? c.overall.change : c.dimensions.find((d) => d.code === code)?.change ?? null;
  };
  return (
    <article className="report">
      <p className="no-print"><Link to={`/programs/${program.id}`}>← {program.name}</Link> · <a href={`/programs/${program.id}/report.csv`} download>Goals as CSV</a></p>
      <h1>Progress report: {program.name}</h1>
      <p className="lead">
        {portfolioLabel(program.portfolio)} · program {program.startsOn} to {program.endsOn} · baseline as of {program.baselineAsOf} · printed {today}
      </p>
      {actionData?.error && <p className="errors" role="alert">{actionData.error}</p>}
      {saved && !actionData?.error && <p className="notice no-print" role="status">The observation on {titles[saved] ?? saved} was saved.</p>}

      <section aria-labelledby="r-progress">
        <h2 id="r-progress">The scorecard: baseline and now</h2>
        {progress === null ? (
          <p>No cluster has been benchmarked again since the program started.</p>
        ) : "withheld" in progress ? (
          <p>{progress.withheld}</p>
        ) : (
          <ProgressSection progress={progress.progress} titles={titles} baselineAsOf={program.baselineAsOf} limits={limits} />
        )}
      </section>

      <section aria-labelledby="r-goals">
        <h2 id="r-goals">Goals and their outcome</h2>
        {goals.length === 0 ? (
          <p>No goals.</p>
        ) : (
          <TableScroll label="Goals and their outcome">
            <table>
              <thead>
                <tr><th scope="col">Goal</th><th scope="col">Area</th><th scope="col">Baseline</th><th scope="col">Target</th><th scope="col">Latest</th><th scope="col">Outcome</th></tr>
              </thead>
              <tbody>
                {goals.map((g) => (
                  <tr key={g.id}>
                    <th scope="row">{goalTitle(g, labelsFor)}</th>
                    <td>{g.area}</td>
                    <td>{g.baseline.value} ({g.baseline.date})</td>
                    <td>{g.target.value} by {g.target.date}</td>
                    <td>{g.latest ? `${g.latest.value} on ${g.latest.date}${g.latest.source !== "manual" ? ` (${g.latest.source})` : ""}` : "none"}</td>
                    <td>{OUTCOME[g.state] ?? g.state}{g.health && <> · <Health health={g.health} /></>}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
      </section>

      <section aria-labelledby="r-labels">
        <h2 id="r-labels">Labels as of {day}{day !== today ? " (when the cycle closed)" : ""}</h2>
        {labels.length === 0 ? (
          <p>No cluster of the program holds a label.</p>
        ) : (
          <TableScroll label="Labels of the program's clusters">
            <table>
              <thead><tr><th scope="col">Cluster</th><th scope="col">Level</th><th scope="col">Valid to</th><th scope="col">State</th></tr></thead>
              <tbody>
                {labels.map((l) => (
                  <tr key={l.id}>
                    <th scope="row">{l.clusterName}</th>
                    <td>{l.level}</td>
                    <td>{l.validUntil}</td>
                    <td><span aria-hidden="true">{LABEL_STATUS_WORDS[l.status]?.symbol}</span> {LABEL_STATUS_WORDS[l.status]?.word}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
      </section>

      <section aria-labelledby="r-observations">
        <h2 id="r-observations">Observations per dimension</h2>
        {dimensions.map((d) => (
          <div key={d.code} id={`obs-${d.code}`} className="observation">
            <h3>{d.title}{changeOf(d.code) !== null && <span className="muted"> · {changeWords(changeOf(d.code))}</span>}</h3>
            {mayObserve ? (
              <Form method="post" className="upload-form" aria-label={`Observation on ${d.title}`}>
                <input type="hidden" name="intent" value="observe" />
                <input type="hidden" name="dimension" value={d.code} />
                <textarea name="text" defaultValue={observations[d.code] ?? ""} aria-label={`What the coordinator observes on ${d.title}`} />
                <p className="print-only">{observations[d.code] || "No observation."}</p>
                <button type="submit" className="secondary no-print">Save</button>
              </Form>
            ) : (
              <p>{observations[d.code] || "No observation."}</p>
            )}
          </div>
        ))}
      </section>
    </article>
  );
}
