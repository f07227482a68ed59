import { describeValue } from "./describe-value.js";

/** Builds the error a package throws for invalid options, from its code and message. */
export type OptionsErrorFactory = (code: string, message: string) => Error;

/** Returns whether a value is a plain object: an object literal or one without a prototype. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null) return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/**
 * Checks that an options value is a plain object (or undefined) whose keys are all known, and
 * returns it as a record. Throws through `createError` with `code`, naming the first unknown key,
 * because a misspelt option that is silently ignored weakens a protection without a trace.
 *
 * @example
 * const options = checkOptionsObject(input, ["trustProxy"], "ERR_IP_INVALID_OPTIONS", "resolveClientIp", createIpError);
 */
export function checkOptionsObject(
  value: unknown,
  knownKeys: readonly string[],
  code: string,
  label: string,
  createError: OptionsErrorFactory,
): Record<string, unknown> {
  if (value === undefined) return {};
  if (!isPlainObject(value)) {
    throw createError(
      code,
      `${label} options must be a plain object, got ${describeValue(value)}.`,
    );
  }

  for (const key of Object.keys(value)) {
    if (!knownKeys.includes(key)) {
      throw createError(
        code,
        `${label} options has an unknown key ${describeValue(key)}. Known keys: ${knownKeys.join(", ")}.`,
      );
    }
  }
  return value;
}
