import { randomBytes } from "node:crypto";
import { createWarningEmitter, type Logger } from "@bulwark/core";
import { getJwtSecretVersion, jwtEnvSchema } from "./env-schema.js";
import { SchemasError } from "./errors.js";
import { type Environment, loadConfig } from "./load-config.js";

const REDACTED = "[redacted]";
const inspectSymbol = Symbol.for("nodejs.util.inspect.custom");

/** One secret of the key ring. Printing or serialising it shows `[redacted]` for the secret. */
export class JwtKey {
  /** Key id for a JWT `kid` header, such as `v2`. */
  readonly id: string;
  /** Position in the ring: 1 for `JWT_SECRET`, n for `JWT_SECRET_Vn`. */
  readonly version: number;
  /** Variable the secret came from, or `ephemeral` for a generated one. */
  readonly variable: string;
  readonly secret: string;

  constructor(version: number, variable: string, secret: string) {
    this.id = `v${version}`;
    this.version = version;
    this.variable = variable;
    this.secret = secret;
  }

  toJSON(): Record<string, unknown> {
    return { id: this.id, version: this.version, variable: this.variable, secret: REDACTED };
  }

  [inspectSymbol](): Record<string, unknown> {
    return this.toJSON();
  }
}

/** The JWT secrets, newest first: the first signs new tokens and every one verifies. */
export interface JwtKeyRing {
  /** Every key, newest (highest version) first. */
  readonly keys: readonly JwtKey[];
  /** The key that signs new tokens: the newest. */
  readonly signingKey: JwtKey;
  /** Whether the only key was generated for this process because `JWT_SECRET` is not set. */
  readonly ephemeral: boolean;
}

/** Options of `jwtKeyRing`. */
export interface JwtKeyRingOptions {
  /** Warning codes to suppress, such as `WARN_SCHEMAS_EPHEMERAL_JWT_SECRET`. */
  readonly disabledWarnings?: readonly string[];
  /** Sends the warning to this logger instead of `process.emitWarning`. */
  readonly logger?: Logger;
}

/**
 * Builds the JWT key ring from `JWT_SECRET`, `JWT_SECRET_V2`, `JWT_SECRET_V3` and so on. The
 * highest version signs new tokens and every key verifies. To rotate, add the next version, wait
 * out the token lifetime, then remove the old one. Gaps in the numbering are allowed, so a
 * retired middle key can be removed.
 *
 * When no secret is set and `NODE_ENV` is not production, a random 256-bit secret is generated
 * for this process, with the warning `WARN_SCHEMAS_EPHEMERAL_JWT_SECRET`: tokens then stop
 * working on restart and are not shared between instances. Throws `ERR_SCHEMAS_INVALID_CONFIG`
 * for an invalid or repeated secret, or a missing `JWT_SECRET` in production.
 *
 * @example
 * const ring = jwtKeyRing(process.env);
 * const token = jwt.sign(claims, ring.signingKey.secret, { keyid: ring.signingKey.id });
 */
export function jwtKeyRing(
  env: Environment = process.env,
  options: JwtKeyRingOptions = {},
): JwtKeyRing {
  const config = loadConfig(jwtEnvSchema, env) as Record<string, unknown>;
  const keys: JwtKey[] = [];
  for (const [name, value] of Object.entries(config)) {
    const version = getJwtSecretVersion(name);
    if (version !== undefined && typeof value === "string")
      keys.push(new JwtKey(version, name, value));
  }
  keys.sort((left, right) => right.version - left.version);

  const newest = keys[0];
  if (newest !== undefined) return { keys, signingKey: newest, ephemeral: false };

  if (config.NODE_ENV === "production") {
    // The schema already requires JWT_SECRET in production; this guards the generated fallback.
    throw new SchemasError(
      "ERR_SCHEMAS_INVALID_CONFIG",
      "JWT_SECRET is required when NODE_ENV is production.",
    );
  }
  const warnings = createWarningEmitter({
    ...(options.disabledWarnings === undefined
      ? {}
      : { disabledWarnings: options.disabledWarnings }),
    ...(options.logger === undefined ? {} : { logger: options.logger }),
  });
  warnings.warn(
    "WARN_SCHEMAS_EPHEMERAL_JWT_SECRET",
    "JWT_SECRET is not set, so a random secret was generated for this process: tokens stop working on restart and are not shared between instances. Set JWT_SECRET to at least 32 random characters, for example from `openssl rand -base64 48`.",
  );
  const ephemeral = new JwtKey(1, "ephemeral", randomBytes(32).toString("base64url"));
  return { keys: [ephemeral], signingKey: ephemeral, ephemeral: true };
}
