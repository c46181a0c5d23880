import { describe, expect, it } from "vitest";
import { decodeCsvBytes, formatFileError, parseBenchmarksCsv } from "../../app/scorecard/benchmarks-csv";
import { catalogueOf, SMALL } from "./fixtures";

const catalogue = catalogueOf(SMALL);
const HEADER = "cluster,name,portfolios,assessed_on,members,potential_members,fte,public_funding_pct,sme_pct,N1,N2,B1,L1";
const parse = (...lines: Array<string>) => parseBenchmarksCsv(lines.join("\n") + "\n", catalogue);
const messages = (...lines: Array<string>) => {
  const result = parse(...lines);
  if (result.ok) throw new Error("expected errors");
  return result.errors.map((e) => formatFileError("b.csv", e));
};

describe("benchmark CSV", () => {
  it("reads a good file: BOM, quotes, comma decimals, booleans and levels in any case, blanks as missing", () => {
    const result = parseBenchmarksCsv(
      "\uFEFF" + [HEADER, 'c1,"Tromsø Marine, Fish",arctic;Norway,2017-05-01,41,100,"1,64",40,80,55,,YES,Adopted', "c2,Two,arctic,2017-06-01,,,,,,,3,0,"].join("\r\n"),
      catalogue,
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.assessments[0]).toEqual({
      line: 2,
      cluster: "c1",
      name: "Tromsø Marine, Fish",
      portfolios: ["arctic", "norway"],
      assessedOn: "2017-05-01",
      members: "41",
      potentialMembers: "100",
      fte: "1.64",
      publicFundingPct: "40",
      smePct: "80",
      values: { N1: "55", B1: "true", L1: "adopted" },
    });
    expect(result.assessments[1]).toMatchObject({ line: 3, members: null, values: { N2: "3", B1: "false" } });
  });

  it("accepts columns in any order and without optional ones", () => {
    const result = parse("assessed_on,portfolios,name,cluster,B1", "2017-01-01,p,One,c1,no");
    expect(result.ok && result.assessments[0]!.values).toEqual({ B1: "false" });
  });

  it("names a missing required column, an unknown column, a duplicated column and a derived one", () => {
    expect(messages("cluster,name,assessed_on,X9,N1,N1,C1", "c1,One,2017-01-01,1,2,3,4")).toEqual([
      "b.csv line 1, column X9: not a known column nor an indicator of catalogue small-1",
      "b.csv line 1, column N1: this column appears twice",
      "b.csv line 1, column C1: C1 is derived from fte and members and has no column of its own",
      "b.csv line 1, column portfolios: this required column is missing",
    ]);
  });

  it("checks the rows even when the header has an unknown column", () => {
    expect(messages("cluster,name,portfolios,assessed_on,X9", "c1,One,p,2017-13-01,1")).toEqual([
      "b.csv line 1, column X9: not a known column nor an indicator of catalogue small-1",
      'b.csv line 2, column assessed_on: "2017-13-01" is not a date (YYYY-MM-DD)',
    ]);
  });

  it("reports every row error of the file together, each with its line and column", () => {
    expect(
      messages(
        HEADER,
        "c1,One,arctic,2017-13-01,41,100,1.6,40,80,55,3,yes,adopted",
        ",,,2017-02-30,4.5,-1,x,101,-2,abc,1..2,maybe,final",
        "c2,Two,arctic;Bad Code,2017-01-01,1,1,1,1,1,1,1,1,none",
        "c3,Three,arctic,2017-01-01,1,1,1,1,1",
      ),
    ).toEqual([
      'b.csv line 2, column assessed_on: "2017-13-01" is not a date (YYYY-MM-DD)',
      "b.csv line 3, column cluster: must not be blank",
      "b.csv line 3, column name: must not be blank",
      "b.csv line 3, column portfolios: needs at least one portfolio code (several separated by ';')",
      'b.csv line 3, column assessed_on: "2017-02-30" is not a date (YYYY-MM-DD)',
      "b.csv line 3, column members: 4.5 is not a whole number",
      "b.csv line 3, column potential_members: -1 is below 0",
      'b.csv line 3, column fte: "x" is not a number',
      "b.csv line 3, column public_funding_pct: 101 is above 100",
      "b.csv line 3, column sme_pct: -2 is below 0",
      'b.csv line 3, column N1: "abc" is not a number',
      'b.csv line 3, column N2: "1..2" is not a number',
      'b.csv line 3, column B1: "maybe" is not yes/no, true/false or 1/0',
      'b.csv line 3, column L1: "final" is not one of the levels none, draft, adopted',
      `b.csv line 4, column portfolios: "bad code" is not a portfolio code (letters, digits, '-' or '_')`,
      "b.csv line 5: has 9 fields, the header has 13",
    ]);
  });

  it("refuses the same cluster assessed twice on one date, naming both lines", () => {
    expect(messages("cluster,name,portfolios,assessed_on", "c1,One,p,2017-01-01", "c2,Two,p,2017-01-01", "c1,One,p,2017-01-01")).toEqual([
      "b.csv line 4, column assessed_on: cluster c1 was already assessed on 2017-01-01 at line 2",
    ]);
  });

  it("counts lines of quoted fields that span lines, and skips blank lines", () => {
    expect(messages("cluster,name,portfolios,assessed_on", 'c1,"One\nand more",p,2017-01-01', "", "c2,Two,p,2017-99-01")).toEqual([
      'b.csv line 5, column assessed_on: "2017-99-01" is not a date (YYYY-MM-DD)',
    ]);
  });

  it("names broken CSV quoting, an empty file and a header without rows", () => {
    expect(messages("cluster,name,portfolios,assessed_on", 'c1,"One,p,2017-01-01')[0]).toMatch(/^b\.csv line \d+: not valid CSV/);
    expect(messages("")).toEqual(["b.csv line 1: the first line must be the header (cluster,name,portfolios,assessed_on,...)"]);
    expect(messages("cluster,name,portfolios,assessed_on")).toEqual(["b.csv line 2: the file has a header but no assessments"]);
  });
});

