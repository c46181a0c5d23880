import { data, Link } from "react-router";
import { getCatalogue } from "~/catalogues.server";
import { describeRule } from "~/scorecard/catalogue";
import type { Route } from "./+types/catalogue";
import { TableScroll } from "~/components/table-scroll";
import { requireViewer } from "~/auth/session.server";

export const meta: Route.MetaFunction = ({ data }) => [{ title: `${data?.title ?? "Catalogue"} · RCES` }];

export async function loader({ params, request, context }: Route.LoaderArgs) {
  requireViewer(context, request);
  const catalogue = await getCatalogue(params.catalogueId);
  if (!catalogue) throw data(`No catalogue "${params.catalogueId}" is stored.`, { status: 404 });
  return {
    id: catalogue.id,
    title: catalogue.title,
    description: catalogue.description,
    bands: { redBelow: catalogue.bands.redBelowText, greenAbove: catalogue.bands.greenAboveText },
    count: catalogue.indicators.length,
    dimensions: catalogue.dimensions.map((d) => ({
      code: d.code,
      title: d.title,
      indicators: d.indicators.map((i) => ({
        code: i.code,
        title: i.title,
        kind: i.rule.kind === "number" && i.rule.derived ? "number (derived)" : i.rule.kind,
        rule: describeRule(i),
      })),
    })),
  };
}

export default function CataloguePage({ loaderData }: Route.ComponentProps) {
  const c = loaderData;
  return (
    <>
      <p><Link to="/methodology">← Methodology</Link></p>
      <h1>{c.title}</h1>
      <p className="muted">Catalogue id {c.id} · {c.count} indicators in {c.dimensions.length} dimensions</p>
      <p>{c.description}</p>
      <h2>How the scorecard is computed</h2>
      <ul>
        <li>Each cluster counts with its latest benchmarking on or before the chosen date.</li>
        <li>A dimension's score is 100 × its green lights over the portfolio's clusters ÷ (clusters × indicators in the dimension); the overall score is the same over all {c.count} indicators. Scores are rounded half-up to one decimal.</li>
        <li>A score is red below {c.bands.redBelow}, green above {c.bands.greenAbove}, yellow otherwise ({c.bands.redBelow} and {c.bands.greenAbove} are yellow).</li>
        <li>A missing value is never green; it counts in the denominator and is reported as missing.</li>
      </ul>
      {c.dimensions.map((d) => (
        <TableScroll key={d.code} label={d.title}>
          <table>
            <caption>{d.title} <span className="muted">({d.code}, {d.indicators.length} indicators)</span></caption>
            <thead>
              <tr><th scope="col">Code</th><th scope="col">Indicator</th><th scope="col">Kind</th><th scope="col">Rule</th></tr>
            </thead>
            <tbody>
              {d.indicators.map((i) => (
                <tr key={i.code}><th scope="row">{i.code}</th><td>{i.title}</td><td>{i.kind}</td><td>{i.rule}</td></tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      ))}
    </>
  );
}
