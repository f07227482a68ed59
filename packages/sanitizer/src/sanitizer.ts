import { createHttpError } from "@bulwark/core";
import { SanitizerError } from "./errors.js";
import { formatPath, matchesAnyPattern, type PathSegment } from "./field-paths.js";
import {
  type ParsedSanitizerOptions,
  parseSanitizerOptions,
  type SanitizerOptions,
} from "./options.js";
import { sanitizeRichText } from "./rich-text.js";
import { finishUnchangedText, prepareText, sanitizeText } from "./sanitize-text.js";
import { detectSqlInjection, type SqlInjectionRule, stripSqlPatterns } from "./sql-injection.js";

/** Rule of a finding: what the sanitizer removed, dropped or suspects. */
export type SanitizerRule = "html.removed" | "key.dropped" | "sql.stripped" | SqlInjectionRule;

/** One finding: the field path, written like `contacts[0].notes`, and the rule that fired. */
export interface SanitizerFinding {
  readonly path: string;
  readonly rule: SanitizerRule;
}

/** Result of sanitizing one value. */
export interface SanitizeResult<T = unknown> {
  /** A new value. The input is never mutated. */
  readonly value: T;
  /** Findings in the order found. A result without findings shares one frozen empty array. */
  readonly findings: readonly SanitizerFinding[];
}

/** A configured sanitizer. */
export interface Sanitizer {
  /**
   * Sanitizes a JSON value synchronously. Rich-text fields are sanitized inline, and each DOMPurify
   * call under jsdom keeps memory alive until the current synchronous job ends, so use
   * `sanitizeAsync` when `richTextPaths` is set.
   */
  sanitize<T>(value: T): SanitizeResult<T>;
  /**
   * Sanitizes a JSON value, yielding to the event loop after every `RICH_TEXT_BATCH_SIZE`
   * rich-text fields so that memory stays flat on large bodies. Resolves at once when the
   * body has no rich-text field.
   */
  sanitizeAsync<T>(value: T): Promise<SanitizeResult<T>>;
  /** Whether `richTextPaths` is set, so callers know to use `sanitizeAsync`. */
  readonly hasRichText: boolean;
}

/**
 * Rich-text fields sanitized per synchronous job by `sanitizeAsync`. Each DOMPurify call under
 * jsdom keeps memory alive until the job ends: about 200 KB for a 2 KB note with jsdom 30, so a
 * batch keeps about 4 MB alive where one job for 1,000 such notes keeps 197 MB.
 */
export const RICH_TEXT_BATCH_SIZE = 32;

/**
 * Object keys that are dropped with a `key.dropped` finding. Merging an object that has them as
 * own keys into another object (Object.assign, spread into a class, deep merge helpers) can
 * change a prototype, so no output object carries them.
 */
export const DANGEROUS_KEYS: ReadonlySet<string> = new Set([
  "__proto__",
  "constructor",
  "prototype",
]);

/** Keys whose values are passwords, never changed and never searched for SQL patterns. */
export const PASSWORD_KEY = /pass(?:word|phrase)/i;

type FieldMode = "text" | "rich" | "excluded";

const NO_RULES: readonly SqlInjectionRule[] = [];

/** Findings of every result without a finding. Frozen, because those results share it. */
const NO_FINDINGS: readonly SanitizerFinding[] = Object.freeze([]);

interface RichTextTask {
  readonly container: Record<string, unknown> | unknown[];
  readonly key: string | number;
  readonly input: string;
  readonly path: string;
}

/** State of one sanitize call. */
interface Walk {
  readonly options: ParsedSanitizerOptions;
  /** Findings so far, created on the first one, so that a clean body allocates no array. */
  findings: SanitizerFinding[] | undefined;
  readonly path: PathSegment[];
  /** Rich-text fields left for later, or undefined to sanitize them inline. */
  readonly richTextTasks: RichTextTask[] | undefined;
  nodes: number;
}

function addFinding(walk: Walk, path: string, rule: SanitizerRule): void {
  if (walk.findings === undefined) walk.findings = [{ path, rule }];
  else walk.findings.push({ path, rule });
}

