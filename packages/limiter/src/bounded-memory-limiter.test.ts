import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";
import { describe, expect, it } from "vitest";
import { BoundedMemoryLimiter, OVERFLOW_KEY } from "./bounded-memory-limiter.js";

function createLimiter(maxKeys: number) {
  let overflows = 0;
  const limiter = new BoundedMemoryLimiter({
    points: 2,
    durationSeconds: 60,
    blockDurationSeconds: 0,
    maxKeys,
    onOverflow: () => {
      overflows += 1;
    },
  });
  return { limiter, overflowCount: () => overflows };
}

describe("BoundedMemoryLimiter", () => {
  it("stores at most maxKeys plus overflow", async () => {
    const { limiter, overflowCount } = createLimiter(3);
    for (let index = 0; index < 100; index += 1) {
      await limiter.consume(`key-${index}`, 1).catch(() => {});
    }
    expect(limiter.size).toBe(4);
    expect(overflowCount()).toBe(97);
  });

  it("reads a new key as empty below the cap", async () => {
    const { limiter } = createLimiter(3);
    await limiter.consume(OVERFLOW_KEY, 1);
    expect(await limiter.get("fresh")).toBeNull();
  });

  it("reads a new key as overflow when full", async () => {
    const { limiter } = createLimiter(1);
    await limiter.consume("first", 1);
    await limiter.consume("second", 1);
    const state = await limiter.get("third");
    expect(state?.consumedPoints).toBe(1);
  });

  it("frees room when a key is deleted", async () => {
    const { limiter, overflowCount } = createLimiter(1);
    await limiter.consume("first", 1);
    await limiter.delete("first");
    await limiter.consume("second", 1);
    expect(overflowCount()).toBe(0);
  });
});

describe("BoundedMemoryLimiter.consumeNow", () => {
  // rate-limiter-flexible's own memory limiter is the reference for every counter value.
  it.each([
    ["without block", 0],
    ["with block", 30],
  ])("matches rate-limiter-flexible %s", async (_label, blockDurationSeconds) => {
    const options = { points: 3, durationSeconds: 60, blockDurationSeconds };
    const bounded = new BoundedMemoryLimiter({ ...options, maxKeys: 10, onOverflow: () => {} });
    const reference = new RateLimiterMemory({
      points: options.points,
      duration: options.durationSeconds,
      blockDuration: blockDurationSeconds,
    });
    for (let count = 1; count <= 6; count += 1) {
      const own = bounded.consumeNow("key", 1);
      const expected = await reference.consume("key", 1).then(
        (result) => ({ allowed: true, result }),
        (result: RateLimiterRes) => ({ allowed: false, result }),
      );
      expect(own.allowed).toBe(expected.allowed);
      expect(own.result.consumedPoints).toBe(expected.result.consumedPoints);
      expect(Math.abs(own.result.msBeforeNext - expected.result.msBeforeNext)).toBeLessThan(1000);
    }
  });

  it("rejects consume with the counter", async () => {
    const { limiter } = createLimiter(3);
    await limiter.consume("key", 2);
    await expect(limiter.consume("key", 1)).rejects.toBeInstanceOf(RateLimiterRes);
  });
});
