import type { Prisma } from "../generated/prisma/client";
import { individualAccess, type Viewer } from "./roles";

// The visibility rule of roles.ts as a database condition: queries select only what the viewer
// may see, instead of fetching everything and filtering afterwards.

/** Clusters whose individual data the viewer may see. */
export function visibleClusters(viewer: Viewer): Prisma.ClusterWhereInput {
  const access = individualAccess(viewer);
  if (access.all) return {};
  const anyOf: Array<Prisma.ClusterWhereInput> = [];
  if (access.clusters.length) anyOf.push({ id: { in: access.clusters } });
  if (access.portfolios.length) anyOf.push({ portfolios: { some: { portfolio: { in: access.portfolios } } } });
  if (access.withConsentIn.length) {
    anyOf.push({
      portfolios: { some: { portfolio: { in: access.withConsentIn } } },
      consents: { some: { withdrawnAt: null } },
    });
  }
  return anyOf.length ? { OR: anyOf } : { id: { in: [] } };
}
