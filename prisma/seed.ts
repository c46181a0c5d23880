import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { backfillPortfolioMemberships, importBenchmarks } from "../app/benchmarks.server";
import { DEFAULT_CATALOGUE_ID, storeCatalogue } from "../app/catalogues.server";
import { audit } from "../app/audit.server";
import { hashPassword } from "../app/auth/passwords.server";
import { db, disconnectDb } from "../app/db.server";
import { publish } from "../app/publications.server";
import { storeLabelRules } from "../app/labels.server";
import { seedDemoProgram } from "./demo/program";
import { getSettings } from "../app/settings.server";

// Stores the bundled catalogues (a no-op for those already stored) and, only into a database
// that holds no benchmarking yet, the demo data. Set RCES_DEMO=0 to start empty.

async function main() {
  // Settings are checked here, before the build and the server, so that a bad one stops `npm start` with one line.
  try {
    getSettings();
  } catch (error) {
    process.stderr.write(`rces: ${(error as Error).message}\n`);
    process.exit(2);
  }
  const dir = path.resolve("prisma/catalogues");
  for (const name of (await readdir(dir)).filter((f) => f.endsWith(".json")).sort()) {
    const result = await storeCatalogue(await readFile(path.join(dir, name), "utf8"));
    if (!result.ok) throw new Error(`${name}: ${result.errors.join("; ")}`);
    if (result.created) console.log(`rces: stored catalogue ${result.id}`);
  }
  const rulesDir = path.resolve("prisma/label-rules");
  for (const name of (await readdir(rulesDir)).filter((f) => f.endsWith(".json")).sort()) {
    const result = await storeLabelRules(await readFile(path.join(rulesDir, name), "utf8"));
    if (!result.ok) throw new Error(`${name}: ${result.errors.join("; ")}`);
    if (result.created) console.log(`rces: stored label rules ${result.id}`);
  }
  const backfilled = await backfillPortfolioMemberships();
  if (backfilled) console.log(`rces: recorded ${backfilled} portfolio memberships of stored clusters`);
  if (process.env.RCES_DEMO === "0") return;
  await seedDemoUsers();
  const holdsData = (await db().benchmarkImport.count()) > 0;
  if (holdsData) return;
  const demo = path.resolve("prisma/demo/benchmarks.csv");
  const result = await importBenchmarks("benchmarks.csv", await readFile(demo, "utf8"), DEFAULT_CATALOGUE_ID);
  if (!result.ok) throw new Error(result.errors.slice(0, 5).join("; "));
  console.log(`rces: demo data imported (${result.preview.rows} assessments of ${result.preview.clusters.length} clusters)`);
}

export const DEMO_PASSWORD = "rces-demo-2017";

/** One demo person per role, as the README lists them; never in production. */
export const DEMO_USERS = [
  { id: "demo-admin", email: "admin@demo.rces", name: "Ada Admin", grants: [{ role: "admin" }] },
  { id: "demo-coordinator", email: "coordinator@demo.rces", name: "Kari Koordinator", grants: [{ role: "coordinator", portfolio: "arctic" }] },
  { id: "demo-manager", email: "manager@demo.rces", name: "Mats Manager", grants: [{ role: "clusterManager", clusterId: "arc-tromso-marine" }] },
  { id: "demo-policy", email: "policy@demo.rces", name: "Pia Policy", grants: [{ role: "policyMaker", portfolio: "arctic" }] },
] as const;

async function seedDemoUsers() {
  if ((await db().user.count()) > 0) return;
  if (process.env.NODE_ENV === "production") {
    console.log("rces: NODE_ENV is production, so no demo sign-ins were created");
    return;
  }
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await db().$transaction(async (tx) => {
    for (const user of DEMO_USERS) {
      await tx.user.create({
        data: {
          id: user.id,
          email: user.email,
          name: user.name,
          passwordHash,
          grants: { create: user.grants.map((g) => ({ role: g.role, portfolio: "portfolio" in g ? g.portfolio : null, clusterId: "clusterId" in g ? g.clusterId : null })) },
        },
      });
      await audit(tx, { actorId: null, action: "user.create", subject: `user ${user.email}`, after: { name: user.name, grants: user.grants } });
    }
  });
  console.log(`rces: demo sign-ins created (${DEMO_USERS.map((u) => u.email).join(", ")}; password ${DEMO_PASSWORD})`);
}

/** The demo's consent: one Arctic cluster lets policy makers see its individual results. */
async function seedDemoConsent() {
  if (process.env.NODE_ENV === "production" || (await db().consent.count()) > 0) return;
  if (!(await db().cluster.findUnique({ where: { id: "arc-alta-experience" }, select: { id: true } }))) return;
  await db().$transaction(async (tx) => {
    await tx.consent.create({ data: { clusterId: "arc-alta-experience", recordedById: "demo-coordinator" } });
    await audit(tx, { actorId: "demo-coordinator", action: "consent.give", subject: "cluster arc-alta-experience", after: { consent: true } });
  });
}

/** The report's scorecards, published as of 2017-09-01 for those who see portfolios only in aggregate. */
async function seedDemoPublications() {
  if (process.env.NODE_ENV === "production" || (await db().publication.count()) > 0) return;
  const admin = { userId: "demo-admin", name: "Ada Admin", email: "admin@demo.rces", grants: [{ role: "admin" as const, portfolio: null, clusterId: null }] };
  if (!(await db().user.findUnique({ where: { id: admin.userId }, select: { id: true } }))) return;
  for (const portfolio of ["arctic", "nordland", "norway"]) {
    const outcome = await publish(admin, portfolio, "2017-09-01");
    if (!outcome.ok) throw new Error(`publishing ${portfolio}: ${outcome.error}`);
  }
}

/** The report's Arctic program 2017-2019 (RCES_DEMO_PROGRAM=0 leaves it out, as tests of programs do). */
async function seedDemoProgramOnce() {
  if (process.env.NODE_ENV === "production" || process.env.RCES_DEMO_PROGRAM === "0" || (await db().program.count()) > 0) return;
  if (!(await db().user.findUnique({ where: { id: "demo-coordinator" }, select: { id: true } }))) return;
  await seedDemoProgram();
  console.log("rces: demo program Arctic 2017-2019 created");
}

try {
  await main();
  if (process.env.RCES_DEMO !== "0") {
    await seedDemoConsent();
    await seedDemoPublications();
    await seedDemoProgramOnce();
  }
} finally {
  await disconnectDb();
}
