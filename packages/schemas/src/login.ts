import { z } from "zod";
import { boundedString } from "./bounded-string.js";
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

/**
 * Creates the schema of a login body `{ username, password }` with length bounds only. It does
 * not apply the password policy, so a user whose password predates a stricter policy can still
 * sign in, and the password is never trimmed or changed. Throws `ERR_SCHEMAS_INVALID_LENGTH`
 * for bad bounds.
 *
 * @example
 * const loginSchema = createLoginSchema({ passwordMinLength: 12 });
 */
export function createLoginSchema(options: LoginSchemaOptions = {}) {
  return z.object({
    username: boundedString({
      minLength: options.usernameMinLength ?? USERNAME_LENGTH.min,
      maxLength: options.usernameMaxLength ?? USERNAME_LENGTH.max,
    }),
    password: boundedString({
      minLength: options.passwordMinLength ?? PASSWORD_LENGTH.min,
      maxLength: options.passwordMaxLength ?? PASSWORD_LENGTH.max,
    }),
  });
}

/** Login body with the default bounds: username 3 to 64 characters, password 8 to 128. */
export const loginSchema = createLoginSchema();
