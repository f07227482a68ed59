import { describeValue, type FieldError } from "@bulwark/core";
import { z } from "zod";
import { SchemasError } from "./errors.js";
import { formatFieldPath } from "./field-path.js";
import { buildIssueMessage } from "./issue-message.js";
import { isZodSchema } from "./schema-shape.js";

/** Environment variables by name, in the shape of `process.env`. */
export type Environment = Readonly<Record<string, string | undefined>>;

/** Names each issue by its variable: "JWT_SECRET must be at least 32 characters". */
const envErrorMap: z.core.$ZodErrorMap = (issue) =>
  buildIssueMessage(issue, formatFieldPath(issue.path ?? [], "", "The environment"));

/**
 * Validates environment variables against a zod schema at start-up and returns the parsed
 * config. On failure it throws one `ERR_SCHEMAS_INVALID_CONFIG` error whose message lists every
 * missing or invalid variable, one per line, and whose `errors` hold the same list with the
 * variable as `field`. Messages of this package never contain a value, so a secret is never
 * printed. A message set on a schema of your own is used as written, so keep values out of it.
 *
 * @example
 * const config = loadConfig(envSchema, process.env);
 */
export function loadConfig<T extends z.core.$ZodType>(
  schema: T,
  env: Environment = process.env,
): z.output<T> {
  if (!isZodSchema(schema)) {
    throw new SchemasError(
      "ERR_SCHEMAS_INVALID_SCHEMA",
      `loadConfig schema must be a zod 4 schema, got ${describeValue(schema)}. Pass envSchema or your own z.object({ ... }).`,
    );
  }

  const result = z.safeParse(schema, env, { error: envErrorMap });
  if (result.success) return result.data;

  const errors: FieldError[] = result.error.issues.map((issue) => ({
    field: formatFieldPath(issue.path, "", "environment"),
    message: issue.message,
  }));
  const lines = errors.map((entry) => `- ${entry.message}`).join("\n");
  const count = errors.length === 1 ? "1 problem" : `${errors.length} problems`;
  throw new SchemasError(
    "ERR_SCHEMAS_INVALID_CONFIG",
    `Invalid environment configuration (${count}). Fix these variables and restart:\n${lines}`,
    { errors },
  );
}
