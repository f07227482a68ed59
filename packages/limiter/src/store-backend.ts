import type { RateLimiterRes } from "rate-limiter-flexible";

/** The rate-limiter-flexible operations a policy store calls on its memory or Redis limiter. */
export interface StoreBackend {
  consume(key: string, points: number): Promise<RateLimiterRes>;
  get(key: string): Promise<RateLimiterRes | null>;
  reward(key: string, points: number): Promise<RateLimiterRes>;
  block(key: string, seconds: number): Promise<RateLimiterRes>;
  delete(key: string): Promise<boolean>;
}
