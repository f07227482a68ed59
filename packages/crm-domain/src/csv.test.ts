import { describe, expect, it } from "vitest";
import { formatCsvField, formatCsvRecord, neutralizeFormula } from "./csv.js";

describe("neutralizeFormula", () => {
  it.each([
    ["=1+1", "'=1+1"],
    ["+SUM(A1)", "'+SUM(A1)"],
    ["-2+3", "'-2+3"],
    ["@cmd", "'@cmd"],
    ["\t=1", "'\t=1"],
    ["\r=1", "'\r=1"],
    ['=HYPERLINK("http://127.0.0.1/","x")', `'=HYPERLINK("http://127.0.0.1/","x")`],
  ])("prefixes %j", (input, expected) => {
    expect(neutralizeFormula(input)).toBe(expected);
  });

  it.each(["Ada", "a=b", "", " =1", "O'Brien", "42"])("keeps plain %j", (input) => {
    expect(neutralizeFormula(input)).toBe(input);
  });
});

describe("formatCsvField", () => {
  it("quotes commas and quotes", () => {
    expect(formatCsvField('Smith, "Jr"')).toBe('"Smith, ""Jr"""');
  });

  it("quotes line breaks", () => {
    expect(formatCsvField("line one\nline two")).toBe('"line one\nline two"');
  });

  it("neutralises before quoting", () => {
    expect(formatCsvField("=1,2")).toBe(`"'=1,2"`);
    expect(formatCsvField("\r=1")).toBe(`"'\r=1"`);
  });

  it("writes null as empty", () => {
    expect(formatCsvField(null)).toBe("");
    expect(formatCsvField(undefined)).toBe("");
  });

  it("writes dates as ISO 8601", () => {
    expect(formatCsvField(new Date(Date.UTC(2026, 0, 2, 3, 4, 5)))).toBe(
      "2026-01-02T03:04:05.000Z",
    );
  });

  it("neutralises negative numbers", () => {
    expect(formatCsvField(-5)).toBe("'-5");
  });
});

describe("formatCsvRecord", () => {
  it("joins fields with CRLF", () => {
    expect(formatCsvRecord(["a", null, "b,c"])).toBe('a,,"b,c"\r\n');
  });
});
