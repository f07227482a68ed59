import { createHttpError } from "@bulwark/core";
import type { MemoryCount } from "./bounded-memory-limiter.js";
import { LimiterError } from "./errors.js";
import { type CounterState, type Settled, settle } from "./settle.js";
import type { StoreBackend } from "./store-backend.js";
import type { StoreErrorMode, StoreHealth } from "./store-health.js";

/** Limiter that produced a decision: the configured store, the insurance limiter, or none. */
export type DecisionSource = "memory" | "redis" | "insurance" | "open";

/** A policy store's result for one key. */
export interface StoreOutcome {
  readonly allowed: boolean;
  readonly consumedPoints: number;
  /** Milliseconds until the window or block ends; -1 when the key never expires. */
  readonly msBeforeNext: number;
  readonly source: DecisionSource;
}

/** Parts of a policy store. */
export interface PolicyStoreParts {
  /** Policy name, for logs, and window length, for decisions under onStoreError "open". */
  readonly policy: { readonly name: string; readonly durationSeconds: number };
  readonly primary: StoreBackend;
  readonly primarySource: "memory" | "redis";
  /** Per-process memory limiter that decides while the primary store fails, for mode insurance. */
  readonly insurance: StoreBackend | undefined;
  readonly mode: StoreErrorMode;
  readonly health: StoreHealth;
}

/**
 * One policy's counters: its primary limiter and, when the primary store fails or times out,
 * the behaviour `onStoreError` chose. Each operation tries the primary store first, so decisions
 * return to Redis as soon as it responds again.
 */
export class PolicyStore {
  readonly policy: PolicyStoreParts["policy"];
  readonly #parts: PolicyStoreParts;

  constructor(parts: PolicyStoreParts) {
    this.policy = parts.policy;
    this.#parts = parts;
  }

  consume(key: string, points: number): Promise<StoreOutcome> {
    // A plain `then` rather than an async method, since this runs once per Redis decision.
    return this.#parts.primary
      .consumeSettled(key, points)
      .then((settled) =>
        settled.ok
          ? this.#fromPrimary(settled, this.#parts.primarySource)
          : this.#consumeAfterFailure(key, points, settled.error),
      );
  }

  async #consumeAfterFailure(key: string, points: number, error: unknown): Promise<StoreOutcome> {
    const { primarySource, insurance, mode } = this.#parts;
    this.#parts.health.recordFailure(this.policy.name, error);
    if (insurance !== undefined && mode === "insurance") {
      return this.#fromInsurance(await insurance.consumeSettled(key, points));
    }
    if (mode === "open" && primarySource === "redis") {
      this.#parts.health.recordPassThrough(this.policy.name, key);
      return {
        allowed: true,
        consumedPoints: 0,
        msBeforeNext: this.policy.durationSeconds * 1000,
        source: "open",
      };
    }
    throw storeFailure(this.policy.name, error, mode);
  }

  /**
   * Consumes points and returns the outcome at once when the primary store decides in-process, the
   * memory store. Returns undefined for a Redis store, whose callers use `consume`.
   */
  consumeNow(key: string, points: number): StoreOutcome | undefined {
    const { primary, mode } = this.#parts;
    if (primary.consumeNow === undefined) return undefined;
    let count: MemoryCount;
    try {
      count = primary.consumeNow(key, points);
    } catch (error) {
      // A memory store has no insurance limiter and no "open" mode, so a fault fails as in consume.
      this.#parts.health.recordFailure(this.policy.name, error);
      throw storeFailure(this.policy.name, error, mode);
    }
    return toOutcome(count.allowed, count.result, "memory");
  }

  /** Reads a key's counter without consuming. An unknown key reads as zero points consumed. */
  async get(key: string): Promise<StoreOutcome> {
    const { primary, primarySource, insurance, mode } = this.#parts;
    const settled = await settle(primary.get(key));
    if (settled.ok) return this.#fromPrimary(settled, primarySource);

    this.#parts.health.recordFailure(this.policy.name, settled.error);
    if (insurance !== undefined && mode === "insurance") {
      return this.#fromInsurance(await settle(insurance.get(key)));
    }
    if (mode === "open" && primarySource === "redis") {
      this.#parts.health.recordPassThrough(this.policy.name, key);
      return { allowed: true, consumedPoints: 0, msBeforeNext: 0, source: "open" };
    }
    throw storeFailure(this.policy.name, settled.error, mode);
  }

  /**
   * Gives points back to a key. Best effort: a store failure is logged, never thrown, because a
   * refund that fails only leaves the counter stricter.
   */
  async reward(key: string, points: number): Promise<void> {
    await this.#mutate((backend) => backend.reward(key, points));
  }

  /** Rejects a key for `seconds`, in the primary store or, when it fails, in the insurance limiter. */
  async block(key: string, seconds: number): Promise<void> {
    const settled = await settle(this.#parts.primary.block(key, seconds));
    if (settled.ok) {
      this.#parts.health.recordSuccess(this.policy.name);
      return;
    }
    this.#parts.health.recordFailure(this.policy.name, settled.error);
    if (this.#parts.insurance !== undefined)
      await settle(this.#parts.insurance.block(key, seconds));
  }

  /** Deletes a key's counter. Best effort, like `reward`. */
  async delete(key: string): Promise<void> {
    await this.#mutate((backend) => backend.delete(key));
  }

  async #mutate(operation: (backend: StoreBackend) => Promise<unknown>): Promise<void> {
    const { primary, insurance } = this.#parts;
    const settled = await settle(operation(primary) as Promise<null>);
    if (settled.ok) this.#parts.health.recordSuccess(this.policy.name);
    else this.#parts.health.recordFailure(this.policy.name, settled.error);
    // The insurance limiter is updated too, since it may hold counts from an outage.
    if (insurance !== undefined) await settle(operation(insurance) as Promise<null>);
  }

  #fromPrimary(settled: Settled & { ok: true }, source: "memory" | "redis"): StoreOutcome {
    if (source === "redis") this.#parts.health.recordSuccess(this.policy.name);
    return toOutcome(settled.allowed, settled.state, source);
  }

  #fromInsurance(settled: Settled): StoreOutcome {
    if (!settled.ok) throw storeFailure(this.policy.name, settled.error, "insurance");
    return toOutcome(settled.allowed, settled.state, "insurance");
  }
}

function toOutcome(
  allowed: boolean,
  state: CounterState | null,
  source: DecisionSource,
): StoreOutcome {
  return {
    allowed,
    consumedPoints: state?.consumedPoints ?? 0,
    msBeforeNext: state?.msBeforeNext ?? 0,
    source,
  };
}

/**
 * Wraps a store failure. With onStoreError "closed" the request gets a 503, because the limit
 * cannot be checked. Otherwise this is an unexpected fault of the memory limiter itself.
 */
function storeFailure(policy: string, error: unknown, mode: StoreErrorMode): Error {
  const failure = new LimiterError(
    "ERR_LIMITER_STORE_FAILED",
    `The rate-limit store failed for policy ${JSON.stringify(policy)} with onStoreError "${mode}". Check the Redis connection, or use onStoreError "insurance" to keep enforcing from memory.`,
    { cause: error },
  );
  if (mode !== "closed") return failure;
  return createHttpError("SERVICE_UNAVAILABLE", { cause: failure });
}
