/** What a scorecard view shows: which catalogue, as of when, which portfolios side by side. */
export type ScorecardQuery = { catalogue: string; asOf: string; since?: string; portfolios: Array<string> };

/** The same query as search params, for links between the views. */
export function queryString(query: ScorecardQuery): string {
  const params = new URLSearchParams({ catalogue: query.catalogue, asOf: query.asOf });
  if (query.since) params.set("since", query.since);
  for (const p of query.portfolios) params.append("p", p);
  return params.toString();
}

/** "arctic" -> "Arctic": codes are lower-case in files, names are shown capitalised. */
export function portfolioLabel(code: string): string {
  return code.charAt(0).toUpperCase() + code.slice(1);
}
