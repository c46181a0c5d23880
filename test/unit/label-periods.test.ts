import { describe, expect, it } from "vitest";
import { validityPeriods } from "../../app/labels/periods";

describe("a label's periods of validity, for the timeline", () => {
  it("runs a renewal on from the old expiry and an upgrade from its own interview", () => {
    expect(
      validityPeriods([
        { event: "AWARD", on: "2016-09-13", level: "BRONZE", validUntil: "2018-09-30" },
        { event: "RENEW", on: "2019-02-12", level: "BRONZE", validUntil: "2020-09-30" },
        { event: "UPGRADE", on: "2019-05-20", level: "SILVER", validUntil: "2021-05-31" },
      ]),
    ).toEqual([
      { level: "BRONZE", from: "2016-09-13", to: "2018-09-30" },
      { level: "BRONZE", from: "2018-09-30", to: "2019-05-20" },
      { level: "SILVER", from: "2019-05-20", to: "2021-05-31" },
    ]);
  });

  it("drops a renewal's period that had not begun when an upgrade came", () => {
    expect(
      validityPeriods([
        { event: "AWARD", on: "2017-08-15", level: "BRONZE", validUntil: "2019-08-31" },
        { event: "RENEW", on: "2019-06-10", level: "BRONZE", validUntil: "2021-08-31" },
        { event: "UPGRADE", on: "2019-07-01", level: "GOLD", validUntil: "2021-07-31" },
      ]),
    ).toEqual([
      { level: "BRONZE", from: "2017-08-15", to: "2019-07-01" },
      { level: "GOLD", from: "2019-07-01", to: "2021-07-31" },
    ]);
  });
});
