import { randomFillSync } from "node:crypto";

/** Bytes of randomness in each nonce: 128 bits, the minimum that CSP Level 3 recommends. */
export const NONCE_BYTES = 16;

// Filling one buffer for 256 nonces costs one call into the CSPRNG instead of one per response.
// Each nonce takes its own bytes from the buffer once, so no two responses share randomness.
const POOL_NONCES = 256;
const pool = Buffer.alloc(NONCE_BYTES * POOL_NONCES);
let offset = pool.length;

/** Creates a nonce of 128 random bits from Node's CSPRNG (OpenSSL's), base64 encoded (24 characters). */
export function createNonce(): string {
  if (offset >= pool.length) {
    randomFillSync(pool);
    offset = 0;
  }
  const nonce = pool.toString("base64", offset, offset + NONCE_BYTES);
  offset += NONCE_BYTES;
  return nonce;
}
