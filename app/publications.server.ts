import { audit } from "./audit.server";
import { overlapBlocker, publicationBlocker, publishedAsOf, type Member } from "./auth/disclosure";
import { mayActFor, type Viewer } from "./auth/roles";
import { latestAssessmentsAsOf } from "./benchmarks.server";
import { db } from "./db.server";
import { getSettings } from "./settings.server";

// Published states of portfolios: what those who see a portfolio only in aggregate are shown.
// A publication keeps the last import stored when it was made, so that what it shows never
// changes afterwards (a later import of a benchmarking dated before it would, and comparing the
// two views would show that cluster).

export type Publication = { asOf: string; lastImportId: number | null };

export async function publicationsOf(portfolio: string): Promise<Array<Publication>> {
  return db().publication.findMany({ where: { portfolio }, select: { asOf: true, lastImportId: true }, orderBy: { asOf: "asc" } });
}

export async function publicationDates(portfolio: string): Promise<Array<string>> {
  return (await publicationsOf(portfolio)).map((p) => p.asOf);
}

/** The publication in force on a day (the latest on or before it), or null. */
export async function publicationInForce(portfolio: string, asOf: string): Promise<Publication | null> {
  const all = await publicationsOf(portfolio);
  const date = publishedAsOf(all.map((p) => p.asOf), asOf);
  return all.find((p) => p.asOf === date) ?? null;
}

/** The benchmarkings a portfolio's published state is made of (frozen at its last import). */
export async function publishedMembers(portfolio: string, publication: Publication) {
  return (await latestAssessmentsAsOf(publication.asOf, undefined, publication.lastImportId)).filter((a) => a.portfolios.includes(portfolio));
}

const asMembers = (rows: ReadonlyArray<{ cluster: string; assessedOn: string }>): Array<Member> => rows.map((a) => ({ cluster: a.cluster, assessedOn: a.assessedOn }));

export type PublishOutcome = { ok: true } | { ok: false; status: 403 | 409; error: string };

/** Publishes a portfolio's scorecard as of a date, if the publisher may and it gives nobody away. */
export async function publish(actor: Viewer, portfolio: string, asOf: string): Promise<PublishOutcome> {
  if (!mayActFor(actor, [portfolio]).ok) return { ok: false, status: 403, error: "Only the portfolio's coordinators and administrators publish its scorecard." };
  const own = await publicationsOf(portfolio);
  if (own.some((p) => p.asOf === asOf)) return { ok: false, status: 409, error: `The scorecard as of ${asOf} is published already.` };
  const before = own.filter((p) => p.asOf < asOf).at(-1);
  const after = own.find((p) => p.asOf > asOf);
  const neighbours = await Promise.all(
    [before, after].filter((p): p is Publication => p !== undefined).map(async (p) => ({ asOf: p.asOf, members: asMembers(await publishedMembers(portfolio, p)) })),
  );
  const lastImportId = (await db().benchmarkImport.findFirst({ orderBy: { id: "desc" }, select: { id: true } }))?.id ?? 0;
  const state = asMembers(await publishedMembers(portfolio, { asOf, lastImportId }));
  const others = await Promise.all(
    (await db().publication.findMany({ where: { portfolio: { not: portfolio } }, select: { portfolio: true, asOf: true, lastImportId: true } })).map(async (p) => ({
      portfolio: p.portfolio,
      asOf: p.asOf,
      members: asMembers(await publishedMembers(p.portfolio, p)),
    })),
  );
  const { minClusters } = getSettings();
  const blocker = publicationBlocker(state, neighbours, minClusters) ?? overlapBlocker(state, others, minClusters);
  if (blocker) return { ok: false, status: 409, error: `Not published: ${blocker}.` };
  await db().$transaction(async (tx) => {
    await tx.publication.create({ data: { portfolio, asOf, lastImportId, publishedById: actor.userId } });
    await audit(tx, { actorId: actor.userId, action: "scorecard.publish", subject: `portfolio ${portfolio}`, after: { asOf, lastImportId } });
  });
  return { ok: true };
}
