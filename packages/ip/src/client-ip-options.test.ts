import { afterEach, describe, expect, it, vi } from "vitest";
import { DEFAULT_FORWARDED_HEADERS, parseClientIpOptions } from "./client-ip-options.js";

function captureError(run: () => unknown): { code: string; message: string } {
  try {
    run();
  } catch (error) {
    return error as { code: string; message: string };
  }
  throw new Error("expected an error");
}

describe("parseClientIpOptions", () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it("defaults to trusting nothing", () => {
    const parsed = parseClientIpOptions(undefined);
    expect(parsed.trust.mode).toBe("none");
    expect(parsed.forwardedHeaders).toEqual(DEFAULT_FORWARDED_HEADERS);
  });

  it("keeps forwardedHeaders order", () => {
    const parsed = parseClientIpOptions({ forwardedHeaders: ["x-real-ip", "forwarded"] });
    expect(parsed.forwardedHeaders).toEqual(["x-real-ip", "forwarded"]);
  });

  it.each([
    ["null options", null, "ERR_IP_INVALID_OPTIONS"],
    ["string options", "loopback", "ERR_IP_INVALID_OPTIONS"],
    ["unknown key", { trustproxy: true }, "ERR_IP_INVALID_OPTIONS"],
    ["logger without warn", { logger: {} }, "ERR_IP_INVALID_OPTIONS"],
    ["logger string", { logger: "pino" }, "ERR_IP_INVALID_OPTIONS"],
    [
      "disabledWarnings string",
      { disabledWarnings: "WARN_IP_TRUST_ALL" },
      "ERR_IP_INVALID_OPTIONS",
    ],
    ["disabledWarnings numbers", { disabledWarnings: [1] }, "ERR_IP_INVALID_OPTIONS"],
    ["trustProxy NaN", { trustProxy: Number.NaN }, "ERR_IP_INVALID_TRUST_PROXY"],
    ["trustProxy negative", { trustProxy: -2 }, "ERR_IP_INVALID_TRUST_PROXY"],
    ["trustProxy null", { trustProxy: null }, "ERR_IP_INVALID_TRUST_PROXY"],
    ["trustProxy garbage", { trustProxy: ["10.0.0.1", "x"] }, "ERR_IP_INVALID_PROXY"],
    ["headers empty", { forwardedHeaders: [] }, "ERR_IP_INVALID_FORWARDED_HEADERS"],
    ["headers string", { forwardedHeaders: "forwarded" }, "ERR_IP_INVALID_FORWARDED_HEADERS"],
    ["headers unknown", { forwardedHeaders: ["x-client-ip"] }, "ERR_IP_INVALID_FORWARDED_HEADERS"],
    ["headers upper case", { forwardedHeaders: ["Forwarded"] }, "ERR_IP_INVALID_FORWARDED_HEADERS"],
    [
      "headers repeated",
      { forwardedHeaders: ["forwarded", "forwarded"] },
      "ERR_IP_INVALID_FORWARDED_HEADERS",
    ],
    ["headers null", { forwardedHeaders: null }, "ERR_IP_INVALID_FORWARDED_HEADERS"],
  ])("rejects %s", (_label, options, code) => {
    expect(captureError(() => parseClientIpOptions(options))).toMatchObject({ code });
  });

  it("renders readable messages", () => {
    const messages = [
      { trustproxy: true },
      { trustProxy: -1 },
      { trustProxy: "10.0.0.0/33" },
      { trustProxy: [null] },
      { forwardedHeaders: ["x-client-ip"] },
      { logger: {} },
      { disabledWarnings: "WARN_IP_TRUST_ALL" },
    ].map((options) => captureError(() => parseClientIpOptions(options)).message);
    expect(messages).toMatchSnapshot();
  });

  it("warns once for trust all", () => {
    const warn = vi.fn();
    const logger = { debug: vi.fn(), info: vi.fn(), warn, error: vi.fn() };
    parseClientIpOptions({ trustProxy: true, logger });
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0]?.[0]).toEqual({ code: "WARN_IP_TRUST_ALL" });
  });

  it("emits trust-all warning through process", () => {
    const emitWarning = vi.spyOn(process, "emitWarning").mockImplementation(() => {});
    parseClientIpOptions({ trustProxy: true });
    expect(emitWarning).toHaveBeenCalledWith(expect.any(String), { code: "WARN_IP_TRUST_ALL" });
  });

  it("skips disabled trust-all warning", () => {
    const warn = vi.fn();
    const logger = { debug: vi.fn(), info: vi.fn(), warn, error: vi.fn() };
    parseClientIpOptions({ trustProxy: true, logger, disabledWarnings: ["WARN_IP_TRUST_ALL"] });
    expect(warn).not.toHaveBeenCalled();
  });
});
