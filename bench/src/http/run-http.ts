import { type ChildProcess, fork } from "node:child_process";
import { join } from "node:path";
import autocannon from "autocannon";
import { median } from "../harness.js";
import { buildContactBody } from "./contact-body.js";
import type { ParentMessage, ServerMessage } from "./server-process.js";
import { VARIANT_NAMES, type VariantName } from "./variants.js";

/** Options of `runHttpBenchmarks`. */
export interface HttpBenchmarkOptions {
  /** Seconds of load per variant, route and round. */
  readonly durationSeconds: number;
  /** Seconds of load per variant and route before the first round, for the JIT. */
  readonly warmupSeconds: number;
  /** Concurrent connections of the load generator. */
  readonly connections: number;
  /** Rounds, interleaved across variants. At least 3, and the median is reported. */
  readonly rounds: number;
  /** When set, each server process writes a V8 CPU profile (`--cpu-prof`) into this folder. */
  readonly profileDirectory?: string | undefined;
}

/** One load run against one variant and route. */
export interface HttpRun {
  readonly requestsPerSecond: number;
  readonly p99Milliseconds: number;
  /** Server CPU time (user + system) per request the server received, in microseconds. */
  readonly cpuMicrosecondsPerRequest: number;
  readonly requests: number;
  /** Responses with a status other than the route's expected one (200 or 201). */
  readonly unexpectedStatuses: number;
  readonly status429: number;
  /** Connection errors and timeouts of the load generator. */
  readonly errors: number;
}

/** Medians of one variant and route over the rounds, with the ratios to the framework's bare variant. */
export interface HttpRow {
  readonly variant: VariantName;
  readonly route: RouteName;
  readonly requestsPerSecond: number;
  readonly p99Milliseconds: number;
  readonly cpuMicrosecondsPerRequest: number;
  /** Median requests per second divided by that of the bare variant of the same framework. */
  readonly ratioToBare: number;
  /** Median server CPU per request minus that of the bare variant, in microseconds. */
  readonly cpuAddedMicroseconds: number;
  /** Sums over every round. */
  readonly status429: number;
  readonly unexpectedStatuses: number;
  readonly errors: number;
  readonly runs: readonly HttpRun[];
}

export const ROUTE_NAMES = ["GET /api/ping", "POST /api/contacts"] as const;
export type RouteName = (typeof ROUTE_NAMES)[number];

interface RouteRequest {
  readonly method: "GET" | "POST";
  readonly path: string;
  readonly headers: Record<string, string>;
  readonly body: string | undefined;
  readonly expectedStatus: number;
}

const CONTACT_BODY = buildContactBody();

const ROUTES: Record<RouteName, RouteRequest> = {
  "GET /api/ping": {
    method: "GET",
    path: "/api/ping",
    headers: {},
    body: undefined,
    expectedStatus: 200,
  },
  "POST /api/contacts": {
    method: "POST",
    path: "/api/contacts",
    headers: { "content-type": "application/json" },
    body: CONTACT_BODY,
    expectedStatus: 201,
  },
};

const SERVER_FILE = join(import.meta.dirname, "server-process.ts");

/** A server variant in its own child process, driven over IPC. */
class ServerProcess {
  readonly #child: ChildProcess;
  readonly #pending: Array<(message: ServerMessage) => void> = [];

