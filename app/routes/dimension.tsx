import { data, Link } from "react-router";
import { LIGHT_SYMBOL, ScoreValue } from "~/components/band";
import { LightShareChart, percent, type ShareRow } from "~/components/light-share-chart";
import { ScorecardQueryForm } from "~/components/query-form";
import { ScorecardNotices } from "~/components/scorecard-notices";
import { portfolioLabel, queryString } from "~/components/scorecard-query";
import { loadScorecard } from "~/scorecard-query.server";
import type { Route } from "./+types/dimension";
import { TableScroll } from "~/components/table-scroll";
import { requireViewer } from "~/auth/session.server";

export const meta: Route.MetaFunction = ({ data }) => [{ title: `${data?.dimension.title ?? "Dimension"} · RCES` }];

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const { query, catalogue, available, absent, withheld, snapshots, defaulted, storedAny, catalogues, scorecard } = await loadScorecard(request, requireViewer(context, request));
  const index = catalogue.dimensions.findIndex((d) => d.code === params.dimension);
  if (index < 0) throw data(`The methodology ${catalogue.id} has no dimension "${params.dimension}".`, { status: 404 });
  const dimension = catalogue.dimensions[index]!;
  const codes = new Set(dimension.indicators.map((i) => i.code));
  return {
    query,
    available,
    notices: { absent, withheld, snapshots, defaulted, storedAny },
    catalogues: catalogues.map((c) => ({ id: c.id, title: c.title })),
    dimension: { code: dimension.code, title: dimension.title },
    dimensions: catalogue.dimensions.map((d) => ({ code: d.code, title: d.title })),
    indicators: dimension.indicators.map((i) => ({ code: i.code, title: i.title })),
    portfolios: scorecard.portfolios.map((p) => ({
      code: p.code,
      clusters: p.clusters,
      score: p.dimensions[index]!,
      indicators: p.indicators.filter((c) => codes.has(c.code)),
    })),
  };
}

export default function DimensionPage({ loaderData }: Route.ComponentProps) {
  const { query, available, notices, catalogues, dimension, dimensions, indicators, portfolios } = loaderData;
  const rows: Array<ShareRow> = indicators.map((indicator) => ({
    ...indicator,
    bars: portfolios.map((p) => {
      const c = p.indicators.find((x) => x.code === indicator.code)!;
      return { portfolio: p.code, counts: { green: c.green, yellow: c.yellow, red: c.red, missing: c.missing } };
    }),
  }));
  const qs = queryString(query);
  return (
    <>
      <p><Link to={`/scorecard?${qs}`}>← Scorecard</Link></p>
      <h1>{dimension.title}</h1>
      <p className="lead">Per indicator, the share of clusters with each light, as of {query.asOf}.</p>
      <ul className="score-line">
        {portfolios.map((p) => (
          <li key={p.code}>
            {portfolioLabel(p.code)}: <ScoreValue score={p.score} /> <span className="muted">({p.clusters} clusters)</span>
          </li>
        ))}
      </ul>
      <ScorecardQueryForm query={query} available={available} catalogues={catalogues} action={`/scorecard/${dimension.code}`} />
      <ScorecardNotices query={query} available={available} {...notices} />
      <LightShareChart
        rows={rows}
        title={`${dimension.title}: shares of green, yellow, red and missing lights per indicator`}
        description="Stacked bars per indicator and portfolio; the table below gives every count and share."
      />
      <TableScroll label="Lights per indicator">
        <table className="counts">
          <caption>Lights per indicator: count (share of the portfolio's clusters)</caption>
          <thead>
            <tr>
              <th scope="col">Indicator</th>
              <th scope="col">Portfolio</th>
              <th scope="col"><span aria-hidden="true">{LIGHT_SYMBOL.green}</span> Green</th>
              <th scope="col"><span aria-hidden="true">{LIGHT_SYMBOL.yellow}</span> Yellow</th>
              <th scope="col"><span aria-hidden="true">{LIGHT_SYMBOL.red}</span> Red</th>
              <th scope="col"><span aria-hidden="true">{LIGHT_SYMBOL.missing}</span> Missing</th>
            </tr>
          </thead>
          <tbody>
            {rows.flatMap((row) =>
              row.bars.map((bar, i) => {
                const total = bar.counts.green + bar.counts.yellow + bar.counts.red + bar.counts.missing;
                const cell = (n: number) => `${n} (${percent(n, total)} %)`;
                return (
                  <tr key={`${row.code}-${bar.portfolio}`}>
                    {i === 0 && (
                      <th scope="rowgroup" rowSpan={row.bars.length}>
                        {row.code} <span className="muted">{row.title}</span>
                      </th>
                    )}
                    <td>{portfolioLabel(bar.portfolio)}</td>
                    <td>{cell(bar.counts.green)}</td>
                    <td>{cell(bar.counts.yellow)}</td>
                    <td>{cell(bar.counts.red)}</td>
                    <td>{cell(bar.counts.missing)}</td>
                  </tr>
                );
              }),
            )}
          </tbody>
        </table>
      </TableScroll>
      <nav aria-label="Other dimensions" className="dimension-nav">
        <h2>Other dimensions</h2>
        <ul>
          {dimensions.map((d) => (
            <li key={d.code}>{d.code === dimension.code ? <strong>{d.title}</strong> : <Link to={`/scorecard/${d.code}?${qs}`}>{d.title}</Link>}</li>
          ))}
        </ul>
      </nav>
    </>
  );
}
