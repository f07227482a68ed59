import { z } from "zod";
import { boundedString, countCodePoints } from "./bounded-string.js";
import { RUN_AFTER_FIELD_ISSUES } from "./object-checks.js";

/** Minimum length of a JWT secret: 32 random characters carry well over 128 bits. */
export const JWT_SECRET_MIN_LENGTH = 32;

/** Minimum count of distinct characters in a JWT secret. Random text of 32 characters has far more. */
const JWT_SECRET_MIN_DISTINCT = 8;

/**
 * Words that mark a secret copied from an example file, looked for in the lower-cased secret
 * with everything but letters and digits removed. All have five letters or more, so a random
 * secret contains one by chance far less than once in a million.
 */
const PLACEHOLDER_WORDS = [
  "changeme",
  "changethis",
  "replaceme",
  "placeholder",
  "secret",
  "password",
  "example",
  "default",
  "insecure",
] as const;

/** Names of the key ring after `JWT_SECRET`: `JWT_SECRET_V2` to `JWT_SECRET_V999`. */
const ROTATION_NAME = /^JWT_SECRET_V(?:[2-9]|[1-9]\d{1,2})$/;
const ROTATION_LIKE_NAME = /^JWT_SECRET_V/;

/** Returns the key ring version of a variable name: 1 for `JWT_SECRET`, n for `JWT_SECRET_Vn`. */
export function getJwtSecretVersion(name: string): number | undefined {
  if (name === "JWT_SECRET") return 1;
  if (!ROTATION_NAME.test(name)) return undefined;
  return Number(name.slice("JWT_SECRET_V".length));
}

/**
 * Schema of one JWT signing secret: at least 32 characters, no placeholder word such as
 * `changeme` or `secret`, and at least 8 distinct characters, which rejects one repeated
 * character or a short repeated pattern. Issues never include the secret.
 */
export const jwtSecretSchema = z.string().check((context) => {
  const value = context.value;
  if (countCodePoints(value, JWT_SECRET_MIN_LENGTH) < JWT_SECRET_MIN_LENGTH) {
    context.issues.push({
      code: "too_small",
      origin: "string",
      minimum: JWT_SECRET_MIN_LENGTH,
      inclusive: true,
      input: "",
    });
    return;
  }
  const letters = value.toLowerCase().replace(/[^a-z0-9]/g, "");
  if (PLACEHOLDER_WORDS.some((word) => letters.includes(word))) {
    context.issues.push({ code: "custom", params: { reason: "secret_placeholder" }, input: "" });
  } else if (new Set(value).size < JWT_SECRET_MIN_DISTINCT) {
    context.issues.push({ code: "custom", params: { reason: "secret_low_variety" }, input: "" });
  }
});

function createUrlSchema(schemes: readonly string[]) {
  const schemeList = schemes.map((scheme) => `${scheme}//`).join(" or ");
  return boundedString({ minLength: 1, maxLength: 2048 }).check((context) => {
    // URL.canParse and protocol do not print the value, which may hold a database password.
    const url = URL.canParse(context.value) ? new URL(context.value) : undefined;
    if (url === undefined || !schemes.includes(url.protocol)) {
      context.issues.push({
        code: "custom",
        params: { reason: "invalid_url", schemes: schemeList },
        input: "",
      });
    }
  });
}

/** Schema of an API key or token: 8 to 1,024 characters with no whitespace. */
const apiKeySchema = boundedString({ minLength: 8, maxLength: 1024 }).check((context) => {
  if (/\s/.test(context.value)) {
    context.issues.push({
      code: "custom",
      params: { reason: "invalid_pattern", rule: "must not contain spaces or line breaks" },
      input: "",
    });
  }
});

const ENV_SHAPE = {
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  DATABASE_URL: createUrlSchema(["postgres:", "postgresql:"]).optional(),
  REDIS_URL: createUrlSchema(["redis:", "rediss:"]).optional(),
  JWT_SECRET: jwtSecretSchema.optional(),
  TELNYX_API_KEY: apiKeySchema.optional(),
  TELNYX_SIP_USERNAME: boundedString({ minLength: 1, maxLength: 128 }).optional(),
  TELNYX_SIP_PASSWORD: boundedString({ minLength: 1, maxLength: 128 }).optional(),
  AI_INTEGRATIONS_OPENAI_API_KEY: apiKeySchema.optional(),
  AI_INTEGRATIONS_OPENAI_BASE_URL: createUrlSchema(["https:", "http:"]).optional(),
  ASSEMBLYAI_API_KEY: apiKeySchema.optional(),
  RESOURCES_CENTRE_URL: createUrlSchema(["https:", "http:"]).optional(),
  RESOURCES_CENTRE_API_KEY: apiKeySchema.optional(),
  PUSH_SECRET_KEY: apiKeySchema.optional(),
};

