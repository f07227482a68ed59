import type { Logger } from "@bulwark/core";

/** Interval between two log lines of one code, in milliseconds. */
export const LOG_INTERVAL_MS = 60_000;

/** Logs a failure code at most once per minute, with the number of repeats it left out. */
export type ThrottledLog = (
  code: string,
  context: Record<string, unknown>,
  message: string,
) => void;

/**
 * Creates an error logger that writes the first failure of each code at once, then at most one line
 * per minute per code carrying `suppressed`, the number of failures since the last line. A store
 * or webhook that is down fails once per event, and one line each would flood the log.
 */
export function createThrottledLog(logger: Logger, now: () => number): ThrottledLog {
  const state = new Map<string, { lastLoggedAt: number; suppressed: number }>();

  return (code, context, message) => {
    const time = now();
    const entry = state.get(code);
    if (entry !== undefined && time - entry.lastLoggedAt < LOG_INTERVAL_MS) {
      entry.suppressed += 1;
      return;
    }
    const suppressed = entry?.suppressed ?? 0;
    state.set(code, { lastLoggedAt: time, suppressed: 0 });
    try {
      logger.error({ ...context, code, suppressed }, message);
    } catch {
      // A failing logger must not turn a logged failure into a thrown one.
    }
  };
}
