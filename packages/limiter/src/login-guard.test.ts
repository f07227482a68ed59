import type { SecurityEvent } from "@bulwark/core";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createLoginGuard, LOGIN_GUARD_DEFAULTS } from "./login-guard.js";

const alice = { username: "alice", clientIp: "203.0.113.9" };

afterEach(() => {
  vi.useRealTimers();
});

function collectEvents() {
  const events: SecurityEvent[] = [];
  return { events, publisher: { publish: (event: SecurityEvent) => events.push(event) } };
}

describe("createLoginGuard", () => {
  it("documents its defaults", () => {
    expect(LOGIN_GUARD_DEFAULTS).toMatchObject({
      maxConsecutiveFailures: 5,
      lockSeconds: 900,
      maxFailuresPerIp: 100,
      maxFailuresPerUsername: 100,
      failureWindowSeconds: 86_400,
    });
  });

  it("locks after five consecutive failures", async () => {
    const { events, publisher } = collectEvents();
    const guard = createLoginGuard({ events: publisher });
    for (let attempt = 1; attempt <= 4; attempt += 1) {
      expect((await guard.check(alice)).allowed).toBe(true);
      expect((await guard.recordFailure(alice)).allowed).toBe(true);
    }
    expect((await guard.check(alice)).allowed).toBe(true);
    const fifth = await guard.recordFailure(alice);
    expect(fifth).toMatchObject({ allowed: false, policy: "login-username-ip" });
    expect(fifth.retryAfterSeconds).toBe(900);

    const sixth = await guard.check(alice);
    expect(sixth).toMatchObject({ allowed: false, key: "alice@203.0.113.9" });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      type: "account.locked",
      clientIp: "203.0.113.9",
      details: { username: "alice", key: "alice@203.0.113.9", lockedForSeconds: 900 },
    });
  });

  it("unlocks after the lock time", async () => {
    vi.useFakeTimers({ toFake: ["Date", "setTimeout", "clearTimeout"] });
    const guard = createLoginGuard({ maxConsecutiveFailures: 2, lockSeconds: 60 });
    await guard.recordFailure(alice);
    await guard.recordFailure(alice);
    expect((await guard.check(alice)).allowed).toBe(false);
    vi.advanceTimersByTime(61_000);
    expect((await guard.check(alice)).allowed).toBe(true);
  });

  it("resets consecutive failures on success", async () => {
    const guard = createLoginGuard();
    for (let attempt = 1; attempt <= 4; attempt += 1) await guard.recordFailure(alice);
    await guard.recordSuccess(alice);
    for (let attempt = 1; attempt <= 4; attempt += 1) {
      expect((await guard.recordFailure(alice)).allowed).toBe(true);
    }
  });

  it("keeps the user unlocked elsewhere", async () => {
    const guard = createLoginGuard();
    const attacker = { username: "alice", clientIp: "198.51.100.66" };
    for (let attempt = 1; attempt <= 5; attempt += 1) await guard.recordFailure(attacker);
    expect((await guard.check(attacker)).allowed).toBe(false);
    expect((await guard.check(alice)).allowed).toBe(true);
  });

  it("normalises the username", async () => {
    const guard = createLoginGuard({ maxConsecutiveFailures: 2 });
    await guard.recordFailure({ username: " Alice ", clientIp: alice.clientIp });
    await guard.recordFailure({ username: "ALICE", clientIp: alice.clientIp });
    expect((await guard.check(alice)).allowed).toBe(false);
  });

  it("limits failures per IP", async () => {
    const guard = createLoginGuard({ maxFailuresPerIp: 3 });
    for (const username of ["a", "b", "c"]) {
      await guard.recordFailure({ username, clientIp: "192.0.2.5" });
    }
    const next = await guard.check({ username: "d", clientIp: "192.0.2.5" });
    expect(next).toMatchObject({ allowed: false, policy: "login-ip" });
  });

  it("limits failures per username", async () => {
    const guard = createLoginGuard({ maxFailuresPerUsername: 3 });
    for (const clientIp of ["192.0.2.1", "192.0.2.2", "192.0.2.3"]) {
      await guard.recordFailure({ username: "bob", clientIp });
    }
    const next = await guard.check({ username: "bob", clientIp: "192.0.2.4" });
    expect(next).toMatchObject({ allowed: false, policy: "login-username" });
  });

  it("creates a 429 error", async () => {
    const guard = createLoginGuard({ maxConsecutiveFailures: 1, headers: "legacy" });
    const decision = await guard.recordFailure(alice);
    const error = guard.createError(decision);
    expect(error).toMatchObject({ code: "RATE_LIMITED", status: 429 });
    expect(error.headers?.map(([name]) => name)).toEqual([
      "X-RateLimit-Limit",
      "X-RateLimit-Remaining",
      "X-RateLimit-Reset",
      "Retry-After",
    ]);
  });

  it.each([[""], ["   "], [undefined], [42]])("rejects username %s", async (username) => {
    const guard = createLoginGuard();
    await expect(
      guard.check({ username: username as string, clientIp: alice.clientIp }),
    ).rejects.toMatchObject({
      code: "ERR_LIMITER_INVALID_USERNAME",
    });
  });

  it.each([
    ["unknown key", { attempts: 5 }, "ERR_LIMITER_INVALID_OPTIONS"],
    ["failures zero", { maxConsecutiveFailures: 0 }, "ERR_LIMITER_INVALID_POINTS"],
    ["failures NaN", { maxConsecutiveFailures: Number.NaN }, "ERR_LIMITER_INVALID_POINTS"],
    ["per-IP string", { maxFailuresPerIp: "100" }, "ERR_LIMITER_INVALID_POINTS"],
    ["per-username null", { maxFailuresPerUsername: null }, "ERR_LIMITER_INVALID_POINTS"],
    ["lock negative", { lockSeconds: -1 }, "ERR_LIMITER_INVALID_DURATION"],
    [
      "window Infinity",
      { failureWindowSeconds: Number.POSITIVE_INFINITY },
      "ERR_LIMITER_INVALID_DURATION",
    ],
    ["message empty", { message: "" }, "ERR_LIMITER_INVALID_MESSAGE"],
    ["headers unknown", { headers: "x" }, "ERR_LIMITER_INVALID_HEADER_FORMAT"],
    ["onStoreError unknown", { onStoreError: "skip" }, "ERR_LIMITER_INVALID_STORE_ERROR_MODE"],
  ])("rejects %s", (_label, options, code) => {
    expect(() => createLoginGuard(options as never)).toThrow(expect.objectContaining({ code }));
  });
});
