// Child process of the sanitizer benchmark: sanitizes the benchmark inputs in turn, in text or
// rich-text mode, and prints RSS and live heap before, during and after. It imports nothing but
// @bulwark/sanitizer, so the figures are those of the sanitizer alone.
// Usage: node --expose-gc rss-process.ts <text|rich> <calls>
import { createSanitizer } from "@bulwark/sanitizer";
import { INPUTS } from "./inputs.js";

const [mode, callsArgument] = process.argv.slice(2);
const calls = Number(callsArgument);
if ((mode !== "text" && mode !== "rich") || !Number.isInteger(calls) || calls < 1) {
  throw new Error(
    `Usage: rss-process.ts <text|rich> <calls>, got ${process.argv.slice(2).join(" ")}`,
  );
}

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

const sanitizer = createSanitizer(mode === "rich" ? { richTextPaths: ["**"] } : {});
const inputs = Object.values(INPUTS);
// One call first, so that the readings exclude loading jsdom and creating its window.
await sanitizer.sanitizeAsync(inputs[0]);
await new Promise((resolve) => setImmediate(resolve));
global.gc?.();
const before = process.memoryUsage();
let peak = before.rss;
const checkpoints: string[] = [];
const checkpointEvery = Math.max(1, Math.floor(calls / 4));
for (let index = 1; index <= calls; index += 1) {
  const input = inputs[index % inputs.length];
  // Rich text yields after each call, as a server does between requests.
  if (mode === "rich") await sanitizer.sanitizeAsync(input);
  else sanitizer.sanitize(input);
  if (index % 100 === 0) peak = Math.max(peak, process.memoryUsage().rss);
  if (index % checkpointEvery === 0) {
    checkpoints.push(`${index}: ${megabytes(process.memoryUsage().rss)}`);
  }
}
await new Promise((resolve) => setImmediate(resolve));
global.gc?.();
const after = process.memoryUsage();
console.log(
  `${mode} mode RSS, own process: ${calls} calls, RSS ${megabytes(before.rss)} -> ` +
    `${megabytes(after.rss)} (growth ${megabytes(after.rss - before.rss)}, peak ` +
    `${megabytes(peak)}; after calls ${checkpoints.join(", ")}), heap used ` +
    `${megabytes(before.heapUsed)} -> ${megabytes(after.heapUsed)}` +
    (global.gc === undefined ? " (not collected: run with --expose-gc)" : ""),
);
