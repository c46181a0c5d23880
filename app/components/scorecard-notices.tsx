import { Link } from "react-router";
import { portfolioLabel, type ScorecardQuery } from "./scorecard-query";

/** Why a scorecard shows less than asked: no data at all, none in the period, or absent portfolios. */
export function ScorecardNotices({
  query,
  available,
  absent,
  withheld,
  snapshots,
  defaulted,
  storedAny,
}: {
  query: ScorecardQuery;
  available: Array<string>;
  absent: Array<string>;
  withheld: { portfolios: Array<string>; minClusters: number };
  snapshots: Array<{ portfolio: string; asOf: string }>;
  defaulted: boolean;
  storedAny: boolean;
}) {
  const period = `on or before ${query.asOf}${query.since ? ` and not before ${query.since}` : ""}`;
  if (!storedAny) return <p className="notice" role="status">No benchmarking data yet: <Link to="/import">import a file</Link>.</p>;
  if (available.length === 0) return <p className="notice" role="status">No cluster has a benchmarking {period}. Choose a later date.</p>;
  return (
    <>
      {absent.length > 0 && (
        <p className="notice" role="status">
          No cluster of {absent.map(portfolioLabel).join(", ")} has a benchmarking {period}.
        </p>
      )}
      {withheld.portfolios.length > 0 && (
        <p className="notice" role="status">
          {withheld.portfolios.map(portfolioLabel).join(", ")}: no published scorecard on or before {query.asOf}. Its coordinator
          publishes it once it covers enough clusters ({withheld.minClusters} or more whose results are not yours to see) to keep
          each cluster's results confidential.
        </p>
      )}
      {snapshots.length > 0 && (
        <p className="notice" role="status">
          Shown as published: {snapshots.map((s) => `${portfolioLabel(s.portfolio)} as of ${s.asOf}`).join(", ")}, the latest
          publication on or before {query.asOf}.{query.since ? " “Not assessed before” does not apply to published scorecards." : ""}
        </p>
      )}
      {defaulted && available.length > query.portfolios.length && (
        <p className="muted">Showing the first {query.portfolios.length} portfolios; tick others above to compare them.</p>
      )}
    </>
  );
}
