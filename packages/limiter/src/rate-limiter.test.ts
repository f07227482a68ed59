import type { SecurityEvent } from "@bulwark/core";
import { afterEach, describe, expect, it, vi } from "vitest";
import { AUTH_LIMIT_MESSAGE } from "./policy.js";
import { createRateLimiter } from "./rate-limiter.js";

const client = { method: "GET", clientIp: "203.0.113.9" };

function collectEvents() {
  const events: SecurityEvent[] = [];
  return { events, publisher: { publish: (event: SecurityEvent) => events.push(event) } };
}

function recordWarnings() {
  const warnings: unknown[] = [];
  const logger = {
    debug() {},
    info() {},
    error() {},
    warn: (context: unknown) => warnings.push(context),
  };
  return { warnings, logger };
}

afterEach(() => {
  vi.useRealTimers();
});

describe("createRateLimiter built-in policies", () => {
  it.each([
    ["auth", "POST", 5, AUTH_LIMIT_MESSAGE],
    ["api", "GET", 100, "Too many requests, please try again later."],
    ["write", "PUT", 30, "Too many requests, please try again later."],
    ["expensive", "GET", 5, "Too many requests, please try again later."],
  ])("%s admits exactly its points", async (policy, method, points, message) => {
    const limiter = createRateLimiter();
    const request = { method, clientIp: "203.0.113.9" };
    for (let count = 1; count <= points; count += 1) {
      const decision = await limiter.check(request, [policy]);
      expect(decision?.allowed).toBe(true);
      expect(decision?.remaining).toBe(points - count);
    }
    const rejected = await limiter.check(request, [policy]);
    expect(rejected).toMatchObject({ allowed: false, remaining: 0, limit: points, message });
    expect(rejected?.retryAfterSeconds).toBeGreaterThanOrEqual(1);
  });

  it("rejects the sixth login with the message", async () => {
    const limiter = createRateLimiter();
    const login = { method: "POST", clientIp: "198.51.100.7" };
    for (let attempt = 1; attempt <= 5; attempt += 1) {
      expect((await limiter.check(login, ["auth"]))?.allowed).toBe(true);
    }
    const sixth = await limiter.check(login, ["auth"]);
    expect(sixth?.allowed).toBe(false);
    expect(sixth?.retryAfterSeconds).toBeLessThanOrEqual(900);

    const error = limiter.createError(sixth as NonNullable<typeof sixth>);
    expect(error).toMatchObject({ code: "RATE_LIMITED", status: 429, message: AUTH_LIMIT_MESSAGE });
    expect(error.headers).toContainEqual(["Retry-After", String(sixth?.retryAfterSeconds)]);
  });

  it("resets after the window", async () => {
    vi.useFakeTimers({ toFake: ["Date", "setTimeout", "clearTimeout"] });
    const limiter = createRateLimiter();
    for (let attempt = 1; attempt <= 5; attempt += 1) await limiter.check(client, ["auth"]);
    expect((await limiter.check(client, ["auth"]))?.allowed).toBe(false);

    vi.advanceTimersByTime(899_000);
    expect((await limiter.check(client, ["auth"]))?.allowed).toBe(false);
    vi.advanceTimersByTime(1_001);
    const fresh = await limiter.check(client, ["auth"]);
    expect(fresh).toMatchObject({ allowed: true, remaining: 4 });
  });

  it("honours overridden numbers", async () => {
    const limiter = createRateLimiter({ policies: { auth: { points: 2, durationSeconds: 60 } } });
    expect((await limiter.check(client, ["auth"]))?.remaining).toBe(1);
    expect((await limiter.check(client, ["auth"]))?.remaining).toBe(0);
    expect(await limiter.check(client, ["auth"])).toMatchObject({ allowed: false, limit: 2 });
  });

  it("blocks for blockDurationSeconds", async () => {
    vi.useFakeTimers({ toFake: ["Date", "setTimeout", "clearTimeout"] });
    const limiter = createRateLimiter({
      policies: { strict: { points: 1, durationSeconds: 10, blockDurationSeconds: 300 } },
    });
    await limiter.check(client, ["strict"]);
    const rejected = await limiter.check(client, ["strict"]);
    expect(rejected?.retryAfterSeconds).toBe(300);
    vi.advanceTimersByTime(11_000);
    expect((await limiter.check(client, ["strict"]))?.allowed).toBe(false);
  });
});