function resolveMode(walk: Walk, parentMode: FieldMode, key: PathSegment): FieldMode {
  if (parentMode === "excluded") return "excluded";
  if (typeof key === "string" && PASSWORD_KEY.test(key)) return "excluded";

  const { excludePatterns, richTextPatterns } = walk.options;
  if (excludePatterns.length > 0 && matchesAnyPattern(excludePatterns, walk.path))
    return "excluded";
  if (richTextPatterns.length > 0 && matchesAnyPattern(richTextPatterns, walk.path)) return "rich";
  return parentMode;
}

function countNode(walk: Walk): void {
  walk.nodes += 1;
  if (walk.nodes <= walk.options.maxNodes) return;
  const limit = walk.options.maxNodes;
  throw createHttpError("PAYLOAD_TOO_LARGE", {
    message: `The request body contains more than ${limit} values. Send fewer items per request.`,
    cause: new SanitizerError(
      "ERR_SANITIZER_MAX_NODES",
      `A request body exceeded maxNodes (${limit}).`,
    ),
  });
}

function checkDepth(walk: Walk, depth: number): void {
  if (depth <= walk.options.maxDepth) return;
  const limit = walk.options.maxDepth;
  throw createHttpError("BAD_REQUEST", {
    message: `The request body is nested more than ${limit} levels deep. Send a flatter body.`,
    cause: new SanitizerError(
      "ERR_SANITIZER_MAX_DEPTH",
      `A request body exceeded maxDepth (${limit}).`,
    ),
  });
}

function reportSql(walk: Walk, text: string, path: string): void {
  if (walk.options.sqlMode !== "detect") return;
  for (const rule of detectSqlInjection(text)) addFinding(walk, path, rule);
}

function sanitizeTextLeaf(walk: Walk, input: string): string {
  const unchanged = finishUnchangedText(input, walk.options);
  if (unchanged !== undefined) return unchanged;

  const result = sanitizeText(input, walk.options);
  const sqlRules = walk.options.sqlMode === "detect" ? detectSqlInjection(result.text) : NO_RULES;
  if (!result.htmlRemoved && !result.sqlStripped && sqlRules.length === 0) return result.text;

  // The path string is built only for a finding, so clean fields cost no formatting.
  const path = formatPath(walk.path);
  if (result.htmlRemoved) addFinding(walk, path, "html.removed");
  if (result.sqlStripped) addFinding(walk, path, "sql.stripped");
  for (const rule of sqlRules) addFinding(walk, path, rule);
  return result.text;
}

/** Runs one rich-text field through DOMPurify and records its findings. */
function finishRichText(walk: Walk, task: RichTextTask): void {
  let text = prepareText(task.input, walk.options);
  if (walk.options.sqlMode === "strip") {
    const stripped = stripSqlPatterns(text);
    if (stripped !== text) addFinding(walk, task.path, "sql.stripped");
    text = stripped;
  }

  const { html, removedCount } = sanitizeRichText(text);
  if (removedCount > 0) addFinding(walk, task.path, "html.removed");
  const output = walk.options.trim ? html.trim() : html;
  reportSql(walk, output, task.path);

  if (Array.isArray(task.container)) task.container[task.key as number] = output;
  else task.container[task.key as string] = output;
}

function visit(
  walk: Walk,
  value: unknown,
  mode: FieldMode,
  depth: number,
  container: RichTextTask["container"],
  key: string | number,
): void {
  countNode(walk);
  let output: unknown = value;

  if (typeof value === "string") {
    if (mode === "text") output = sanitizeTextLeaf(walk, value);
    else if (mode === "rich") {
      const task: RichTextTask = { container, key, input: value, path: formatPath(walk.path) };
      if (walk.richTextTasks === undefined) {
        finishRichText(walk, task);
        return;
      }
      // The raw text stays in place until the task replaces it.
      walk.richTextTasks.push(task);
    }
  } else if (Array.isArray(value)) {
    output = visitArray(walk, value, mode, depth + 1);
  } else if (typeof value === "object" && value !== null) {
    output = visitObject(walk, value as Record<string, unknown>, mode, depth + 1);
  }

  if (Array.isArray(container)) container[key as number] = output;
  else container[key as string] = output;
}

