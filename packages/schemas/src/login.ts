import { checkOptionsObject } from "@bulwark/core";
import { z } from "zod";
import { boundedString, checkLength } from "./bounded-string.js";
import { createSchemasError } from "./errors.js";
import { PASSWORD_LENGTH } from "./password-policy.js";

/** Default username length bounds, in characters (code points). */
export const USERNAME_LENGTH = { min: 3, max: 64 } as const;

/** Options of `createLoginSchema`, in characters (code points). */
export interface LoginSchemaOptions {
  /** Defaults to 3. */
  readonly usernameMinLength?: number;
  /** Defaults to 64. */
  readonly usernameMaxLength?: number;
  /** Defaults to 8. */
  readonly passwordMinLength?: number;
  /** Defaults to 128, which also bounds the cost of hashing an attempt. */
  readonly passwordMaxLength?: number;
}

const OPTION_KEYS = [
  "usernameMinLength",
  "usernameMaxLength",
  "passwordMinLength",
  "passwordMaxLength",
] as const satisfies readonly (keyof LoginSchemaOptions)[];

/**
 * Creates the schema of a login body `{ username, password }` with length bounds only. It does
 * not apply the password policy, so a user whose password predates a stricter policy can still
 * sign in, and the password is never trimmed or changed. Throws `ERR_SCHEMAS_INVALID_LENGTH`
 * for bad bounds and `ERR_SCHEMAS_INVALID_OPTIONS` for an unknown key.
 *
 * @example
 * const loginSchema = createLoginSchema({ passwordMinLength: 12 });
 */
export function createLoginSchema(options: LoginSchemaOptions = {}) {
  const checked = checkOptionsObject(
    options,
    OPTION_KEYS,
    "ERR_SCHEMAS_INVALID_OPTIONS",
    "createLoginSchema",
    createSchemasError,
  );
  const bound = (key: (typeof OPTION_KEYS)[number], fallback: number) =>
    checkLength(key, checked[key] === undefined ? fallback : checked[key]);
  return z.object({
    username: boundedString({
      minLength: bound("usernameMinLength", USERNAME_LENGTH.min),
      maxLength: bound("usernameMaxLength", USERNAME_LENGTH.max),
    }),
    password: boundedString({
      minLength: bound("passwordMinLength", PASSWORD_LENGTH.min),
      maxLength: bound("passwordMaxLength", PASSWORD_LENGTH.max),
    }),
  });
}

/** Login body with the default bounds: username 3 to 64 characters, password 8 to 128. */
export const loginSchema = createLoginSchema();
