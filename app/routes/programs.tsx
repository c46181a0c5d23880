import { data, Form, Link, redirect } from "react-router";
import { z } from "zod";
import { coordinatedPortfolios, isAdmin } from "~/auth/roles";
import { requireViewer } from "~/auth/session.server";
import { DEFAULT_CATALOGUE_ID } from "~/catalogues.server";
import { portfolioLabel } from "~/components/scorecard-query";
import { TableScroll } from "~/components/table-scroll";
import { readForm } from "~/forms.server";
import { createProgram, listPrograms } from "~/programs.server";
import { isIsoDate } from "~/scorecard/benchmarks-csv";
import type { Route } from "./+types/programs";

export const meta: Route.MetaFunction = () => [{ title: "Improvement programs · RCES" }];

function requireCoordinator(context: Route.LoaderArgs["context"], request: Request) {
  const viewer = requireViewer(context, request);
  if (!isAdmin(viewer) && coordinatedPortfolios(viewer).length === 0) throw data("Improvement programs are run by forum coordinators.", { status: 403 });
  return viewer;
}

export async function loader({ request, context }: Route.LoaderArgs) {
  const viewer = requireCoordinator(context, request);
  return { programs: await listPrograms(viewer), portfolios: isAdmin(viewer) ? null : coordinatedPortfolios(viewer) };
}

const date = (label: string) => z.string().refine(isIsoDate, `${label} must be a date`);
const programSchema = z
  .object({
    name: z.string().trim().min(3, "give the program a name, e.g. “Arctic 2017-2019”").max(120),
    portfolio: z.string().trim().regex(/^[a-z0-9][a-z0-9_-]*$/, "enter a portfolio code, e.g. arctic"),
    startsOn: date("the start"),
    endsOn: z.union([z.literal("").transform(() => undefined), date("the end")]).optional(),
    baselineAsOf: date("the baseline date"),
  })
  .refine((p) => p.baselineAsOf <= p.startsOn, { path: ["baselineAsOf"], message: "the baseline must be on or before the start" });

export async function action({ request, context }: Route.ActionArgs) {
  const viewer = requireCoordinator(context, request);
  const parsed = programSchema.safeParse(await readForm(request));
  if (!parsed.success) return data({ error: parsed.error.issues.map((i) => i.message).join("; ") }, { status: 400 });
  const outcome = await createProgram(viewer, { ...parsed.data, catalogueId: DEFAULT_CATALOGUE_ID });
  if (!outcome.ok) return data({ error: outcome.error }, { status: outcome.status });
  return redirect(`/programs/${outcome.id}`);
}

export default function ProgramsPage({ loaderData, actionData }: Route.ComponentProps) {
  const { programs, portfolios } = loaderData;
  return (
    <>
      <h1>Improvement programs</h1>
      <p className="lead">A two-year cycle of forum workshops for a portfolio, started from its scorecard as a frozen baseline.</p>
      {programs.length > 0 && (
        <TableScroll label="Programs">
          <table>
            <thead>
              <tr><th scope="col">Program</th><th scope="col">Portfolio</th><th scope="col">Runs</th></tr>
            </thead>
            <tbody>
              {programs.map((p) => (
                <tr key={p.id}>
                  <th scope="row"><Link to={`/programs/${p.id}`}>{p.name}</Link></th>
                  <td>{portfolioLabel(p.portfolio)}</td>
                  <td>{p.startsOn} to {p.endsOn}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      {actionData?.error && <p className="errors" role="alert">{actionData.error}</p>}
      <Form method="post" className="upload-form" aria-labelledby="new-h">
        <h2 id="new-h">Open a program</h2>
        <label>Name <input name="name" required placeholder="Arctic 2017-2019" /></label>
        <label>Portfolio{portfolios ? ` (${portfolios.join(", ")})` : ""} <input name="portfolio" required defaultValue={portfolios?.[0] ?? ""} /></label>
        <label>Baseline: the scorecard as of <input type="date" name="baselineAsOf" required /></label>
        <label>Starts <input type="date" name="startsOn" required /></label>
        <label>Ends (two years after the start if left empty) <input type="date" name="endsOn" /></label>
        <button type="submit">Open the program</button>
      </Form>
    </>
  );
}
