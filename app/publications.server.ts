import { audit } from "./audit.server";
import { overlapBlocker, publicationBlocker, type Member } from "./auth/disclosure";
import { mayActFor, type Viewer } from "./auth/roles";
import { latestAssessmentsAsOf } from "./benchmarks.server";
import { db } from "./db.server";
import { getSettings } from "./settings.server";

// Published states of portfolios: what those who see a portfolio only in aggregate are shown.

export async function publicationDates(portfolio: string): Promise<Array<string>> {
  const rows = await db().publication.findMany({ where: { portfolio }, select: { asOf: true }, orderBy: { asOf: "asc" } });
  return rows.map((r) => r.asOf);
}

async function membersAsOf(portfolio: string, asOf: string): Promise<Array<Member>> {
  return (await latestAssessmentsAsOf(asOf)).filter((a) => a.portfolios.includes(portfolio)).map((a) => ({ cluster: a.cluster, assessedOn: a.assessedOn }));
}

export type PublishOutcome = { ok: true } | { ok: false; status: 403 | 409; error: string };

/** Publishes a portfolio's scorecard as of a date, if the publisher may and it gives nobody away. */
export async function publish(actor: Viewer, portfolio: string, asOf: string): Promise<PublishOutcome> {
  if (!mayActFor(actor, [portfolio]).ok) return { ok: false, status: 403, error: "Only the portfolio's coordinators and administrators publish its scorecard." };
  const dates = await publicationDates(portfolio);
  const before = dates.filter((d) => d < asOf).at(-1);
  const after = dates.find((d) => d > asOf);
  if (dates.includes(asOf)) return { ok: false, status: 409, error: `The scorecard as of ${asOf} is published already.` };
  const neighbours = await Promise.all([before, after].filter((d): d is string => d !== undefined).map(async (d) => ({ asOf: d, members: await membersAsOf(portfolio, d) })));
  const state = await membersAsOf(portfolio, asOf);
  const others = await Promise.all(
    (await db().publication.findMany({ where: { portfolio: { not: portfolio } }, select: { portfolio: true, asOf: true } })).map(async (p) => ({ ...p, members: await membersAsOf(p.portfolio, p.asOf) })),
  );
  const blocker = publicationBlocker(state, neighbours, getSettings().minClusters) ?? overlapBlocker(state, others, getSettings().minClusters);
  if (blocker) return { ok: false, status: 409, error: `Not published: ${blocker}.` };
  await db().$transaction(async (tx) => {
    await tx.publication.create({ data: { portfolio, asOf, publishedById: actor.userId } });
    await audit(tx, { actorId: actor.userId, action: "scorecard.publish", subject: `portfolio ${portfolio}`, after: { asOf } });
  });
  return { ok: true };
}
