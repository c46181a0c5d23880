import { data, Form, Link, redirect } from "react-router";
import { z } from "zod";
import { coordinatedPortfolios, coordinatesAny, isAdmin } from "~/auth/roles";
import { newPersonalCalendarToken } from "~/calendar.server";
import { getSettings } from "~/settings.server";
import { requireViewer } from "~/auth/session.server";
import { DEFAULT_CATALOGUE_ID, listCatalogues } from "~/catalogues.server";
import { knownPortfolios } from "~/benchmarks.server";
import { portfolioLabel } from "~/components/scorecard-query";
import { CYCLE_STAGE_NAMES } from "~/program-terms";
import { TableScroll } from "~/components/table-scroll";
import { describeIssues, readForm } from "~/forms.server";
import { createProgram, listPrograms } from "~/programs.server";
import { isIsoDate } from "~/scorecard/benchmarks-csv";
import { DEFAULT_JOINT_PROJECTS, MAX_JOINT_PROJECTS } from "../../workflows/improvement-cycle";
import type { Route } from "./+types/programs";

export const meta: Route.MetaFunction = () => [{ title: "Improvement programs · RCES" }];

export async function loader({ request, context }: Route.LoaderArgs) {
  const viewer = requireViewer(context, request);
  const mayOpen = coordinatesAny(viewer);
  return {
    programs: await listPrograms(viewer),
    mayOpen,
    // The portfolios this viewer may open a program for, and the methodologies a baseline may use.
    portfolios: !mayOpen ? [] : isAdmin(viewer) ? await knownPortfolios() : coordinatedPortfolios(viewer),
    catalogues: mayOpen ? (await listCatalogues()).map((c) => ({ id: c.id, title: c.title })) : [],
    defaultCatalogue: DEFAULT_CATALOGUE_ID,
    timeZone: getSettings().timeZone,
  };
}

const FIELD_NAMES = { name: "the name", portfolio: "the portfolio", catalogueId: "the methodology", startsOn: "the start", endsOn: "the end", baselineAsOf: "the baseline date", requiredJointProjects: "the number of joint projects" };
const date = z.string().refine(isIsoDate, "must be a date (YYYY-MM-DD)");
const programSchema = z
  .object({
    name: z.string().trim().min(3, "needs at least 3 characters, e.g. “Arctic 2017-2019”").max(120),
    portfolio: z.string().trim().regex(/^[a-z0-9][a-z0-9_-]*$/, "must be a portfolio code, e.g. arctic"),
    startsOn: date,
    endsOn: z.union([z.literal("").transform(() => undefined), date]).optional(),
    baselineAsOf: date,
    catalogueId: z.string().trim().max(100).regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, "must be a methodology id, e.g. rces-2017").default(DEFAULT_CATALOGUE_ID),
    requiredJointProjects: z
      .union([
        z.literal("").transform(() => undefined),
        z.coerce.number().int("must be a whole number").min(0, `must be from 0 to ${MAX_JOINT_PROJECTS}`).max(MAX_JOINT_PROJECTS, `must be from 0 to ${MAX_JOINT_PROJECTS}`),
      ])
      .optional(),
  })
  .refine((p) => p.baselineAsOf <= p.startsOn, { path: ["baselineAsOf"], message: "must be on or before the start" });

export async function action({ request, context }: Route.ActionArgs) {
  const viewer = requireViewer(context, request);
  const form = await readForm(request);
  if (form.intent === "my-calendar") {
    const token = await newPersonalCalendarToken(viewer);
    return { error: null, calendar: `${new URL(request.url).origin}/calendar/${token}.ics` };
  }
  if (!coordinatesAny(viewer)) throw data("Improvement programs are opened by forum coordinators.", { status: 403 });
  const parsed = programSchema.safeParse(form);
  if (!parsed.success) return data({ error: `Not opened: ${describeIssues(parsed.error, FIELD_NAMES)}.`, calendar: null }, { status: 400 });
  const outcome = await createProgram(viewer, parsed.data);
  if (!outcome.ok) return data({ error: outcome.error, calendar: null }, { status: outcome.status });
  return redirect(`/programs/${outcome.id}`);
}

