import { describe, expect, it } from "vitest";
import { BulwarkError, createHttpError } from "./bulwark-error.js";
import { RESPONSE_CODES } from "./response-codes.js";

describe("BulwarkError", () => {
  it("keeps code, status, errors, headers and cause", () => {
    const cause = new Error("store down");
    const error = new BulwarkError("ERR_TEST_PROBLEM", "Something failed.", {
      status: 503,
      errors: [{ field: "name", message: "Name is required" }],
      headers: [["Retry-After", "5"]],
      cause,
    });

    expect(error.code).toBe("ERR_TEST_PROBLEM");
    expect(error.message).toBe("Something failed.");
    expect(error.status).toBe(503);
    expect(error.errors).toEqual([{ field: "name", message: "Name is required" }]);
    expect(error.headers).toEqual([["Retry-After", "5"]]);
    expect(error.cause).toBe(cause);
    expect(error.name).toBe("BulwarkError");
  });

  it("names subclasses after themselves", () => {
    class LimiterError extends BulwarkError {}
    const error = new LimiterError("ERR_LIMITER_INVALID_POINTS", "points must be positive.");

    expect(error.name).toBe("LimiterError");
    expect(BulwarkError.isInstance(error)).toBe(true);
  });

  it("recognises errors by brand across copies", () => {
    const foreign = Object.assign(new Error("copy"), {
      [Symbol.for("@bulwark/core.BulwarkError")]: true,
    });

    expect(BulwarkError.isInstance(foreign)).toBe(true);
  });

  it.each([
    ["plain Error", new Error("x")],
    ["null", null],
    ["string", "ERR_X"],
    ["object with code", { code: "RATE_LIMITED", status: 429 }],
    ["undefined", undefined],
  ])("rejects %s in isInstance", (_label, value) => {
    expect(BulwarkError.isInstance(value)).toBe(false);
  });
});

describe("createHttpError", () => {
  it.each(Object.entries(RESPONSE_CODES))("uses the registry for %s", (code, entry) => {
    const error = createHttpError(code as keyof typeof RESPONSE_CODES);

    expect(error.code).toBe(code);
    expect(error.status).toBe(entry.status);
    expect(error.message).toBe(entry.message);
  });

  it("takes a specific message and headers", () => {
    const error = createHttpError("RATE_LIMITED", {
      message: "Too many login attempts, please try again after 15 minutes.",
      headers: [["Retry-After", "900"]],
    });

    expect(error.status).toBe(429);
    expect(error.message).toBe("Too many login attempts, please try again after 15 minutes.");
    expect(error.headers).toEqual([["Retry-After", "900"]]);
  });
});