  private constructor(child: ChildProcess) {
    this.#child = child;
    child.on("message", (message: ServerMessage) => this.#pending.shift()?.(message));
  }

  static async start(
    variant: VariantName,
    profileDirectory: string | undefined,
  ): Promise<{ server: ServerProcess; port: number }> {
    const profileArgs =
      profileDirectory === undefined
        ? []
        : [
            "--cpu-prof",
            `--cpu-prof-dir=${profileDirectory}`,
            `--cpu-prof-name=${variant.replaceAll(/[^a-z0-9]+/gi, "-")}.cpuprofile`,
          ];
    // process.execArgv carries tsx's loader, so the child runs the TypeScript entry as the parent does.
    const child = fork(SERVER_FILE, [variant], { execArgv: [...process.execArgv, ...profileArgs] });
    const server = new ServerProcess(child);
    const exited = new Promise<never>((_, reject) => {
      child.once("exit", (code) =>
        reject(
          new Error(`Server variant ${variant} exited with code ${code} before it was ready.`),
        ),
      );
    });
    const ready = await Promise.race([server.#next(), exited]);
    if (ready.type !== "ready")
      throw new Error(`Server variant ${variant} sent ${ready.type} before ready.`);
    return { server, port: ready.port };
  }

  #next(): Promise<ServerMessage> {
    return new Promise((resolve) => this.#pending.push(resolve));
  }

  async request(message: ParentMessage): Promise<ServerMessage> {
    const reply = this.#next();
    this.#child.send(message);
    return reply;
  }

  async shutdown(): Promise<void> {
    const exited = new Promise((resolve) => this.#child.once("exit", resolve));
    this.#child.send({ type: "shutdown" } satisfies ParentMessage);
    await exited;
  }
}

interface StartedVariant {
  readonly name: VariantName;
  readonly server: ServerProcess;
  readonly url: string;
}

/** Sends one request per route and throws unless the variant responds with the expected status. */
async function checkVariant(variant: StartedVariant): Promise<void> {
  for (const [routeName, route] of Object.entries(ROUTES)) {
    const response = await fetch(variant.url + route.path, {
      method: route.method,
      headers: route.headers,
      ...(route.body === undefined ? {} : { body: route.body }),
    });
    await response.arrayBuffer();
    if (response.status !== route.expectedStatus) {
      throw new Error(
        `${variant.name} responded to ${routeName} with ${response.status}, expected ${route.expectedStatus}. Check that variant's server setup.`,
      );
    }
  }
}

async function runLoad(
  variant: StartedVariant,
  route: RouteRequest,
  options: HttpBenchmarkOptions,
  seconds: number,
): Promise<HttpRun> {
  const started = await variant.server.request({ type: "start" });
  if (started.type !== "started")
    throw new Error(`${variant.name} sent ${started.type}, expected started.`);
  const result = await autocannon({
    url: variant.url + route.path,
    method: route.method,
    headers: route.headers,
    ...(route.body === undefined ? {} : { body: route.body }),
    connections: options.connections,
    duration: seconds,
  });
  const measured = await variant.server.request({ type: "stop" });
  if (measured.type !== "measured")
    throw new Error(`${variant.name} sent ${measured.type}, expected measured.`);

  const statusCounts = result.statusCodeStats as unknown as Record<
    string,
    { count: number } | undefined
  >;
  const expected = statusCounts[String(route.expectedStatus)]?.count ?? 0;
  return {
    requestsPerSecond: result.requests.average,
    p99Milliseconds: result.latency.p99,
    cpuMicrosecondsPerRequest:
      measured.requests === 0 ? 0 : measured.cpuMicroseconds / measured.requests,
    requests: measured.requests,
    unexpectedStatuses: result.requests.total - expected - result.errors,
    status429: statusCounts["429"]?.count ?? 0,
    errors: result.errors + result.timeouts,
  };
}

/**
 * Runs the HTTP benchmarks: starts every variant in its own process, warms each up on each route,
 * then runs the rounds with the variants interleaved (A, B, C, ..., A, B, C, ...), and returns the
 * median of each variant and route with the ratio to its framework's bare variant.
 */
export async function runHttpBenchmarks(options: HttpBenchmarkOptions): Promise<HttpRow[]> {
  const variants: StartedVariant[] = [];
  try {
    for (const name of VARIANT_NAMES) {
      const { server, port } = await ServerProcess.start(name, options.profileDirectory);
      variants.push({ name, server, url: `http://127.0.0.1:${port}` });
    }
    for (const variant of variants) await checkVariant(variant);

    const runs = new Map<string, HttpRun[]>();
    for (const routeName of ROUTE_NAMES) {
      for (const variant of variants) {
        console.error(`warming up ${variant.name}, ${routeName}`);
        await runLoad(variant, ROUTES[routeName], options, options.warmupSeconds);
      }
    }
    for (let round = 1; round <= options.rounds; round += 1) {
      for (const routeName of ROUTE_NAMES) {
        for (const variant of variants) {
          console.error(`round ${round}/${options.rounds}: ${variant.name}, ${routeName}`);
          const run = await runLoad(variant, ROUTES[routeName], options, options.durationSeconds);
          const key = `${variant.name}|${routeName}`;
          runs.set(key, [...(runs.get(key) ?? []), run]);
        }
      }
    }
    return summarize(runs);
  } finally {
    for (const variant of variants) await variant.server.shutdown();
  }
}

function summarize(runs: ReadonlyMap<string, readonly HttpRun[]>): HttpRow[] {
  const rows: HttpRow[] = [];
  for (const routeName of ROUTE_NAMES) {
    for (const variant of VARIANT_NAMES) {
      const own = runs.get(`${variant}|${routeName}`) ?? [];
      const bareName =
        VARIANT_NAMES.find((name) => name.split(" ")[0] === variant.split(" ")[0]) ?? variant;
      const bare = runs.get(`${bareName}|${routeName}`) ?? [];
      const requestsPerSecond = median(own.map((run) => run.requestsPerSecond));
      const cpu = median(own.map((run) => run.cpuMicrosecondsPerRequest));
      rows.push({
        variant,
        route: routeName,
        requestsPerSecond,
        p99Milliseconds: median(own.map((run) => run.p99Milliseconds)),
        cpuMicrosecondsPerRequest: cpu,
        ratioToBare: requestsPerSecond / median(bare.map((run) => run.requestsPerSecond)),
        cpuAddedMicroseconds: cpu - median(bare.map((run) => run.cpuMicrosecondsPerRequest)),
        status429: sum(own.map((run) => run.status429)),
        unexpectedStatuses: sum(own.map((run) => run.unexpectedStatuses)),
        errors: sum(own.map((run) => run.errors)),
        runs: own,
      });
    }
  }
  return rows;
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}
