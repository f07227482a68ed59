// Sanitizer throughput against isomorphic-dompurify and js-xss, then RSS over many calls.
// Usage: NODE_OPTIONS=--expose-gc pnpm --filter @bulwark/bench bench:core sanitizer [textCalls] [richCalls]
// textCalls (default 1000000) and richCalls (default 20000) size the RSS runs. The bench:core
// script builds the packages first.
import {
  createSanitizer,
  RICH_TEXT_ALLOWED_ATTRIBUTES,
  RICH_TEXT_ALLOWED_TAGS,
} from "@bulwark/sanitizer";
import { sanitize as purify } from "isomorphic-dompurify";
import { FilterXSS } from "xss";
import { compareThroughput, type RatioRow, toRatioRows } from "../harness.js";

const NAME = "Dr. María-José O'Connor & Partners Ltd.";

const NOTE_PARAGRAPH =
  "<p>Met with the <b>procurement team</b> on Tuesday; they want a quote for 40 seats &amp; the " +
  'onboarding package before Q3. Follow up via <a href="https://example.com/crm/deal/42">the deal page</a> ' +
  "and loop in Siobhán (legal) for the DPA.</p>\n<ul><li>Budget: 5 > 3 options</li><li>Decision by 30 June</li></ul>\n";
const NOTE = NOTE_PARAGRAPH.repeat(Math.ceil(2048 / NOTE_PARAGRAPH.length)).slice(0, 2048);

const HOSTILE_PIECES = [
  '<img src=x onerror="alert(1)">',
  "<script>fetch('/steal?c='+document.cookie)</script>",
  '<a href="jav&#x09;ascript:alert(1)">click</a>',
  "<svg><animate onbegin=alert(1) attributeName=x dur=1s>",
  "<iframe srcdoc='<script>alert(1)</script>'></iframe>",
  "<<b>script>alert(1)<</b>/script>",
  '<math><mtext><table><mglyph><style><!--</style><img title="--&gt;&lt;img src=1 onerror=alert(1)&gt;">',
  "' OR '1'='1'; DROP TABLE users; --",
];
const HOSTILE = HOSTILE_PIECES.join(" ").repeat(4).slice(0, 1024);

const INPUTS = { "name 40 B": NAME, "note 2 KB": NOTE, "hostile 1 KB": HOSTILE } as const;

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

async function measureRss(
  label: string,
  calls: number,
  run: (index: number) => unknown,
): Promise<void> {
  const inputs = Object.values(INPUTS);
  global.gc?.();
  const before = process.memoryUsage();
  let peak = before.rss;
  const checkpoints: string[] = [];
  const checkpointEvery = Math.max(1, Math.floor(calls / 4));
  for (let index = 1; index <= calls; index += 1) {
    const result = run(index % inputs.length);
    if (result instanceof Promise) await result;
    if (index % 100 === 0) peak = Math.max(peak, process.memoryUsage().rss);
    if (index % checkpointEvery === 0) {
      checkpoints.push(`${index}: ${megabytes(process.memoryUsage().rss)}`);
    }
  }
  // Let the last job end, then collect, so that only live memory remains.
  await yieldToEventLoop();
  global.gc?.();
  const after = process.memoryUsage();
  console.error(
    `${label}: ${calls} calls, RSS ${megabytes(before.rss)} -> ${megabytes(after.rss)} ` +
      `(growth ${megabytes(after.rss - before.rss)}, peak ${megabytes(peak)}; ` +
      `after calls ${checkpoints.join(", ")}), heap used ${megabytes(before.heapUsed)} -> ` +
      `${megabytes(after.heapUsed)}${GC_HINT}`,
  );
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
  // RSS first, before the DOMPurify candidates below leave their garbage in the heap.
  const inputs = Object.values(INPUTS);
  await measureRss("text mode RSS", readCount(args, 0, 1_000_000), (index) =>
    textSanitizer.sanitize(inputs[index]),
  );
  await measureRss("rich mode RSS", readCount(args, 1, 20_000), (index) =>
    richSanitizer.sanitizeAsync(inputs[index]),
  );
  await measureBulkBody();

  return [...(await compareTextMode()), ...(await compareRichMode())];
}
