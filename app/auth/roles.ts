// Who may see and do what: pure rules, no HTTP, no Prisma. The server checks them in every
// loader and action (and turns the visibility rule into database conditions, access.server.ts).

export const ROLES = ["admin", "coordinator", "clusterManager", "policyMaker"] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_NAMES: Record<Role, string> = {
  admin: "Administrator",
  coordinator: "Forum coordinator",
  clusterManager: "Cluster manager",
  policyMaker: "Policy maker",
};

/** A role on its scope: a portfolio (coordinator, policy maker), a cluster (cluster manager), or all (admin). */
export type Grant = { role: Role; portfolio: string | null; clusterId: string | null };

export type Viewer = { userId: string; name: string; email: string; grants: ReadonlyArray<Grant> };

/** Aggregates of fewer clusters than this are shown only to those who may see every one of them. */
export const DEFAULT_MIN_CLUSTERS = 3;

export function isAdmin(viewer: Viewer): boolean {
  return viewer.grants.some((g) => g.role === "admin");
}

function scopes(viewer: Viewer, role: Role, key: "portfolio" | "clusterId"): Array<string> {
  return [...new Set(viewer.grants.filter((g) => g.role === role && g[key] !== null).map((g) => g[key]!))].sort();
}

export const coordinatedPortfolios = (viewer: Viewer) => scopes(viewer, "coordinator", "portfolio");
export const policyPortfolios = (viewer: Viewer) => scopes(viewer, "policyMaker", "portfolio");
export const managedClusters = (viewer: Viewer) => scopes(viewer, "clusterManager", "clusterId");

/**
 * Whose individual data (indicator values, lights next to a cluster's name) the viewer may see:
 * an admin all; a coordinator the clusters of their portfolios; a cluster manager their cluster;
 * a policy maker the clusters of their portfolios that have given consent. The database condition
 * built from this is in access.server.ts.
 */
export type IndividualAccess = {
  all: boolean;
  portfolios: Array<string>;
  clusters: Array<string>;
  withConsentIn: Array<string>;
};

export function individualAccess(viewer: Viewer): IndividualAccess {
  return {
    all: isAdmin(viewer),
    portfolios: coordinatedPortfolios(viewer),
    clusters: managedClusters(viewer),
    withConsentIn: policyPortfolios(viewer),
  };
}

/** Acting for these portfolios (importing, publishing, running programs): an admin, or the coordinator of every one. */
export function mayActFor(viewer: Viewer, portfolios: ReadonlyArray<string>): { ok: true } | { ok: false; notYours: Array<string> } {
  if (isAdmin(viewer)) return { ok: true };
  const mine = coordinatedPortfolios(viewer);
  const notYours = portfolios.filter((p) => !mine.includes(p));
  return notYours.length ? { ok: false, notYours } : { ok: true };
}

/**
 * Why a coordinator may not import these rows, or null. Each row may list their own portfolios,
 * and for a stored cluster also the other portfolios it belongs to already; it may not add a
 * cluster to another coordinator's portfolio, nor take it out of one.
 */
export function importRefusal(
  viewer: Viewer,
  rows: ReadonlyArray<{ cluster: string; portfolios: ReadonlyArray<string> }>,
  stored: ReadonlyMap<string, ReadonlyArray<string>>,
): string | null {
  if (isAdmin(viewer)) return null;
  const mine = coordinatedPortfolios(viewer);
  for (const row of rows) {
    const before = stored.get(row.cluster) ?? [];
    const added = row.portfolios.filter((p) => !mine.includes(p) && !before.includes(p));
    if (added.length) return `you coordinate no portfolio ${added.join(", ")}; ask its coordinator or an administrator to add ${row.cluster} to it`;
    const dropped = before.filter((p) => !mine.includes(p) && !row.portfolios.includes(p));
    if (dropped.length) return `${row.cluster} belongs to ${dropped.join(", ")} too; keep it in the portfolios column (only that portfolio's coordinator or an administrator can take it out)`;
  }
  return null;
}

/** Admins and the coordinators of any portfolio: who imports, opens programs and manages people. */
export function coordinatesAny(viewer: Viewer): boolean {
  return isAdmin(viewer) || coordinatedPortfolios(viewer).length > 0;
}

/** May open the import page at all: admins and coordinators. */
export const mayUseImport = coordinatesAny;

/** The portfolios whose labels (renewals monitor) a viewer follows: as coordinator or policy maker. */
export function labelPortfolios(viewer: Viewer): Array<string> {
  return [...new Set([...coordinatedPortfolios(viewer), ...policyPortfolios(viewer)])].sort();
}

