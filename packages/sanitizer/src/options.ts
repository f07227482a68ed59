import { checkOptionsObject, describeValue } from "@bulwark/core";
import { buildChangeSignal, type ChangeSignal } from "./change-signal.js";
import { createSanitizerError, SanitizerError } from "./errors.js";
import { type PathPattern, parsePathPattern } from "./field-paths.js";
import { SQL_MODES, type SqlMode } from "./sql-injection.js";

/** Options of `createSanitizer`. */
export interface SanitizerOptions {
  /**
   * SQL-injection handling: `detect` (default) leaves text untouched and reports findings, `strip`
   * removes SQL keywords and comment markers (lossy), `off` does neither.
   */
  readonly sqlMode?: SqlMode;
  /** Field paths sanitized as rich text with DOMPurify, such as `notes` or `contacts[*].notes`. */
  readonly richTextPaths?: readonly string[];
  /** Field paths whose strings are never changed. Keys containing "password" never are either. */
  readonly excludePaths?: readonly string[];
  /** Removes leading and trailing whitespace. Defaults to true. */
  readonly trim?: boolean;
  /** Normalizes text to Unicode NFC. Defaults to false. */
  readonly normalizeUnicode?: boolean;
  /** Removes control characters other than tab, CR and LF. Defaults to true. NUL is always removed. */
  readonly stripControlCharacters?: boolean;
  /** Maximum nesting of objects and arrays. Defaults to 64, at most 1,000. */
  readonly maxDepth?: number;
  /** Maximum number of values (objects, arrays and primitives) in one body. Defaults to 100,000. */
  readonly maxNodes?: number;
}

/** Default options of `createSanitizer`. */
export const SANITIZER_DEFAULTS = {
  sqlMode: "detect",
  trim: true,
  normalizeUnicode: false,
  stripControlCharacters: true,
  maxDepth: 64,
  maxNodes: 100_000,
} as const;

/** Highest `maxDepth`: the walk is recursive, and this keeps it far from the stack limit. */
export const MAX_DEPTH_LIMIT = 1_000;
/** Highest `maxNodes`. */
export const MAX_NODES_LIMIT = 10_000_000;

/** Options after validation, with defaults applied and paths compiled. */
export interface ParsedSanitizerOptions {
  readonly sqlMode: SqlMode;
  readonly richTextPatterns: readonly PathPattern[];
  readonly excludePatterns: readonly PathPattern[];
  readonly trim: boolean;
  readonly normalizeUnicode: boolean;
  readonly stripControlCharacters: boolean;
  readonly maxDepth: number;
  readonly maxNodes: number;
  /** Table of the characters and pieces that the text pipeline could change or report. */
  readonly changeSignal: ChangeSignal;
}

const KNOWN_KEYS = [
  "sqlMode",
  "richTextPaths",
  "excludePaths",
  "trim",
  "normalizeUnicode",
  "stripControlCharacters",
  "maxDepth",
  "maxNodes",
] as const satisfies readonly (keyof SanitizerOptions)[];

function parseSqlMode(value: unknown): SqlMode {
  if (value === undefined) return SANITIZER_DEFAULTS.sqlMode;
  if (SQL_MODES.includes(value as SqlMode)) return value as SqlMode;
  throw new SanitizerError(
    "ERR_SANITIZER_INVALID_SQL_MODE",
    `sqlMode must be "detect", "strip" or "off", got ${describeValue(value)}. Use "detect" to report SQL-injection patterns without changing text.`,
  );
}

function parseFlag(name: string, value: unknown, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  if (typeof value === "boolean") return value;
  throw new SanitizerError(
    "ERR_SANITIZER_INVALID_FLAG",
    `${name} must be true or false, got ${describeValue(value)}. Omit it to use the default, ${fallback}.`,
  );
}

function parseLimit(name: string, value: unknown, fallback: number, highest: number): number {
  if (value === undefined) return fallback;
  if (typeof value === "number" && Number.isInteger(value) && value >= 1 && value <= highest) {
    return value;
  }
  throw new SanitizerError(
    "ERR_SANITIZER_INVALID_LIMIT",
    `${name} must be an integer from 1 to ${highest}, got ${describeValue(value)}. Omit it to use the default, ${fallback}.`,
  );
}

function parsePaths(name: string, value: unknown): PathPattern[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) {
    throw new SanitizerError(
      "ERR_SANITIZER_INVALID_PATH",
      `${name} must be an array of field paths such as ["notes"], got ${describeValue(value)}.`,
    );
  }
  return value.map((pattern, index) => parsePathPattern(pattern, `${name}[${index}]`));
}

/**
 * Validates `createSanitizer` options and applies defaults. Throws a `SanitizerError` with an
 * `ERR_SANITIZER_*` code naming the option, the rejected value and the fix.
 */
export function parseSanitizerOptions(input: unknown): ParsedSanitizerOptions {
  const options = checkOptionsObject(
    input,
    KNOWN_KEYS,
    "ERR_SANITIZER_INVALID_OPTIONS",
    "createSanitizer",
    createSanitizerError,
  );

  const sqlMode = parseSqlMode(options.sqlMode);
  const stripControlCharacters = parseFlag(
    "stripControlCharacters",
    options.stripControlCharacters,
    SANITIZER_DEFAULTS.stripControlCharacters,
  );
  return {
    sqlMode,
    richTextPatterns: parsePaths("richTextPaths", options.richTextPaths),
    excludePatterns: parsePaths("excludePaths", options.excludePaths),
    trim: parseFlag("trim", options.trim, SANITIZER_DEFAULTS.trim),
    normalizeUnicode: parseFlag(
      "normalizeUnicode",
      options.normalizeUnicode,
      SANITIZER_DEFAULTS.normalizeUnicode,
    ),
    stripControlCharacters,
    maxDepth: parseLimit(
      "maxDepth",
      options.maxDepth,
      SANITIZER_DEFAULTS.maxDepth,
      MAX_DEPTH_LIMIT,
    ),
    maxNodes: parseLimit(
      "maxNodes",
      options.maxNodes,
      SANITIZER_DEFAULTS.maxNodes,
      MAX_NODES_LIMIT,
    ),
    changeSignal: buildChangeSignal({ sqlMode, stripControlCharacters }),
  };
}
