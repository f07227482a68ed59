import { randomUUID } from "node:crypto";
import { type RedisServerHandle, startRedisServer } from "@bulwark-test/support";
import { Redis } from "ioredis";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createRateLimiter, type RateLimiter, type StoreStatusEvent } from "../src/index.js";

let server: RedisServerHandle;
let client: Redis;
let limiter: RateLimiter | undefined;

function recordingLogger() {
  const lines: { level: string; context: Record<string, unknown> }[] = [];
  const method = (level: string) => (context: Record<string, unknown>) => {
    lines.push({ level, context });
  };
  return {
    lines,
    logger: {
      debug: method("debug"),
      info: method("info"),
      warn: method("warn"),
      error: method("error"),
    },
  };
}

async function waitFor(condition: () => boolean | Promise<boolean>, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

beforeAll(async () => {
  server = await startRedisServer();
  // Reconnect quickly after the restart, so the test does not wait on ioredis's back-off.
  client = new Redis(server.url, { lazyConnect: true, retryStrategy: () => 100 });
  client.on("error", () => {});
  await client.connect();
});

afterEach(async () => {
  await limiter?.close();
  limiter = undefined;
  if (client.status !== "ready") {
    await server.start();
    await waitFor(() => client.status === "ready");
  }
});

afterAll(async () => {
  client.disconnect();
  await server.stop();
});

describe("Redis outage", () => {
  it("keeps enforcing with insurance", async () => {
    const { lines, logger } = recordingLogger();
    const statuses: StoreStatusEvent[] = [];
    limiter = createRateLimiter({
      redis: client,
      keyPrefix: `test:${randomUUID()}`,
      policies: { api: { points: 3 } },
      logger,
      onStoreStatus: (event) => statuses.push(event),
    });
    const request = { method: "GET", clientIp: "203.0.113.20" };
    expect(await limiter.check(request, ["api"])).toMatchObject({ allowed: true, source: "redis" });

    await server.stop();
    await waitFor(() => client.status !== "ready");
    const during = [];
    for (let index = 0; index < 5; index += 1) during.push(await limiter.check(request, ["api"]));
    expect(during.map((decision) => decision?.source)).toEqual(Array(5).fill("insurance"));
    expect(during.map((decision) => decision?.allowed)).toEqual([true, true, true, false, false]);
    expect(statuses.map((event) => event.status)).toEqual(["unavailable"]);
    expect(lines.filter((line) => line.level === "error")).toHaveLength(1);

    await server.start();
    await waitFor(() => client.status === "ready");
    const after = await limiter.check(request, ["api"]);
    expect(after).toMatchObject({ allowed: true, source: "redis", remaining: 2 });
    expect(statuses.map((event) => event.status)).toEqual(["unavailable", "available"]);
  });

  it("lets requests through when open", async () => {
    const { lines, logger } = recordingLogger();
    limiter = createRateLimiter({
      redis: client,
      keyPrefix: `test:${randomUUID()}`,
      policies: { api: { points: 1 } },
      onStoreError: "open",
      logger,
    });
    await server.stop();
    await waitFor(() => client.status !== "ready");
    const request = { method: "GET", clientIp: "203.0.113.21" };
    for (let index = 0; index < 5; index += 1) {
      expect(await limiter.check(request, ["api"])).toMatchObject({
        allowed: true,
        source: "open",
      });
    }
    const passes = lines.filter((line) => line.level === "warn");
    expect(passes).toHaveLength(1);
    expect(passes[0]?.context).toMatchObject({ policy: "api", key: "ip:203.0.113.21" });

    await server.start();
    await waitFor(() => client.status === "ready");
    expect(await limiter.check(request, ["api"])).toMatchObject({ allowed: true, source: "redis" });
    const recovery = lines.find((line) => line.level === "info");
    expect(recovery?.context).toMatchObject({ passedWhileUnavailable: 5 });
  });

  it("answers 503 when closed", async () => {
    limiter = createRateLimiter({
      redis: client,
      keyPrefix: `test:${randomUUID()}`,
      onStoreError: "closed",
    });
    await server.stop();
    await waitFor(() => client.status !== "ready");
    const error = await limiter
      .check({ method: "GET", clientIp: "203.0.113.22" }, ["api"])
      .catch((caught) => caught);
    expect(error).toMatchObject({ code: "SERVICE_UNAVAILABLE", status: 503 });
    expect(error.cause).toMatchObject({ code: "ERR_LIMITER_STORE_FAILED" });
  });

  it("falls back when Redis is slow", async () => {
    limiter = createRateLimiter({
      redis: client,
      keyPrefix: `test:${randomUUID()}`,
      storeTimeoutMs: 100,
    });
    const pauser = new Redis(server.url);
    try {
      // CLIENT PAUSE delays every client's commands on the server for 1 s, which is a real slow Redis.
      await pauser.call("CLIENT", "PAUSE", "1000", "ALL");
      const decision = await limiter.check({ method: "GET", clientIp: "203.0.113.23" }, ["api"]);
      expect(decision).toMatchObject({ allowed: true, source: "insurance" });
    } finally {
      await pauser.call("CLIENT", "UNPAUSE").catch(() => {});
      pauser.disconnect();
    }
  });
});
