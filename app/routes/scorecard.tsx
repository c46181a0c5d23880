import { data, Form, Link } from "react-router";
import { z } from "zod";
import { ScoreValue } from "~/components/band";
import { ScorecardQueryForm } from "~/components/query-form";
import { ScorecardNotices } from "~/components/scorecard-notices";
import { ScorecardChart, type ChartRow } from "~/components/scorecard-chart";
import { portfolioLabel, queryString } from "~/components/scorecard-query";
import { loadScorecard } from "~/scorecard-query.server";
import type { Route } from "./+types/scorecard";
import { TableScroll } from "~/components/table-scroll";
import { requireViewer } from "~/auth/session.server";
import { readForm } from "~/forms.server";
import { publish } from "~/publications.server";
import { mayActFor } from "~/auth/roles";
import { isIsoDate } from "~/scorecard/benchmarks-csv";
import { plural } from "~/components/words";

export const meta: Route.MetaFunction = () => [{ title: "Regional Cluster Excellence Scorecard" }];

export async function loader({ request, context }: Route.LoaderArgs) {
  const { query, catalogue, available, absent, withheld, snapshots, publishable, defaulted, storedAny, catalogues, scorecard } = await loadScorecard(request, requireViewer(context, request));
  return {
    query,
    available,
    notices: { absent, withheld, snapshots, defaulted, storedAny },
    publishable,
    catalogues: catalogues.map((c) => ({ id: c.id, title: c.title })),
    catalogueTitle: catalogue.title,
    bands: { redBelow: catalogue.bands.redBelowText, greenAbove: catalogue.bands.greenAboveText },
    dimensions: catalogue.dimensions.map((d) => ({ code: d.code, title: d.title, indicators: d.indicators.length })),
    portfolios: scorecard.portfolios,
  };
}

function fact(value: number | null, unit = ""): string {
  return value === null ? "no data" : `${value.toFixed(1)}${unit}`;
}

const publishSchema = z.object({ intent: z.literal("publish"), portfolio: z.string().regex(/^[a-z0-9][a-z0-9_-]*$/), asOf: z.string().refine(isIsoDate), confirm: z.literal("yes").optional() });

export async function action({ request, context }: Route.ActionArgs) {
  const viewer = requireViewer(context, request);
  const parsed = publishSchema.safeParse(await readForm(request));
  if (!parsed.success) return data({ message: "This form did not come from the scorecard page; reload it and try again.", ok: false }, { status: 400 });
  if (!mayActFor(viewer, [parsed.data.portfolio]).ok) return data({ message: "Only the portfolio's coordinators and administrators publish its scorecard.", ok: false }, { status: 403 });
  // A publication cannot be taken back (others compare against it): it takes a ticked confirmation.
  if (parsed.data.confirm !== "yes") return data({ message: "Tick the box to confirm: a publication cannot be taken back.", ok: false }, { status: 422 });
  const outcome = await publish(viewer, parsed.data.portfolio, parsed.data.asOf);
  if (!outcome.ok) return data({ message: outcome.error, ok: false }, { status: outcome.status });
  return { message: `Published: ${portfolioLabel(parsed.data.portfolio)} as of ${parsed.data.asOf}, for those who see it only in aggregate.`, ok: true };
}