export default function ProgramsPage({ loaderData, actionData }: Route.ComponentProps) {
  const { programs, portfolios, catalogues, defaultCatalogue, mayOpen } = loaderData;
  const openPrograms = programs.filter((p) => p.stage !== "closed" && portfolios.includes(p.portfolio));
  return (
    <>
      <h1>Improvement programs</h1>
      <p className="lead">A two-year cycle of forum workshops for a portfolio, started from its scorecard as a frozen baseline.</p>
      {programs.length === 0 && <p>No program of yours yet.</p>}
      {programs.length > 0 && (
        <TableScroll label="Programs">
          <table>
            <thead>
              <tr><th scope="col">Program</th><th scope="col">Portfolio</th><th scope="col">Runs</th><th scope="col">Stage</th></tr>
            </thead>
            <tbody>
              {programs.map((p) => (
                <tr key={p.id}>
                  <th scope="row"><Link to={`/programs/${p.id}`}>{p.name}</Link></th>
                  <td>{portfolioLabel(p.portfolio)}</td>
                  <td>{p.startsOn} to {p.endsOn}</td>
                  <td>{CYCLE_STAGE_NAMES[p.stage] ?? p.stage}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      {actionData?.error && <p className="errors" role="alert">{actionData.error}</p>}
      <section aria-labelledby="my-calendar-h">
        <h2 id="my-calendar-h">Your calendar</h2>
        {actionData?.calendar ? (
          <div className="notice" role="status">
            <p>Subscribe to this link in your calendar app: the workshops of your programs and your tasks' due dates ({loaderData.timeZone}). Keep it private. It is shown only now; a new link replaces it.</p>
            <input readOnly value={actionData.calendar} aria-label="Your calendar link to copy" className="link-copy" />
          </div>
        ) : (
          <Form method="post" className="inline-form">
            <input type="hidden" name="intent" value="my-calendar" />
            <button type="submit" className="secondary">Make your calendar link (any earlier link stops working)</button>
          </Form>
        )}
      </section>
      {mayOpen && <Form method="post" className="upload-form" aria-labelledby="new-h">
        <h2 id="new-h">Open a program</h2>
        {openPrograms.length > 0 && (
          <p className="waiting">
            ▲ Still open: {openPrograms.map((p) => `${p.name} (${portfolioLabel(p.portfolio)}, ${CYCLE_STAGE_NAMES[p.stage] ?? p.stage})`).join("; ")}. Closing a cycle opens the next program by itself; open another only for a separate program of the same clusters.
          </p>
        )}
        <label>Name <input name="name" required placeholder="Arctic 2017-2019" /></label>
        <label>Portfolio <select name="portfolio" required defaultValue={portfolios[0]}>{portfolios.map((p) => <option key={p} value={p}>{portfolioLabel(p)}</option>)}</select></label>
        <label>Baseline: the scorecard as of <input type="date" name="baselineAsOf" required /></label>
        {catalogues.length > 1 ? (
          <label>Methodology of the baseline (the program's scorecards use it throughout) <select name="catalogueId" defaultValue={defaultCatalogue}>{catalogues.map((c) => <option key={c.id} value={c.id}>{c.title} ({c.id})</option>)}</select></label>
        ) : (
          <input type="hidden" name="catalogueId" value={catalogues[0]?.id ?? defaultCatalogue} />
        )}
        <label>Starts <input type="date" name="startsOn" required /></label>
        <label>Ends (if left empty: the earliest expiry of the clusters' current labels that is at least a year after the start, else two years after the start) <input type="date" name="endsOn" /></label>
        <label>Joint projects the kickoff needs (the number agreed; dropped ones do not count) <input type="number" name="requiredJointProjects" min={0} max={MAX_JOINT_PROJECTS} step={1} defaultValue={DEFAULT_JOINT_PROJECTS} required /></label>
        <button type="submit">Open the program</button>
      </Form>}
    </>
  );
}