/** Variables that work only together: each group is set completely or not at all. */
export const ENV_GROUPS = [
  {
    feature: "calling",
    variables: ["TELNYX_API_KEY", "TELNYX_SIP_USERNAME", "TELNYX_SIP_PASSWORD"],
  },
  {
    feature: "AI features",
    variables: ["AI_INTEGRATIONS_OPENAI_API_KEY", "AI_INTEGRATIONS_OPENAI_BASE_URL"],
  },
] as const;

function joinNames(names: readonly string[]): string {
  if (names.length <= 1) return names.join("");
  return `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`;
}

/**
 * Copies the variables a schema reads out of an environment, dropping empty values, because
 * `NAME=` in an env file means "not set" to most people and tools.
 */
function selectVariables(names: readonly string[]) {
  return (env: unknown): unknown => {
    if (typeof env !== "object" || env === null) return env;
    const source = env as Record<string, unknown>;
    const selected: Record<string, unknown> = {};
    for (const name of Object.keys(source)) {
      if (!names.includes(name) && !ROTATION_LIKE_NAME.test(name)) continue;
      const value = source[name];
      if (value !== undefined && value !== "") selected[name] = value;
    }
    return selected;
  };
}

/** Checks the key ring: names, the production requirement, and that no secret repeats. */
function checkJwtRules(config: Record<string, unknown>, context: z.core.$RefinementCtx): void {
  if (config.NODE_ENV === "production" && config.JWT_SECRET === undefined) {
    context.addIssue({
      code: "custom",
      path: ["JWT_SECRET"],
      params: { reason: "required_in_production" },
      input: undefined,
    });
  }

  const seen = new Map<unknown, string>();
  const names = Object.keys(config).filter(
    (name) => name === "JWT_SECRET" || ROTATION_LIKE_NAME.test(name),
  );
  names.sort((left, right) => (getJwtSecretVersion(left) ?? 0) - (getJwtSecretVersion(right) ?? 0));
  for (const name of names) {
    if (getJwtSecretVersion(name) === undefined) {
      context.addIssue({
        code: "custom",
        path: [name],
        params: { reason: "invalid_rotation_name" },
        input: "",
      });
      continue;
    }
    const other = seen.get(config[name]);
    if (other !== undefined) {
      context.addIssue({
        code: "custom",
        path: [name],
        params: { reason: "secret_reused", other },
        input: "",
      });
    }
    seen.set(config[name], name);
  }
}

function checkGroups(config: Record<string, unknown>, context: z.core.$RefinementCtx): void {
  for (const group of ENV_GROUPS) {
    const missing = group.variables.filter((name) => config[name] === undefined);
    if (missing.length === 0 || missing.length === group.variables.length) continue;
    for (const name of missing) {
      context.addIssue({
        code: "custom",
        path: [name],
        params: {
          reason: "incomplete_group",
          feature: group.feature,
          variables: joinNames(group.variables),
        },
        input: undefined,
      });
    }
  }
}

/**
 * Schema of the JWT variables alone: `NODE_ENV`, `JWT_SECRET` and the rotation keys
 * `JWT_SECRET_V2`, `JWT_SECRET_V3` and so on. `jwtKeyRing` reads the environment through it.
 */
export const jwtEnvSchema = z.preprocess(
  selectVariables(["NODE_ENV", "JWT_SECRET"]),
  z
    .object({ NODE_ENV: ENV_SHAPE.NODE_ENV, JWT_SECRET: ENV_SHAPE.JWT_SECRET })
    .catchall(jwtSecretSchema)
    .superRefine(checkJwtRules, RUN_AFTER_FIELD_ISSUES),
);

/**
 * Schema of the reference CRM's environment, for `loadConfig`:
 *
 * - `NODE_ENV`: development (default), test or production.
 * - `DATABASE_URL`: optional postgres:// or postgresql:// URL. `REDIS_URL`: optional redis:// or rediss:// URL.
 * - `JWT_SECRET`: required in production (see `jwtSecretSchema`), with optional rotation keys
 *   `JWT_SECRET_V2`, `JWT_SECRET_V3` and so on, validated the same way and each different.
 * - All or none: `TELNYX_API_KEY`, `TELNYX_SIP_USERNAME`, `TELNYX_SIP_PASSWORD`; and
 *   `AI_INTEGRATIONS_OPENAI_API_KEY`, `AI_INTEGRATIONS_OPENAI_BASE_URL`.
 * - Each optional on its own: `ASSEMBLYAI_API_KEY`, `RESOURCES_CENTRE_URL`,
 *   `RESOURCES_CENTRE_API_KEY`, `PUSH_SECRET_KEY`.
 *
 * An empty value counts as not set. Other variables are ignored and left out of the output.
 */
export const envSchema = z.preprocess(
  selectVariables(Object.keys(ENV_SHAPE)),
  z
    .object(ENV_SHAPE)
    .catchall(jwtSecretSchema)
    .superRefine((config, context) => {
      checkJwtRules(config, context);
      checkGroups(config, context);
    }, RUN_AFTER_FIELD_ISSUES),
);

/** The validated environment: the variables of `envSchema` plus any `JWT_SECRET_Vn` keys. */
export type EnvConfig = z.output<typeof envSchema>;
