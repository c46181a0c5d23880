import { execFileSync } from "node:child_process";
import path from "node:path";
import { RouterContextProvider } from "react-router";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useFreshDatabase } from "./db";
import { ROOT } from "./fixtures";

// The permission matrix: every route and action for every role and for signed-out visitors, on a
// real database file seeded with the demo (its four demo sign-ins and one consenting cluster).
useFreshDatabase();
execFileSync(path.join(ROOT, "node_modules/.bin/tsx"), ["prisma/seed.ts"], { cwd: ROOT, env: process.env, stdio: "pipe" });

const { createSession, viewerContext, viewerFromRequest } = await import("../../app/auth/session.server");
const { disconnectDb, db } = await import("../../app/db.server");
const { importBenchmarks } = await import("../../app/benchmarks.server");
const routes = {
  scorecard: await import("../../app/routes/scorecard"),
  dimension: await import("../../app/routes/dimension"),
  clusters: await import("../../app/routes/clusters"),
  cluster: await import("../../app/routes/cluster"),
  importPage: await import("../../app/routes/import"),
  methodology: await import("../../app/routes/methodology"),
  catalogue: await import("../../app/routes/catalogue"),
  home: await import("../../app/routes/home"),
  login: await import("../../app/routes/login"),
  people: await import("../../app/routes/people"),
  audit: await import("../../app/routes/audit"),
  programs: await import("../../app/routes/programs"),
  program: await import("../../app/routes/program"),
};
const { createProgram } = await import("../../app/programs.server");

type Who = "out" | "admin" | "coordinator" | "manager" | "policy";
const WHO: Array<Who> = ["out", "admin", "coordinator", "manager", "policy"];
const cookies = new Map<Who, string>();

beforeAll(async () => {
  for (const who of WHO.filter((w) => w !== "out")) {
    const setCookie = await createSession(`demo-${who === "policy" ? "policy" : who}`);
    cookies.set(who, setCookie.split(";")[0]!);
  }
});
afterAll(() => disconnectDb());

async function contextFor(who: Who, request: Request) {
  const context = new RouterContextProvider();
  context.set(viewerContext, who === "out" ? null : await viewerFromRequest(request));
  return context;
}

function request(who: Who, url: string, init: RequestInit = {}) {
  const headers = new Headers(init.headers);
  const cookie = cookies.get(who);
  if (cookie) headers.set("Cookie", cookie);
  return new Request(`http://rces.test${url}`, { ...init, headers });
}

/** The HTTP status a loader or action gives: returned data is 200, thrown or returned responses their own. */
async function statusOf(run: () => unknown): Promise<number> {
  const outcome = await Promise.resolve()
    .then(run)
    .then((value) => ({ value }), (thrown) => ({ value: thrown }));
  const value = outcome.value as { status?: number; init?: { status?: number } } | null;
  if (value instanceof Response) return value.status;
  if (value && typeof value === "object" && "init" in value) return value.init?.status ?? 200;
  if (value instanceof Error) throw value;
  return 200;
}

async function load(who: Who, module: { loader: (args: any) => unknown }, url: string, params: Record<string, string> = {}) {
  const req = request(who, url);
  return statusOf(async () => module.loader({ request: req, params, context: await contextFor(who, req) }));
}

async function post(who: Who, module: { action: (args: any) => unknown }, url: string, params: Record<string, string>, fields: Record<string, string>) {
  const req = request(who, url, { method: "POST", body: new URLSearchParams(fields) });
  return statusOf(async () => module.action({ request: req, params, context: await contextFor(who, req) }));
}

function csvUpload(who: Who, csv: string) {
  const form = new FormData();
  form.set("intent", "preview");
  form.set("catalogue", "rces-2017");
  form.set("file", new File([csv], "f.csv", { type: "text/csv" }));
  return request(who, "/import", { method: "POST", body: form });
}

async function previewOf(who: Who, csv: string) {
  const req = csvUpload(who, csv);
  return statusOf(async () => routes.importPage.action({ request: req, params: {}, context: await contextFor(who, req) } as any));
}

async function previewStatus(who: Who, portfolio: string) {
  const req = csvUpload(who, `cluster,name,portfolios,assessed_on,S1\nx-${who}-${portfolio},X,${portfolio},2019-01-01,10\n`);
  return statusOf(async () => routes.importPage.action({ request: req, params: {}, context: await contextFor(who, req) } as any));
}

