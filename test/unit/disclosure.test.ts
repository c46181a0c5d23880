import { describe, expect, it } from "vitest";
import { publishedAsOf, snapshotDates } from "../../app/auth/disclosure";

describe("snapshot dates against differencing", () => {
  const arctic = ["2017-03-14", "2017-04-05", "2017-04-26", "2017-05-30", "2017-06-20", "2017-08-22"];

  it("moves only after K new benchmarkings, counting several on one day together", () => {
    expect(snapshotDates(arctic, 3)).toEqual(["2017-04-26", "2017-08-22"]);
    expect(snapshotDates([...arctic].reverse(), 3)).toEqual(["2017-04-26", "2017-08-22"]);
    expect(snapshotDates(["2019-01-01", "2019-01-01", "2019-01-01", "2019-02-01"], 3)).toEqual(["2019-01-01"]);
    expect(snapshotDates(["2019-01-01", "2019-02-01"], 3)).toEqual([]);
    expect(snapshotDates(arctic, 1)).toEqual(arctic);
  });

  it("shows the latest snapshot on or before the date asked for", () => {
    const snapshots = snapshotDates(arctic, 3);
    expect(publishedAsOf(snapshots, "2017-09-01")).toBe("2017-08-22");
    expect(publishedAsOf(snapshots, "2017-08-21")).toBe("2017-04-26");
    expect(publishedAsOf(snapshots, "2017-04-26")).toBe("2017-04-26");
    expect(publishedAsOf(snapshots, "2017-04-25")).toBeNull();
  });
});