describe("createRateLimiter stacking", () => {
  it("returns the first rejection", async () => {
    const limiter = createRateLimiter({
      policies: {
        first: { points: 1, durationSeconds: 60 },
        second: { points: 10, durationSeconds: 60 },
      },
    });
    await limiter.check(client, ["first", "second"]);
    const rejected = await limiter.check(client, ["first", "second"]);
    expect(rejected).toMatchObject({ allowed: false, policy: "first" });

    // The rejected request consumed nothing of the later policy.
    const second = await limiter.consume("second", limiter.resolveKey("second", client));
    expect(second.remaining).toBe(8);
  });

  it("reports the policy closest to rejection", async () => {
    const limiter = createRateLimiter();
    const post = { method: "POST", clientIp: "192.0.2.1" };
    const decision = await limiter.check(post, ["api", "write", "expensive"]);
    expect(decision).toMatchObject({ allowed: true, policy: "expensive", remaining: 4 });
  });

  it("skips policies for other methods", async () => {
    const limiter = createRateLimiter();
    const decision = await limiter.check({ method: "GET", clientIp: "192.0.2.2" }, ["write"]);
    expect(decision).toBeUndefined();
  });

  it("consumes nothing for OPTIONS", async () => {
    const limiter = createRateLimiter({ policies: { api: { points: 1 } } });
    const preflight = { method: "OPTIONS", clientIp: "192.0.2.3" };
    for (let count = 0; count < 5; count += 1) {
      expect(await limiter.check(preflight, ["api", "write", "auth"])).toBeUndefined();
    }
    expect((await limiter.check({ ...preflight, method: "GET" }, ["api"]))?.allowed).toBe(true);
  });

  it("throws for an unknown policy name", async () => {
    const limiter = createRateLimiter();
    await expect(limiter.check(client, ["missing"])).rejects.toMatchObject({
      code: "ERR_LIMITER_UNKNOWN_POLICY",
    });
  });
});

describe("createRateLimiter keys", () => {
  it("shares a budget within one /64", async () => {
    const limiter = createRateLimiter({ policies: { api: { points: 2 } } });
    await limiter.check({ method: "GET", clientIp: "2001:db8:aa:1::1" }, ["api"]);
    await limiter.check({ method: "GET", clientIp: "2001:db8:aa:1:8000::2" }, ["api"]);
    const third = await limiter.check(
      { method: "GET", clientIp: "2001:db8:aa:1:ffff:ffff:ffff:ffff" },
      ["api"],
    );
    expect(third).toMatchObject({ allowed: false, key: "ip:2001:db8:aa:1::/64" });
  });

  it("separates different /64s", async () => {
    const limiter = createRateLimiter({ policies: { api: { points: 1 } } });
    const first = await limiter.check({ method: "GET", clientIp: "2001:db8:aa:1::1" }, ["api"]);
    const second = await limiter.check({ method: "GET", clientIp: "2001:db8:aa:2::1" }, ["api"]);
    expect(first?.allowed).toBe(true);
    expect(second?.allowed).toBe(true);
  });

  it("honours a custom ipv6Subnet", async () => {
    const limiter = createRateLimiter({ ipv6Subnet: 48 });
    expect(limiter.resolveKey("api", { method: "GET", clientIp: "2001:db8:aa:1::1" })).toBe(
      "ip:2001:db8:aa::/48",
    );
  });

  it("counts unknown clients under one key", async () => {
    const { warnings, logger } = recordWarnings();
    const limiter = createRateLimiter({ policies: { api: { points: 2 } }, logger });
    await limiter.check({ method: "GET", clientIp: undefined }, ["api"]);
    await limiter.check({ method: "GET", clientIp: "garbage" }, ["api"]);
    const third = await limiter.check({ method: "GET", clientIp: "" }, ["api"]);
    expect(third).toMatchObject({ allowed: false, key: "ip:unknown" });
    expect(warnings).toEqual([{ code: "WARN_LIMITER_UNKNOWN_CLIENT_IP" }]);
  });

  it("keys user policies by user id", async () => {
    const limiter = createRateLimiter({
      policies: { perUser: { points: 1, durationSeconds: 60, key: "user" } },
    });
    expect((await limiter.check({ ...client, userId: "u1" }, ["perUser"]))?.key).toBe("user:u1");
    expect((await limiter.check({ ...client, userId: "u2" }, ["perUser"]))?.allowed).toBe(true);
    expect((await limiter.check({ ...client, userId: "u1" }, ["perUser"]))?.allowed).toBe(false);
  });
});

