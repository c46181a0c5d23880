import { describe, expect, it } from "vitest";
import { importRefusal, landingPath, mayActFor, mayViewAggregate, type Grant, type Viewer } from "../../app/auth/roles";

const viewer = (...grants: Array<Partial<Grant> & Pick<Grant, "role">>): Viewer => ({
  userId: "u",
  name: "U",
  email: "u@x",
  grants: grants.map((g) => ({ portfolio: null, clusterId: null, ...g })),
});
const admin = viewer({ role: "admin" });
const coordinator = viewer({ role: "coordinator", portfolio: "arctic" });
const manager = viewer({ role: "clusterManager", clusterId: "c1" });
const policy = viewer({ role: "policyMaker", portfolio: "arctic" });

describe("imports", () => {
  it("an admin imports anything; a coordinator only files of their own portfolios", () => {
    expect(mayActFor(admin, ["arctic", "norway"])).toEqual({ ok: true });
    expect(mayActFor(coordinator, ["arctic"])).toEqual({ ok: true });
    expect(mayActFor(coordinator, ["arctic", "norway"])).toEqual({ ok: false, notYours: ["norway"] });
    expect(mayActFor(policy, ["arctic"])).toEqual({ ok: false, notYours: ["arctic"] });
  });
});

describe("what a coordinator's file may say about portfolios", () => {
  const stored = new Map([["c1", ["arctic", "norway"]]]);
  it("keeps a stored cluster's other portfolios, never adds or drops another coordinator's", () => {
    expect(importRefusal(coordinator, [{ cluster: "c1", portfolios: ["arctic", "norway"] }], stored)).toBeNull();
    expect(importRefusal(coordinator, [{ cluster: "c1", portfolios: ["arctic"] }], stored)).toBe(
      "c1 belongs to norway too; keep it in the portfolios column (only that portfolio's coordinator or an administrator can take it out)",
    );
    expect(importRefusal(coordinator, [{ cluster: "c2", portfolios: ["arctic", "norway"] }], stored)).toBe(
      "you coordinate no portfolio norway; ask its coordinator or an administrator to add c2 to it",
    );
    expect(importRefusal(coordinator, [{ cluster: "c2", portfolios: ["arctic"] }], stored)).toBeNull();
    expect(importRefusal(admin, [{ cluster: "c1", portfolios: ["nordland"] }], stored)).toBeNull();
  });
});

describe("K-anonymity of aggregates", () => {
  it("withholds an aggregate of K-1 hidden clusters, never one of K", () => {
    expect(mayViewAggregate(2, 3)).toBe(false);
    expect(mayViewAggregate(3, 3)).toBe(true);
    expect(mayViewAggregate(1, 2)).toBe(false);
    expect(mayViewAggregate(0, 3)).toBe(true); // every cluster is theirs to see: nothing to give away
  });
});

describe("where each role lands", () => {
  it("coordinator on the portfolio, manager on the cluster, policy maker on the regional scorecard", () => {
    expect(landingPath(admin)).toBe("/scorecard");
    expect(landingPath(coordinator)).toBe("/scorecard?p=arctic");
    expect(landingPath(manager)).toBe("/clusters/c1");
    expect(landingPath(policy)).toBe("/scorecard?p=arctic");
  });
});
