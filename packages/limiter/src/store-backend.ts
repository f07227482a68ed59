import type { RateLimiterRes } from "rate-limiter-flexible";
import type { MemoryCount } from "./bounded-memory-limiter.js";
import type { Settled } from "./settle.js";

/** The rate-limiter-flexible operations a policy store calls on its memory or Redis limiter. */
export interface StoreBackend {
  consume(key: string, points: number): Promise<RateLimiterRes>;
  /** Consumes points and converts the outcome as `settle` does. The promise never rejects. */
  consumeSettled(key: string, points: number): Promise<Settled>;
  /** Consumes points synchronously. Only stores that decide in-process, the memory store, have it. */
  consumeNow?(key: string, points: number): MemoryCount;
  get(key: string): Promise<RateLimiterRes | null>;
  reward(key: string, points: number): Promise<RateLimiterRes>;
  block(key: string, seconds: number): Promise<RateLimiterRes>;
  delete(key: string): Promise<boolean>;
}
