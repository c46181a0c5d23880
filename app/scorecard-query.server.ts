import { data } from "react-router";
import { z } from "zod";
import { individualAccess, mayActFor, mayViewAggregate, type Viewer } from "./auth/roles";
import { publicationDates, publicationInForce } from "./publications.server";
import { countAssessments, knownPortfolios, latestAssessmentsAsOf, visibleAmong, type StoredAssessment } from "./benchmarks.server";
import { getSettings } from "./settings.server";
import { DEFAULT_CATALOGUE_ID, getCatalogue, listCatalogues } from "./catalogues.server";
import { isIsoDate } from "./scorecard/benchmarks-csv";
import { computeScorecard, type Scorecard } from "./scorecard/compute";
import { todayIso } from "./scorecard/dates";
import type { ScorecardQuery } from "./components/scorecard-query";

// The query every scorecard view shares: which catalogue, as of when, which portfolios.

const MAX_DEFAULT_PORTFOLIOS = 3;

const isoDate = (label: string) =>
  z.string().refine(isIsoDate, { error: (issue) => `${label} "${String(issue.input)}" is not a date (YYYY-MM-DD)` });
const portfolioCode = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]*$/, { error: (issue) => `"${String(issue.input)}" is not a portfolio code` });
export const scorecardQuerySchema = z.object({
  catalogue: z.string().min(1).default(DEFAULT_CATALOGUE_ID),
  asOf: z.union([z.literal("").transform(() => undefined), isoDate("the as-of date")]).optional(),
  since: z.union([z.literal("").transform(() => undefined), isoDate("the not-before date")]).optional(),
  p: z.array(portfolioCode).max(12, "compare at most 12 portfolios at once").default([]),
});


/**
 * Parses the URL's search params (a malformed query is a 400 naming the field), reads each
 * cluster's latest assessment as of the date and computes the chosen portfolios' scorecard.
 */
export async function loadScorecard(request: Request, viewer: Viewer) {
  const params = new URL(request.url).searchParams;
  const parsed = scorecardQuerySchema.safeParse({
    catalogue: params.get("catalogue") ?? undefined,
    asOf: params.get("asOf") ?? undefined,
    since: params.get("since") ?? undefined,
    p: params.getAll("p"),
  });
  if (!parsed.success) {
    throw data(`Bad query: ${parsed.error.issues.map((i) => i.message).join("; ")}.`, { status: 400 });
  }
  const asOf = parsed.data.asOf ?? todayIso();
  const since = parsed.data.since;
  if (since && since > asOf) throw data(`Bad query: the not-before date ${since} is after the as-of date ${asOf}.`, { status: 400 });
  const catalogue = await getCatalogue(parsed.data.catalogue);
  if (!catalogue) throw data(`No catalogue "${parsed.data.catalogue}" is stored.`, { status: 404 });

  // Who sees a portfolio in full: an administrator, and its coordinators. Anyone else sees it only
  // in aggregate, and for them the aggregate is guarded (K-anonymity and snapshot dates, below).
  const access = individualAccess(viewer);
  const inFull = (code: string) => access.all || access.portfolios.includes(code);

  const assessments = await latestAssessmentsAsOf(asOf, since);
  // The portfolios to choose from: those the clusters belong to as of the date, for those who see
  // them in full; every known portfolio otherwise (the dates of benchmarkings are not theirs to probe).
  const available = [...new Set([...assessments.flatMap((a) => a.portfolios.filter(inFull)), ...(await knownPortfolios()).filter((c) => !inFull(c))])].sort();
  const asked = [...new Set(parsed.data.p)].sort();
  // Portfolios asked for that have no cluster benchmarked in the period are named, not drawn empty.
  const absent = asked.filter((code) => !available.includes(code));
  const chosen = asked.length ? asked.filter((code) => available.includes(code)) : available.slice(0, MAX_DEFAULT_PORTFOLIOS);
  const query: ScorecardQuery = { catalogue: catalogue.id, asOf, since, portfolios: chosen };
  const computed = computeScorecard(catalogue, assessments, { asOf, since, portfolios: chosen.filter(inFull) });
  const { minClusters } = getSettings();

  // For those who see a portfolio only in aggregate: the latest publication on or before the date
  // ("since" cannot narrow it), withheld while it holds fewer than K clusters hidden from them
  // (K-anonymity; clusters they may see do not count, they could subtract those).
  const rowsAsOf = new Map<string, Promise<Array<StoredAssessment>>>();
  const withheld: Array<string> = [];
  const snapshots: Array<{ portfolio: string; asOf: string }> = [];
  const portfolios: Scorecard["portfolios"] = [];
  for (const code of chosen) {
    if (inFull(code)) {
      portfolios.push(computed.portfolios.find((p) => p.code === code)!);
      continue;
    }
    const publication = await publicationInForce(code, asOf);
    if (publication === null) {
      withheld.push(code);
      continue;
    }
    const published = publication.asOf;
    const key = `${published}/${publication.lastImportId}`;
    if (!rowsAsOf.has(key)) rowsAsOf.set(key, latestAssessmentsAsOf(published, undefined, publication.lastImportId));
    const members = (await rowsAsOf.get(key)!).filter((a) => a.portfolios.includes(code));
    const seen = await visibleAmong(viewer, members.map((a) => a.cluster));
    if (!mayViewAggregate(members.filter((a) => !seen.has(a.cluster)).length, minClusters)) {
      withheld.push(code);
      continue;
    }
    portfolios.push(computeScorecard(catalogue, members, { asOf: published, portfolios: [code] }).portfolios[0]!);
    snapshots.push({ portfolio: code, asOf: published });
  }
  const scorecard = { ...computed, portfolios };
  const storedAny = assessments.length > 0 || (await countAssessments()) > 0;
  return {
    query: { ...query, portfolios: scorecard.portfolios.map((p) => p.code) },
    catalogue,
    available,
    absent,
    withheld: { portfolios: withheld, minClusters },
    snapshots,
    publishable: await unpublished(chosen.filter((code) => inFull(code) && mayActFor(viewer, [code]).ok), asOf),
    defaulted: asked.length === 0,
    storedAny,
    catalogues: await listCatalogues(),
    scorecard,
  };
}

/** The portfolios not yet published as of this date (what a publish button may offer). */
async function unpublished(codes: Array<string>, asOf: string): Promise<Array<string>> {
  const open: Array<string> = [];
  for (const code of codes) if (!(await publicationDates(code)).includes(asOf)) open.push(code);
  return open;
}