export default function ScorecardPage({ loaderData, actionData }: Route.ComponentProps) {
  const { query, available, notices, catalogues, dimensions, portfolios, bands, catalogueTitle, publishable } = loaderData;
  const rows: Array<ChartRow> = [
    ...dimensions.map((d, i) => ({
      title: d.title,
      bars: portfolios.map((p) => ({ portfolio: p.code, score: p.dimensions[i]!.score, band: p.dimensions[i]!.band })),
    })),
    { title: "Overall (RCES)", bars: portfolios.map((p) => ({ portfolio: p.code, score: p.overall.score, band: p.overall.band })) },
  ];
  const names = portfolios.map((p) => portfolioLabel(p.code)).join(", ");
  const qs = queryString(query);
  return (
    <>
      <h1>Regional Cluster Excellence Scorecard</h1>
      <p className="lead">
        {catalogueTitle} ({query.catalogue}), each cluster with its latest benchmarking on or before {query.asOf}
        {query.since ? `, and not before ${query.since}` : ""}.
      </p>
      <ScorecardQueryForm query={query} available={available} catalogues={catalogues} />
      <ScorecardNotices query={query} available={available} {...notices} />
      {actionData && <p className={actionData.ok ? "notice" : "errors"} role={actionData.ok ? "status" : "alert"}>{actionData.message}</p>}
      {portfolios.length === 0 ? null : (
        <>
          <section aria-labelledby="facts-h">
            <h2 id="facts-h">Key facts</h2>
            <div className="facts">
              {portfolios.map((p) => (
                <dl key={p.code} className="facts-box" aria-label={`Key facts, ${portfolioLabel(p.code)}`}>
                  <dt className="facts-title">{portfolioLabel(p.code)}</dt>
                  <dd className="facts-title">{p.clusters} clusters</dd>
                  <dt>Committed members, mean</dt><dd>{fact(p.keyFacts.members)}</dd>
                  <dt>Team FTE, mean</dt><dd>{fact(p.keyFacts.fte)}</dd>
                  <dt>Public funding, mean</dt><dd>{fact(p.keyFacts.publicFundingPct, " %")}</dd>
                  <dt>SMEs among members, mean</dt><dd>{fact(p.keyFacts.smePct, " %")}</dd>
                  <dt>Committed of potential members</dt><dd>{fact(p.keyFacts.committedSharePct, " %")}</dd>
                </dl>
              ))}
            </div>
          </section>
          <section aria-labelledby="chart-h">
            <h2 id="chart-h">Scores by dimension</h2>
            <p className="legend">
              Score = green lights as % of all lights possible; dashed lines mark the band limits. <span aria-hidden="true">✔</span> green: above {bands.greenAbove};{" "}
              <span aria-hidden="true">▲</span> yellow: {bands.redBelow} to {bands.greenAbove}; <span aria-hidden="true">✖</span> red: below {bands.redBelow}.
            </p>
            <ScorecardChart
              rows={rows}
              title={`Scores by dimension and overall: ${names}, as of ${query.asOf}`}
              description={`Bar chart; dashed lines mark the band limits ${bands.redBelow} and ${bands.greenAbove}. The table below gives every number and band.`}
              limits={[Number(bands.redBelow), Number(bands.greenAbove)]}
            />
            <TableScroll label="Scores by dimension">
              <table>
                <caption>Scores by dimension (green lights / lights possible)</caption>
                <thead>
                  <tr>
                    <th scope="col">Dimension</th>
                    {portfolios.map((p) => <th key={p.code} scope="col">{portfolioLabel(p.code)}</th>)}
                  </tr>
                </thead>
                <tbody>
                  {dimensions.map((d, i) => (
                    <tr key={d.code}>
                      <th scope="row"><Link to={`/scorecard/${d.code}?${qs}`}>{d.title}</Link> <span className="muted">({plural(d.indicators, "indicator")})</span></th>
                      {portfolios.map((p) => {
                        const s = p.dimensions[i]!;
                        return (
                          <td key={p.code}>
                            <ScoreValue score={s} />
                          </td>
                        );
                      })}
                    </tr>
                  ))}
                  <tr className="overall">
                    <th scope="row">Overall</th>
                    {portfolios.map((p) => (
                      <td key={p.code}>
                        <ScoreValue score={p.overall} />
                      </td>
                    ))}
                  </tr>
                </tbody>
              </table>
            </TableScroll>
          </section>
          {publishable.length > 0 && (
            <section aria-labelledby="publish-h">
              <h2 id="publish-h">Publish</h2>
              <p className="muted">
                Policy makers and cluster managers see a portfolio only as published. Each publication must cover at least
                {" "}{notices.withheld.minClusters} clusters and differ from the one before by as many, so that no cluster's results show.
              </p>
              {publishable.map((code) => (
                <Form key={code} method="post" className="inline-form">
                  <input type="hidden" name="intent" value="publish" />
                  <input type="hidden" name="portfolio" value={code} />
                  <input type="hidden" name="asOf" value={query.asOf} />
                  <label><input type="checkbox" name="confirm" value="yes" required /> For good (a publication cannot be taken back)</label>
                  <button type="submit" className="secondary">Publish {portfolioLabel(code)} as of {query.asOf}</button>
                </Form>
              ))}
            </section>
          )}
        </>
      )}
    </>
  );
}
