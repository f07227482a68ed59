import { RateLimiterMemory, type RateLimiterRes } from "rate-limiter-flexible";
import { LimiterError } from "./errors.js";
import { type Settled, settle } from "./settle.js";

/** Key that new keys share while a memory store is full. */
export const OVERFLOW_KEY = "overflow";

/** The parts of rate-limiter-flexible's `MemoryStorage` that the bounded limiter uses. */
interface MemoryStorageView {
  readonly _storage: Map<string, unknown>;
  incrby(key: string, value: number, durationSeconds: number): RateLimiterRes;
  set(key: string, value: number, durationSeconds: number): RateLimiterRes;
}

/** Result of counting points in memory: whether they fit the limit, and the counter afterwards. */
export interface MemoryCount {
  readonly allowed: boolean;
  /** The counter's `consumedPoints` and `msBeforeNext`. Its `remainingPoints` is not set. */
  readonly result: RateLimiterRes;
}

/** Settings of one bounded memory limiter. */
export interface BoundedMemoryOptions {
  readonly points: number;
  readonly durationSeconds: number;
  readonly blockDurationSeconds: number;
  readonly maxKeys: number;
  /** Called each time a new key is counted under the overflow key. */
  readonly onOverflow: () => void;
}

/**
 * Rate-limiter-flexible's memory limiter with a cap on stored keys. Expired keys leave on their
 * own timers, but a flood of distinct keys inside one window would otherwise grow the map without
 * bound. Once `maxKeys` keys are stored, each new key is counted under one shared overflow key.
 * Keys already counted keep their budgets, and the flood shares a single budget that it exhausts
 * quickly. Evicting old counters instead would hand the flood's victims and the flood fresh budgets.
 */
export class BoundedMemoryLimiter {
  readonly #limiter: RateLimiterMemory;
  readonly #memory: MemoryStorageView;
  readonly #storage: Map<string, unknown>;
  readonly #points: number;
  readonly #durationSeconds: number;
  readonly #blockDurationSeconds: number;
  readonly #maxKeys: number;
  readonly #onOverflow: () => void;

  constructor(options: BoundedMemoryOptions) {
    this.#limiter = new RateLimiterMemory({
      points: options.points,
      duration: options.durationSeconds,
      blockDuration: options.blockDurationSeconds,
      keyPrefix: "",
    });
    this.#memory = readMemoryStorage(this.#limiter);
    this.#storage = this.#memory._storage;
    this.#points = options.points;
    this.#durationSeconds = options.durationSeconds;
    this.#blockDurationSeconds = options.blockDurationSeconds;
    this.#maxKeys = options.maxKeys;
    this.#onOverflow = options.onOverflow;
  }

  /** Number of keys stored, expired ones included until their timers fire. */
  get size(): number {
    return this.#storage.size;
  }

  /**
   * Consumes points and resolves with the counter, or rejects with it when the limit is hit, as
   * rate-limiter-flexible's `consume` does.
   */
  consume(key: string, points: number): Promise<RateLimiterRes> {
    try {
      const { allowed, result } = this.consumeNow(key, points);
      return allowed ? Promise.resolve(result) : Promise.reject(result);
    } catch (error) {
      return Promise.reject(error);
    }
  }

  /** Consumes points and converts the outcome as `settle` does. The promise never rejects. */
  consumeSettled(key: string, points: number): Promise<Settled> {
    return settle(this.consume(key, points));
  }

  /**
   * Consumes points and returns the outcome at once. The count is one synchronous read-modify-write
   * of the in-process map, so it is atomic per key without a promise. It follows
   * rate-limiter-flexible 11's `RateLimiterMemory.consume` without `execEvenly`: the window starts
   * on the first point, and the request that first passes the limit blocks the key for
   * `blockDurationSeconds` when that is above 0.
   */
  consumeNow(key: string, points: number): MemoryCount {
    const admitted = this.#admit(key);
    let result = this.#memory.incrby(admitted, points, this.#durationSeconds);
    if (result.consumedPoints <= this.#points) return { allowed: true, result };

    // Blocks only once, on the request that crosses the limit, so later requests do not extend it.
    if (this.#blockDurationSeconds > 0 && result.consumedPoints <= this.#points + points) {
      result = this.#memory.set(admitted, result.consumedPoints, this.#blockDurationSeconds);
    }
    return { allowed: false, result };
  }

  /** Reads the counter that a consume of this key would use, without counting an overflow. */
  get(key: string): Promise<RateLimiterRes | null> {
    return this.#limiter.get(this.#hasRoomFor(key) ? key : OVERFLOW_KEY);
  }

  reward(key: string, points: number): Promise<RateLimiterRes> {
    return this.#limiter.reward(this.#admit(key), points);
  }

  block(key: string, seconds: number): Promise<RateLimiterRes> {
    return this.#limiter.block(this.#admit(key), seconds);
  }

  delete(key: string): Promise<boolean> {
    return this.#limiter.delete(key);
  }

  #admit(key: string): string {
    if (this.#hasRoomFor(key)) return key;
    this.#onOverflow();
    return OVERFLOW_KEY;
  }

  #hasRoomFor(key: string): boolean {
    return this.#storage.size < this.#maxKeys || this.#storage.has(key);
  }
}

// NOTE: rate-limiter-flexible 11 has no public count of stored keys and no synchronous consume, so
// the cap reads its private `_memoryStorage._storage` map and `consumeNow` calls the storage's
// `incrby` and `set`. The check below fails at creation if a release changes them.
function readMemoryStorage(limiter: RateLimiterMemory): MemoryStorageView {
  const view = (limiter as unknown as { _memoryStorage?: Partial<MemoryStorageView> })
    ._memoryStorage;
  if (
    view === undefined ||
    !(view._storage instanceof Map) ||
    typeof view.incrby !== "function" ||
    typeof view.set !== "function"
  ) {
    throw new LimiterError(
      "ERR_LIMITER_UNSUPPORTED_LIBRARY",
      "The installed rate-limiter-flexible has no memory storage that the bounded limiter can use. Install rate-limiter-flexible ^11.",
    );
  }
  return view as MemoryStorageView;
}
