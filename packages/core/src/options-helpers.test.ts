import { describe, expect, it } from "vitest";
import { BulwarkError } from "./bulwark-error.js";
import { checkOptionsObject, isPlainObject } from "./check-options.js";
import { describeValue } from "./describe-value.js";
import { resolveRequestId } from "./request-id.js";
import { createWarningEmitter } from "./warnings.js";

const createError = (code: string, message: string) => new BulwarkError(code, message);

describe("checkOptionsObject", () => {
  it("returns an empty record for undefined", () => {
    expect(checkOptionsObject(undefined, ["a"], "ERR_X", "thing", createError)).toEqual({});
  });

  it("returns known keys as given", () => {
    const options = { a: 1 };
    expect(checkOptionsObject(options, ["a", "b"], "ERR_X", "thing", createError)).toBe(options);
  });

  it.each([
    ["null", null],
    ["array", []],
    ["string", "a"],
    ["number", 5],
    ["class instance", new Date()],
    ["function", () => {}],
  ])("rejects %s", (_label, value) => {
    expect(() => checkOptionsObject(value, ["a"], "ERR_X", "thing", createError)).toThrow(
      expect.objectContaining({ code: "ERR_X" }),
    );
  });

  it("names the unknown key", () => {
    expect(() =>
      checkOptionsObject({ trustproxy: true }, ["trustProxy"], "ERR_X", "thing", createError),
    ).toThrow(/"trustproxy"/);
  });
});

describe("isPlainObject", () => {
  it("accepts literals and null-prototype objects", () => {
    expect(isPlainObject({})).toBe(true);
    expect(isPlainObject(Object.create(null))).toBe(true);
    expect(isPlainObject(new Map())).toBe(false);
  });
});

describe("describeValue", () => {
  it.each([
    ["x", '"x"'],
    [-5, "-5"],
    [Number.NaN, "NaN"],
    [Number.POSITIVE_INFINITY, "Infinity"],
    [null, "null"],
    [undefined, "undefined"],
    [[1, 2], "[1,2]"],
    [10n, "10"],
  ])("describes %s", (value, expected) => {
    expect(describeValue(value)).toBe(expected);
  });

  it("cuts long values to 80 characters", () => {
    expect(describeValue("a".repeat(500))).toHaveLength(80);
  });

  it("survives circular objects", () => {
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    expect(describeValue(circular)).toBe("[object Object]");
  });
});

describe("resolveRequestId", () => {
  it("generates a UUID by default", () => {
    expect(resolveRequestId({ "x-request-id": "abc" })).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("takes a well-formed incoming id", () => {
    expect(resolveRequestId({ "x-request-id": "abc-123" }, { header: "x-request-id" })).toBe(
      "abc-123",
    );
  });

  it.each([
    ["line break", "abc\r\nInjected: 1"],
    ["empty", ""],
    ["too long", "a".repeat(129)],
    ["spaces", "a b"],
  ])("replaces an incoming id with %s", (_label, incoming) => {
    const id = resolveRequestId({ "x-request-id": incoming }, { header: "x-request-id" });
    expect(id).not.toBe(incoming);
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe("createWarningEmitter", () => {
  it("emits each code once", () => {
    const seen: unknown[] = [];
    const warnings = createWarningEmitter({
      logger: {
        debug: () => {},
        info: () => {},
        warn: (context) => seen.push(context),
        error: () => {},
      },
    });

    warnings.warn("WARN_A", "first");
    warnings.warn("WARN_A", "again");
    warnings.warn("WARN_B", "other");

    expect(seen).toEqual([{ code: "WARN_A" }, { code: "WARN_B" }]);
  });

  it("skips disabled codes", () => {
    const seen: unknown[] = [];
    const warnings = createWarningEmitter({
      disabledWarnings: ["WARN_A"],
      logger: {
        debug: () => {},
        info: () => {},
        warn: (context) => seen.push(context),
        error: () => {},
      },
    });

    warnings.warn("WARN_A", "first");

    expect(seen).toEqual([]);
  });

  it("uses process.emitWarning without a logger", async () => {
    const received = new Promise<Error & { code?: string }>((resolve) => {
      process.once("warning", resolve);
    });

    createWarningEmitter().warn("WARN_CORE_TEST", "test warning");

    await expect(received).resolves.toMatchObject({ code: "WARN_CORE_TEST" });
  });
});
