import { RateLimiterRes } from "rate-limiter-flexible";
import { afterEach, describe, expect, it, vi } from "vitest";
import { StoreDeadline } from "./store-deadline.js";

interface Deferred<T> {
  readonly promise: Promise<T>;
  resolve(value: T): void;
  reject(error: unknown): void;
}

function deferred<T>(): Deferred<T> {
  let resolve: (value: T) => void = () => {};
  let reject: (error: unknown) => void = () => {};
  const promise = new Promise<T>((onResolve, onReject) => {
    resolve = onResolve;
    reject = onReject;
  });
  return { promise, resolve, reject };
}

const TIMEOUT = { code: "ERR_LIMITER_STORE_TIMEOUT" };

afterEach(() => {
  vi.useRealTimers();
});

describe("StoreDeadline", () => {
  it("resolves with the operation's value", async () => {
    const deadline = new StoreDeadline(1_000);
    await expect(deadline.track(Promise.resolve(7))).resolves.toBe(7);
  });

  it("rejects with the operation's error", async () => {
    const deadline = new StoreDeadline(1_000);
    const failure = new Error("connection lost");
    await expect(deadline.track(Promise.reject(failure))).rejects.toBe(failure);
  });

  it("times out an unanswered call", async () => {
    const deadline = new StoreDeadline(20);
    const tracked = deadline.track(new Promise<never>(() => {}));
    await expect(tracked).rejects.toMatchObject(TIMEOUT);
    expect(deadline.pendingCount).toBe(0);
  });

  it("ignores a reply after timeout", async () => {
    const deadline = new StoreDeadline(20);
    const operation = deferred<number>();
    const tracked = deadline.track(operation.promise);
    await expect(tracked).rejects.toMatchObject(TIMEOUT);

    operation.resolve(1);
    await operation.promise;
    await expect(tracked).rejects.toMatchObject(TIMEOUT);
  });

  it("expires calls in start order", async () => {
    vi.useFakeTimers();
    const deadline = new StoreDeadline(100);
    const order: number[] = [];
    const calls = [0, 1, 2].map((index) => {
      const tracked = deadline.track(new Promise<never>(() => {}));
      const recorded = tracked.catch(() => order.push(index));
      vi.advanceTimersByTime(30);
      return recorded;
    });

    // Deadlines are at 100, 130 and 160 ms, and the clock is at 90 ms.
    await vi.advanceTimersByTimeAsync(20);
    expect(order).toEqual([0]);
    await vi.advanceTimersByTimeAsync(30);
    expect(order).toEqual([0, 1]);
    await vi.advanceTimersByTimeAsync(30);
    await Promise.all(calls);
    expect(order).toEqual([0, 1, 2]);
  });

  it("keeps a later call within its time", async () => {
    vi.useFakeTimers();
    const deadline = new StoreDeadline(100);
    const first = deadline.track(new Promise<never>(() => {}));
    first.catch(() => {});
    await vi.advanceTimersByTimeAsync(60);
    const second = deferred<string>();
    const tracked = deadline.track(second.promise);

    await vi.advanceTimersByTimeAsync(50);
    await expect(first).rejects.toMatchObject(TIMEOUT);
    second.resolve("answered");
    await expect(tracked).resolves.toBe("answered");
  });

  it("does not time out early", async () => {
    vi.useFakeTimers();
    const deadline = new StoreDeadline(100);
    let rejected = false;
    deadline.track(new Promise<never>(() => {})).catch(() => {
      rejected = true;
    });

    await vi.advanceTimersByTimeAsync(99);
    expect(rejected).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(rejected).toBe(true);
  });

  it("settles a timeout as failure", async () => {
    const deadline = new StoreDeadline(20);
    const settled = await deadline.trackSettled(new Promise<never>(() => {}));
    expect(settled).toMatchObject({ ok: false, error: TIMEOUT });
  });

  it("settles a limit hit as rejected", async () => {
    const deadline = new StoreDeadline(1_000);
    const hit = new RateLimiterRes(0, 500, 6, false);
    const settled = await deadline.trackSettled(Promise.reject(hit));
    expect(settled).toEqual({
      ok: true,
      allowed: false,
      state: { consumedPoints: 6, msBeforeNext: 500 },
    });
  });

  it("settles a store error as failure", async () => {
    const deadline = new StoreDeadline(1_000);
    const failure = new Error("connection lost");
    const settled = await deadline.trackSettled(Promise.reject(failure));
    expect(settled).toEqual({ ok: false, error: failure });
  });

  it("drops settled calls from the list", async () => {
    const deadline = new StoreDeadline(1_000);
    await Promise.all(
      Array.from({ length: 100 }, (_, index) => deadline.track(Promise.resolve(index))),
    );
    expect(deadline.pendingCount).toBe(100);

    await deadline.track(Promise.resolve(100));
    expect(deadline.pendingCount).toBe(1);
  });
});