describe("createRateLimiter refunds and resets", () => {
  it("refunds points with reward", async () => {
    const limiter = createRateLimiter({ policies: { auth: { points: 2 } } });
    const key = limiter.resolveKey("auth", client);
    await limiter.consume("auth", key);
    await limiter.consume("auth", key);
    await limiter.reward("auth", key);
    expect(await limiter.consume("auth", key)).toMatchObject({ allowed: true, remaining: 0 });
  });

  it("starts over after reset", async () => {
    const limiter = createRateLimiter({ policies: { auth: { points: 1 } } });
    const key = limiter.resolveKey("auth", client);
    await limiter.consume("auth", key);
    expect((await limiter.consume("auth", key)).allowed).toBe(false);
    await limiter.reset("auth", key);
    expect(await limiter.consume("auth", key)).toMatchObject({ allowed: true, remaining: 0 });
  });

  it.each([[""], [5], [null]])("rejects key %s", async (key) => {
    const limiter = createRateLimiter();
    await expect(limiter.consume("api", key as string)).rejects.toMatchObject({
      code: "ERR_LIMITER_INVALID_KEY",
    });
  });

  it.each([[0], [-1], [1.5], [Number.NaN], ["1"]])("rejects points %s", async (points) => {
    const limiter = createRateLimiter();
    await expect(limiter.consume("api", "ip:192.0.2.1", points as number)).rejects.toMatchObject({
      code: "ERR_LIMITER_INVALID_POINTS",
    });
  });
});

describe("createRateLimiter events", () => {
  it("publishes rate_limit.exceeded on rejection", async () => {
    const { events, publisher } = collectEvents();
    const limiter = createRateLimiter({ policies: { api: { points: 1 } }, events: publisher });
    const request = { ...client, route: "/api/contacts", requestId: "req-1" };
    await limiter.check(request, ["api"]);
    expect(events).toHaveLength(0);
    const rejected = await limiter.check(request, ["api"]);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      type: "rate_limit.exceeded",
      clientIp: "203.0.113.9",
      method: "GET",
      route: "/api/contacts",
      requestId: "req-1",
      details: {
        policy: "api",
        key: "ip:203.0.113.9",
        limit: 1,
        retryAfterSeconds: rejected?.retryAfterSeconds,
      },
    });
  });
});

describe("createRateLimiter memory store", () => {
  it("admits exactly points under 1000 concurrent consumes", async () => {
    const limiter = createRateLimiter({ policies: { api: { points: 100 } } });
    const decisions = await Promise.all(
      Array.from({ length: 1000 }, () => limiter.check(client, ["api"])),
    );
    expect(decisions.filter((decision) => decision?.allowed)).toHaveLength(100);
    expect(decisions.every((decision) => (decision?.remaining ?? -1) >= 0)).toBe(true);
  });

  it("bounds keys under a flood", async () => {
    const { warnings, logger } = recordWarnings();
    const limiter = createRateLimiter({ maxKeys: 50, policies: { api: { points: 3 } }, logger });
    const victim = { method: "GET", clientIp: "192.0.2.200" };
    await limiter.check(victim, ["api"]);

    const flood = [];
    for (let index = 0; index < 500; index += 1) {
      flood.push(
        await limiter.check({ method: "GET", clientIp: `10.0.${index >> 8}.${index & 255}` }, [
          "api",
        ]),
      );
    }
    // The flood beyond maxKeys shares one overflow budget of 3.
    expect(flood.filter((decision) => decision?.allowed).length).toBe(49 + 3);
    expect(warnings).toEqual([{ code: "WARN_LIMITER_MEMORY_FULL" }]);
    // A key counted before the flood keeps its own budget.
    expect(await limiter.check(victim, ["api"])).toMatchObject({ allowed: true, remaining: 1 });
  });
});

