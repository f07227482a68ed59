// Entry point of `pnpm bench`: runs the HTTP benchmarks, then the core benchmarks, prints both
// tables and the targets, and writes RESULTS.md and results/latest.json.
//
// Options (all optional):
//   --duration <seconds>    load per variant, route and round (default 5)
//   --warmup <seconds>      load per variant and route before the rounds (default 2)
//   --connections <n>       concurrent connections of autocannon (default 10)
//   --rounds <n>            interleaved rounds, at least 3 (default 3)
//   --only <http|cores>     run one part; the results files are written only by a full run
//   --profile <folder>      each server process writes a V8 CPU profile there (--cpu-prof)
import { mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { runCoreBenchmarks } from "./cores.js";
import { printRows, type RatioRow } from "./harness.js";
import { HTTP_NOTES } from "./http/notes.js";
import { type HttpBenchmarkOptions, type HttpRow, runHttpBenchmarks } from "./http/run-http.js";
import {
  describeRun,
  evaluateTargets,
  renderHttpTable,
  renderResults,
  renderTargets,
} from "./report.js";

function readPositiveInteger(
  values: Record<string, unknown>,
  name: string,
  fallback: number,
  minimum = 1,
): number {
  const raw = values[name];
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < minimum) {
    throw new Error(
      `--${name} must be an integer of at least ${minimum}, got ${JSON.stringify(raw)}.`,
    );
  }
  return value;
}

const { values } = parseArgs({
  options: {
    duration: { type: "string" },
    warmup: { type: "string" },
    connections: { type: "string" },
    rounds: { type: "string" },
    only: { type: "string" },
    profile: { type: "string" },
  },
});
if (values.only !== undefined && values.only !== "http" && values.only !== "cores") {
  throw new Error(`--only must be http or cores, got ${JSON.stringify(values.only)}.`);
}

const httpOptions: HttpBenchmarkOptions = {
  durationSeconds: readPositiveInteger(values, "duration", 5),
  warmupSeconds: readPositiveInteger(values, "warmup", 2),
  connections: readPositiveInteger(values, "connections", 10),
  rounds: readPositiveInteger(values, "rounds", 3, 3),
  profileDirectory: values.profile === undefined ? undefined : resolve(values.profile),
};

const info = describeRun(httpOptions);
let httpRows: HttpRow[] = [];
let coreRows: RatioRow[] = [];
if (values.only !== "cores") httpRows = await runHttpBenchmarks(httpOptions);
if (values.only !== "http") coreRows = await runCoreBenchmarks(undefined);

if (httpRows.length > 0) {
  console.log(renderHttpTable(httpRows));
  console.log();
  console.log(renderTargets(evaluateTargets(httpRows)));
}
if (coreRows.length > 0) printRows(coreRows);

if (values.only === undefined) {
  const benchFolder = join(import.meta.dirname, "..");
  const targets = evaluateTargets(httpRows);
  writeFileSync(
    join(benchFolder, "RESULTS.md"),
    renderResults(info, httpRows, coreRows, targets, HTTP_NOTES),
  );
  mkdirSync(join(benchFolder, "results"), { recursive: true });
  writeFileSync(
    join(benchFolder, "results", "latest.json"),
    `${JSON.stringify({ ...info, targets, http: httpRows, cores: coreRows }, null, 2)}\n`,
  );
  console.error("wrote bench/RESULTS.md and bench/results/latest.json");
}