describe("benchmark CSV, awkward files", () => {
  it("reports a quoting fault and still checks every other row", () => {
    expect(messages("cluster,name,portfolios,assessed_on", 'c1,"A"x",p,2017-01-01', "c2,Two,p,2017-13-01")).toEqual([
      "b.csv line 2: not valid CSV: Trailing quote on quoted field is malformed",
      'b.csv line 3, column assessed_on: "2017-13-01" is not a date (YYYY-MM-DD)',
    ]);
  });

  it("counts lines the same with CRLF, LF, old Mac CR and a mix of them", () => {
    for (const eol of ["\r\n", "\n", "\r"]) {
      const text = ["cluster,name,portfolios,assessed_on", `c1,"One${eol}more",p,2017-01-01`, "c2,Two,p,2017-13-01"].join(eol);
      const result = parseBenchmarksCsv(text, catalogue);
      expect(!result.ok && result.errors).toEqual([{ line: 4, column: "assessed_on", message: '"2017-13-01" is not a date (YYYY-MM-DD)' }]);
    }
    const mixed = parseBenchmarksCsv("cluster,name,portfolios,assessed_on\r\nc1,One,p,2017-01-01\nc2,Two,p,2017-01-02\n", catalogue);
    expect(mixed.ok && mixed.assessments.map((a) => a.line)).toEqual([2, 3]);
  });

  it("skips lines of only commas; refuses columns named like object properties", () => {
    const result = parse("cluster,name,portfolios,assessed_on", ",,,", "c1,One,p,2017-01-01", " , , , ");
    expect(result.ok && result.assessments.map((a) => a.line)).toEqual([3]);
    expect(messages("cluster,name,portfolios,assessed_on,constructor,__proto__", "c1,One,p,2017-01-01,1,2")).toEqual([
      "b.csv line 1, column constructor: not a known column nor an indicator of catalogue small-1",
      "b.csv line 1, column __proto__: not a known column nor an indicator of catalogue small-1",
    ]);
  });

  it("says so when the columns are separated by semicolons or tabs", () => {
    expect(messages("cluster;name;portfolios;assessed_on", "c1;One;p;2017-01-01")).toEqual([
      'b.csv line 1: the columns are separated by semicolons; the format needs commas (in Excel: save as "CSV UTF-8 (comma delimited)")',
    ]);
    expect(messages("cluster\tname\tportfolios\tassessed_on")[0]).toMatch(/separated by tabs/);
  });

  it("accepts dates of any year, and no 30th of February", () => {
    expect(parse("cluster,name,portfolios,assessed_on", "c1,One,p,0001-01-01").ok).toBe(true);
    expect(messages("cluster,name,portfolios,assessed_on", "c1,One,p,2016-02-30")).toEqual(['b.csv line 2, column assessed_on: "2016-02-30" is not a date (YYYY-MM-DD)']);
  });
});

describe("file bytes", () => {
  it("reads UTF-8 with or without a BOM, and refuses Windows-1252 and binary files naming the line", () => {
    expect(decodeCsvBytes(new TextEncoder().encode("\uFEFFcluster,name\nc1,Tromsø\n"))).toEqual({ ok: true, text: "cluster,name\nc1,Tromsø\n" }); // the BOM dropped
    const latin1 = Uint8Array.from([...new TextEncoder().encode("cluster,name\nc1,Troms"), 0xf8, 10]);
    expect(decodeCsvBytes(latin1)).toEqual({
      ok: false,
      error: { line: 2, message: 'the file is not UTF-8 text (perhaps Windows-1252 or Latin-1); save it as "CSV UTF-8" and try again' },
    });
    const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
    expect(decodeCsvBytes(png)).toEqual({ ok: false, error: { line: 3, message: "this is not a text (CSV) file" } });
  });
});
