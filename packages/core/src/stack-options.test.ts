import { describe, expect, it } from "vitest";
import { DEFAULT_BODY_LIMITS } from "./body-policy.js";
import { BulwarkError } from "./bulwark-error.js";
import { NOOP_LOGGER } from "./logger.js";
import { parseStackSettings } from "./stack-options.js";

const format = {
  code: "ERR_TEST_INVALID_OPTIONS",
  label: "test",
  createError: (code: string, message: string) => new BulwarkError(code, message),
};

describe("parseStackSettings", () => {
  it("applies defaults", () => {
    expect(parseStackSettings(undefined, [], format)).toEqual({
      logger: NOOP_LOGGER,
      events: undefined,
      requestIdHeader: undefined,
      disabledWarnings: [],
      bodyLimits: DEFAULT_BODY_LIMITS,
    });
  });

  it("merges partial body limits", () => {
    const settings = parseStackSettings({ bodyLimits: { json: 1024 } }, [], format);
    expect(settings.bodyLimits).toEqual({ ...DEFAULT_BODY_LIMITS, json: 1024 });
  });

  it("accepts capability keys", () => {
    expect(() => parseStackSettings({ rateLimit: {} }, ["rateLimit"], format)).not.toThrow();
  });

  it.each([
    ["unknown key", { logLevel: "info" }],
    ["null options", null],
    ["logger without methods", { logger: {} }],
    ["null logger", { logger: null }],
    ["null disabledWarnings", { disabledWarnings: null }],
    ["events without publish", { events: { emit() {} } }],
    ["upper-case requestIdHeader", { requestIdHeader: "X-Request-Id" }],
    ["numeric requestIdHeader", { requestIdHeader: 5 }],
    ["disabledWarnings string", { disabledWarnings: "WARN_X" }],
    ["bodyLimits string", { bodyLimits: "10mb" }],
    ["bodyLimits unknown kind", { bodyLimits: { text: 10 } }],
    ["bodyLimits NaN", { bodyLimits: { json: Number.NaN } }],
    ["bodyLimits Infinity", { bodyLimits: { json: Number.POSITIVE_INFINITY } }],
    ["bodyLimits negative", { bodyLimits: { json: -1 } }],
    ["bodyLimits zero", { bodyLimits: { json: 0 } }],
    ["bodyLimits fraction", { bodyLimits: { json: 1.5 } }],
    ["bodyLimits null", { bodyLimits: { json: null } }],
  ])("rejects %s", (_label, input) => {
    expect(() => parseStackSettings(input, [], format)).toThrow(
      expect.objectContaining({ code: "ERR_TEST_INVALID_OPTIONS" }),
    );
  });
});
