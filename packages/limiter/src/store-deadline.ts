import type { RateLimiterRes } from "rate-limiter-flexible";
import { LimiterError } from "./errors.js";
import { type Settled, settleRejection, settleResult } from "./settle.js";

interface PendingCall {
  /** `performance.now()` value at which the call times out. */
  readonly deadline: number;
  settled: boolean;
  /** Settles the caller's promise with a failure: the store's error or the timeout. */
  fail: (error: unknown) => void;
  next: PendingCall | undefined;
}

/**
 * Bounds how long store operations may take, with one timer for all pending calls of a backend.
 *
 * This replaces rate-limiter-flexible's RLWrapperTimeouts, which starts and clears a `setTimeout`
 * and adds two promise layers for every call. Every call here has the same `timeoutMs`, so calls
 * expire in the order they started: they wait in a FIFO list, and one timer is armed for the oldest
 * call that has not settled. A call that times out rejects with `ERR_LIMITER_STORE_TIMEOUT`, and a
 * reply that arrives later is ignored, because a promise settles only once.
 */
export class StoreDeadline {
  readonly #timeoutMs: number;
  #head: PendingCall | undefined;
  #tail: PendingCall | undefined;
  #timer: NodeJS.Timeout | undefined;

  constructor(timeoutMs: number) {
    this.#timeoutMs = timeoutMs;
  }

  /** Number of calls in the list, settled ones not yet removed included. For tests. */
  get pendingCount(): number {
    let count = 0;
    for (let call = this.#head; call !== undefined; call = call.next) count += 1;
    return count;
  }

  /**
   * Returns a promise that settles as `operation` does, or rejects with `ERR_LIMITER_STORE_TIMEOUT`
   * once `timeoutMs` milliseconds have passed without a reply.
   */
  track<T>(operation: Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const call = this.#enqueue(reject);
      operation.then(
        (value) => {
          call.settled = true;
          resolve(value);
        },
        (error: unknown) => {
          call.settled = true;
          reject(error);
        },
      );
    });
  }

  /**
   * Does what `track` does, and converts the outcome as `settle` does in the same step, so a
   * decision waits for one promise layer instead of two. The returned promise never rejects: a
   * timeout becomes `{ ok: false }` with the `ERR_LIMITER_STORE_TIMEOUT` error.
   */
  trackSettled(operation: Promise<RateLimiterRes | null | boolean>): Promise<Settled> {
    return new Promise<Settled>((resolve) => {
      const fail = (error: unknown) => {
        call.settled = true;
        resolve(settleRejection(error));
      };
      const call = this.#enqueue(fail);
      operation.then((value) => {
        call.settled = true;
        resolve(settleResult(value));
      }, fail);
    });
  }

  #enqueue(fail: (error: unknown) => void): PendingCall {
    this.#dropSettledHead();
    const call: PendingCall = {
      deadline: performance.now() + this.#timeoutMs,
      settled: false,
      fail,
      next: undefined,
    };
    if (this.#tail === undefined) this.#head = call;
    else this.#tail.next = call;
    this.#tail = call;
    if (this.#timer === undefined) this.#arm(this.#timeoutMs);
    return call;
  }

  #dropSettledHead(): void {
    while (this.#head?.settled === true) this.#head = this.#head.next;
    if (this.#head === undefined) this.#tail = undefined;
  }

  #arm(delayMs: number): void {
    // The timer never keeps the process alive: a pending command already keeps the socket open.
    this.#timer = setTimeout(this.#expire, Math.max(1, Math.ceil(delayMs)));
    this.#timer.unref();
  }

  readonly #expire = (): void => {
    this.#timer = undefined;
    const now = performance.now();
    while (this.#head !== undefined && (this.#head.settled || this.#head.deadline <= now)) {
      const call = this.#head;
      this.#head = call.next;
      if (!call.settled) {
        call.settled = true;
        call.fail(
          new LimiterError(
            "ERR_LIMITER_STORE_TIMEOUT",
            `The rate-limit store timed out after storeTimeoutMs (${this.#timeoutMs} ms) without a reply. Check Redis latency, or raise storeTimeoutMs.`,
          ),
        );
      }
    }
    if (this.#head === undefined) {
      this.#tail = undefined;
      return;
    }
    // Node schedules timers from its cached loop time, so a timer can run shortly before
    // performance.now() reaches the deadline. A call not yet due waits for the next timer.
    this.#arm(this.#head.deadline - now);
  };
}
