import { z } from "zod";
import { boundedString } from "./bounded-string.js";
import { emailSchema, roleSchema } from "./common-schemas.js";
import { USERNAME_LENGTH } from "./login.js";
import { RUN_AFTER_FIELD_ISSUES, rejectEmptyUpdate } from "./object-checks.js";
import {
  createPasswordSchema,
  type PasswordSchemaOptions,
  rejectPasswordEqualToUsername,
} from "./password-policy.js";

/**
 * Characters of a new username. ASCII only, so two accounts cannot differ only by a look-alike
 * letter from another script.
 */
const USERNAME_PATTERN = /^[A-Za-z0-9._-]+$/;

/** Maximum display name length of a user, in characters. */
export const MAX_DISPLAY_NAME_LENGTH = 100;

/** Schema of a new username: 3 to 64 characters of letters, digits, `.`, `_` and `-`. */
export const usernameSchema = boundedString({
  minLength: USERNAME_LENGTH.min,
  maxLength: USERNAME_LENGTH.max,
}).check((context) => {
  if (!USERNAME_PATTERN.test(context.value)) {
    context.issues.push({
      code: "custom",
      params: {
        reason: "invalid_pattern",
        rule: "may contain only letters, digits, dots, underscores and hyphens",
      },
      input: context.value,
    });
  }
});

/** Options of `createUserCreateSchema` and `createUserUpdateSchema`: the password policy. */
export type UserSchemaOptions = PasswordSchemaOptions;

function createUserShape(options: UserSchemaOptions) {
  return {
    username: usernameSchema,
    email: emailSchema,
    displayName: boundedString({ minLength: 1, maxLength: MAX_DISPLAY_NAME_LENGTH }).optional(),
    password: createPasswordSchema(options),
    role: roleSchema,
  };
}

/**
 * Creates the schema of a new user: `username`, `email`, optional `displayName`, `password`
 * under the password policy (which must also differ from the username) and `role`, one of
 * admin, manager, agent or viewer.
 *
 * @example
 * const userCreateSchema = createUserCreateSchema({ minLength: 12 });
 */
export function createUserCreateSchema(options: UserSchemaOptions = {}) {
  return z
    .object(createUserShape(options))
    .superRefine(rejectPasswordEqualToUsername, RUN_AFTER_FIELD_ISSUES);
}

/**
 * Creates the schema of a user update: the fields of a new user, each optional, with at least
 * one given. A new password must differ from a username sent in the same update. The stored
 * username is not known here, so compare against it in the route when only the password changes.
 */
export function createUserUpdateSchema(options: UserSchemaOptions = {}) {
  return z
    .object(createUserShape(options))
    .partial()
    .superRefine((value, context) => {
      rejectEmptyUpdate(value, context);
      rejectPasswordEqualToUsername(value, context);
    }, RUN_AFTER_FIELD_ISSUES);
}

/** New user with the default password policy. */
export const userCreateSchema = createUserCreateSchema();

/** User update with the default password policy. */
export const userUpdateSchema = createUserUpdateSchema();
