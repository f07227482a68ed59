// RSS over many sanitizer calls, each mode in a child process of its own, then throughput against
// isomorphic-dompurify and js-xss.
// Usage: NODE_OPTIONS=--expose-gc pnpm --filter @bulwark/bench bench:core sanitizer [textCalls] [richCalls]
// textCalls (default 1000000) and richCalls (default 20000) size the RSS runs. The bench:core
// script builds the packages first.

import { spawnSync } from "node:child_process";
import { join } from "node:path";
import {
  createSanitizer,
  RICH_TEXT_ALLOWED_ATTRIBUTES,
  RICH_TEXT_ALLOWED_TAGS,
} from "@bulwark/sanitizer";
import { sanitize as purify } from "isomorphic-dompurify";
import { FilterXSS } from "xss";
import { compareThroughput, type RatioRow, toRatioRows } from "../harness.js";
import { INPUTS, NAME } from "../sanitizer/inputs.js";

const textSanitizer = createSanitizer();
const richSanitizer = createSanitizer({ richTextPaths: ["**"] });
const jsXss = new FilterXSS({
  whiteList: {},
  stripIgnoreTag: true,
  stripIgnoreTagBody: ["script", "style"],
});
// Passed on every call, so DOMPurify parses it on each call.
const PURIFY_TEXT = { ALLOWED_TAGS: [], KEEP_CONTENT: true };
// The configuration that @bulwark/sanitizer sets once on its own DOMPurify instance.
const PURIFY_RICH = {
  ALLOWED_TAGS: [...RICH_TEXT_ALLOWED_TAGS],
  ALLOWED_ATTR: [...RICH_TEXT_ALLOWED_ATTRIBUTES],
  ALLOWED_URI_REGEXP: /^(?:https?|mailto):/i,
  ALLOW_DATA_ATTR: false,
  ALLOW_ARIA_ATTR: false,
  ALLOW_UNKNOWN_PROTOCOLS: false,
};
const BULK_ITEMS = 1_000;

function readCount(args: readonly string[], position: number, fallback: number): number {
  const value = Number(args[position]);
  return Number.isInteger(value) && value > 0 ? value : fallback;
}

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

const GC_HINT =
  global.gc === undefined ? " (set NODE_OPTIONS=--expose-gc for collected readings)" : "";

/**
 * Runs `calls` sanitizer calls in a child process that loads only @bulwark/sanitizer, and prints
 * its RSS and heap readings. A process of its own keeps jsdom, isomorphic-dompurify and the other
 * candidates of this benchmark out of the figures.
 */
function measureRssInOwnProcess(mode: "text" | "rich", calls: number): void {
  const script = join(import.meta.dirname, "..", "sanitizer", "rss-process.ts");
  // process.execArgv carries tsx's loader, so the child runs the TypeScript file as this one does.
  const child = spawnSync(
    process.execPath,
    [...process.execArgv, "--expose-gc", script, mode, String(calls)],
    { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] },
  );
  if (child.status !== 0) {
    throw new Error(`The ${mode} RSS process exited with ${child.status ?? child.signal}.`);
  }
  console.error(child.stdout.trim());
}

/**
 * Sanitizes one body of `BULK_ITEMS` rich-text notes and prints the heap that the call leaves
 * alive, collected before the job that ran it ends. `sanitize` runs every DOMPurify call in one
 * job, so jsdom keeps memory from each of them. `sanitizeAsync` yields between batches.
 */
async function measureBulkBody(): Promise<void> {
  const body = Array.from({ length: BULK_ITEMS }, () => INPUTS["note 2 KB"]);
  await yieldToEventLoop();
  global.gc?.();
  const base = process.memoryUsage().heapUsed;

  const syncResult = richSanitizer.sanitize(body);
  global.gc?.();
  const syncHeld = process.memoryUsage().heapUsed - base;
  await yieldToEventLoop();
  global.gc?.();

  const asyncResult = await richSanitizer.sanitizeAsync(body);
  global.gc?.();
  const asyncHeld = process.memoryUsage().heapUsed - base;
  console.error(
    `rich bulk body of ${BULK_ITEMS} 2 KB notes, heap held when the call returns: ` +
      `sanitize ${megabytes(syncHeld)}, sanitizeAsync ${megabytes(asyncHeld)} ` +
      `(${syncResult.findings.length} and ${asyncResult.findings.length} findings)${GC_HINT}`,
  );
}

async function compareTextMode(): Promise<RatioRow[]> {
  const rows: RatioRow[] = [];
  for (const [label, input] of Object.entries(INPUTS)) {
    const results = await compareThroughput(
      [
        { name: "js-xss (strip)", run: () => jsXss.process(input) },
        { name: "isomorphic-dompurify (no tags)", run: () => purify(input, PURIFY_TEXT) },
        { name: "@bulwark/sanitizer text", run: () => textSanitizer.sanitize(input) },
      ],
      { operations: label === "name 40 B" ? 200_000 : 2_000 },
    );
    rows.push(...toRatioRows(`text: ${label}`, results));
  }

  // The name has nothing to remove: no markup, control character or SQL pattern.
  const results = await compareThroughput(
    [
      { name: "isomorphic-dompurify (no tags)", run: () => purify(NAME, PURIFY_TEXT) },
      { name: "@bulwark/sanitizer text", run: () => textSanitizer.sanitize(NAME) },
    ],
    { operations: 200_000 },
  );
  rows.push(...toRatioRows("plain text, nothing to remove: name 40 B", results));
  return rows;
}

async function compareRichMode(): Promise<RatioRow[]> {
  const rows: RatioRow[] = [];
  for (const [label, input] of Object.entries(INPUTS)) {
    // Both sides end their job after each call, as a server does between requests, so jsdom
    // releases what each DOMPurify call kept alive.
    const results = await compareThroughput(
      [
        {
          name: "isomorphic-dompurify (same config)",
          run: async () => {
            const html = purify(input, PURIFY_RICH);
            await yieldToEventLoop();
            return html;
          },
        },
        { name: "@bulwark/sanitizer rich", run: () => richSanitizer.sanitizeAsync(input) },
      ],
      { operations: 300 },
    );
    rows.push(...toRatioRows(`rich: ${label}`, results));
  }
  return rows;
}

/**
 * Runs the RSS runs, the bulk-body reading and the throughput groups, and returns the throughput
 * rows. `args[0]` and `args[1]` set the text-mode and rich-text call counts of the RSS runs.
 */
export async function run(args: readonly string[] = []): Promise<RatioRow[]> {
  measureRssInOwnProcess("text", readCount(args, 0, 1_000_000));
  measureRssInOwnProcess("rich", readCount(args, 1, 20_000));
  await measureBulkBody();

  return [...(await compareTextMode()), ...(await compareRichMode())];
}
