import { describe, expect, it } from "vitest";
import { BulwarkError, createHttpError } from "./bulwark-error.js";
import { toErrorResponse } from "./error-response.js";
import type { ResponseCode } from "./response-codes.js";

const EXPECTED_BODIES: Record<ResponseCode, [number, string]> = {
  BAD_REQUEST: [
    400,
    '{"message":"The request is invalid. Check its headers and body, then try again.","code":"BAD_REQUEST"}',
  ],
  VALIDATION_FAILED: [400, '{"message":"Validation failed","code":"VALIDATION_FAILED"}'],
  MALFORMED_JSON: [
    400,
    '{"message":"The request body is not valid JSON. Check the syntax and send it again.","code":"MALFORMED_JSON"}',
  ],
  UNAUTHORIZED: [
    401,
    '{"message":"Authentication is required. Sign in and send the token as a Bearer token.","code":"UNAUTHORIZED"}',
  ],
  FORBIDDEN: [
    403,
    '{"message":"You do not have permission to perform this action.","code":"FORBIDDEN"}',
  ],
  NOT_FOUND: [404, '{"message":"The requested resource was not found.","code":"NOT_FOUND"}'],
  CONFLICT: [
    409,
    '{"message":"The request conflicts with the current state of the resource.","code":"CONFLICT"}',
  ],
  PAYLOAD_TOO_LARGE: [
    413,
    '{"message":"The request body is larger than this endpoint accepts. Send a smaller body.","code":"PAYLOAD_TOO_LARGE"}',
  ],
  UNSUPPORTED_MEDIA_TYPE: [
    415,
    '{"message":"The request body has an unsupported Content-Type. Send it as application/json.","code":"UNSUPPORTED_MEDIA_TYPE"}',
  ],
  RATE_LIMITED: [
    429,
    '{"message":"Too many requests, please try again later.","code":"RATE_LIMITED"}',
  ],
  INTERNAL_ERROR: [
    500,
    '{"message":"An unexpected error occurred. Please try again later.","code":"INTERNAL_ERROR"}',
  ],
  SERVICE_UNAVAILABLE: [
    503,
    '{"message":"The service is temporarily unavailable. Please try again later.","code":"SERVICE_UNAVAILABLE"}',
  ],
};

describe("toErrorResponse", () => {
  it.each(Object.entries(EXPECTED_BODIES))("renders the exact body for %s", (code, expected) => {
    const response = toErrorResponse(createHttpError(code as ResponseCode));

    expect(response.status).toBe(expected[0]);
    expect(response.body).toBe(expected[1]);
  });

  it("renders the validation body with field errors", () => {
    const error = createHttpError("VALIDATION_FAILED", {
      errors: [{ field: "username", message: "Username must be at least 3 characters" }],
    });

    expect(toErrorResponse(error).body).toBe(
      '{"message":"Validation failed","code":"VALIDATION_FAILED","errors":[{"field":"username","message":"Username must be at least 3 characters"}]}',
    );
  });

  it("passes headers through", () => {
    const error = createHttpError("RATE_LIMITED", { headers: [["Retry-After", "60"]] });

    expect(toErrorResponse(error).headers).toEqual([["Retry-After", "60"]]);
  });

  it("never renders a stack or cause", () => {
    const error = createHttpError("BAD_REQUEST", { cause: new Error("secret=hunter2") });
    const body = toErrorResponse(error).body;

    expect(body).not.toContain("stack");
    expect(body).not.toContain("hunter2");
    expect(Object.keys(JSON.parse(body))).toEqual(["message", "code"]);
  });

  it("copies only field and message from field errors", () => {
    const fieldError = { field: "a", message: "b", stack: "at x", secret: "y" };
    const body = toErrorResponse(
      createHttpError("VALIDATION_FAILED", { errors: [fieldError] }),
    ).body;

    expect(JSON.parse(body).errors).toEqual([{ field: "a", message: "b" }]);
  });

  it.each([
    ["plain Error", new Error("database password is hunter2")],
    ["thrown string", "boom"],
    ["null", null],
    ["developer error", new BulwarkError("ERR_LIMITER_INVALID_POINTS", "points invalid")],
    ["unknown code", new BulwarkError("TEAPOT", "short and stout", { status: 418 })],
    ["status out of range", new BulwarkError("BAD_REQUEST", "odd", { status: 200 })],
  ])("hides internals of %s behind INTERNAL_ERROR", (_label, thrown) => {
    const response = toErrorResponse(thrown);

    expect(response.status).toBe(500);
    expect(JSON.parse(response.body)).toEqual({
      message: "An unexpected error occurred. Please try again later.",
      code: "INTERNAL_ERROR",
    });
  });
});
