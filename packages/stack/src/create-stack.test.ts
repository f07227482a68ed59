import { BulwarkError, createCoreRequest } from "@bulwark/core";
import { describe, expect, it } from "vitest";
import { createStack } from "./create-stack.js";

const format = {
  code: "ERR_TEST_INVALID_OPTIONS",
  label: "test",
  createError: (code: string, message: string) => new BulwarkError(code, message),
};

function request(path: string, headers: Record<string, string> = {}, remoteAddress = "127.0.0.1") {
  return createCoreRequest({ method: "GET", url: path, headers, remoteAddress });
}

describe("createStack", () => {
  it("identifies the client and request", () => {
    const stack = createStack({ requestIdHeader: "x-request-id" }, format);
    const identity = stack.identify(
      request("/", { "x-request-id": "abc-1" }, "::ffff:203.0.113.9"),
    );
    expect(identity).toEqual({ clientIp: "203.0.113.9", requestId: "abc-1", https: false });
  });

  it("sends HSTS only over HTTPS", () => {
    const stack = createStack({ securityHeaders: { preset: "guide" } }, format);
    const names = (https: boolean) =>
      stack
        .responseHeaders({ clientIp: undefined, requestId: "r", https })
        .set.map(([name]) => name);
    expect(names(true)).toContain("strict-transport-security");
    expect(names(false)).not.toContain("strict-transport-security");
  });

  it("removes server headers when headers are off", () => {
    const stack = createStack({ securityHeaders: false }, format);
    const headers = stack.responseHeaders({ clientIp: undefined, requestId: "r", https: false });
    expect(headers.set).toEqual([]);
    expect(headers.remove).toEqual(["x-powered-by", "server"]);
  });

  it("skips stack limits outside the prefix", async () => {
    const stack = createStack({ rateLimit: { policies: { api: { points: 1 } } } }, format);
    const identity = { clientIp: "203.0.113.9", requestId: "r", https: false };
    expect(await stack.checkStackLimits(request("/health"), identity)).toEqual([]);
    expect(await stack.checkStackLimits(request("/api/a"), identity)).not.toEqual([]);
    let thrown: unknown;
    try {
      await stack.checkStackLimits(request("/api/a"), identity);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toMatchObject({ status: 429, code: "RATE_LIMITED" });
    await stack.close();
  });

  it("decides memory limits synchronously", async () => {
    const stack = createStack({ rateLimit: { policies: { api: { points: 1 } } } }, format);
    const identity = { clientIp: "203.0.113.9", requestId: "r", https: false };
    const headers = stack.checkStackLimits(request("/api/a"), identity);
    expect(headers).not.toBeInstanceOf(Promise);
    expect(headers).toContainEqual(["RateLimit-Remaining", "0"]);
    expect(() => stack.checkStackLimits(request("/api/a"), identity)).toThrow(
      expect.objectContaining({ status: 429, code: "RATE_LIMITED" }),
    );
    await stack.close();
  });

  it("rejects route limits when limiting is off", async () => {
    const stack = createStack({ rateLimit: false }, format);
    const identity = { clientIp: "203.0.113.9", requestId: "r", https: false };
    await expect(stack.checkRouteLimit(["auth"], request("/"), identity)).rejects.toMatchObject({
      code: "ERR_TEST_INVALID_OPTIONS",
    });
  });

  it.each([
    ["unknown key", { rateLimits: {} }, "ERR_TEST_INVALID_OPTIONS"],
    ["stackLimits string", { stackLimits: "api" }, "ERR_TEST_INVALID_OPTIONS"],
    ["stackLimits unknown key", { stackLimits: { prefix: "/api" } }, "ERR_TEST_INVALID_OPTIONS"],
    ["unknown stack policy", { stackLimits: { policies: ["nope"] } }, "ERR_TEST_INVALID_OPTIONS"],
    ["relative pathPrefix", { stackLimits: { pathPrefix: "api" } }, "ERR_TEST_INVALID_OPTIONS"],
    ["null pathPrefix", { stackLimits: { pathPrefix: null } }, "ERR_TEST_INVALID_OPTIONS"],
    [
      "relative excludePaths",
      { stackLimits: { excludePaths: ["health"] } },
      "ERR_TEST_INVALID_OPTIONS",
    ],
    [
      "NaN points",
      { rateLimit: { policies: { api: { points: Number.NaN } } } },
      "ERR_LIMITER_INVALID_POINTS",
    ],
    [
      "negative points",
      { rateLimit: { policies: { api: { points: -1 } } } },
      "ERR_LIMITER_INVALID_POINTS",
    ],
    [
      "Infinity points",
      { rateLimit: { policies: { api: { points: Number.POSITIVE_INFINITY } } } },
      "ERR_LIMITER_INVALID_POINTS",
    ],
    ["invalid proxy", { clientIp: { trustProxy: ["nope"] } }, "ERR_IP_INVALID_PROXY"],
    [
      "invalid sanitizer path",
      { sanitizer: { richTextPaths: ["a..b"] } },
      "ERR_SANITIZER_INVALID_PATH",
    ],
    ["string maxErrors", { validation: { maxErrors: "5" } }, "ERR_SCHEMAS_INVALID_OPTIONS"],
  ])("rejects %s", (_label, options, code) => {
    expect(() => createStack(options, format)).toThrow(expect.objectContaining({ code }));
  });
});
