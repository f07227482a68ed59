import { cpus, loadavg, platform, release, totalmem } from "node:os";
import type { RatioRow } from "./harness.js";
import type { HttpBenchmarkOptions, HttpRow, RouteName } from "./http/run-http.js";
import type { VariantName } from "./http/variants.js";

/** Machine and settings of a benchmark run. */
export interface RunInfo {
  readonly date: string;
  readonly node: string;
  readonly cpuModel: string;
  readonly cpuCount: number;
  readonly memoryGigabytes: number;
  readonly os: string;
  /** One-minute load average when the run started, other processes included. */
  readonly loadAverage: number;
  readonly http: HttpBenchmarkOptions;
}

/** A target of the benchmark and whether the run met it. */
export interface TargetResult {
  readonly target: string;
  readonly figure: string;
  readonly met: boolean;
}

/** Returns the machine facts of this run. */
export function describeRun(http: HttpBenchmarkOptions): RunInfo {
  return {
    date: new Date().toISOString(),
    node: process.version,
    cpuModel: cpus()[0]?.model ?? "unknown",
    cpuCount: cpus().length,
    memoryGigabytes: Math.round(totalmem() / 1024 ** 3),
    os: `${platform()} ${release()}`,
    loadAverage: loadavg()[0] ?? 0,
    http,
  };
}

function findRow(rows: readonly HttpRow[], variant: VariantName, route: RouteName): HttpRow {
  const row = rows.find((candidate) => candidate.variant === variant && candidate.route === route);
  if (row === undefined) throw new Error(`No result for ${variant}, ${route}.`);
  return row;
}

const percent = (ratio: number) => `${(ratio * 100).toFixed(1)}%`;
const micros = (value: number) => `${value.toFixed(1)} µs`;

/**
 * Evaluates the HTTP targets. On GET, the Bulwark stack keeps at least 90% of bare throughput on
 * Express and 75% on Fastify, and adds at most 10 µs of server CPU on Express and 5 µs on Fastify.
 * It serves more requests per second than the peer stack on both routes, and no run gets a 429.
 */
export function evaluateTargets(rows: readonly HttpRow[]): TargetResult[] {
  const results: TargetResult[] = [];
  const frameworks = [
    {
      name: "Express",
      bulwark: "express bulwark",
      peer: "express helmet + express-rate-limit",
      minRatio: 0.9,
      maxCpu: 10,
    },
    {
      name: "Fastify",
      bulwark: "fastify bulwark",
      peer: "fastify @fastify/helmet + @fastify/rate-limit",
      minRatio: 0.75,
      maxCpu: 5,
    },
  ] as const;

  for (const framework of frameworks) {
    const get = findRow(rows, framework.bulwark, "GET /api/ping");
    results.push({
      target: `${framework.name}: Bulwark keeps at least ${percent(framework.minRatio)} of bare GET throughput`,
      figure: percent(get.ratioToBare),
      met: get.ratioToBare >= framework.minRatio,
    });
    results.push({
      target: `${framework.name}: Bulwark adds at most ${micros(framework.maxCpu)} of server CPU per GET`,
      figure: micros(get.cpuAddedMicroseconds),
      met: get.cpuAddedMicroseconds <= framework.maxCpu,
    });
    for (const route of ["GET /api/ping", "POST /api/contacts"] as const) {
      const own = findRow(rows, framework.bulwark, route);
      const peer = findRow(rows, framework.peer, route);
      results.push({
        target: `${framework.name}: Bulwark serves more requests per second than the peer stack on ${route}`,
        figure: `${Math.round(own.requestsPerSecond)} vs ${Math.round(peer.requestsPerSecond)} req/s`,
        met: own.requestsPerSecond > peer.requestsPerSecond,
      });
    }
  }

  const limited = rows.reduce((total, row) => total + row.status429, 0);
  const unexpected = rows.reduce((total, row) => total + row.unexpectedStatuses + row.errors, 0);
  results.push({
    target: "No variant answers 429, another unexpected status or a connection error",
    figure: `${limited} responses with 429, ${unexpected} unexpected statuses and errors in total`,
    met: limited === 0 && unexpected === 0,
  });
  return results;
}

function formatNumber(value: number): string {
  return Math.round(value).toLocaleString("en-US");
}

/** Renders the HTTP rows as a Markdown table. */
export function renderHttpTable(rows: readonly HttpRow[]): string {
  const lines = [
    "| route | variant | req/s | ratio to bare | p99 ms | server CPU µs/req | CPU added µs/req | 429s |",
    "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |",
  ];
  for (const row of rows) {
    lines.push(
      `| ${row.route} | ${row.variant} | ${formatNumber(row.requestsPerSecond)} | ${row.ratioToBare.toFixed(3)} | ${row.p99Milliseconds} | ${row.cpuMicrosecondsPerRequest.toFixed(1)} | ${row.cpuAddedMicroseconds.toFixed(1)} | ${row.status429} |`,
    );
  }
  return lines.join("\n");
}

/** Renders the core rows as a Markdown table. */
export function renderCoreTable(rows: readonly RatioRow[]): string {
  const lines = [
    "| group | candidate | ops/s | ratio to baseline |",
    "| --- | --- | ---: | ---: |",
  ];
  for (const row of rows) {
    lines.push(
      `| ${row.group} | ${row.name} | ${formatNumber(row.opsPerSecond)} | ${row.ratioToBaseline.toFixed(3)} |`,
    );
  }
  return lines.join("\n");
}

/** Renders the targets as a Markdown table. */
export function renderTargets(targets: readonly TargetResult[]): string {
  const lines = ["| target | figure | result |", "| --- | --- | --- |"];
  for (const target of targets)
    lines.push(`| ${target.target} | ${target.figure} | ${target.met ? "met" : "missed"} |`);
  return lines.join("\n");
}

/** Renders RESULTS.md: the machine, the method, the targets and both tables. */
export function renderResults(
  info: RunInfo,
  httpRows: readonly HttpRow[],
  coreRows: readonly RatioRow[],
  targets: readonly TargetResult[],
  notes: string,
): string {
  const { http } = info;
  return `# Benchmark results

Measured by \`pnpm bench\` on ${info.date.slice(0, 10)}: ${info.cpuModel}, ${info.cpuCount} logical
cores, ${info.memoryGigabytes} GB, ${info.os}, Node ${info.node}, with a one-minute load average
of ${info.loadAverage.toFixed(1)} at the start, so other processes competed for the cores. The load
generator (autocannon) shares these cores with the server, so a variant's throughput also depends
on what the generator must parse, such as longer response headers.

HTTP method: each variant runs in its own process on 127.0.0.1; autocannon runs in the parent with
${http.connections} connections, ${http.warmupSeconds} s of warm-up per variant and route, then
${http.rounds} rounds of ${http.durationSeconds} s with the variants interleaved. Figures are the
median over the rounds. Server CPU is \`process.cpuUsage()\` (user + system) in the server process
over the measured window, divided by the requests it received.

## Targets

${renderTargets(targets)}

## HTTP

${renderHttpTable(httpRows)}

${notes}

## Cores

Operations per second in one process, interleaved rounds, median of at least 3, with the ratio to
each group's first candidate.

${renderCoreTable(coreRows)}
`;
}