/**
 * K-anonymity of aggregates: an aggregate over fewer than `minimum` clusters hidden from the viewer
 * gives individuals away (the clusters they may see do not count: they could subtract those).
 */
export function mayViewAggregate(hiddenClusters: number, minimum = DEFAULT_MIN_CLUSTERS): boolean {
  return hiddenClusters === 0 || hiddenClusters >= minimum;
}

/** Where a viewer lands after signing in: the view of their role. */
export function landingPath(viewer: Viewer): string {
  if (isAdmin(viewer)) return "/scorecard";
  const coordinated = coordinatedPortfolios(viewer);
  if (coordinated.length) return `/scorecard?${coordinated.map((p) => `p=${encodeURIComponent(p)}`).join("&")}`;
  const managed = managedClusters(viewer);
  if (managed.length) return `/clusters/${encodeURIComponent(managed[0]!)}`;
  const policy = policyPortfolios(viewer);
  if (policy.length) return `/scorecard?${policy.map((p) => `p=${encodeURIComponent(p)}`).join("&")}`;
  return "/scorecard";
}

/**
 * Who may give (invite to) or take away a role: an admin any role; a coordinator the roles of
 * their own portfolios (coordinator, policy maker) and cluster manager of a cluster in them.
 */
export function mayGrant(viewer: Viewer, grant: Grant, clusterPortfolios: ReadonlyArray<string> = []): boolean {
  if (isAdmin(viewer)) return true;
  const mine = coordinatedPortfolios(viewer);
  if (grant.role === "admin") return false;
  if (grant.role === "clusterManager") return grant.clusterId !== null && clusterPortfolios.some((p) => mine.includes(p));
  return grant.portfolio !== null && mine.includes(grant.portfolio);
}

/** Acting for one cluster (its consent, its labels): an admin, or a coordinator of one of its portfolios. */
export function mayActForCluster(viewer: Viewer, clusterPortfolios: ReadonlyArray<string>): boolean {
  return isAdmin(viewer) || clusterPortfolios.some((p) => coordinatedPortfolios(viewer).includes(p));
}

/** Seeing a portfolio's labels (which ESCA publishes anyway): its coordinators and policy makers, and admins. */
export function maySeePortfolioLabels(viewer: Viewer, portfolio: string): boolean {
  return isAdmin(viewer) || labelPortfolios(viewer).includes(portfolio);
}

/**
 * A viewer's part in an improvement program of a portfolio: who runs it (its coordinators and
 * administrators), the clusters of it they manage, and whether they follow it as a policy maker.
 * Null: the program is not theirs to see at all.
 */
export type ProgramPart = { runs: boolean; clusters: ReadonlyArray<string>; follows: boolean; seesRegion: boolean };

/**
 * `baselinePublished`: the portfolio's scorecard as of the baseline date is published. Regional
 * figures (the baseline, regional goals) are aggregates: those who do not run the program see them
 * only then, as they see the scorecard itself (disclosure.ts).
 */
export function programPart(viewer: Viewer, portfolio: string, programClusters: ReadonlyArray<string>, baselinePublished: boolean): ProgramPart | null {
  const runs = mayActFor(viewer, [portfolio]).ok;
  const clusters = managedClusters(viewer).filter((c) => programClusters.includes(c));
  const follows = policyPortfolios(viewer).includes(portfolio);
  return runs || clusters.length || follows ? { runs, clusters, follows, seesRegion: runs || baselinePublished } : null;
}

type GoalScope = { scope: string; clusterId: string | null };

/** Regional goals: for those who may see regional figures (seesRegion); a cluster's goals: for those who run the program and the cluster's managers. */
export function maySeeGoal(part: ProgramPart, goal: GoalScope): boolean {
  if (goal.scope === "region") return part.seesRegion;
  return part.runs || (goal.clusterId !== null && part.clusters.includes(goal.clusterId));
}

/** Proposing, agreeing, changing, withdrawing and checking in: who runs the program, or the cluster's managers for its goals. */
export function mayWorkOnGoal(part: ProgramPart, goal: GoalScope): boolean {
  return part.runs || (goal.scope === "cluster" && goal.clusterId !== null && part.clusters.includes(goal.clusterId));
}

/** Marking a task done or waived: who runs the program, the person it is assigned to, or the managers of its cluster. */
export function mayWorkOnTask(part: ProgramPart, userId: string, task: { clusterId: string | null; assigneeId: string | null }): boolean {
  return part.runs || task.assigneeId === userId || (task.clusterId !== null && part.clusters.includes(task.clusterId));
}
