import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadCrmAppConfig, readTlsOptions } from "./app-config.js";

const SECRET = "k3Yq8vZ2pW7rT1mN5bX9cF4hJ6dL0sGa";
const BASE = { NODE_ENV: "test", JWT_SECRET: SECRET };

function fieldsOf(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    expect(error).toMatchObject({ code: "ERR_SCHEMAS_INVALID_CONFIG" });
    return (error as { errors: { field: string }[] }).errors.map((entry) => entry.field);
  }
  throw new Error("expected the configuration to be rejected");
}

describe("loadCrmAppConfig", () => {
  it("applies the defaults", () => {
    const config = loadCrmAppConfig(BASE);
    expect(config).toMatchObject({
      nodeEnv: "test",
      port: 3000,
      host: "127.0.0.1",
      databaseUrl: undefined,
      redisUrl: undefined,
      trustProxy: undefined,
      tls: undefined,
      httpsRedirect: false,
      ephemeralJwtSecret: false,
    });
    expect(config.jwtKeys.map((key) => key.version)).toEqual([1]);
  });

  it("reads every server variable", () => {
    const config = loadCrmAppConfig({
      ...BASE,
      PORT: "8443",
      HOST: "::1",
      DATABASE_URL: "postgres://crm@127.0.0.1:5432/crm",
      REDIS_URL: "redis://127.0.0.1:6379",
      TRUST_PROXY: "loopback, 10.0.0.0/8",
      TLS_CERT_FILE: "/etc/crm/cert.pem",
      TLS_KEY_FILE: "/etc/crm/key.pem",
      HTTPS_REDIRECT: "true",
      JWT_SECRET_V2: "Zq9xW3vB7nM1kL5jH8gF2dS4aP6oI0uY",
    });
    expect(config).toMatchObject({
      port: 8443,
      host: "::1",
      databaseUrl: "postgres://crm@127.0.0.1:5432/crm",
      redisUrl: "redis://127.0.0.1:6379",
      trustProxy: "loopback, 10.0.0.0/8",
      tls: { certFile: "/etc/crm/cert.pem", keyFile: "/etc/crm/key.pem" },
      httpsRedirect: true,
    });
    expect(config.jwtKeys.map((key) => key.version)).toEqual([2, 1]);
  });

  it("reads a hop count proxy", () => {
    expect(loadCrmAppConfig({ ...BASE, TRUST_PROXY: "2" }).trustProxy).toBe(2);
  });

  it("treats empty values as unset", () => {
    expect(loadCrmAppConfig({ ...BASE, PORT: "", HOST: "" })).toMatchObject({
      port: 3000,
      host: "127.0.0.1",
    });
  });

  it.each([
    ["NaN port", { PORT: "NaN" }, ["PORT"]],
    ["Infinity port", { PORT: "Infinity" }, ["PORT"]],
    ["negative port", { PORT: "-1" }, ["PORT"]],
    ["port too large", { PORT: "65536" }, ["PORT"]],
    ["text port", { PORT: "http" }, ["PORT"]],
    ["boolean text", { HTTPS_REDIRECT: "yes", TRUST_PROXY: "loopback" }, ["HTTPS_REDIRECT"]],
    ["certificate alone", { TLS_CERT_FILE: "/cert.pem" }, ["TLS_KEY_FILE"]],
    ["key alone", { TLS_KEY_FILE: "/key.pem" }, ["TLS_CERT_FILE"]],
    ["redirect without proxy", { HTTPS_REDIRECT: "true" }, ["HTTPS_REDIRECT"]],
    ["short secret", { JWT_SECRET: "short" }, ["JWT_SECRET"]],
    ["mysql url", { DATABASE_URL: "mysql://127.0.0.1/crm" }, ["DATABASE_URL"]],
  ])("rejects %s", (_label, env, fields) => {
    expect(fieldsOf(() => loadCrmAppConfig({ ...BASE, ...env }))).toEqual(fields);
  });

  it("never prints a secret", () => {
    const secret = "short-but-secret-value";
    const error = (() => {
      try {
        loadCrmAppConfig({ ...BASE, JWT_SECRET: secret });
      } catch (caught) {
        return caught as Error;
      }
      return undefined;
    })();
    expect(error).toMatchObject({ code: "ERR_SCHEMAS_INVALID_CONFIG" });
    expect(error?.message).not.toContain(secret);
  });
});

describe("readTlsOptions", () => {
  it("returns undefined without TLS", () => {
    expect(readTlsOptions({ tls: undefined })).toBeUndefined();
  });

  it("reads files with TLS 1.3 minimum", () => {
    const folder = mkdtempSync(join(tmpdir(), "crm-tls-"));
    writeFileSync(join(folder, "cert.pem"), "certificate");
    writeFileSync(join(folder, "key.pem"), "key");
    const tls = readTlsOptions({
      tls: { certFile: join(folder, "cert.pem"), keyFile: join(folder, "key.pem") },
    });
    expect(tls?.minVersion).toBe("TLSv1.3");
    expect(tls?.cert.toString()).toBe("certificate");
    expect(tls?.key.toString()).toBe("key");
  });
});