const AREA = "Member services volume and pricing";
let arcticProgramId: string | null = null;
/** One Arctic program, opened by its coordinator the first time a case needs it. */
async function arcticProgram(): Promise<string> {
  if (!arcticProgramId) {
    const viewer = (await viewerFromRequest(request("coordinator", "/")))!;
    const created = await createProgram(viewer, { portfolio: "arctic", name: "Arctic matrix", startsOn: "2017-10-30", baselineAsOf: "2017-09-01", catalogueId: "rces-2017" });
    if (!created.ok) throw new Error(created.error);
    arcticProgramId = created.id;
  }
  return arcticProgramId;
}
const onArctic = async (who: Who, fields: Record<string, string>) => {
  const id = await arcticProgram();
  return post(who, routes.program, `/programs/${id}`, { programId: id }, fields);
};

const ALL = (status: number) => Object.fromEntries(WHO.map((w) => [w, w === "out" ? 302 : status]));

describe("the permission matrix", () => {
  const cases: Array<[string, () => (who: Who) => Promise<number>, Record<Who, number>]> = [
    ["GET /", () => (w) => load(w, routes.home, "/"), ALL(302) as Record<Who, number>],
    ["GET /scorecard", () => (w) => load(w, routes.scorecard, "/scorecard?asOf=2017-09-01"), ALL(200) as Record<Who, number>],
    ["GET /scorecard/capacity", () => (w) => load(w, routes.dimension, "/scorecard/capacity?asOf=2017-09-01", { dimension: "capacity" }), ALL(200) as Record<Who, number>],
    ["GET /clusters", () => (w) => load(w, routes.clusters, "/clusters"), ALL(200) as Record<Who, number>],
    ["GET /clusters/<managed Arctic cluster>", () => (w) => load(w, routes.cluster, "/clusters/arc-tromso-marine", { clusterId: "arc-tromso-marine" }), { out: 302, admin: 200, coordinator: 200, manager: 200, policy: 404 }],
    ["GET /clusters/<consenting Arctic cluster>", () => (w) => load(w, routes.cluster, "/clusters/arc-alta-experience", { clusterId: "arc-alta-experience" }), { out: 302, admin: 200, coordinator: 200, manager: 404, policy: 200 }],
    ["GET /clusters/<Nordland cluster>", () => (w) => load(w, routes.cluster, "/clusters/ndl-bodo-digital", { clusterId: "ndl-bodo-digital" }), { out: 302, admin: 200, coordinator: 404, manager: 404, policy: 404 }],
    ["GET /clusters/<no such cluster>", () => (w) => load(w, routes.cluster, "/clusters/nope", { clusterId: "nope" }), { out: 302, admin: 404, coordinator: 404, manager: 404, policy: 404 }],
    ["GET /import", () => (w) => load(w, routes.importPage, "/import"), { out: 302, admin: 200, coordinator: 200, manager: 403, policy: 403 }],
    ["POST /import, an Arctic file", () => (w) => previewStatus(w, "arctic"), { out: 302, admin: 200, coordinator: 200, manager: 403, policy: 403 }],
    ["POST /import, a Nordland file", () => (w) => previewStatus(w, "nordland"), { out: 302, admin: 200, coordinator: 403, manager: 403, policy: 403 }],
    ["POST /import, an existing Nordland cluster listed under Arctic", () => (w) => previewOf(w, "cluster,name,portfolios,assessed_on,S1\nndl-bodo-digital,Claimed,arctic,2019-05-01,10\n"), { out: 302, admin: 200, coordinator: 403, manager: 403, policy: 403 }],
    ["GET /methodology", () => (w) => load(w, routes.methodology, "/methodology"), ALL(200) as Record<Who, number>],
    ["GET /people", () => (w) => load(w, routes.people, "/people"), { out: 302, admin: 200, coordinator: 200, manager: 403, policy: 403 }],
    ["GET /audit", () => (w) => load(w, routes.audit, "/audit"), { out: 302, admin: 200, coordinator: 200, manager: 403, policy: 403 }],
    ["GET /programs", () => (w) => load(w, routes.programs, "/programs"), ALL(200) as Record<Who, number>],
    ["POST /programs, my calendar link", () => (w) => post(w, routes.programs, "/programs", {}, { intent: "my-calendar" }), ALL(200) as Record<Who, number>],
    ["GET /programs/<Arctic program>", () => (w) => arcticProgram().then((id) => load(w, routes.program, `/programs/${id}`, { programId: id })), ALL(200) as Record<Who, number>],
    ["GET /programs/<no such program>", () => (w) => load(w, routes.program, "/programs/nope", { programId: "nope" }), { out: 302, admin: 404, coordinator: 404, manager: 404, policy: 404 }],
    ["POST /programs/<Arctic program>, a regional goal", () => (w) => onArctic(w, { intent: "add-goal", scope: "region", area: AREA, metric: "overall", target: "60", dueDate: "2019-06-30" }), { out: 302, admin: 303, coordinator: 409, manager: 403, policy: 403 }],
    ["POST /programs/<Arctic program>, a goal of the managed cluster", () => (w) => onArctic(w, { intent: "add-goal", scope: "cluster", clusterId: "arc-tromso-marine", area: AREA, metric: "overall", target: "60", dueDate: "2019-06-30" }), { out: 302, admin: 303, coordinator: 409, manager: 409, policy: 403 }],
    ["POST /programs/<Arctic program>, a goal of another cluster", () => (w) => onArctic(w, { intent: "add-goal", scope: "cluster", clusterId: "arc-vadso-food", area: AREA, metric: "overall", target: "60", dueDate: "2019-06-30" }), { out: 302, admin: 303, coordinator: 409, manager: 403, policy: 403 }],
    ["POST /programs/<Arctic program>, add a workshop", () => (w) => onArctic(w, { intent: "add-workshop", title: "Forum 5", themes: "" }), { out: 302, admin: 303, coordinator: 303, manager: 403, policy: 403 }],
    ["POST /programs/<Arctic program>, a calendar link", () => (w) => onArctic(w, { intent: "calendar" }), { out: 302, admin: 200, coordinator: 200, manager: 403, policy: 403 }],
    ["POST /programs/<no such program>, a goal step", () => (w) => post(w, routes.program, "/programs/nope", { programId: "nope" }, { intent: "agree", goalId: "x", revision: "0" }), { out: 302, admin: 404, coordinator: 404, manager: 404, policy: 404 }],
    ["POST /programs/<Arctic program>, a field that is no number", () => (w) => onArctic(w, { intent: "add-goal", scope: "region", area: AREA, metric: "overall", target: "lots", dueDate: "2019-06-30" }), { out: 302, admin: 400, coordinator: 400, manager: 400, policy: 400 }],
    ["POST /programs, open a Nordland program", () => (w) => post(w, routes.programs, "/programs", {}, { name: "Nordland 2017", portfolio: "nordland", startsOn: "2017-10-01", baselineAsOf: "2017-09-01" }), { out: 302, admin: 302, coordinator: 403, manager: 403, policy: 403 }],
    ["POST /people, invite a Nordland policy maker", () => (w) => post(w, routes.people, "/people", {}, { intent: "invite", email: `n-${w}@x.org`, name: "N", role: "policyMaker", portfolio: "nordland" }), { out: 302, admin: 200, coordinator: 403, manager: 403, policy: 403 }],
    ["POST /clusters/<Arctic cluster>, record consent", () => (w) => post(w, routes.cluster, "/clusters/arc-harstad-offshore", { clusterId: "arc-harstad-offshore" }, { intent: w === "coordinator" ? "withdraw" : "give" }), { out: 302, admin: 200, coordinator: 200, manager: 404, policy: 404 }],
    ["POST /scorecard, publish without the ticked confirmation", () => (w) => post(w, routes.scorecard, "/scorecard", {}, { intent: "publish", portfolio: "arctic", asOf: "2018-06-01" }), { out: 302, admin: 422, coordinator: 422, manager: 403, policy: 403 }],
    ["GET /methodology/rces-2017", () => (w) => load(w, routes.catalogue, "/methodology/rces-2017", { catalogueId: "rces-2017" }), ALL(200) as Record<Who, number>],
  ];
  for (const [name, make, expected] of cases) {
    it(name, async () => {
      const run = make();
      const actual: Record<string, number> = {};
      for (const w of WHO) actual[w] = await run(w); // in order: some cases change what the next sees
      expect(actual).toEqual(expected);
    });
  }
});

