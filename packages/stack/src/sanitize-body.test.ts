import { BulwarkError, createCoreRequest, type SecurityEvent } from "@bulwark/core";
import { describe, expect, it } from "vitest";
import { createStack } from "./create-stack.js";

const format = {
  code: "ERR_TEST_INVALID_OPTIONS",
  label: "test",
  createError: (code: string, message: string) => new BulwarkError(code, message),
};

const request = createCoreRequest({
  method: "POST",
  url: "/api/contacts",
  headers: {},
  remoteAddress: "127.0.0.1",
});
const identity = { clientIp: "127.0.0.1", requestId: "r-1", https: false };

function nested(depth: number): unknown {
  let value: unknown = "x";
  for (let level = 0; level < depth; level += 1) value = { a: value };
  return value;
}

describe("stack.sanitize", () => {
  it("returns synchronously without rich text", () => {
    const stack = createStack({}, format);
    const value = stack.sanitize({ name: " <b>Ada</b> " }, request, identity);
    expect(value).not.toBeInstanceOf(Promise);
    expect(value).toEqual({ name: "Ada" });
  });

  it("returns a promise with rich text", async () => {
    const stack = createStack({ sanitizer: { richTextPaths: ["notes"] } }, format);
    const pending = stack.sanitize({ notes: "<b>hi</b><script>x</script>" }, request, identity);
    expect(pending).toBeInstanceOf(Promise);
    expect(await pending).toEqual({ notes: "<b>hi</b>" });
  });

  it("throws past the depth limit", () => {
    const stack = createStack({ sanitizer: { maxDepth: 2 } }, format);
    expect(() => stack.sanitize(nested(5), request, identity)).toThrow(
      expect.objectContaining({ status: 400, code: "BAD_REQUEST" }),
    );
  });

  it("rejects past the depth limit with rich text", async () => {
    const stack = createStack({ sanitizer: { maxDepth: 2, richTextPaths: ["notes"] } }, format);
    await expect(stack.sanitize(nested(5), request, identity)).rejects.toMatchObject({
      status: 400,
      code: "BAD_REQUEST",
    });
  });

  it("returns the body when sanitizer is off", () => {
    const stack = createStack({ sanitizer: false }, format);
    const body = { name: " <b>Ada</b> " };
    expect(stack.sanitize(body, request, identity)).toBe(body);
  });

  it("publishes injection findings with context", () => {
    const events: SecurityEvent[] = [];
    const stack = createStack(
      { events: { publish: (event: SecurityEvent) => events.push(event) } },
      format,
    );
    stack.sanitize({ name: "x' OR '1'='1" }, request, identity);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      type: "injection.suspected",
      clientIp: "127.0.0.1",
      method: "POST",
      route: "/api/contacts",
      requestId: "r-1",
    });
  });

  it("publishes nothing for a clean body", () => {
    const events: SecurityEvent[] = [];
    const stack = createStack(
      { events: { publish: (event: SecurityEvent) => events.push(event) } },
      format,
    );
    stack.sanitize({ name: "Ada Lovelace" }, request, identity);
    expect(events).toEqual([]);
  });
});
