import { describe, expect, it } from "vitest";
import {
  formatPath,
  matchesAnyPattern,
  type PathSegment,
  parsePathPattern,
} from "./field-paths.js";

function matches(pattern: string, path: PathSegment[]): boolean {
  return matchesAnyPattern([parsePathPattern(pattern, "test")], path);
}

describe("matchesAnyPattern", () => {
  it.each([
    ["notes", ["notes"], true],
    ["notes", ["contact", "notes"], false],
    ["contacts[*].notes", ["contacts", 3, "notes"], true],
    ["contacts[1].notes", ["contacts", 3, "notes"], false],
    ["contacts[3].notes", ["contacts", 3, "notes"], true],
    ["*.notes", ["contact", "notes"], true],
    ["*.notes", [0, "notes"], false],
    ["**.notes", ["a", 1, "b", "notes"], true],
    ["**.notes", ["notes"], true],
    ["**", [], true],
    ["a.**", ["a", "b", 2], true],
  ])("matches %s against %j: %s", (pattern, path, expected) => {
    expect(matches(pattern, path as PathSegment[])).toBe(expected);
  });
});

describe("formatPath", () => {
  it.each([
    [["contacts", 0, "notes"], "contacts[0].notes"],
    [[2, "name"], "[2].name"],
    [["tags", "a.b"], 'tags["a.b"]'],
    [[], ""],
  ])("formats %j as %s", (path, expected) => {
    expect(formatPath(path as PathSegment[])).toBe(expected);
  });
});
