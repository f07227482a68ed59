import { randomUUID } from "node:crypto";
import { type RedisServerHandle, startRedisServer } from "@bulwark-test/support";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRateLimiter } from "../src/index.js";
import { createRedisBackend } from "../src/redis-store.js";

// CLIENT PAUSE stops every client of the server, so these tests use a private redis-server rather
// than BULWARK_TEST_REDIS_URL.
let server: RedisServerHandle;
let client: Redis;
let pauser: Redis;

const TIMEOUT = { code: "ERR_LIMITER_STORE_TIMEOUT" };
// Each pause is many times the 50 ms timeout, so a call sent during it times out on a loaded machine.
const PAUSE_MS = 1_000;

function backendWith(timeoutMs: number) {
  return createRedisBackend(client, {
    points: 10,
    durationSeconds: 60,
    blockDurationSeconds: 0,
    keyPrefix: `test:${randomUUID()}`,
    timeoutMs,
  });
}

/** Delays every client's commands on the server, which makes a real slow Redis. */
async function pauseRedis(ms: number): Promise<void> {
  await pauser.call("CLIENT", "PAUSE", String(ms), "ALL");
}

/**
 * Waits until the pause ends. The pausing client is paused too, so CLIENT UNPAUSE would wait as
 * well. Redis replies to one connection's commands in order, so once PING gets its reply, every earlier
 * command has had its reply.
 */
async function waitForPauseEnd(): Promise<void> {
  await client.ping();
}

beforeAll(async () => {
  server = await startRedisServer();
  client = new Redis(server.url, { lazyConnect: true });
  await client.connect();
  pauser = new Redis(server.url);
});

afterAll(async () => {
  pauser.disconnect();
  client.disconnect();
  await server.stop();
});

describe("Redis backend deadline", () => {
  it("resolves before the deadline", async () => {
    const backend = backendWith(10_000);
    const result = await backend.consume("ip:203.0.113.30", 1);
    expect(result.consumedPoints).toBe(1);
  });

  it("times out while Redis pauses", async () => {
    const backend = backendWith(50);
    await pauseRedis(PAUSE_MS);
    try {
      await expect(backend.consume("ip:203.0.113.31", 1)).rejects.toMatchObject(TIMEOUT);
    } finally {
      await waitForPauseEnd();
    }
  });

  it("times out every pending call", async () => {
    const backend = backendWith(50);
    await pauseRedis(PAUSE_MS);
    try {
      const calls = ["a", "b", "c"].map((suffix) => backend.consume(`ip:${suffix}`, 1));
      const results = await Promise.allSettled(calls);
      expect(results.map((result) => result.status)).toEqual(["rejected", "rejected", "rejected"]);
      for (const result of results) {
        if (result.status === "rejected") expect(result.reason).toMatchObject(TIMEOUT);
      }
    } finally {
      await waitForPauseEnd();
    }
  });

  it("ignores the late reply", async () => {
    const backend = backendWith(50);
    const key = "ip:203.0.113.32";
    await pauseRedis(PAUSE_MS);
    const late = backend.consume(key, 1);
    try {
      await expect(late).rejects.toMatchObject(TIMEOUT);
    } finally {
      await waitForPauseEnd();
    }

    // The command still ran on Redis once the pause ended, but the caller saw only the timeout.
    await expect(late).rejects.toMatchObject(TIMEOUT);
    const counter = await backend.get(key);
    expect(counter?.consumedPoints).toBe(1);
  });

  it("logs the timeout and uses insurance", async () => {
    const errors: Record<string, unknown>[] = [];
    const logger = {
      debug: () => {},
      info: () => {},
      warn: () => {},
      error: (context: Record<string, unknown>) => errors.push(context),
    };
    const limiter = createRateLimiter({
      redis: client,
      keyPrefix: `test:${randomUUID()}`,
      storeTimeoutMs: 50,
      logger,
    });
    await pauseRedis(PAUSE_MS);
    try {
      const decision = await limiter.check({ method: "GET", clientIp: "203.0.113.33" }, ["api"]);
      expect(decision).toMatchObject({ allowed: true, source: "insurance" });
      expect(errors).toHaveLength(1);
      expect(errors[0]?.err).toMatchObject(TIMEOUT);
    } finally {
      await waitForPauseEnd();
      await limiter.close();
    }
  });
});
