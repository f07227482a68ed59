import { describeValue } from "@bulwark/core";
import { MonitorError } from "./errors.js";

/** Accepted range of an integer option and the value suggested in the error message. */
export interface IntegerRange {
  readonly min: number;
  readonly max: number;
  readonly example: number;
}

/**
 * Returns `value` when it is an integer inside `range`, `fallback` when it is undefined (a
 * required option passes an undefined fallback), and throws `ERR_MONITOR_INVALID_NUMBER` naming the option otherwise. NaN, Infinity, fractions and
 * numeric strings are all rejected, because a misread limit would silently weaken the monitor.
 */
export function checkInteger(
  value: unknown,
  name: string,
  fallback: number | undefined,
  range: IntegerRange,
): number {
  if (value === undefined && fallback !== undefined) return fallback;
  if (
    typeof value === "number" &&
    Number.isInteger(value) &&
    value >= range.min &&
    value <= range.max
  ) {
    return value;
  }
  throw new MonitorError(
    "ERR_MONITOR_INVALID_NUMBER",
    `${name} must be an integer from ${range.min} to ${range.max}, got ${describeValue(value)}. Use ${range.example}, for example.`,
  );
}