describe("the audit trail", () => {
  it("shows a coordinator their own changes and those about their portfolios, not others'", async () => {
    const req = request("coordinator", "/audit?action=scorecard");
    const data = (await routes.audit.loader({ request: req, params: {}, context: await contextFor("coordinator", req) } as any)) as { events: Array<{ subject: string; actor: string }> };
    expect(data.events.map((e) => `${e.subject} by ${e.actor}`)).toEqual(["portfolio arctic by Kari Koordinator", "portfolio arctic by Ada Admin"]); // not Nordland's or Norway's
  });
});

describe("sign-in redirects", () => {
  it("go back only to a page of this site, never elsewhere", async () => {
    const target = async (redirectTo: string) => {
      const req = request("admin", `/login?redirectTo=${encodeURIComponent(redirectTo)}`);
      const context = await contextFor("admin", req);
      const thrown = await Promise.resolve()
        .then(() => routes.login.loader({ request: req, params: {}, context } as any))
        .catch((e: unknown) => e);
      return (thrown as Response).headers.get("Location");
    };
    expect(await target("/clusters?q=Alta")).toBe("/clusters?q=Alta");
    for (const evil of ["//evil.example", "/..//evil.example/x", "https://evil.example", "/\\evil.example", "/\t/evil.example", "javascript:alert(1)"]) {
      expect(await target(evil), evil).toBe("/scorecard");
    }
  });
});

