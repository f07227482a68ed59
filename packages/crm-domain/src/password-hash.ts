import { randomBytes, type ScryptOptions, scrypt, timingSafeEqual } from "node:crypto";
import { CrmError } from "./errors.js";

/**
 * scrypt cost parameter N. 2^17 with r = 8 and p = 1 is the minimum that the OWASP Password
 * Storage Cheat Sheet (revision of May 2023) recommends for scrypt when Argon2id is unavailable.
 * One hash then needs 128 * N * r = 128 MiB of memory.
 */
export const DEFAULT_SCRYPT_COST = 2 ** 17;

const MIN_SCRYPT_COST = 2 ** 14;
const MAX_SCRYPT_COST = 2 ** 20;
const BLOCK_SIZE = 8;
const PARALLELIZATION = 1;
const SALT_BYTES = 16;
const KEY_BYTES = 32;
const HASH_PREFIX = "scrypt";

// Node's default scrypt memory cap is 32 MiB, below what N = 2^17 needs, so allow twice the need of
// the largest accepted cost.
const MAX_MEMORY_BYTES = 2 * 128 * MAX_SCRYPT_COST * BLOCK_SIZE;

// Stored form: scrypt$<N>$<r>$<p>$<salt base64url>$<key base64url>. The parameters travel with
// the hash, so raising the default cost later leaves existing hashes verifiable.
const HASH_PATTERN =
  /^scrypt\$(\d{1,8})\$(\d{1,2})\$(\d{1,2})\$([A-Za-z0-9_-]{16,64})\$([A-Za-z0-9_-]{16,128})$/;

/** Returns whether a number is an accepted scrypt cost: a power of two from 2^14 to 2^20. */
export function isValidScryptCost(value: unknown): value is number {
  return (
    typeof value === "number" &&
    Number.isInteger(value) &&
    value >= MIN_SCRYPT_COST &&
    value <= MAX_SCRYPT_COST &&
    (value & (value - 1)) === 0
  );
}

function deriveKey(password: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password.normalize("NFC"), salt, KEY_BYTES, options, (error, key) => {
      if (error === null) resolve(key);
      else reject(error);
    });
  });
}

/**
 * Hashes a password with scrypt and a random 16-byte salt, returning the self-describing stored
 * form. The password is NFC-normalised first, so the same characters typed on different systems
 * match. `cost` is N and defaults to `DEFAULT_SCRYPT_COST`. Throws `ERR_CRM_INVALID_SCRYPT_COST`.
 */
export async function hashPassword(
  password: string,
  cost: number = DEFAULT_SCRYPT_COST,
): Promise<string> {
  if (!isValidScryptCost(cost)) {
    throw new CrmError(
      "ERR_CRM_INVALID_SCRYPT_COST",
      `scryptCost must be a power of two from 16384 to 1048576, got ${String(cost)}. Use ${DEFAULT_SCRYPT_COST}.`,
    );
  }
  const salt = randomBytes(SALT_BYTES);
  const key = await deriveKey(password, salt, {
    N: cost,
    r: BLOCK_SIZE,
    p: PARALLELIZATION,
    maxmem: MAX_MEMORY_BYTES,
  });
  return [
    HASH_PREFIX,
    cost,
    BLOCK_SIZE,
    PARALLELIZATION,
    salt.toString("base64url"),
    key.toString("base64url"),
  ].join("$");
}

/**
 * Checks a password against a stored hash. The comparison is constant-time over the derived key,
 * so the time taken does not reveal how many leading bytes matched. Throws
 * `ERR_CRM_INVALID_PASSWORD_HASH` when the stored hash is malformed or names parameters outside
 * the accepted range, which points at corrupted data rather than a wrong password.
 */
export async function verifyPassword(password: string, storedHash: string): Promise<boolean> {
  const match = HASH_PATTERN.exec(storedHash);
  const cost = Number(match?.[1]);
  const blockSize = Number(match?.[2]);
  const parallelization = Number(match?.[3]);
  if (
    match === null ||
    !isValidScryptCost(cost) ||
    blockSize !== BLOCK_SIZE ||
    parallelization < 1
  ) {
    throw new CrmError(
      "ERR_CRM_INVALID_PASSWORD_HASH",
      "A stored password hash is not in the scrypt$N$r$p$salt$key format. Reset that user's password.",
    );
  }

  const salt = Buffer.from(match[4]!, "base64url");
  const expected = Buffer.from(match[5]!, "base64url");
  const actual = await deriveKey(password, salt, {
    N: cost,
    r: blockSize,
    p: parallelization,
    maxmem: MAX_MEMORY_BYTES,
  });
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
