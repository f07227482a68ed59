// Decisions per second of @bulwark/limiter against raw rate-limiter-flexible in the same run:
// memory with 10,000 rotating keys, Redis sequentially, and Redis with 50 decisions in flight.
// Each Redis group has two baselines: raw RateLimiterRedis first, then RateLimiterRedis behind
// RLWrapperTimeouts with the limiter's default timeout, which is what a user of
// rate-limiter-flexible alone runs to bound a slow Redis the way @bulwark/limiter does.
// Redis comes from BULWARK_BENCH_REDIS_URL, or a private redis-server on 127.0.0.1.
import { ipKey } from "@bulwark/ip";
import { createRateLimiter, DEFAULT_STORE_TIMEOUT_MS } from "@bulwark/limiter";
import { Redis } from "ioredis";
import { RateLimiterMemory, RateLimiterRedis, RLWrapperTimeouts } from "rate-limiter-flexible";
import { startRedisServer } from "../../../test-support/index.js";
import { type CandidateResult, compareThroughput, type RatioRow, toRatioRows } from "../harness.js";

const KEY_COUNT = 10_000;
const IN_FLIGHT = 50;
// Large enough that no candidate is ever rejected, so both sides take the same path.
const POINTS = 1_000_000_000;
const DURATION_SECONDS = 900;
const TIMED_NAME = `rate-limiter-flexible redis consume + RLWrapperTimeouts ${DEFAULT_STORE_TIMEOUT_MS} ms`;

const addresses = Array.from(
  { length: KEY_COUNT },
  (_, index) => `10.${(index >> 16) & 255}.${(index >> 8) & 255}.${index & 255}`,
);
const rawKeys = addresses.map((address) => `ip:${address}`);

function rotate<T>(values: readonly T[]): () => T {
  let index = 0;
  return () => {
    const value = values[index] as T;
    index = (index + 1) % values.length;
    return value;
  };
}

async function benchMemory(): Promise<RatioRow[]> {
  const raw = new RateLimiterMemory({ points: POINTS, duration: DURATION_SECONDS });
  const limiter = createRateLimiter({ policies: { api: { points: POINTS } } });
  const nextRaw = rotate(rawKeys);
  const nextKey = rotate(rawKeys);
  const nextAddress = rotate(addresses);
  const nextRawAddress = rotate(addresses);

  const results = await compareThroughput(
    [
      { name: "rate-limiter-flexible memory consume", run: () => raw.consume(nextRaw()) },
      {
        name: "@bulwark/limiter consume(policy, key)",
        run: () => limiter.consume("api", nextKey()),
      },
      // check() parses and masks the client IP, so its fair baseline does the same.
      {
        name: "rate-limiter-flexible memory consume + ipKey",
        run: () => raw.consume(`ip:${ipKey(nextRawAddress())}`),
      },
      {
        name: "@bulwark/limiter check(request, [api])",
        run: () => limiter.check({ method: "GET", clientIp: nextAddress() }, ["api"]),
      },
    ],
    { operations: 100_000, rounds: 7 },
  );
  return toRatioRows("memory, 10k rotating keys", results);
}

/**
 * Returns the rows of a Redis group against raw RateLimiterRedis, then @bulwark/limiter's row again
 * against the RLWrapperTimeouts baseline, the second candidate.
 */
function withBothBaselines(group: string, results: readonly CandidateResult[]): RatioRow[] {
  const [, timedResult, ...rest] = results;
  const againstTimed = timedResult === undefined ? [] : [timedResult, ...rest];
  return [
    ...toRatioRows(group, results),
    ...toRatioRows(`${group}, vs timeout wrapper`, againstTimed).slice(1),
  ];
}

async function benchRedis(url: string): Promise<RatioRow[]> {
  const client = new Redis(url, { lazyConnect: true });
  await client.connect();
  try {
    const raw = new RateLimiterRedis({
      storeClient: client,
      points: POINTS,
      duration: DURATION_SECONDS,
      keyPrefix: "bench:raw",
    });
    const timed = new RLWrapperTimeouts({
      limiter: new RateLimiterRedis({
        storeClient: client,
        points: POINTS,
        duration: DURATION_SECONDS,
        keyPrefix: "bench:timed",
        rejectIfRedisNotReady: true,
      }),
      timeoutMs: DEFAULT_STORE_TIMEOUT_MS,
    });
    const limiter = createRateLimiter({
      redis: client,
      keyPrefix: "bench:bulwark",
      policies: { api: { points: POINTS } },
    });
    const nextRaw = rotate(rawKeys);
    const nextTimed = rotate(rawKeys);
    const nextKey = rotate(rawKeys);
    const batch = (run: () => Promise<unknown>) => () =>
      Promise.all(Array.from({ length: IN_FLIGHT }, run));

    const sequential = await compareThroughput(
      [
        { name: "rate-limiter-flexible redis consume", run: () => raw.consume(nextRaw()) },
        { name: TIMED_NAME, run: () => timed.consume(nextTimed()) },
        {
          name: "@bulwark/limiter consume(policy, key)",
          run: () => limiter.consume("api", nextKey()),
        },
      ],
      { operations: 5_000, rounds: 5 },
    );
    const parallel = await compareThroughput(
      [
        { name: "rate-limiter-flexible redis consume", run: batch(() => raw.consume(nextRaw())) },
        { name: TIMED_NAME, run: batch(() => timed.consume(nextTimed())) },
        {
          name: "@bulwark/limiter consume(policy, key)",
          run: batch(() => limiter.consume("api", nextKey())),
        },
      ],
      { operations: 500, rounds: 5 },
    );

    // Each parallel operation is a batch of IN_FLIGHT decisions.
    const perDecision = (rows: RatioRow[]) =>
      rows.map((row) => ({ ...row, opsPerSecond: row.opsPerSecond * IN_FLIGHT }));
    return [
      ...withBothBaselines("redis, sequential", sequential),
      ...perDecision(withBothBaselines(`redis, ${IN_FLIGHT} in flight`, parallel)),
    ];
  } finally {
    await client.quit();
  }
}

/** Runs the limiter benchmarks. */
export async function run(): Promise<RatioRow[]> {
  const rows = await benchMemory();
  const fromEnvironment = process.env.BULWARK_BENCH_REDIS_URL;
  if (fromEnvironment !== undefined && fromEnvironment !== "") {
    return [...rows, ...(await benchRedis(fromEnvironment))];
  }

  const server = await startRedisServer();
  try {
    return [...rows, ...(await benchRedis(server.url))];
  } finally {
    await server.stop();
  }
}
