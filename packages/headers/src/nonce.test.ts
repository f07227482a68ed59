import { describe, expect, it } from "vitest";
import { createNonce, NONCE_BYTES } from "./nonce.js";

describe("createNonce", () => {
  it("encodes 128 bits as base64", () => {
    const nonce = createNonce();
    expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect(Buffer.from(nonce, "base64")).toHaveLength(NONCE_BYTES);
    expect(NONCE_BYTES * 8).toBe(128);
  });

  it("never repeats across pool refills", () => {
    const nonces = new Set<string>();
    for (let index = 0; index < 2000; index += 1) nonces.add(createNonce());
    expect(nonces.size).toBe(2000);
  });
});
