import { RateLimiterMemory, type RateLimiterRes } from "rate-limiter-flexible";
import { LimiterError } from "./errors.js";

/** Key that new keys share while a memory store is full. */
export const OVERFLOW_KEY = "overflow";

interface MemoryStorageView {
  readonly _storage: Map<string, unknown>;
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
  readonly #storage: Map<string, unknown>;
  readonly #maxKeys: number;
  readonly #onOverflow: () => void;

  constructor(options: BoundedMemoryOptions) {
    this.#limiter = new RateLimiterMemory({
      points: options.points,
      duration: options.durationSeconds,
      blockDuration: options.blockDurationSeconds,
      keyPrefix: "",
    });
    this.#storage = readStorage(this.#limiter);
    this.#maxKeys = options.maxKeys;
    this.#onOverflow = options.onOverflow;
  }

  /** Number of keys stored, expired ones included until their timers fire. */
  get size(): number {
    return this.#storage.size;
  }

  consume(key: string, points: number): Promise<RateLimiterRes> {
    return this.#limiter.consume(this.#admit(key), points);
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

// NOTE: rate-limiter-flexible 11 has no public count of stored keys, so the cap reads its
// private `_memoryStorage._storage` map. The check below fails at creation if a release changes it.
function readStorage(limiter: RateLimiterMemory): Map<string, unknown> {
  const view = (limiter as unknown as { _memoryStorage?: MemoryStorageView })._memoryStorage;
  if (view === undefined || !(view._storage instanceof Map)) {
    throw new LimiterError(
      "ERR_LIMITER_UNSUPPORTED_LIBRARY",
      "The installed rate-limiter-flexible has no memory storage map to bound. Install rate-limiter-flexible ^11.",
    );
  }
  return view._storage;
}
