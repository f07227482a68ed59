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
