import { describe, expect, it } from "vitest";
import { z } from "zod";
import { envSchema } from "./env-schema.js";
import { loadConfig } from "./load-config.js";

const SECRET = "k9Xq2LmP7vR4tW8yZ1bN5cD3fG6hJ0sA";
const SECRET_V2 = "Qw3Er5Ty7Ui9Op1As2Df4Gh6Jk8Lz0Xc";

function loadError(env: Record<string, string | undefined>): {
  code: string;
  message: string;
  fields: string[];
} {
  try {
    loadConfig(envSchema, env);
  } catch (error) {
    const { code, message, errors } = error as {
      code: string;
      message: string;
      errors: { field: string }[];
    };
    return { code, message, fields: errors.map((entry) => entry.field) };
  }
  throw new Error("expected loadConfig to throw");
}

describe("loadConfig with envSchema", () => {
  it("accepts a development env without secrets", () => {
    expect(loadConfig(envSchema, {})).toEqual({ NODE_ENV: "development" });
  });

  it("accepts a full production env", () => {
    const env = {
      NODE_ENV: "production",
      DATABASE_URL: "postgres://crm:pw@127.0.0.1:5432/crm",
      REDIS_URL: "redis://127.0.0.1:6379",
      JWT_SECRET: SECRET,
      JWT_SECRET_V2: SECRET_V2,
      TELNYX_API_KEY: "KEY0123456789",
      TELNYX_SIP_USERNAME: "crm-sip",
      TELNYX_SIP_PASSWORD: "sip-pass",
      AI_INTEGRATIONS_OPENAI_API_KEY: "sk-test-0123456789",
      AI_INTEGRATIONS_OPENAI_BASE_URL: "https://ai.example.com/v1",
      ASSEMBLYAI_API_KEY: "aai-0123456789",
      RESOURCES_CENTRE_URL: "https://resources.example.com",
      PUSH_SECRET_KEY: "push-0123456789abcdef",
      PATH: "/usr/bin",
    };
    const { PATH: _path, ...expected } = env;
    expect(loadConfig(envSchema, env)).toEqual(expected);
  });

  it("treats empty values as unset", () => {
    expect(loadConfig(envSchema, { DATABASE_URL: "", TELNYX_API_KEY: "" })).toEqual({
      NODE_ENV: "development",
    });
  });

  it("accepts postgresql scheme", () => {
    expect(loadConfig(envSchema, { DATABASE_URL: "postgresql://localhost/crm" }).DATABASE_URL).toBe(
      "postgresql://localhost/crm",
    );
  });

  it.each([
    [{ NODE_ENV: "production" }, ["JWT_SECRET"]],
    [{ NODE_ENV: "prod" }, ["NODE_ENV"]],
    [{ DATABASE_URL: "mysql://u:p@db/crm" }, ["DATABASE_URL"]],
    [{ DATABASE_URL: "not a url" }, ["DATABASE_URL"]],
    [{ REDIS_URL: "http://127.0.0.1:6379" }, ["REDIS_URL"]],
    [{ JWT_SECRET: "short" }, ["JWT_SECRET"]],
    [{ JWT_SECRET: "changeme-changeme-changeme-changeme" }, ["JWT_SECRET"]],
    [{ JWT_SECRET: "my-super-secret-jwt-key-for-the-crm-app" }, ["JWT_SECRET"]],
    [{ JWT_SECRET: "a".repeat(64) }, ["JWT_SECRET"]],
    [{ JWT_SECRET: "abcd".repeat(16) }, ["JWT_SECRET"]],
    [{ JWT_SECRET: SECRET, JWT_SECRET_V2: SECRET }, ["JWT_SECRET_V2"]],
    [{ JWT_SECRET: SECRET, JWT_SECRET_V1: SECRET_V2 }, ["JWT_SECRET_V1"]],
    [{ JWT_SECRET: SECRET, JWT_SECRET_V02: SECRET_V2 }, ["JWT_SECRET_V02"]],
    [{ JWT_SECRET: SECRET, JWT_SECRET_V3: "short" }, ["JWT_SECRET_V3"]],
    [{ TELNYX_API_KEY: "KEY0123456789" }, ["TELNYX_SIP_USERNAME", "TELNYX_SIP_PASSWORD"]],
    [{ TELNYX_SIP_USERNAME: "u", TELNYX_SIP_PASSWORD: "p" }, ["TELNYX_API_KEY"]],
    [
      { AI_INTEGRATIONS_OPENAI_BASE_URL: "https://ai.example.com" },
      ["AI_INTEGRATIONS_OPENAI_API_KEY"],
    ],
    [{ AI_INTEGRATIONS_OPENAI_API_KEY: "sk-0123456789" }, ["AI_INTEGRATIONS_OPENAI_BASE_URL"]],
    [{ ASSEMBLYAI_API_KEY: "has space in it" }, ["ASSEMBLYAI_API_KEY"]],
    [{ PUSH_SECRET_KEY: "short" }, ["PUSH_SECRET_KEY"]],
  ])("rejects %j", (env, fields) => {
    const error = loadError(env);
    expect(error.code).toBe("ERR_SCHEMAS_INVALID_CONFIG");
    expect(error.fields).toEqual(fields);
  });

  it("names every problem in one error", () => {
    const error = loadError({
      NODE_ENV: "production",
      DATABASE_URL: "mysql://crm:hunter2-db-password@db/crm",
      TELNYX_API_KEY: "KEY0123456789",
      ASSEMBLYAI_API_KEY: "x",
    });
    expect(error.fields.sort()).toEqual(
      [
        "ASSEMBLYAI_API_KEY",
        "DATABASE_URL",
        "JWT_SECRET",
        "TELNYX_SIP_PASSWORD",
        "TELNYX_SIP_USERNAME",
      ].sort(),
    );
    for (const name of error.fields) expect(error.message).toContain(name);
  });

  it("never prints a secret value", () => {
    const values = {
      DATABASE_URL: "mysql://crm:hunter2-db-password@db/crm",
      JWT_SECRET: "changeme-but-very-long-jwt-value-0001",
      JWT_SECRET_V2: "changeme-but-very-long-jwt-value-0001",
      TELNYX_API_KEY: "telnyx key with spaces",
      TELNYX_SIP_PASSWORD: "sip-password-value",
      PUSH_SECRET_KEY: "tiny",
    };
    const error = loadError(values);
    expect(error.fields.length).toBeGreaterThan(4);
    for (const value of Object.values(values)) {
      expect(error.message).not.toContain(value);
    }
    expect(error.message).not.toContain("hunter2");
  });

  it("renders one line per problem", () => {
    const error = loadError({ NODE_ENV: "production", DATABASE_URL: "mysql://db/crm" });
    expect(error.message).toMatchInlineSnapshot(`
      "Invalid environment configuration (2 problems). Fix these variables and restart:
      - DATABASE_URL must be a URL starting with postgres:// or postgresql://
      - JWT_SECRET is required when NODE_ENV is production"
    `);
  });
});

describe("loadConfig", () => {
  it("validates custom schemas", () => {
    const schema = z.object({ PORT: z.string().regex(/^\d+$/) });
    expect(loadConfig(schema, { PORT: "8080" })).toEqual({ PORT: "8080" });
    expect(() => loadConfig(schema, {})).toThrow(
      expect.objectContaining({ code: "ERR_SCHEMAS_INVALID_CONFIG" }),
    );
  });

  it.each([[null], ["schema"], [{ parse: () => ({}) }]])("rejects schema %j", (schema) => {
    expect(() => loadConfig(schema as never, {})).toThrow(
      expect.objectContaining({ code: "ERR_SCHEMAS_INVALID_SCHEMA" }),
    );
  });
});
