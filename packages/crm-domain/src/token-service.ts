import { describeValue } from "@bulwark/core";
import { errors as joseErrors, jwtVerify, SignJWT } from "jose";
import { CrmError } from "./errors.js";
import { isRole, type Role } from "./permissions.js";

/** One JWT signing key. Higher versions are newer, as in JWT_SECRET, JWT_SECRET_V2, ... */
export interface JwtKey {
  readonly version: number;
  readonly secret: string;
}

/** Options of `createTokenService`. */
export interface TokenServiceOptions {
  /** Key ring. The key with the highest version signs; every key verifies, for rotation. */
  readonly keys: readonly JwtKey[];
  /** `iss` claim written and required. Defaults to `bulwark-crm`. */
  readonly issuer?: string;
  /** `aud` claim written and required. Defaults to `bulwark-crm-api`. */
  readonly audience?: string;
  /** Token lifetime in seconds. Defaults to 3600. */
  readonly expiresInSeconds?: number;
}

/** Claims a verified token carries. */
export interface TokenClaims {
  readonly userId: string;
  readonly role: Role;
}

/** Signs and verifies CRM access tokens. */
export interface TokenService {
  sign(claims: TokenClaims): Promise<string>;
  /** Returns the claims of a valid token, or undefined for any invalid, expired or foreign one. */
  verify(token: string): Promise<TokenClaims | undefined>;
  readonly expiresInSeconds: number;
}

export const DEFAULT_JWT_ISSUER = "bulwark-crm";
export const DEFAULT_JWT_AUDIENCE = "bulwark-crm-api";
export const DEFAULT_TOKEN_LIFETIME_SECONDS = 3600;

// RFC 7518 section 3.2: an HS256 key must be at least as long as the hash output, 256 bits.
const MIN_SECRET_BYTES = 32;
const ALGORITHM = "HS256";
const encoder = new TextEncoder();

function invalidKeys(detail: string): CrmError {
  return new CrmError(
    "ERR_CRM_INVALID_JWT_KEYS",
    `jwt.keys is invalid: ${detail}. Generate a secret with \`openssl rand -base64 48\`.`,
  );
}

function parseKeys(keys: readonly JwtKey[]): Map<string, Uint8Array> {
  if (!Array.isArray(keys) || keys.length === 0) throw invalidKeys("it lists no key");
  const ring = new Map<string, Uint8Array>();
  for (const [index, key] of keys.entries()) {
    if (!Number.isInteger(key?.version) || key.version < 1) {
      throw invalidKeys(
        `keys[${index}].version must be a positive integer, got ${describeValue(key?.version)}`,
      );
    }
    // The secret itself is never printed, only its length.
    const secret = typeof key.secret === "string" ? encoder.encode(key.secret) : undefined;
    if (secret === undefined || secret.byteLength < MIN_SECRET_BYTES) {
      throw invalidKeys(
        `keys[${index}].secret must be a string of at least ${MIN_SECRET_BYTES} bytes, got ${secret === undefined ? typeof key.secret : `${secret.byteLength} bytes`}`,
      );
    }
    const id = `v${key.version}`;
    if (ring.has(id)) throw invalidKeys(`version ${key.version} appears twice`);
    ring.set(id, secret);
  }
  return ring;
}

/**
 * Creates the token service: HS256 JWTs with `sub`, `role`, `iat`, `exp`, `iss` and `aud`, and the
 * signing key's version as `kid`. Verification accepts HS256 only, so `alg: none` and algorithm
 * confusion are rejected, and it requires `exp`, the issuer and the audience. Throws
 * `ERR_CRM_INVALID_JWT_KEYS` at creation for an empty ring, a duplicate version or a short secret.
 *
 * @example
 * const tokens = createTokenService({ keys: [{ version: 1, secret: process.env.JWT_SECRET! }] });
 */
export function createTokenService(options: TokenServiceOptions): TokenService {
  const ring = parseKeys(options.keys);
  const newest = [...options.keys].sort((a, b) => b.version - a.version)[0]!;
  const signingKid = `v${newest.version}`;
  const signingKey = ring.get(signingKid)!;
  const issuer = options.issuer ?? DEFAULT_JWT_ISSUER;
  const audience = options.audience ?? DEFAULT_JWT_AUDIENCE;
  const expiresInSeconds = options.expiresInSeconds ?? DEFAULT_TOKEN_LIFETIME_SECONDS;

  return {
    expiresInSeconds,
    sign(claims) {
      return new SignJWT({ role: claims.role })
        .setProtectedHeader({ alg: ALGORITHM, kid: signingKid, typ: "JWT" })
        .setSubject(claims.userId)
        .setIssuer(issuer)
        .setAudience(audience)
        .setIssuedAt()
        .setExpirationTime(`${expiresInSeconds}s`)
        .sign(signingKey);
    },
    async verify(token) {
      try {
        const { payload } = await jwtVerify(
          token,
          (header) => {
            // A token without a known kid is rejected rather than tried against every key.
            const key = header.kid === undefined ? undefined : ring.get(header.kid);
            if (key === undefined) throw new joseErrors.JWSSignatureVerificationFailed();
            return key;
          },
          { algorithms: [ALGORITHM], issuer, audience, requiredClaims: ["exp", "sub"] },
        );
        if (typeof payload.sub !== "string" || !isRole(payload.role)) return undefined;
        return { userId: payload.sub, role: payload.role };
      } catch (error) {
        if (error instanceof joseErrors.JOSEError) return undefined;
        throw error;
      }
    },
  };
}
