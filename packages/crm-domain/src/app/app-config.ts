import { readFileSync } from "node:fs";
import { type Environment, envSchema, type JwtKey, jwtKeyRing, loadConfig } from "@bulwark/schemas";
import { z } from "zod";

const BOOLEAN_TEXT = z
  .enum(["true", "false", "1", "0"])
  .transform((text) => text === "true" || text === "1");

/** Variables of the reference apps' HTTP server, next to those of `envSchema`. */
const serverEnvSchema = z.preprocess(
  (env: unknown) => {
    if (typeof env !== "object" || env === null) return env;
    const source = env as Record<string, unknown>;
    const selected: Record<string, unknown> = {};
    for (const name of SERVER_VARIABLES) {
      // `NAME=` in an env file means "not set", as in envSchema.
      if (source[name] !== undefined && source[name] !== "") selected[name] = source[name];
    }
    return selected;
  },
  z
    .object({
      PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
      HOST: z.string().min(1).max(253).default("127.0.0.1"),
      TRUST_PROXY: z.string().min(1).max(4096).optional(),
      TLS_CERT_FILE: z.string().min(1).max(4096).optional(),
      TLS_KEY_FILE: z.string().min(1).max(4096).optional(),
      HTTPS_REDIRECT: BOOLEAN_TEXT.default(false),
    })
    .superRefine((config, context) => {
      if ((config.TLS_CERT_FILE === undefined) !== (config.TLS_KEY_FILE === undefined)) {
        const missing = config.TLS_CERT_FILE === undefined ? "TLS_CERT_FILE" : "TLS_KEY_FILE";
        context.addIssue({
          code: "custom",
          path: [missing],
          message: `${missing} is required when the other TLS file is set: set both TLS_CERT_FILE and TLS_KEY_FILE, or neither.`,
        });
      }
      // Without a trusted proxy reporting the client's protocol every request looks like plain
      // HTTP, so the redirect would send clients in a loop.
      if (config.HTTPS_REDIRECT && config.TRUST_PROXY === undefined) {
        context.addIssue({
          code: "custom",
          path: ["HTTPS_REDIRECT"],
          message:
            "HTTPS_REDIRECT needs TRUST_PROXY, because only a trusted proxy can report that the client used HTTPS. Set TRUST_PROXY to the proxy's address or unset HTTPS_REDIRECT.",
        });
      }
    }),
);

const SERVER_VARIABLES = [
  "PORT",
  "HOST",
  "TRUST_PROXY",
  "TLS_CERT_FILE",
  "TLS_KEY_FILE",
  "HTTPS_REDIRECT",
] as const;

/** Schema of the reference apps' environment: `envSchema` of @bulwark/schemas plus the server's variables. */
export const crmAppEnvSchema = z.intersection(envSchema, serverEnvSchema);

/** Configuration of a reference CRM app, read from the environment by `loadCrmAppConfig`. */
export interface CrmAppConfig {
  readonly nodeEnv: "development" | "test" | "production";
  /** TCP port; 0 picks a free one. */
  readonly port: number;
  readonly host: string;
  /** PostgreSQL URL; undefined runs the embedded PGlite database. */
  readonly databaseUrl: string | undefined;
  /** Redis URL for the limiter, login guard and alert counts; undefined keeps them in memory. */
  readonly redisUrl: string | undefined;
  /** JWT key ring, newest first. */
  readonly jwtKeys: readonly JwtKey[];
  /** Whether the key ring is a random key generated for this process. */
  readonly ephemeralJwtSecret: boolean;
  /** `trustProxy` of @bulwark/ip: a hop count, or a comma-separated list of addresses, CIDR ranges and named ranges. */
  readonly trustProxy: number | string | undefined;
  readonly tls: { readonly certFile: string; readonly keyFile: string } | undefined;
  /** Redirects plain HTTP requests that a trusted proxy reports to HTTPS. */
  readonly httpsRedirect: boolean;
}

/**
 * Loads the app configuration from the environment through `loadConfig`: `NODE_ENV`,
 * `PORT` (default 3000), `HOST` (default 127.0.0.1), `DATABASE_URL`, `REDIS_URL`, `JWT_SECRET`
 * with rotation keys `JWT_SECRET_Vn`, `TRUST_PROXY`, `TLS_CERT_FILE` with `TLS_KEY_FILE`, and
 * `HTTPS_REDIRECT`. Throws `ERR_SCHEMAS_INVALID_CONFIG` listing every invalid variable, never a value.
 *
 * @example
 * const config = loadCrmAppConfig(process.env);
 */
export function loadCrmAppConfig(env: Environment = process.env): CrmAppConfig {
  const config = loadConfig(crmAppEnvSchema, env);
  const ring = jwtKeyRing(env);
  const trustProxy = config.TRUST_PROXY;
  return {
    nodeEnv: config.NODE_ENV,
    port: config.PORT,
    host: config.HOST,
    databaseUrl: config.DATABASE_URL,
    redisUrl: config.REDIS_URL,
    jwtKeys: ring.keys,
    ephemeralJwtSecret: ring.ephemeral,
    trustProxy:
      trustProxy === undefined
        ? undefined
        : /^\d+$/.test(trustProxy)
          ? Number(trustProxy)
          : trustProxy,
    tls:
      config.TLS_CERT_FILE !== undefined && config.TLS_KEY_FILE !== undefined
        ? { certFile: config.TLS_CERT_FILE, keyFile: config.TLS_KEY_FILE }
        : undefined,
    httpsRedirect: config.HTTPS_REDIRECT,
  };
}

/** TLS options of a Node HTTPS server. */
export interface CrmTlsOptions {
  readonly cert: Buffer;
  readonly key: Buffer;
  /** Always `TLSv1.3`: TLS 1.2 and older are rejected during the handshake. */
  readonly minVersion: "TLSv1.3";
}

/** Reads the certificate and key files of the configuration, or returns undefined without TLS. */
export function readTlsOptions(config: Pick<CrmAppConfig, "tls">): CrmTlsOptions | undefined {
  if (config.tls === undefined) return undefined;
  return {
    cert: readFileSync(config.tls.certFile),
    key: readFileSync(config.tls.keyFile),
    minVersion: "TLSv1.3",
  };
}
