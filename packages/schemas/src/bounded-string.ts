import { checkOptionsObject, describeValue } from "@bulwark/core";
import { z } from "zod";
import { createSchemasError, SchemasError } from "./errors.js";

/** Matches a UTF-16 surrogate that is not half of a pair, which no encoder can write as UTF-8. */
const LONE_SURROGATE = /\p{Cs}/u;

/**
 * Counts the Unicode code points of a string, stopping once `limit` is passed. Each code point
 * counts as one character, as NIST SP 800-63B requires for password lengths and as PostgreSQL's
 * `varchar(n)` counts. An emoji is therefore one character, not the two UTF-16 units of `length`.
 */
export function countCodePoints(value: string, limit = Number.POSITIVE_INFINITY): number {
  let count = 0;
  for (let index = 0; index < value.length && count <= limit; index += 1) {
    const unit = value.charCodeAt(index);
    // A high surrogate followed by a low one is one code point: skip the low half.
    if (unit >= 0xd800 && unit <= 0xdbff) {
      const next = value.charCodeAt(index + 1);
      if (next >= 0xdc00 && next <= 0xdfff) index += 1;
    }
    count += 1;
  }
  return count;
}

/** Checks one length option, naming it in the error. Throws `ERR_SCHEMAS_INVALID_LENGTH`. */
export function checkLength(name: string, value: unknown): number {
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 0) {
    throw new SchemasError(
      "ERR_SCHEMAS_INVALID_LENGTH",
      `${name} must be an integer from 0 up, got ${describeValue(value)}. Use a character count such as 64.`,
    );
  }
  return value;
}

/** Options of `boundedString`. */
export interface BoundedStringOptions {
  /** Minimum length in code points. Defaults to 0. */
  readonly minLength?: number;
  /** Maximum length in code points. Required, so no string field is unbounded. */
  readonly maxLength: number;
}

const OPTION_KEYS = [
  "minLength",
  "maxLength",
] as const satisfies readonly (keyof BoundedStringOptions)[];

/**
 * Creates a string schema bounded in characters, counted as Unicode code points. It also rejects
 * a null character, which PostgreSQL cannot store in text and some C libraries read as the end
 * of the string, and lone UTF-16 surrogates, which no encoder can write as UTF-8. It never trims
 * or changes the value.
 *
 * Throws `ERR_SCHEMAS_INVALID_LENGTH` for a bound that is not an integer from 0 up, or a
 * minimum above the maximum, and `ERR_SCHEMAS_INVALID_OPTIONS` for an unknown option key.
 *
 * @example
 * const companyName = boundedString({ minLength: 1, maxLength: 200 });
 */
export function boundedString(options: BoundedStringOptions): z.ZodString {
  const checked = checkOptionsObject(
    options,
    OPTION_KEYS,
    "ERR_SCHEMAS_INVALID_OPTIONS",
    "boundedString",
    createSchemasError,
  );
  const minLength = checkLength(
    "minLength",
    checked.minLength === undefined ? 0 : checked.minLength,
  );
  const maxLength = checkLength("maxLength", checked.maxLength);
  if (minLength > maxLength) {
    throw new SchemasError(
      "ERR_SCHEMAS_INVALID_LENGTH",
      `minLength (${minLength}) must not be greater than maxLength (${maxLength}). Swap the bounds or widen maxLength.`,
    );
  }

  return z.string().check((context) => {
    const value = context.value;
    const units = value.length;
    // UTF-16 units are between one and two per code point, so most values need no count.
    const measured =
      units <= maxLength && units >= minLength * 2 ? units : countCodePoints(value, maxLength);
    if (measured < minLength) {
      context.issues.push({
        code: "too_small",
        origin: "string",
        minimum: minLength,
        inclusive: true,
        input: value,
      });
    } else if (measured > maxLength) {
      context.issues.push({
        code: "too_big",
        origin: "string",
        maximum: maxLength,
        inclusive: true,
        input: value,
      });
      return;
    }
    if (value.includes("\u0000")) {
      context.issues.push({ code: "custom", params: { reason: "null_character" }, input: value });
    } else if (LONE_SURROGATE.test(value)) {
      context.issues.push({
        code: "custom",
        params: { reason: "malformed_unicode" },
        input: value,
      });
    }
  });
}