function visitArray(
  walk: Walk,
  input: readonly unknown[],
  mode: FieldMode,
  depth: number,
): unknown[] {
  checkDepth(walk, depth);
  const output: unknown[] = new Array(input.length);
  for (let index = 0; index < input.length; index += 1) {
    walk.path.push(index);
    visit(walk, input[index], resolveMode(walk, mode, index), depth, output, index);
    walk.path.pop();
  }
  return output;
}

function visitObject(
  walk: Walk,
  input: Record<string, unknown>,
  mode: FieldMode,
  depth: number,
): Record<string, unknown> {
  checkDepth(walk, depth);
  const output: Record<string, unknown> = {};
  for (const key of Object.keys(input)) {
    walk.path.push(key);
    if (DANGEROUS_KEYS.has(key)) {
      addFinding(walk, formatPath(walk.path), "key.dropped");
    } else {
      visit(walk, input[key], resolveMode(walk, mode, key), depth, output, key);
    }
    walk.path.pop();
  }
  return output;
}

function runWalk(
  options: ParsedSanitizerOptions,
  value: unknown,
  deferRichText: boolean,
): { walk: Walk; holder: Record<string, unknown> } {
  const walk: Walk = {
    options,
    findings: undefined,
    path: [],
    richTextTasks: deferRichText ? [] : undefined,
    nodes: 0,
  };
  // The root is written into a holder, so that every value, the root included, has a container.
  const holder: Record<string, unknown> = {};
  const rootMode: FieldMode =
    options.richTextPatterns.length > 0 && matchesAnyPattern(options.richTextPatterns, [])
      ? "rich"
      : "text";
  visit(walk, value, rootMode, 0, holder, "root");
  return { walk, holder };
}

function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * Creates a sanitizer for JSON request bodies. It walks objects and arrays and returns a new value
 * with its findings. Text fields lose HTML, so innerHTML creates no element from them, but keep
 * every other character. Rich-text fields go through DOMPurify. Passwords and `excludePaths` stay
 * untouched, and `__proto__`, `constructor` and `prototype` keys are dropped. Numbers, booleans
 * and null pass through.
 *
 * Options are validated here, throwing a `SanitizerError` (`ERR_SANITIZER_*`). At request time a
 * body deeper than `maxDepth` throws core's `BAD_REQUEST` error (400) and one with more values
 * than `maxNodes` throws `PAYLOAD_TOO_LARGE` (413), each with a `SanitizerError` as `cause`.
 *
 * @example
 * const sanitizer = createSanitizer({ richTextPaths: ["notes", "contacts[*].notes"] });
 * const { value, findings } = await sanitizer.sanitizeAsync(body);
 */
export function createSanitizer(options?: SanitizerOptions): Sanitizer {
  const parsed = parseSanitizerOptions(options);
  const hasRichText = parsed.richTextPatterns.length > 0;

  return {
    hasRichText,
    sanitize<T>(value: T): SanitizeResult<T> {
      const { walk, holder } = runWalk(parsed, value, false);
      return { value: holder.root as T, findings: walk.findings ?? NO_FINDINGS };
    },
    async sanitizeAsync<T>(value: T): Promise<SanitizeResult<T>> {
      const { walk, holder } = runWalk(parsed, value, true);
      const tasks = walk.richTextTasks ?? [];
      for (let index = 0; index < tasks.length; index += 1) {
        // Ending the synchronous job releases what the previous DOMPurify calls kept alive.
        if (index > 0 && index % RICH_TEXT_BATCH_SIZE === 0) await yieldToEventLoop();
        const task = tasks[index];
        if (task !== undefined) finishRichText(walk, task);
      }
      // Yield once more, so that a caller that awaits many calls in one loop, and so never ends
      // its job, does not accumulate what the last batch kept alive.
      if (tasks.length > 0) await yieldToEventLoop();
      return { value: holder.root as T, findings: walk.findings ?? NO_FINDINGS };
    },
  };
}
