import { describe, expect, it } from "vitest";
import { escapeLogText } from "./escape-text.js";
import { isSecretKey, REDACTED, redactSecrets } from "./redact.js";

describe("redactSecrets", () => {
  it.each([
    "password",
    "Password",
    "newPassword",
    "passwd",
    "token",
    "accessToken",
    "refresh_token",
    "authorization",
    "Authorization",
    "cookie",
    "Set-Cookie",
    "secret",
    "clientSecret",
    "apiKey",
    "x-api-key",
    "API_KEY",
    "privateKey",
    "credentials",
    "sessionId",
    "auth",
    "pwd",
    "jwt",
  ])("redacts key %s", (key) => {
    expect(redactSecrets({ [key]: "hunter2" })).toEqual({ [key]: REDACTED });
  });

  it.each(["username", "author", "route", "options", "spinner"])("keeps key %s", (key) => {
    expect(isSecretKey(key)).toBe(false);
  });

  it("redacts nested and array values", () => {
    const input = {
      details: { headers: { authorization: "Bearer abc", accept: "text/html" } },
      list: [{ password: "a" }, { cookie: "sid=1" }, "plain"],
    };
    expect(redactSecrets(input)).toEqual({
      details: { headers: { authorization: REDACTED, accept: "text/html" } },
      list: [{ password: REDACTED }, { cookie: REDACTED }, "plain"],
    });
  });

  it("redacts whole objects under secret keys", () => {
    expect(redactSecrets({ credentials: { user: "a", pass: "b" } })).toEqual({
      credentials: REDACTED,
    });
  });

  it("scrubs bearer credentials in text", () => {
    expect(redactSecrets("header was Bearer abc.def-123")).toBe(`header was Bearer ${REDACTED}`);
    expect(redactSecrets("basic dXNlcjpwYXNz end")).toBe(`basic ${REDACTED} end`);
  });

  it("scrubs JWT-shaped tokens in text", () => {
    const jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl";
    expect(redactSecrets(`reason: bad ${jwt} given`)).toBe(`reason: bad ${REDACTED} given`);
  });

  it("leaves the input unchanged", () => {
    const input = { password: "hunter2", nested: { username: "bob\n" } };
    redactSecrets(input);
    expect(input).toEqual({ password: "hunter2", nested: { username: "bob\n" } });
  });

  it("escapes line breaks in usernames", () => {
    const forged = 'alice\r\n{"level":30,"msg":"login ok"}';
    const result = redactSecrets({ username: forged }) as { username: string };
    expect(result.username).toBe('alice\\r\\n{"level":30,"msg":"login ok"}');
    expect(result.username).not.toMatch(/[\r\n]/);
  });

  it("escapes terminal escape sequences", () => {
    const result = redactSecrets({ route: "/api/\u001b[31mred\u001b[0m\u009b2J" });
    expect(result).toEqual({ route: "/api/\\u001b[31mred\\u001b[0m\\u009b2J" });
  });

  it("escapes keys as well as values", () => {
    expect(redactSecrets({ "a\nb": 1 })).toEqual({ "a\\nb": 1 });
  });

  it("keeps __proto__ keys as plain properties", () => {
    const input = JSON.parse('{"__proto__":{"polluted":true}}') as object;
    const result = redactSecrets(input) as Record<string, unknown>;
    expect(Object.getPrototypeOf(result)).toBe(Object.prototype);
    expect(Object.keys(result)).toEqual(["__proto__"]);
  });

  it("marks cycles and deep nesting", () => {
    const cyclic: Record<string, unknown> = { name: "root" };
    cyclic.self = cyclic;
    expect(redactSecrets(cyclic)).toEqual({ name: "root", self: "[Circular]" });

    let deep: Record<string, unknown> = { leaf: true };
    for (let level = 0; level < 10; level += 1) deep = { next: deep };
    expect(JSON.stringify(redactSecrets(deep))).toContain('"[Truncated]"');
  });

  it("converts dates, bigints and functions", () => {
    expect(
      redactSecrets({ at: new Date(0), big: 10n, run: () => 1, count: 2, none: null }),
    ).toEqual({ at: "1970-01-01T00:00:00.000Z", big: "10", count: 2, none: null });
  });
});

describe("escapeLogText", () => {
  it.each([
    ["a\nb", "a\\nb"],
    ["a\rb", "a\\rb"],
    ["a\tb", "a\\tb"],
    ["a\\nb", "a\\\\nb"],
    ["\u0000\u0007\u007f", "\\u0000\\u0007\\u007f"],
    ["line\u2028sep\u2029", "line\\u2028sep\\u2029"],
    ["admin\u202egnp.exe", "admin\\u202egnp.exe"],
    ["café ünïcode 日本", "café ünïcode 日本"],
  ])("escapes %j", (input, expected) => {
    expect(escapeLogText(input)).toBe(expected);
  });

  it("cuts long text with a marker", () => {
    const escaped = escapeLogText("x".repeat(1100));
    expect(escaped.startsWith("x".repeat(1024))).toBe(true);
    expect(escaped.endsWith("...[76 more characters]")).toBe(true);
  });
});
