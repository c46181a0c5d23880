import { describe, expect, it } from "vitest";
import { changedClusters, overlapBlocker, publicationBlocker, publishedAsOf } from "../../app/auth/disclosure";

const round2017 = [
  { cluster: "tromso", assessedOn: "2017-03-14" },
  { cluster: "alta", assessedOn: "2017-04-05" },
  { cluster: "hammerfest", assessedOn: "2017-04-26" },
  { cluster: "kirkenes", assessedOn: "2017-05-18" },
  { cluster: "harstad", assessedOn: "2017-06-08" },
  { cluster: "vadso", assessedOn: "2017-08-22" },
];

describe("publications against differencing", () => {
  it("a publication needs at least K clusters", () => {
    expect(publicationBlocker(round2017.slice(0, 2), [], 3)).toBe("it covers 2 cluster(s); at least 3 are needed");
    expect(publicationBlocker(round2017, [], 3)).toBeNull();
  });

  it("and at least K clusters changed against the publications before and after it", () => {
    const first = { asOf: "2017-05-01", members: round2017.slice(0, 3) };
    expect(publicationBlocker(round2017.slice(0, 5), [first], 3)).toBe(
      "only 2 cluster(s) differ from the publication as of 2017-05-01; at least 3 must, or the difference would show them",
    );
    expect(publicationBlocker(round2017, [first], 3)).toBeNull();
    expect(publicationBlocker(round2017.slice(0, 3), [first], 3)).toBe("it is the same as the publication as of 2017-05-01");
    const oneAgain = round2017.map((m) => (m.cluster === "tromso" ? { ...m, assessedOn: "2019-03-01" } : m));
    const full = { asOf: "2017-09-01", members: round2017 };
    expect(publicationBlocker(oneAgain, [full], 3)).toMatch(/^only 1 cluster\(s\) differ/);
    // a back-dated publication is checked against the later one too
    expect(publicationBlocker(round2017.slice(0, 4), [first, full], 3)).toMatch(/^only 1 cluster\(s\) differ from the publication as of 2017-05-01/);
  });

  it("counts clusters added, re-benchmarked and gone", () => {
    expect(changedClusters(round2017.slice(0, 2), [{ cluster: "tromso", assessedOn: "2019-01-01" }, round2017[2]!])).toEqual(["alta", "hammerfest", "tromso"]);
  });

  it("those who see only aggregates get the latest publication on or before the date", () => {
    const dates = ["2017-09-01", "2016-09-01"];
    expect(publishedAsOf(dates, "2017-12-31")).toBe("2017-09-01");
    expect(publishedAsOf(dates, "2017-08-31")).toBe("2016-09-01");
    expect(publishedAsOf(dates, "2016-08-31")).toBeNull();
  });
});

describe("overlapping portfolios", () => {
  const region = [
    { cluster: "a", assessedOn: "2017-03-01" },
    { cluster: "b", assessedOn: "2017-04-01" },
    { cluster: "c", assessedOn: "2017-05-01" },
    { cluster: "d", assessedOn: "2017-06-01" },
  ];
  it("refuse a publication that another portfolio's differs from by fewer than K clusters", () => {
    // The region plus one cluster, published as a wider portfolio: subtracting shows cluster e.
    const wider = { portfolio: "nation", asOf: "2017-09-01", members: [...region, { cluster: "e", assessedOn: "2017-07-01" }] };
    expect(overlapBlocker(region, [wider], 3)).toBe("it differs from nation's publication as of 2017-09-01 by only 1 cluster(s); at least 3 must, or comparing the two would show them");
    // The same set is the same aggregate; three or more clusters apart hide each one.
    expect(overlapBlocker(region, [{ ...wider, members: region }], 3)).toBeNull();
    const far = { ...wider, members: [...region, ...["e", "f", "g"].map((cluster) => ({ cluster, assessedOn: "2017-07-01" }))] };
    expect(overlapBlocker(region, [far], 3)).toBeNull();
  });
});
