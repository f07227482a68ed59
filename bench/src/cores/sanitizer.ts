// Sanitizer throughput against isomorphic-dompurify and js-xss, then RSS growth over many calls.
// Usage: pnpm --filter @bulwark/bench bench:core sanitizer [textCalls] [richCalls]
// textCalls (default 100000) and richCalls (default 2000) size the RSS runs. Pass 1000000 as
// textCalls for the one-million-call figure. Build the packages first (pnpm build).
import {
  createSanitizer,
  RICH_TEXT_ALLOWED_ATTRIBUTES,
  RICH_TEXT_ALLOWED_TAGS,
} from "@bulwark/sanitizer";
import DOMPurify from "isomorphic-dompurify";
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
const PURIFY_TEXT = { ALLOWED_TAGS: [], KEEP_CONTENT: true };
const PURIFY_RICH = {
  ALLOWED_TAGS: [...RICH_TEXT_ALLOWED_TAGS],
  ALLOWED_ATTR: [...RICH_TEXT_ALLOWED_ATTRIBUTES],
  ALLOWED_URI_REGEXP: /^(?:https?|mailto):/i,
};

function readCount(args: readonly string[], position: number, fallback: number): number {
  const value = Number(args[position]);
  return Number.isInteger(value) && value > 0 ? value : fallback;
}

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

async function measureRss(
  label: string,
  calls: number,
  run: (index: number) => unknown,
): Promise<void> {
  const inputs = Object.values(INPUTS);
  global.gc?.();
  const before = process.memoryUsage();
  let peak = before.rss;
  for (let index = 0; index < calls; index += 1) {
    const result = run(index % inputs.length);
    if (result instanceof Promise) await result;
    if (index % 1_000 === 0) peak = Math.max(peak, process.memoryUsage().rss);
  }
  // Let the last job end, then collect, so that only live memory remains.
  await new Promise((resolve) => setImmediate(resolve));
  global.gc?.();
  const after = process.memoryUsage();
  console.error(
    `${label}: ${calls} calls, RSS ${megabytes(before.rss)} -> ${megabytes(after.rss)} ` +
      `(growth ${megabytes(after.rss - before.rss)}, peak ${megabytes(peak)}), ` +
      `heap used ${megabytes(before.heapUsed)} -> ${megabytes(after.heapUsed)}` +
      (global.gc === undefined
        ? " (run with NODE_OPTIONS=--expose-gc to collect before reading)"
        : ""),
  );
}

/**
 * Runs the throughput groups and the RSS runs, and returns the throughput rows. `args[0]` and
 * `args[1]` set the text-mode and rich-text call counts of the RSS runs.
 */
export async function run(args: readonly string[] = []): Promise<RatioRow[]> {
  // RSS first, before the DOMPurify candidates below leave their garbage in the heap.
  const inputs = Object.values(INPUTS);
  await measureRss("text mode RSS", readCount(args, 0, 100_000), (index) =>
    textSanitizer.sanitize(inputs[index]),
  );
  await measureRss("rich mode RSS", readCount(args, 1, 2_000), (index) =>
    richSanitizer.sanitizeAsync(inputs[index]),
  );

  const rows: RatioRow[] = [];

  for (const [label, input] of Object.entries(INPUTS)) {
    const results = await compareThroughput(
      [
        { name: "js-xss (strip)", run: () => jsXss.process(input) },
        {
          name: "isomorphic-dompurify (no tags)",
          run: () => DOMPurify.sanitize(input, PURIFY_TEXT),
        },
        { name: "@bulwark/sanitizer text", run: () => textSanitizer.sanitize(input) },
      ],
      { operations: label === "name 40 B" ? 200_000 : 2_000 },
    );
    rows.push(...toRatioRows(`text: ${label}`, results));
  }

  for (const [label, input] of Object.entries(INPUTS)) {
    // Asynchronous on both sides, so that each call ends its job and jsdom releases memory.
    const results = await compareThroughput(
      [
        {
          name: "isomorphic-dompurify (same allowlist)",
          run: async () => DOMPurify.sanitize(input, PURIFY_RICH),
        },
        { name: "@bulwark/sanitizer rich", run: () => richSanitizer.sanitizeAsync(input) },
      ],
      { operations: 300 },
    );
    rows.push(...toRatioRows(`rich: ${label}`, results));
  }

  return rows;
}
