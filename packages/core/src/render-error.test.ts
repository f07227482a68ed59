import { describe, expect, it } from "vitest";
import { BulwarkError, createHttpError } from "./bulwark-error.js";
import { attachSecurityEvent } from "./error-event.js";
import { renderRequestError } from "./render-error.js";

function bodyOf(error: unknown) {
  return JSON.parse(renderRequestError(error).response.body);
}

describe("renderRequestError", () => {
  it("keeps request-time errors", () => {
    const error = createHttpError("RATE_LIMITED", { headers: [["Retry-After", "5"]] });
    const rendered = renderRequestError(error);
    expect(rendered.response.status).toBe(429);
    expect(rendered.response.headers).toEqual([["Retry-After", "5"]]);
    expect(rendered.internal).toBe(false);
  });

  it("maps framework client errors by status", () => {
    const frameworkError = Object.assign(new Error("FST_ERR_CTP_INVALID_MEDIA_TYPE"), {
      statusCode: 415,
    });
    expect(renderRequestError(frameworkError).response.status).toBe(415);
    expect(bodyOf(frameworkError).code).toBe("UNSUPPORTED_MEDIA_TYPE");
    expect(bodyOf(frameworkError).message).not.toContain("FST_");
  });

  it("maps unknown 4xx statuses to 400", () => {
    const error = Object.assign(new Error("URI malformed"), { status: 414 });
    expect(renderRequestError(error).response.status).toBe(400);
    expect(bodyOf(error).code).toBe("BAD_REQUEST");
  });

  it.each([
    ["plain error", new Error("secret")],
    ["5xx status", Object.assign(new Error("secret"), { status: 503 })],
    ["developer error", new BulwarkError("ERR_X_BROKEN", "secret")],
    ["string", "secret"],
    ["null", null],
  ])("hides a %s as 500", (_label, error) => {
    const rendered = renderRequestError(error);
    expect(rendered.internal).toBe(true);
    expect(rendered.response.status).toBe(500);
    expect(rendered.response.body).not.toContain("secret");
  });

  it("returns the attached event", () => {
    const error = attachSecurityEvent(createHttpError("MALFORMED_JSON"), "body.malformed", {
      contentType: "application/json",
      reason: "invalid_json",
    });
    expect(renderRequestError(error).event?.type).toBe("body.malformed");
  });
});
