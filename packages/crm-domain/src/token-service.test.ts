import { decodeProtectedHeader, SignJWT, UnsecuredJWT } from "jose";
import { describe, expect, it } from "vitest";
import { createTokenService, type JwtKey } from "./token-service.js";

const SECRET_V1 = "first-secret-that-is-long-enough-for-hs256!";
const SECRET_V2 = "second-secret-that-is-long-enough-for-hs256";
const USER_ID = "2f1c6f0e-8a52-4d2a-9d6e-1d3b0c8f7a10";
const encoder = new TextEncoder();

function foreignToken(
  secret: string,
  options: { alg?: string; kid?: string; iss?: string; aud?: string; expiresIn?: string } = {},
) {
  return new SignJWT({ role: "admin" })
    .setProtectedHeader({ alg: options.alg ?? "HS256", kid: options.kid ?? "v1" })
    .setSubject(USER_ID)
    .setIssuer(options.iss ?? "bulwark-crm")
    .setAudience(options.aud ?? "bulwark-crm-api")
    .setIssuedAt()
    .setExpirationTime(options.expiresIn ?? "1h")
    .sign(encoder.encode(secret));
}

describe("createTokenService", () => {
  const tokens = createTokenService({ keys: [{ version: 1, secret: SECRET_V1 }] });

  it("verifies its own token", async () => {
    const token = await tokens.sign({ userId: USER_ID, role: "agent" });
    expect(await tokens.verify(token)).toEqual({ userId: USER_ID, role: "agent" });
  });

  it("signs with the newest key", async () => {
    const rotated = createTokenService({
      keys: [
        { version: 1, secret: SECRET_V1 },
        { version: 2, secret: SECRET_V2 },
      ],
    });
    const token = await rotated.sign({ userId: USER_ID, role: "viewer" });
    expect(decodeProtectedHeader(token)).toMatchObject({ alg: "HS256", kid: "v2" });
  });

  it("verifies tokens of older keys", async () => {
    const old = await tokens.sign({ userId: USER_ID, role: "manager" });
    const rotated = createTokenService({
      keys: [
        { version: 2, secret: SECRET_V2 },
        { version: 1, secret: SECRET_V1 },
      ],
    });
    expect(await rotated.verify(old)).toEqual({ userId: USER_ID, role: "manager" });
  });

  it("rejects a retired key", async () => {
    const old = await tokens.sign({ userId: USER_ID, role: "manager" });
    const rotated = createTokenService({ keys: [{ version: 2, secret: SECRET_V2 }] });
    expect(await rotated.verify(old)).toBeUndefined();
  });

  it("accepts well-formed foreign token", async () => {
    expect(await tokens.verify(await foreignToken(SECRET_V1))).toEqual({
      userId: USER_ID,
      role: "admin",
    });
  });

  it.each([
    [
      "alg none",
      () =>
        new UnsecuredJWT({ role: "admin", sub: USER_ID })
          .setIssuer("bulwark-crm")
          .setAudience("bulwark-crm-api")
          .setExpirationTime("1h")
          .encode(),
    ],
    ["HS512", () => foreignToken(SECRET_V1, { alg: "HS512" })],
    ["wrong secret", () => foreignToken(SECRET_V2)],
    ["unknown kid", () => foreignToken(SECRET_V1, { kid: "v9" })],
    ["wrong issuer", () => foreignToken(SECRET_V1, { iss: "someone-else" })],
    ["wrong audience", () => foreignToken(SECRET_V1, { aud: "other-api" })],
    ["expired", () => foreignToken(SECRET_V1, { expiresIn: "-10s" })],
    ["garbage", () => Promise.resolve("not.a.jwt")],
    ["empty", () => Promise.resolve("")],
  ])("rejects %s token", async (_label, makeToken) => {
    expect(await tokens.verify(await makeToken())).toBeUndefined();
  });

  it.each<[string, unknown]>([
    ["empty ring", []],
    ["short secret", [{ version: 1, secret: "short" }]],
    ["missing secret", [{ version: 1 }]],
    ["numeric secret", [{ version: 1, secret: 12345 }]],
    ["NaN version", [{ version: Number.NaN, secret: SECRET_V1 }]],
    ["zero version", [{ version: 0, secret: SECRET_V1 }]],
    ["string version", [{ version: "1", secret: SECRET_V1 }]],
    [
      "duplicate version",
      [
        { version: 1, secret: SECRET_V1 },
        { version: 1, secret: SECRET_V2 },
      ],
    ],
    ["null", null],
  ])("rejects %s key ring", (_label, keys) => {
    expect(() => createTokenService({ keys: keys as JwtKey[] })).toThrow(
      expect.objectContaining({ code: "ERR_CRM_INVALID_JWT_KEYS" }),
    );
  });

  it("never prints the secret", () => {
    const secret = "short-but-secret";
    try {
      createTokenService({ keys: [{ version: 1, secret }] });
      expect.unreachable();
    } catch (error) {
      expect(String((error as Error).message)).not.toContain(secret);
    }
  });
});
