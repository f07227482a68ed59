import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLoginGuard, createRateLimiter, type RateLimiter } from "../src/index.js";
import { startTestRedis, type TestRedis } from "./test-redis.js";

let redis: TestRedis;
let url: string;
let client: Redis;
const opened: { close(): Promise<void> }[] = [];

async function connect(redisUrl: string): Promise<Redis> {
  const redis = new Redis(redisUrl, { lazyConnect: true });
  await redis.connect();
  return redis;
}

function limiterWith(options: Parameters<typeof createRateLimiter>[0] = {}): RateLimiter {
  const limiter = createRateLimiter({
    redis: client,
    keyPrefix: `test:${randomUUID()}`,
    ...options,
  });
  opened.push(limiter);
  return limiter;
}

beforeAll(async () => {
  redis = await startTestRedis();
  url = redis.url;
  client = await connect(url);
});

afterAll(async () => {
  for (const limiter of opened) await limiter.close();
  await client.quit();
  await redis.stop();
});

describe("Redis store", () => {
  it("rejects the sixth login", async () => {
    const limiter = limiterWith();
    const login = { method: "POST", clientIp: "203.0.113.9" };
    for (let attempt = 1; attempt <= 5; attempt += 1) {
      const decision = await limiter.check(login, ["auth"]);
      expect(decision).toMatchObject({ allowed: true, remaining: 5 - attempt, source: "redis" });
    }
    const sixth = await limiter.check(login, ["auth"]);
    expect(sixth).toMatchObject({ allowed: false, remaining: 0, source: "redis" });
    expect(sixth?.retryAfterSeconds).toBeGreaterThanOrEqual(899);
  });

  it("checkNow returns a promise for Redis", async () => {
    const limiter = limiterWith({ policies: { api: { points: 1 } } });
    const request = { method: "GET", clientIp: "203.0.113.10" };
    const first = limiter.checkNow(request, ["api", "write"]);
    expect(first).toBeInstanceOf(Promise);
    expect(await first).toMatchObject({ allowed: true, remaining: 0, source: "redis" });
    expect(await limiter.checkNow(request, ["api"])).toMatchObject({ allowed: false });
  });

  it("admits exactly points under 1000 concurrent consumes", async () => {
    // A long timeout keeps every decision on Redis on a loaded machine: this test is about
    // atomicity, and a timed-out command would be decided by the per-process insurance limiter.
    const limiter = limiterWith({ policies: { api: { points: 100 } }, storeTimeoutMs: 10_000 });
    const request = { method: "GET", clientIp: "198.51.100.1" };
    const decisions = await Promise.all(
      Array.from({ length: 1000 }, () => limiter.check(request, ["api"])),
    );
    expect(decisions.filter((decision) => decision?.allowed)).toHaveLength(100);
    expect(decisions.every((decision) => decision?.source === "redis")).toBe(true);
    expect(decisions.every((decision) => (decision?.remaining ?? -1) >= 0)).toBe(true);
  });

  it("shares counters between instances", async () => {
    const keyPrefix = `test:${randomUUID()}`;
    const first = limiterWith({ keyPrefix, policies: { api: { points: 3 } } });
    const second = limiterWith({ keyPrefix, policies: { api: { points: 3 } } });
    const request = { method: "GET", clientIp: "198.51.100.2" };
    await first.check(request, ["api"]);
    await second.check(request, ["api"]);
    await first.check(request, ["api"]);
    expect(await second.check(request, ["api"])).toMatchObject({ allowed: false });
  });

  it("prefixes keys per policy", async () => {
    const keyPrefix = `test:${randomUUID()}`;
    const limiter = limiterWith({ keyPrefix });
    await limiter.check({ method: "POST", clientIp: "198.51.100.3" }, ["api", "write"]);
    const keys = (await client.keys(`${keyPrefix}:*`)).sort();
    expect(keys).toEqual([
      `${keyPrefix}:api:ip:198.51.100.3`,
      `${keyPrefix}:write:ip:198.51.100.3`,
    ]);
    expect(await client.pttl(`${keyPrefix}:write:ip:198.51.100.3`)).toBeGreaterThan(590_000);
  });

  it("resets the window after expiry", async () => {
    const limiter = limiterWith({ policies: { quick: { points: 1, durationSeconds: 1 } } });
    const request = { method: "GET", clientIp: "198.51.100.4" };
    await limiter.check(request, ["quick"]);
    expect((await limiter.check(request, ["quick"]))?.allowed).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect((await limiter.check(request, ["quick"]))?.allowed).toBe(true);
  });

  it("rewards and resets keys", async () => {
    const limiter = limiterWith({ policies: { auth: { points: 2 } } });
    const key = limiter.resolveKey("auth", { method: "POST", clientIp: "198.51.100.5" });
    await limiter.consume("auth", key);
    await limiter.consume("auth", key);
    await limiter.reward("auth", key);
    expect(await limiter.consume("auth", key)).toMatchObject({ allowed: true, remaining: 0 });
    await limiter.reset("auth", key);
    expect(await limiter.consume("auth", key)).toMatchObject({ allowed: true, remaining: 1 });
  });

  it("shares a budget within one /64", async () => {
    const limiter = limiterWith({ policies: { api: { points: 1 } } });
    await limiter.check({ method: "GET", clientIp: "2001:db8:5:6::1" }, ["api"]);
    const same = await limiter.check({ method: "GET", clientIp: "2001:db8:5:6:abcd::1" }, ["api"]);
    const other = await limiter.check({ method: "GET", clientIp: "2001:db8:5:7::1" }, ["api"]);
    expect(same?.allowed).toBe(false);
    expect(other?.allowed).toBe(true);
  });

  it("connects from a URL", async () => {
    const limiter = createRateLimiter({ redis: url, keyPrefix: `test:${randomUUID()}` });
    opened.push(limiter);
    const request = { method: "GET", clientIp: "198.51.100.6" };
    let decision = await limiter.check(request, ["api"]);
    // The first decisions may come from insurance while the new connection is not ready yet.
    for (let attempt = 0; attempt < 50 && decision?.source !== "redis"; attempt += 1) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      decision = await limiter.check(request, ["api"]);
    }
    expect(decision?.source).toBe("redis");
  });

  it("locks a login pair across guards", async () => {
    const keyPrefix = `test:${randomUUID()}`;
    const first = createLoginGuard({ redis: client, keyPrefix });
    const second = createLoginGuard({ redis: client, keyPrefix });
    const attempt = { username: "carol", clientIp: "198.51.100.7" };
    for (let index = 0; index < 5; index += 1) {
      await (index % 2 === 0 ? first : second).recordFailure(attempt);
    }
    const decision = await second.check(attempt);
    expect(decision).toMatchObject({
      allowed: false,
      policy: "login-username-ip",
      source: "redis",
    });
    expect(decision.retryAfterSeconds).toBeGreaterThan(890);
    await first.recordSuccess(attempt);
    expect((await second.check(attempt)).allowed).toBe(true);
  });
});
