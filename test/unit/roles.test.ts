import { describe, expect, it } from "vitest";
import { landingPath, mayImport, maySeeCluster, mayViewAggregate, type Grant, type Viewer } from "../../app/auth/roles";

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
const arcticCluster = { id: "c1", portfolios: ["arctic", "norway"], consented: false };

describe("who may see a cluster's individual data", () => {
  it("follows the roles: admin all, coordinator their portfolios, manager their cluster, policy maker only with consent", () => {
    expect(maySeeCluster(admin, arcticCluster)).toBe(true);
    expect(maySeeCluster(coordinator, arcticCluster)).toBe(true);
    expect(maySeeCluster(coordinator, { ...arcticCluster, portfolios: ["nordland"] })).toBe(false);
    expect(maySeeCluster(manager, arcticCluster)).toBe(true);
    expect(maySeeCluster(manager, { ...arcticCluster, id: "c2" })).toBe(false);
    expect(maySeeCluster(policy, arcticCluster)).toBe(false);
    expect(maySeeCluster(policy, { ...arcticCluster, consented: true })).toBe(true);
    expect(maySeeCluster(policy, { ...arcticCluster, portfolios: ["nordland"], consented: true })).toBe(false);
  });

  it("combines several roles of one person", () => {
    const both = viewer({ role: "policyMaker", portfolio: "norway" }, { role: "clusterManager", clusterId: "c9" });
    expect(maySeeCluster(both, { id: "c9", portfolios: ["nordland"], consented: false })).toBe(true);
    expect(maySeeCluster(both, { id: "c8", portfolios: ["norway"], consented: true })).toBe(true);
  });
});

describe("imports", () => {
  it("an admin imports anything; a coordinator only files of their own portfolios", () => {
    expect(mayImport(admin, ["arctic", "norway"])).toEqual({ ok: true });
    expect(mayImport(coordinator, ["arctic"])).toEqual({ ok: true });
    expect(mayImport(coordinator, ["arctic", "norway"])).toEqual({ ok: false, notYours: ["norway"] });
    expect(mayImport(policy, ["arctic"])).toEqual({ ok: false, notYours: ["arctic"] });
  });
});

describe("K-anonymity of aggregates", () => {
  it("withholds an aggregate of K-1 clusters from those who may not see each, never one of K", () => {
    expect(mayViewAggregate(2, false, 3)).toBe(false);
    expect(mayViewAggregate(2, true, 3)).toBe(true);
    expect(mayViewAggregate(3, false, 3)).toBe(true);
    expect(mayViewAggregate(1, false, 2)).toBe(false);
    expect(mayViewAggregate(0, false, 3)).toBe(true); // nothing to give away
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
