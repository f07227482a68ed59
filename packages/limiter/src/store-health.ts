import type { Logger } from "@bulwark/core";

/** Behaviour of decisions when the store fails or times out. */
export type StoreErrorMode = "insurance" | "open" | "closed";

/** Allowed values of `onStoreError`. */
export const STORE_ERROR_MODES = ["insurance", "open", "closed"] as const;

/** A change of the store's availability, passed to `onStoreStatus`. */
export interface StoreStatusEvent {
  /** `unavailable` after the first failure, `available` after the first success that follows. */
  readonly status: "unavailable" | "available";
  readonly mode: StoreErrorMode;
  /** Policy whose operation noticed the change. */
  readonly policy: string;
  /** The store's error, for `unavailable`. */
  readonly error?: unknown;
  /** Epoch milliseconds. */
  readonly timestamp: number;
}

/** Minimum milliseconds between two repeated log lines of one kind. */
export const LOG_INTERVAL_MS = 10_000;

/**
 * Tracks whether the shared store responds, reports each change once through the logger and the
 * status callback, and rate-limits the repeated log lines of failures and of requests let through.
 */
export class StoreHealth {
  readonly #logger: Logger;
  readonly #mode: StoreErrorMode;
  readonly #onStatus: ((event: StoreStatusEvent) => void) | undefined;
  #available = true;
  #lastFailureLog = 0;
  #suppressedFailures = 0;
  #lastPassLog = 0;
  #suppressedPasses = 0;
  #passesWhileUnavailable = 0;

  constructor(
    logger: Logger,
    mode: StoreErrorMode,
    onStatus: ((event: StoreStatusEvent) => void) | undefined,
  ) {
    this.#logger = logger;
    this.#mode = mode;
    this.#onStatus = onStatus;
  }

  get available(): boolean {
    return this.#available;
  }

  recordSuccess(policy: string): void {
    if (this.#available) return;
    this.#available = true;
    // The total includes passes that the rate-limited warnings left out.
    this.#logger.info(
      { policy, mode: this.#mode, passedWhileUnavailable: this.#passesWhileUnavailable },
      "Rate-limit store is available again.",
    );
    this.#passesWhileUnavailable = 0;
    this.#notify({ status: "available", mode: this.#mode, policy, timestamp: Date.now() });
  }

  recordFailure(policy: string, error: unknown): void {
    const now = Date.now();
    if (this.#available) {
      this.#available = false;
      this.#lastFailureLog = now;
      this.#suppressedFailures = 0;
      this.#logger.error(
        { err: error, policy, mode: this.#mode },
        `Rate-limit store failed, decisions now follow onStoreError "${this.#mode}".`,
      );
      this.#notify({ status: "unavailable", mode: this.#mode, policy, error, timestamp: now });
      return;
    }

    if (now - this.#lastFailureLog < LOG_INTERVAL_MS) {
      this.#suppressedFailures += 1;
      return;
    }
    this.#logger.error(
      { err: error, policy, mode: this.#mode, suppressed: this.#suppressedFailures },
      "Rate-limit store is still failing.",
    );
    this.#lastFailureLog = now;
    this.#suppressedFailures = 0;
  }

  /** Logs a request that onStoreError "open" let through unchecked, with repeats counted. */
  recordPassThrough(policy: string, key: string): void {
    const now = Date.now();
    this.#passesWhileUnavailable += 1;
    if (now - this.#lastPassLog < LOG_INTERVAL_MS) {
      this.#suppressedPasses += 1;
      return;
    }
    this.#logger.warn(
      { policy, key, passedSinceLastLog: this.#suppressedPasses + 1 },
      'Rate-limit store failed and onStoreError is "open", so a request passed unchecked.',
    );
    this.#lastPassLog = now;
    this.#suppressedPasses = 0;
  }

  #notify(event: StoreStatusEvent): void {
    if (this.#onStatus === undefined) return;
    try {
      this.#onStatus(event);
    } catch (error) {
      this.#logger.error({ err: error }, "onStoreStatus threw, and the limiter ignored it.");
    }
  }
}
