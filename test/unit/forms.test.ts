import { describe, expect, it } from "vitest";
import { decimalField } from "../../app/forms.server";

describe("a number typed into a form", () => {
  it("takes a decimal point or comma and keeps its value exactly", () => {
    expect(decimalField.parse("1,6")).toBe(1.6);
    expect(decimalField.parse(" -12.5 ")).toBe(-12.5);
    expect(decimalField.parse("123456789012345")).toBe(123456789012345);
    expect(decimalField.parse("0000000000000000001.5")).toBe(1.5); // leading zeros carry no digits
  });

  it("refuses what is not one, or has more digits than it can keep", () => {
    expect(decimalField.safeParse("1e5").error?.issues[0]?.message).toBe("must be a number such as 1.6");
    expect(decimalField.safeParse("").error?.issues[0]?.message).toBe("is required");
    expect(decimalField.safeParse("99999999999999999999999999999").error?.issues[0]?.message).toBe("must be a number of at most 15 digits");
    expect(decimalField.safeParse("1234567890.1234567").error?.issues[0]?.message).toBe("must be a number of at most 15 digits");
  });
});
