import { data, Form, Link } from "react-router";
import { z } from "zod";
import { requireViewer } from "~/auth/session.server";
import { ScoreValue } from "~/components/band";
import { portfolioLabel } from "~/components/scorecard-query";
import { TableScroll } from "~/components/table-scroll";
import { readForm } from "~/forms.server";
import { advanceCycle, programView } from "~/programs.server";
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
  return { ...view, dimensionTitles: view.baseline.dimensions.map((d) => titles.get(d.code) ?? d.code) };
}

const commandSchema = z.object({ command: z.enum(CYCLE_COMMANDS), revision: z.coerce.number().int().min(0) });

export async function action({ request, context, params }: Route.ActionArgs) {
  const viewer = requireViewer(context, request);
  const parsed = commandSchema.safeParse(await readForm(request));
  if (!parsed.success) return data({ error: "This form did not come from the program page; reload it and try again." }, { status: 400 });
  const outcome = await advanceCycle(viewer, params.programId, parsed.data.command satisfies CycleCommand, parsed.data.revision, todayIso());
  return outcome.ok ? { error: null } : data({ error: outcome.error }, { status: outcome.status });
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

export default function ProgramPage({ loaderData, actionData }: Route.ComponentProps) {
  const { program, baseline, stage, revision, blockers, commands, goAhead, missing, dimensionTitles } = loaderData;
  const current = CYCLE_STAGES.indexOf(stage as (typeof CYCLE_STAGES)[number]);
  return (
    <>
      <p><Link to="/programs">← Programs</Link></p>
      <h1>{program.name}</h1>
      <p className="lead">{portfolioLabel(program.portfolio)} · {program.startsOn} to {program.endsOn}</p>
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
        {actionData?.error && <p className="errors" role="alert">{actionData.error}</p>}
        {commands.map((command) => (
          <Form key={command} method="post" className="inline-form">
            <input type="hidden" name="command" value={command} />
            <input type="hidden" name="revision" value={revision} />
            <button type="submit">{COMMAND_LABELS[command]}</button>
          </Form>
        ))}
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
