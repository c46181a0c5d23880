import { Form } from "react-router";
import type { ScorecardQuery } from "./scorecard-query";
import { portfolioLabel } from "./scorecard-query";

/** The GET form that chooses what a scorecard view shows; works without JavaScript. */
export function ScorecardQueryForm({
  query,
  available,
  catalogues,
  action,
}: {
  query: ScorecardQuery;
  available: Array<string>;
  catalogues: Array<{ id: string; title: string }>;
  action?: string;
}) {
  return (
    <Form method="get" action={action} className="query-form" aria-label="Scorecard options">
      <fieldset>
        <legend>Portfolios to compare</legend>
        <div className="checks">
          {available.map((code) => (
            <label key={code}>
              <input type="checkbox" name="p" value={code} defaultChecked={query.portfolios.includes(code)} /> {portfolioLabel(code)}
            </label>
          ))}
        </div>
      </fieldset>
      <div className="fields">
        <label>
          As of
          <input type="date" name="asOf" defaultValue={query.asOf} required />
        </label>
        <label>
          Not assessed before (optional)
          <input type="date" name="since" defaultValue={query.since ?? ""} />
        </label>
        <label>
          Methodology
          <select name="catalogue" defaultValue={query.catalogue}>
            {catalogues.map((c) => (
              <option key={c.id} value={c.id}>{c.id}</option>
            ))}
          </select>
        </label>
      </div>
      <button type="submit">Show</button>
    </Form>
  );
}
