import { describe, expect, it } from "vitest";
import { buildChangeSignal, hasChangeSignal } from "./change-signal.js";

const DETECT = buildChangeSignal({ sqlMode: "detect", stripControlCharacters: true });
const STRIP = buildChangeSignal({ sqlMode: "strip", stripControlCharacters: true });
const OFF_KEEPING_CONTROLS = buildChangeSignal({ sqlMode: "off", stripControlCharacters: false });

describe("hasChangeSignal", () => {
  it.each([
    "Dr. María-José O'Connor & Partners Ltd.",
    "Suite 4, 1 < 2, 5 > 3",
    "pre-approved, and/or",
    "True, slept, benchmarks",
    "tab\tand\r\nnew line",
    "東京都港区 👩‍👩‍👧",
    "",
  ])("finds nothing in %j", (text) => {
    expect(hasChangeSignal(text, DETECT)).toBe(false);
  });

  it.each([
    "<b>",
    "x</",
    "<!--",
    "<?x",
    "<Z",
    "nul\u0000",
    "bell\u0007",
    "del\u007f",
    "c1\u0085",
    "a;b",
    "a=b",
    "#4",
    "pre--approved",
    "a/*b",
    "UNION",
    "sleep(5)",
    "WaitFor",
  ])("finds the signal in %j", (text) => {
    expect(hasChangeSignal(text, DETECT)).toBe(true);
  });

  it.each([
    ["x */ y", true],
    ["Please SELECT a plan", true],
    ["a;b", false],
    ["a=b", false],
  ])("in strip mode returns %j for %j", (text, expected) => {
    expect(hasChangeSignal(text, STRIP)).toBe(expected);
  });

  it.each([
    ["nul\u0000", true],
    ["<b>", true],
    ["bell\u0007", false],
    ["c1\u0085", false],
    ["a;b", false],
    ["UNION", false],
  ])("keeping controls with SQL off returns %j for %j", (text, expected) => {
    expect(hasChangeSignal(text as string, OFF_KEEPING_CONTROLS)).toBe(expected);
  });

  it("reads no piece past the end", () => {
    expect(hasChangeSignal("unio", DETECT)).toBe(false);
    expect(hasChangeSignal("x<", DETECT)).toBe(false);
    expect(hasChangeSignal("-", DETECT)).toBe(false);
  });
});
