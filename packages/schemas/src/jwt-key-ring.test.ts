import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { jwtKeyRing } from "./jwt-key-ring.js";

const V1 = "k9Xq2LmP7vR4tW8yZ1bN5cD3fG6hJ0sA";
const V2 = "Qw3Er5Ty7Ui9Op1As2Df4Gh6Jk8Lz0Xc";
const V3 = "Mn8Bv6Cx4Zl2Kj0Hg9Fd7Sa5Po3Iu1Yt";

function collectWarnings() {
  const warnings: { code: unknown; message: string | undefined }[] = [];
  const record = (context: Record<string, unknown>, message?: string) => {
    warnings.push({ code: context.code, message });
  };
  const logger = { debug: record, info: record, warn: record, error: record };
  return { warnings, logger };
}

describe("jwtKeyRing", () => {
  it("signs with the newest key", () => {
    const ring = jwtKeyRing({ JWT_SECRET: V1, JWT_SECRET_V3: V3, JWT_SECRET_V2: V2 });
    expect(ring.keys.map((key) => key.variable)).toEqual([
      "JWT_SECRET_V3",
      "JWT_SECRET_V2",
      "JWT_SECRET",
    ]);
    expect(ring.keys.map((key) => key.secret)).toEqual([V3, V2, V1]);
    expect(ring.signingKey.id).toBe("v3");
    expect(ring.signingKey.secret).toBe(V3);
    expect(ring.ephemeral).toBe(false);
  });

  it("orders versions numerically", () => {
    const ring = jwtKeyRing({ JWT_SECRET: V1, JWT_SECRET_V10: V3, JWT_SECRET_V9: V2 });
    expect(ring.keys.map((key) => key.version)).toEqual([10, 9, 1]);
  });

  it("allows gaps in versions", () => {
    const ring = jwtKeyRing({ JWT_SECRET: V1, JWT_SECRET_V4: V3 });
    expect(ring.keys.map((key) => key.id)).toEqual(["v4", "v1"]);
  });

  it("uses a single secret", () => {
    const ring = jwtKeyRing({ NODE_ENV: "production", JWT_SECRET: V1 });
    expect(ring.keys).toHaveLength(1);
    expect(ring.signingKey.variable).toBe("JWT_SECRET");
  });

  it("generates an ephemeral secret with warning", () => {
    const { warnings, logger } = collectWarnings();
    const ring = jwtKeyRing({ NODE_ENV: "development" }, { logger });
    expect(ring.ephemeral).toBe(true);
    expect(ring.signingKey.secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(warnings.map((warning) => warning.code)).toEqual(["WARN_SCHEMAS_EPHEMERAL_JWT_SECRET"]);
    expect(jwtKeyRing({}, { logger }).signingKey.secret).not.toBe(ring.signingKey.secret);
  });

  it("suppresses disabled warning", () => {
    const { warnings, logger } = collectWarnings();
    jwtKeyRing({}, { logger, disabledWarnings: ["WARN_SCHEMAS_EPHEMERAL_JWT_SECRET"] });
    expect(warnings).toEqual([]);
  });

  it.each([
    [{ NODE_ENV: "production" }],
    [{ NODE_ENV: "production", JWT_SECRET: "" }],
    [{ JWT_SECRET: "changeme" }],
    [{ JWT_SECRET: V1, JWT_SECRET_V2: V1 }],
    [{ JWT_SECRET: V1, JWT_SECRET_V1: V2 }],
  ])("rejects %j", (env) => {
    expect(() => jwtKeyRing(env)).toThrow(
      expect.objectContaining({ code: "ERR_SCHEMAS_INVALID_CONFIG" }),
    );
  });

  it("redacts secrets when printed", () => {
    const ring = jwtKeyRing({ JWT_SECRET: V1, JWT_SECRET_V2: V2 });
    const printed = `${JSON.stringify(ring)} ${inspect(ring, { depth: 5 })}`;
    expect(printed).not.toContain(V1);
    expect(printed).not.toContain(V2);
    expect(printed).toContain("[redacted]");
  });
});
