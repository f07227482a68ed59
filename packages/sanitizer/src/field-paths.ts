import { describeValue } from "@bulwark/core";
import { SanitizerError } from "./errors.js";

/** One step of a path into a JSON value: an object key or an array index. */
export type PathSegment = string | number;

/** Segment of a compiled pattern: a literal key or index, or a wildcard. */
type PatternSegment =
  | { readonly kind: "key"; readonly key: string }
  | { readonly kind: "index"; readonly index: number }
  | { readonly kind: "anyKey" }
  | { readonly kind: "anyIndex" }
  | { readonly kind: "anyDepth" };

/** A field path pattern such as `contacts[*].notes`, compiled once when a sanitizer is created. */
export type PathPattern = readonly PatternSegment[];

const KEY_SEGMENT = /^[^.[\]]+$/;
const SEGMENT_SYNTAX = /([^.[\]]+)|\[(\*|\d+)\]|\.(?=[^.])/gy;

function invalidPath(option: string, pattern: unknown): SanitizerError {
  return new SanitizerError(
    "ERR_SANITIZER_INVALID_PATH",
    `${option} must be a field path, got ${describeValue(pattern)}. Join keys with dots and use [*] or [0] for array items, * for any key and ** for any depth, as in "contacts[*].notes".`,
  );
}

/**
 * Parses a field path pattern. Keys are joined by dots, `[0]` names an array index and `[*]` any
 * index, `*` any key, and `**` any number of segments. Throws `ERR_SANITIZER_INVALID_PATH`.
 */
export function parsePathPattern(pattern: unknown, option: string): PathPattern {
  if (typeof pattern !== "string" || pattern === "") throw invalidPath(option, pattern);

  const segments: PatternSegment[] = [];
  SEGMENT_SYNTAX.lastIndex = 0;
  let consumed = 0;
  for (
    let match = SEGMENT_SYNTAX.exec(pattern);
    match !== null;
    match = SEGMENT_SYNTAX.exec(pattern)
  ) {
    consumed = SEGMENT_SYNTAX.lastIndex;
    const [, key, index] = match;
    if (key === "**") segments.push({ kind: "anyDepth" });
    else if (key === "*") segments.push({ kind: "anyKey" });
    else if (key !== undefined && KEY_SEGMENT.test(key)) segments.push({ kind: "key", key });
    else if (index === "*") segments.push({ kind: "anyIndex" });
    else if (index !== undefined) segments.push({ kind: "index", index: Number(index) });
  }

  if (consumed !== pattern.length || pattern.startsWith(".") || segments.length === 0) {
    throw invalidPath(option, pattern);
  }
  return segments;
}

function matchesSegment(segment: PatternSegment, step: PathSegment): boolean {
  switch (segment.kind) {
    case "key":
      return step === segment.key;
    case "index":
      return step === segment.index;
    case "anyKey":
      return typeof step === "string";
    case "anyIndex":
      return typeof step === "number";
    case "anyDepth":
      return true;
  }
}

function matchesFrom(
  pattern: PathPattern,
  patternAt: number,
  path: readonly PathSegment[],
  pathAt: number,
): boolean {
  if (patternAt === pattern.length) return pathAt === path.length;
  const segment = pattern[patternAt];
  if (segment === undefined) return false;

  if (segment.kind === "anyDepth") {
    // `**` takes zero or more segments, so try every split point.
    for (let skip = pathAt; skip <= path.length; skip += 1) {
      if (matchesFrom(pattern, patternAt + 1, path, skip)) return true;
    }
    return false;
  }

  const step = path[pathAt];
  if (step === undefined || !matchesSegment(segment, step)) return false;
  return matchesFrom(pattern, patternAt + 1, path, pathAt + 1);
}

/** Returns whether a path matches any of the patterns. */
export function matchesAnyPattern(
  patterns: readonly PathPattern[],
  path: readonly PathSegment[],
): boolean {
  for (const pattern of patterns) {
    if (matchesFrom(pattern, 0, path, 0)) return true;
  }
  return false;
}

const PLAIN_KEY = /^[A-Za-z_$][\w$-]*$/;

/**
 * Formats a path the way validation errors name fields: `contacts[0].notes`. A key that is not a
 * plain identifier is written in brackets as a JSON string, such as `tags["a.b"]`.
 */
export function formatPath(path: readonly PathSegment[]): string {
  let text = "";
  for (const step of path) {
    if (typeof step === "number") text += `[${step}]`;
    else if (PLAIN_KEY.test(step)) text += text === "" ? step : `.${step}`;
    else text += `[${JSON.stringify(step)}]`;
  }
  return text;
}
