import { checkOptionsObject, describeValue } from "@bulwark/core";
import { dictionary } from "@zxcvbn-ts/language-common";
import type { z } from "zod";
import { boundedString, checkLength } from "./bounded-string.js";
import { createSchemasError, SchemasError } from "./errors.js";

/** Default password length bounds, in characters (code points). */
export const PASSWORD_LENGTH = { min: 8, max: 128 } as const;

let commonPasswords: ReadonlySet<string> | undefined;

function getCommonPasswords(): ReadonlySet<string> {
  // Built on first use, not at import, so apps that never check a password pay nothing.
  commonPasswords ??= new Set(dictionary["passwords-common"].map((entry) => entry.toLowerCase()));
  return commonPasswords;
}

/**
 * Returns whether a password is on the common-password list of `@zxcvbn-ts/language-common`
 * (about 49,000 leaked passwords ranked by frequency), compared without regard to case, so
 * `Password1` matches `password1`.
 */
export function isCommonPassword(password: string): boolean {
  return getCommonPasswords().has(password.toLowerCase());
}

/** Options of `createPasswordSchema`. */
export interface PasswordSchemaOptions {
  /** Minimum length in characters. Defaults to 8. */
  readonly minLength?: number;
  /** Maximum length in characters. Defaults to 128, which also bounds the cost of hashing. */
  readonly maxLength?: number;
  /** Rejects passwords on the common-password list. Defaults to true. */
  readonly rejectCommon?: boolean;
}

const OPTION_KEYS = [
  "minLength",
  "maxLength",
  "rejectCommon",
] as const satisfies readonly (keyof PasswordSchemaOptions)[];

/**
 * Creates the schema of a new password: 8 to 128 characters counted as code points, and not a
 * common password. The value is never trimmed, normalised or sanitized, because any change
 * would make the stored hash differ from what the user types. Throws `ERR_SCHEMAS_INVALID_LENGTH`
 * for bad bounds and `ERR_SCHEMAS_INVALID_OPTIONS` for another bad option or an unknown key.
 *
 * @example
 * const passwordSchema = createPasswordSchema({ minLength: 12 });
 */
export function createPasswordSchema(options: PasswordSchemaOptions = {}): z.ZodString {
  const checked = checkOptionsObject(
    options,
    OPTION_KEYS,
    "ERR_SCHEMAS_INVALID_OPTIONS",
    "createPasswordSchema",
    createSchemasError,
  );
  const rejectCommon = checked.rejectCommon === undefined ? true : checked.rejectCommon;
  if (typeof rejectCommon !== "boolean") {
    throw new SchemasError(
      "ERR_SCHEMAS_INVALID_OPTIONS",
      `rejectCommon must be a boolean, got ${describeValue(rejectCommon)}. Leave it out to reject common passwords.`,
    );
  }
  const schema = boundedString({
    minLength: checkLength(
      "minLength",
      checked.minLength === undefined ? PASSWORD_LENGTH.min : checked.minLength,
    ),
    maxLength: checkLength(
      "maxLength",
      checked.maxLength === undefined ? PASSWORD_LENGTH.max : checked.maxLength,
    ),
  });
  if (!rejectCommon) return schema;
  return schema.check((context) => {
    if (isCommonPassword(context.value)) {
      context.issues.push({
        code: "custom",
        params: { reason: "common_password" },
        input: context.value,
      });
    }
  });
}

/** The password policy with its defaults. */
export const passwordSchema = createPasswordSchema();

/**
 * Adds the check that a password differs from the username, without regard to case, to an
 * object schema with `username` and `password`. The issue is reported on `password`.
 * When either field is absent, as in a partial update, nothing is compared.
 */
export function rejectPasswordEqualToUsername(
  value: { readonly username?: unknown; readonly password?: unknown },
  context: z.core.$RefinementCtx,
): void {
  const { username, password } = value;
  // Also called after other fields failed, so either value may be of any type.
  if (typeof username !== "string" || typeof password !== "string") return;
  if (username.toLowerCase() === password.toLowerCase()) {
    context.addIssue({
      code: "custom",
      path: ["password"],
      params: { reason: "same_as_username" },
      input: password,
    });
  }
}
