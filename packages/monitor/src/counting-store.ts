/** One event to count, as the monitor passes it to a `CountingStore`. */
export interface CountInput {
  /**
   * Rule name and key, such as `failed-logins-per-ip:203.0.113.9`. The monitor replaces keys
   * longer than 200 characters by their SHA-256 hash, so stores may keep keys as they are.
   */
  readonly key: string;
  /** Time of the event in epoch milliseconds. */
  readonly timestamp: number;
  readonly windowMs: number;
  readonly threshold: number;
  /** Events kept per key; the oldest beyond it are dropped. At least `threshold`. */
  readonly maxEvents: number;
  readonly requestId: string | undefined;
}

/** State of a key's window after an event was counted. */
export interface CountResult {
  /** Events in the window, this one included, up to `maxEvents`. */
  readonly count: number;
  /**
   * True for exactly one event per key and window: the first that brings `count` to `threshold`
   * while no alert for the key was raised within the last `windowMs`.
   */
  readonly alert: boolean;
  /** Epoch milliseconds of the oldest counted event in the window. Set when `alert` is true. */
  readonly firstSeen: number;
  /** Request ids of up to 5 of the newest events in the window. Set when `alert` is true. */
  readonly requestIds: readonly string[];
}

/**
 * Storage of sliding-window event counts. `record` must count the event and decide `alert`
 * atomically, so that monitors sharing one store raise one alert between them.
 */
export interface CountingStore {
  record(input: CountInput): Promise<CountResult>;
  /** Releases what the store owns. A store never closes a client that the caller passed in. */
  close(): Promise<void>;
}

/** Request ids an alert carries at most. */
export const MAX_ALERT_REQUEST_IDS = 5;