describe("createRateLimiter options", () => {
  it.each([
    ["unknown key", { windowMs: 1000 }, "ERR_LIMITER_INVALID_OPTIONS"],
    ["options not an object", "fast", "ERR_LIMITER_INVALID_OPTIONS"],
    ["onStoreError unknown", { onStoreError: "retry" }, "ERR_LIMITER_INVALID_STORE_ERROR_MODE"],
    ["onStoreError null", { onStoreError: null }, "ERR_LIMITER_INVALID_STORE_ERROR_MODE"],
    ["storeTimeoutMs zero", { storeTimeoutMs: 0 }, "ERR_LIMITER_INVALID_TIMEOUT"],
    ["storeTimeoutMs NaN", { storeTimeoutMs: Number.NaN }, "ERR_LIMITER_INVALID_TIMEOUT"],
    [
      "storeTimeoutMs Infinity",
      { storeTimeoutMs: Number.POSITIVE_INFINITY },
      "ERR_LIMITER_INVALID_TIMEOUT",
    ],
    ["storeTimeoutMs string", { storeTimeoutMs: "100" }, "ERR_LIMITER_INVALID_TIMEOUT"],
    ["maxKeys negative", { maxKeys: -1 }, "ERR_LIMITER_INVALID_MAX_KEYS"],
    ["maxKeys null", { maxKeys: null }, "ERR_LIMITER_INVALID_MAX_KEYS"],
    ["headers unknown", { headers: "draft-7" }, "ERR_LIMITER_INVALID_HEADER_FORMAT"],
    ["ipv6Subnet 0", { ipv6Subnet: 0 }, "ERR_LIMITER_INVALID_SUBNET"],
    ["ipv6Subnet 129", { ipv6Subnet: 129 }, "ERR_LIMITER_INVALID_SUBNET"],
    ["ipv6Subnet string", { ipv6Subnet: "64" }, "ERR_LIMITER_INVALID_SUBNET"],
    ["keyPrefix empty", { keyPrefix: "" }, "ERR_LIMITER_INVALID_KEY_PREFIX"],
    ["keyPrefix with space", { keyPrefix: "my app" }, "ERR_LIMITER_INVALID_KEY_PREFIX"],
    ["redis number", { redis: 6379 }, "ERR_LIMITER_INVALID_STORE"],
    ["redis null", { redis: null }, "ERR_LIMITER_INVALID_STORE"],
    ["redis bad scheme", { redis: "http://127.0.0.1:6379" }, "ERR_LIMITER_INVALID_STORE"],
    ["redis not a URL", { redis: "127.0.0.1:6379" }, "ERR_LIMITER_INVALID_STORE"],
    ["redis plain object", { redis: {} }, "ERR_LIMITER_INVALID_STORE"],
    ["events without publish", { events: {} }, "ERR_LIMITER_INVALID_PUBLISHER"],
    ["logger missing methods", { logger: { warn() {} } }, "ERR_LIMITER_INVALID_OPTIONS"],
    ["onStoreStatus string", { onStoreStatus: "log" }, "ERR_LIMITER_INVALID_CALLBACK"],
    ["disabledWarnings string", { disabledWarnings: "WARN_X" }, "ERR_LIMITER_INVALID_OPTIONS"],
    [
      "policy points NaN",
      { policies: { api: { points: Number.NaN } } },
      "ERR_LIMITER_INVALID_POINTS",
    ],
  ])("rejects %s", (_label, options, code) => {
    expect(() => createRateLimiter(options as never)).toThrow(expect.objectContaining({ code }));
  });

  it("hides a password in an invalid URL", () => {
    try {
      createRateLimiter({ redis: "redis//:s3cret@127.0.0.1" });
      expect.unreachable("createRateLimiter accepted an invalid URL");
    } catch (error) {
      expect(String((error as Error).message)).not.toContain("s3cret");
    }
  });

  it("renders option messages", () => {
    const messages = [
      { policies: { api: { points: -5 } } },
      { storeTimeoutMs: "100" },
      { onStoreError: "retry" },
      { windowMs: 1 },
    ].map((options) => {
      try {
        createRateLimiter(options as never);
        return "no error";
      } catch (error) {
        return `${(error as { code: string }).code}: ${(error as Error).message}`;
      }
    });
    expect(messages).toMatchSnapshot();
  });
});

describe("RateLimiter.checkNow", () => {
  it("decides memory stores synchronously", () => {
    const limiter = createRateLimiter({ policies: { api: { points: 2 } } });
    const first = limiter.checkNow(client, ["api", "write"]);
    expect(first).not.toBeInstanceOf(Promise);
    expect(first).toMatchObject({ allowed: true, policy: "api", remaining: 1 });
    expect(limiter.checkNow(client, ["api"])).toMatchObject({ allowed: true, remaining: 0 });
    expect(limiter.checkNow(client, ["api"])).toMatchObject({ allowed: false, remaining: 0 });
  });

  it("shares counters with check", async () => {
    const limiter = createRateLimiter({ policies: { api: { points: 2 } } });
    await limiter.check(client, ["api"]);
    expect(limiter.checkNow(client, ["api"])).toMatchObject({ allowed: true, remaining: 0 });
    expect(await limiter.check(client, ["api"])).toMatchObject({ allowed: false });
  });

  it("publishes exceeded events synchronously", () => {
    const { events, publisher } = collectEvents();
    const limiter = createRateLimiter({ policies: { api: { points: 1 } }, events: publisher });
    limiter.checkNow(client, ["api"]);
    limiter.checkNow(client, ["api"]);
    expect(events.map((event) => event.type)).toEqual(["rate_limit.exceeded"]);
  });

  it("throws unknown policy synchronously", () => {
    const limiter = createRateLimiter();
    expect(() => limiter.checkNow(client, ["missing"])).toThrow(
      expect.objectContaining({ code: "ERR_LIMITER_UNKNOWN_POLICY" }),
    );
  });

  it("returns undefined when no policy applies", () => {
    const limiter = createRateLimiter();
    expect(limiter.checkNow({ method: "OPTIONS", clientIp: "203.0.113.9" }, ["api"])).toBe(
      undefined,
    );
  });
});