describe("confidentiality", () => {
  const names = async (ids: Array<string>) => (await db().cluster.findMany({ where: { id: { in: ids } }, select: { name: true } })).map((c) => c.name);

  it("a coordinator cannot claim another portfolio's cluster by importing its id, nor learn its name", async () => {
    const req = csvUpload("coordinator", "cluster,name,portfolios,assessed_on,S1\nndl-bodo-digital,Claimed,arctic,2019-05-01,10\n");
    const outcome = (await routes.importPage.action({ request: req, params: {}, context: await contextFor("coordinator", req) } as any)) as { data: { errors: Array<string> } };
    expect(outcome.data.errors).toEqual(["f.csv: the cluster ids ndl-bodo-digital belong to cluster organisations outside your portfolios; ask an administrator"]);
    expect(JSON.stringify(outcome)).not.toContain("Bodø");
  });

  it("a policy maker gets no non-consenting cluster's name or values from any page", async () => {
    const hidden = ["arc-tromso-marine", "arc-vadso-food", "arc-kirkenes-barents"];
    const hiddenNames = await names(hidden);
    const pages: Array<[{ loader: (args: any) => unknown }, string, Record<string, string>]> = [
      [routes.scorecard, "/scorecard?asOf=2017-09-01&p=arctic&p=nordland&p=norway", {}],
      [routes.dimension, "/scorecard/capacity?asOf=2017-09-01&p=arctic", { dimension: "capacity" }],
      [routes.clusters, "/clusters", {}],
      [routes.clusters, "/clusters?q=Troms", {}],
    ];
    for (const [module, url, params] of pages) {
      const req = request("policy", url);
      const text = JSON.stringify(await module.loader({ request: req, params, context: await contextFor("policy", req) }));
      for (const secret of [...hidden, ...hiddenNames]) expect(text, `${url} leaks ${secret}`).not.toContain(secret);
    }
  });

  it("differencing: someone who sees only aggregates gets published states only, whatever the date or since", async () => {
    const overall = async (who: Who, query: string) => {
      const req = request(who, `/scorecard?p=arctic&${query}`);
      const data = (await routes.scorecard.loader({ request: req, params: {}, context: await contextFor(who, req) } as any)) as {
        portfolios: Array<{ code: string; clusters: number; overall: { green: number } }>;
      };
      return data.portfolios.map((p) => `${p.clusters} clusters, ${p.overall.green} green`)[0] ?? "withheld";
    };
    // The Arctic clusters were benchmarked one by one from March to August 2017; the demo publishes 2017-09-01.
    const days = ["2017-05-01", "2017-05-20", "2017-06-10", "2017-08-21"];
    expect(new Set(await Promise.all(days.map((d) => overall("admin", `asOf=${d}`)))).size).toBeGreaterThan(1);
    for (const who of ["policy", "manager"] as const) {
      for (const d of days) expect(await overall(who, `asOf=${d}`), `${who} ${d}`).toBe("withheld");
      expect(await overall(who, "asOf=2017-09-01")).toBe("6 clusters, 89 green");
      expect(await overall(who, "asOf=2018-12-31&since=2017-08-01")).toBe("6 clusters, 89 green"); // since cannot narrow it
    }
    expect(await overall("coordinator", "asOf=2017-09-01&since=2017-04-06")).not.toBe("6 clusters, 89 green");
  });

  it("a publication is refused when it would show fewer than K clusters, or differ from its neighbour by fewer", async () => {
    const { publish } = await import("../../app/publications.server");
    const coordinator = (await viewerFromRequest(request("coordinator", "/")))!;
    const policy = (await viewerFromRequest(request("policy", "/")))!;
    expect(await publish(policy, "arctic", "2017-06-30")).toMatchObject({ ok: false, status: 403 });
    expect(await publish(coordinator, "arctic", "2017-04-10")).toEqual({ ok: false, status: 409, error: "Not published: it covers 2 cluster(s); at least 3 are needed." });
    expect(await publish(coordinator, "arctic", "2017-06-30")).toEqual({
      ok: false,
      status: 409,
      error: "Not published: only 1 cluster(s) differ from the publication as of 2017-09-01; at least 3 must, or the difference would show them.",
    });
    expect(await publish(coordinator, "arctic", "2017-09-01")).toMatchObject({ ok: false, status: 409 });
    expect(await publish(coordinator, "arctic", "2017-05-18")).toMatchObject({ ok: false, error: expect.stringMatching(/^Not published: only 2 cluster\(s\) differ/) });
    expect(await publish(coordinator, "arctic", "2017-04-30")).toEqual({ ok: true }); // 3 clusters, 3 fewer than 2017-09-01
  });

  it("K-anonymity: a portfolio of K-1 clusters is withheld from a policy maker, shown to an admin, and shown to all at K", async () => {
    const file = (n: number, date: string) =>
      ["cluster,name,portfolios,assessed_on,S1", ...Array.from({ length: n }, (_, i) => `mini-${i},Mini ${i},mini,${date},${10 + i}`)].join("\n");
    expect((await importBenchmarks("mini.csv", file(2, "2018-01-01"), "rces-2017")).ok).toBe(true);
    const portfoliosSeen = async (who: Who) => {
      const req = request(who, "/scorecard?asOf=2018-06-01&p=mini");
      const data = (await routes.scorecard.loader({ request: req, params: {}, context: await contextFor(who, req) } as any)) as {
        portfolios: Array<{ code: string }>;
        notices: { withheld: { portfolios: Array<string> } };
      };
      return { shown: data.portfolios.map((p) => p.code), withheld: data.notices.withheld.portfolios };
    };
    expect(await portfoliosSeen("policy")).toEqual({ shown: [], withheld: ["mini"] });
    expect(await portfoliosSeen("admin")).toEqual({ shown: ["mini"], withheld: [] });
    expect((await importBenchmarks("mini3.csv", ["cluster,name,portfolios,assessed_on,S1", "mini-2,Mini 2,mini,2018-02-01,12"].join("\n"), "rces-2017")).ok).toBe(true);
    expect(await portfoliosSeen("policy")).toEqual({ shown: [], withheld: ["mini"] }); // not published yet
    const { publish } = await import("../../app/publications.server");
    const admin = (await viewerFromRequest(request("admin", "/")))!;
    expect(await publish(admin, "mini", "2018-01-15")).toMatchObject({ ok: false, status: 409 }); // 2 clusters then
    expect(await publish(admin, "mini", "2018-06-01")).toEqual({ ok: true });
    expect(await portfoliosSeen("policy")).toEqual({ shown: ["mini"], withheld: [] });

    // A benchmarking imported later but dated before the publication does not change what was published.
    const clustersSeen = async (who: Who) => {
      const req = request(who, "/scorecard?asOf=2018-06-01&p=mini");
      const data = (await routes.scorecard.loader({ request: req, params: {}, context: await contextFor(who, req) } as any)) as { portfolios: Array<{ clusters: number }> };
      return data.portfolios[0]?.clusters;
    };
    expect((await importBenchmarks("mini4.csv", ["cluster,name,portfolios,assessed_on,S1", "mini-3,Mini 3,mini,2018-03-01,13"].join("\n"), "rces-2017")).ok).toBe(true);
    expect(await clustersSeen("admin")).toBe(4);
    expect(await clustersSeen("policy")).toBe(3);
  });
});
