import { toErrorResponse } from "@bulwark/core";
import fc from "fast-check";
import { describe, expect, expectTypeOf, it } from "vitest";
import { z } from "zod";
import { idParamsSchema, paginationQuerySchema } from "./common-schemas.js";
import { bulkContactsSchema, contactCreateSchema } from "./contacts.js";
import { MAX_FIELD_ERRORS } from "./format-issues.js";
import { loginSchema } from "./login.js";
import { createRequestValidator, parseRequest, validateRequest } from "./request-validator.js";
import { validatePart } from "./validate-part.js";

const contactId = "0190f5a2-7b3c-7def-8abc-1234567890ab";

describe("validateRequest", () => {
  it("returns typed parsed parts", () => {
    const result = validateRequest(
      { params: idParamsSchema, query: paginationQuerySchema, body: contactCreateSchema },
      {
        params: { id: contactId.toUpperCase() },
        query: "limit=5",
        body: { firstName: "Ada", lastName: "L" },
      },
    );
    expect(result.success).toBe(true);
    if (!result.success) return;
    expectTypeOf(result.data.query.limit).toEqualTypeOf<number>();
    expectTypeOf(result.data.params.id).toEqualTypeOf<string>();
    expect(result.data).toEqual({
      params: { id: contactId },
      query: { limit: 5, offset: 0 },
      body: { firstName: "Ada", lastName: "L" },
    });
  });

  it("renders the error body exactly", () => {
    const result = validateRequest(
      { body: loginSchema },
      { body: { username: "ab", password: "longenough" } },
    );
    expect(result.success).toBe(false);
    if (result.success) return;
    const response = toErrorResponse(result.error);
    expect(response.status).toBe(400);
    expect(response.body).toBe(
      '{"message":"Validation failed","code":"VALIDATION_FAILED","errors":[{"field":"username","message":"Username must be at least 3 characters"}]}',
    );
  });

  it("reports every part in order", () => {
    const result = validateRequest(
      {
        params: idParamsSchema,
        query: paginationQuerySchema,
        headers: z.object({ "x-tenant": z.string() }),
        body: contactCreateSchema,
      },
      { params: { id: "1" }, query: "limit=0", headers: {}, body: {} },
    );
    expect(result.success).toBe(false);
    if (result.success) return;
    expect(result.error.errors?.map((entry) => entry.field)).toEqual([
      "params.id",
      "query.limit",
      'headers["x-tenant"]',
      "firstName",
      "lastName",
    ]);
  });

  it("reports a missing body", () => {
    const result = validateRequest({ body: contactCreateSchema }, {});
    expect(result.success).toBe(false);
    if (!result.success)
      expect(result.error.errors).toEqual([{ field: "body", message: "Request body is required" }]);
  });

  it("strips unknown keys by default", () => {
    const result = validateRequest(
      { body: loginSchema },
      { body: { username: "bob", password: "12345678", role: "admin" } },
    );
    expect(result.success).toBe(true);
    if (result.success) expect(result.data.body).toEqual({ username: "bob", password: "12345678" });
  });

  it("rejects unknown keys when strict", () => {
    const result = validateRequest(
      { body: bulkContactsSchema, query: paginationQuerySchema },
      {
        body: { contacts: [{ firstName: "A", lastName: "B", nickname: "x" }], extra: 1 },
        query: "page=2",
      },
      { strict: true },
    );
    expect(result.success).toBe(false);
    if (result.success) return;
    expect(result.error.errors).toEqual([
      { field: "query.page", message: 'Query parameter "page" is not allowed' },
      { field: "contacts[0].nickname", message: 'Field "nickname" is not allowed' },
      { field: "extra", message: 'Field "extra" is not allowed' },
    ]);
  });

  it("never applies strict to headers", () => {
    const result = validateRequest(
      { headers: z.object({ "x-tenant": z.string() }) },
      { headers: { "x-tenant": "acme", "user-agent": "test" } },
      { strict: true },
    );
    expect(result.success).toBe(true);
    if (result.success) expect(result.data.headers).toEqual({ "x-tenant": "acme" });
  });

  it("rejects repeated scalar query keys", () => {
    const result = validateRequest({ query: paginationQuerySchema }, { query: "limit=5&limit=50" });
    expect(result.success).toBe(false);
    if (!result.success) {
      expect(result.error.errors).toEqual([
        { field: "query.limit", message: "Limit must be a single value, not a list" },
      ]);
    }
  });

  it("accepts framework query objects", () => {
    const query = Object.assign(Object.create(null), { limit: "7", offset: ["1", "2"] });
    const result = validateRequest({ query: paginationQuerySchema }, { query });
    expect(result.success).toBe(false);
    if (!result.success)
      expect(result.error.errors?.map((entry) => entry.field)).toEqual(["query.offset"]);
  });

  it("caps a 10,000-item bad array", () => {
    const schema = z.object({ items: z.array(z.object({ email: z.email() })) });
    const items = Array.from({ length: 10_000 }, () => ({ email: "bad" }));
    const result = validateRequest({ body: schema }, { body: { items } });
    expect(result.success).toBe(false);
    if (result.success) return;
    expect(result.error.errors).toHaveLength(MAX_FIELD_ERRORS);
    expect(result.error.errors?.[99]?.field).toBe("items[99].email");
    expect(toErrorResponse(result.error).body.length).toBeLessThan(10_000);
  });

  it("shares the cap across parts", () => {
    const schema = z.object({ a: z.string(), b: z.string(), c: z.string() });
    const result = validateRequest(
      { query: schema, body: schema },
      { query: "", body: {} },
      { maxErrors: 4 },
    );
    expect(result.success).toBe(false);
    if (!result.success) expect(result.error.errors).toHaveLength(4);
  });

  it("drops pollution key from closed schema", () => {
    const body = JSON.parse('{"__proto__":{"isAdmin":true},"firstName":"A","lastName":"B"}');
    const result = validateRequest({ body: contactCreateSchema }, { body });
    expect(result.success).toBe(true);
    if (!result.success) return;
    expect(Object.getOwnPropertyNames(result.data.body)).toEqual(["firstName", "lastName"]);
    expect(Object.getPrototypeOf(result.data.body)).toBe(Object.prototype);
  });

  it("names pollution key when strict", () => {
    const body = JSON.parse('{"__proto__":{"isAdmin":true},"firstName":"A","lastName":"B"}');
    const result = validateRequest({ body: contactCreateSchema }, { body }, { strict: true });
    expect(result.success).toBe(false);
    if (!result.success)
      expect(result.error.errors).toEqual([
        { field: "__proto__", message: 'Field "__proto__" is not allowed' },
      ]);
  });

  it.each([
    ['{"meta":{"__proto__":{"isAdmin":true}}}', "meta.__proto__"],
    ['{"meta":{"a":{"b":[{"__proto__":1}]}}}', "meta.a.b[0].__proto__"],
    ['{"meta":{"constructor":{"prototype":{"isAdmin":true}}}}', "meta.constructor"],
    ['{"extra":{"__proto__":{}}}', "extra.__proto__"],
  ])("rejects pollution key in %s", (json, field) => {
    const schema = z.looseObject({ meta: z.unknown().optional() });
    const result = validateRequest({ body: schema }, { body: JSON.parse(json) });
    expect(result.success).toBe(false);
    if (!result.success) expect(result.error.errors?.map((entry) => entry.field)).toEqual([field]);
  });

  it("keeps pollution keys out of records", () => {
    const schema = z.object({ meta: z.record(z.string(), z.unknown()) });
    const body = JSON.parse('{"meta":{"a":1,"__proto__":{"polluted":true}}}');
    const result = validateRequest({ body: schema }, { body });
    expect(result.success).toBe(false);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("rejects pollution key in query", () => {
    const result = validateRequest(
      { query: z.record(z.string(), z.string()) },
      { query: "__proto__=x&a=1" },
    );
    expect(result.success).toBe(false);
    if (!result.success)
      expect(result.error.errors?.map((entry) => entry.field)).toEqual(["query.__proto__"]);
  });

  it("accepts constructor as a plain field", () => {
    const schema = z.object({ constructor: z.string() });
    const result = validateRequest(
      { body: schema },
      { body: JSON.parse('{"constructor":"Acme builders"}') },
    );
    expect(result.success).toBe(true);
    if (result.success) expect(result.data.body).toEqual({ constructor: "Acme builders" });
  });

  it.each([
    [{ strict: "yes" }, "ERR_SCHEMAS_INVALID_OPTIONS"],
    [{ strict: null }, "ERR_SCHEMAS_INVALID_OPTIONS"],
    [{ maxErrors: 0 }, "ERR_SCHEMAS_INVALID_OPTIONS"],
    [{ maxErrors: -5 }, "ERR_SCHEMAS_INVALID_OPTIONS"],
    [{ maxErrors: Number.NaN }, "ERR_SCHEMAS_INVALID_OPTIONS"],
    [{ maxErrors: Number.POSITIVE_INFINITY }, "ERR_SCHEMAS_INVALID_OPTIONS"],
    [{ maxErrors: 2.5 }, "ERR_SCHEMAS_INVALID_OPTIONS"],
    [{ maxErrors: "100" }, "ERR_SCHEMAS_INVALID_OPTIONS"],
    [{ maxErrors: 1001 }, "ERR_SCHEMAS_INVALID_OPTIONS"],
    [{ stripUnknown: true }, "ERR_SCHEMAS_INVALID_OPTIONS"],
    [null, "ERR_SCHEMAS_INVALID_OPTIONS"],
  ])("rejects options %j", (options, code) => {
    expect(() => createRequestValidator({ body: loginSchema }, options as never)).toThrow(
      expect.objectContaining({ code }),
    );
  });

  it.each([
    [{ body: { parse: () => 1 } }, "ERR_SCHEMAS_INVALID_SCHEMA"],
    [{ body: "loginSchema" }, "ERR_SCHEMAS_INVALID_SCHEMA"],
    [{ body: null }, "ERR_SCHEMAS_INVALID_SCHEMA"],
    [{ cookies: loginSchema }, "ERR_SCHEMAS_INVALID_SCHEMA"],
    [loginSchema, "ERR_SCHEMAS_INVALID_SCHEMA"],
    [{ headers: z.object({ "X-Tenant": z.string() }) }, "ERR_SCHEMAS_INVALID_HEADER_NAME"],
    [{ headers: z.object({ "x tenant": z.string() }) }, "ERR_SCHEMAS_INVALID_HEADER_NAME"],
  ])("rejects schemas %#", (schemas, code) => {
    expect(() => createRequestValidator(schemas as never)).toThrow(
      expect.objectContaining({ code }),
    );
  });

  it("rejects async schemas", () => {
    const schema = z.object({ name: z.string().refine(async () => true) });
    expect(() => validateRequest({ body: schema }, { body: { name: "a" } })).toThrow(
      expect.objectContaining({ code: "ERR_SCHEMAS_ASYNC_SCHEMA" }),
    );
  });

  it("never throws on arbitrary JSON", () => {
    const validator = createRequestValidator({
      body: bulkContactsSchema,
      query: paginationQuerySchema,
    });
    const hostileKey = fc.constantFrom(
      "__proto__",
      "constructor",
      "prototype",
      "toString",
      "valueOf",
      "hasOwnProperty",
    );
    const key = fc.oneof(fc.string(), hostileKey);
    const json = fc.letrec((tie) => ({
      value: fc.oneof(
        { depthSize: "small" },
        fc.jsonValue({ maxDepth: 2 }),
        fc.array(tie("value"), { maxLength: 5 }),
        fc.dictionary(key, tie("value"), { maxKeys: 5 }),
      ),
    })).value;
    fc.assert(
      fc.property(json, fc.string(), (body, query) => {
        const parsed = JSON.parse(JSON.stringify({ body }));
        const result = validator.validate({ body: parsed.body, query });
        if (result.success) return;
        const rendered = JSON.parse(toErrorResponse(result.error).body);
        expect(rendered.code).toBe("VALIDATION_FAILED");
        expect(rendered.errors.length).toBeGreaterThan(0);
        expect(rendered.errors.length).toBeLessThanOrEqual(MAX_FIELD_ERRORS);
        for (const entry of rendered.errors) {
          expect(typeof entry.field).toBe("string");
          expect(typeof entry.message).toBe("string");
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe("parseRequest", () => {
  it("throws the 400 error", () => {
    expect(() => parseRequest({ body: loginSchema }, { body: {} })).toThrow(
      expect.objectContaining({ code: "VALIDATION_FAILED", status: 400 }),
    );
  });

  it("returns parsed parts", () => {
    expect(parseRequest({ query: paginationQuerySchema }, { query: "offset=3" })).toEqual({
      query: { limit: 20, offset: 3 },
    });
  });
});

describe("createRequestValidator", () => {
  it("parses and validates", () => {
    const validator = createRequestValidator({ body: loginSchema }, { strict: true });
    expect(
      validator.validate({ body: { username: "bob", password: "12345678", x: 1 } }).success,
    ).toBe(false);
    expect(validator.parse({ body: { username: "bob", password: "12345678" } })).toEqual({
      body: { username: "bob", password: "12345678" },
    });
    expect(() => validator.parse({ body: {} })).toThrow(
      expect.objectContaining({ code: "VALIDATION_FAILED" }),
    );
  });
});

describe("validatePart", () => {
  it("returns field errors", () => {
    expect(validatePart("query", paginationQuerySchema, "limit=500")).toEqual({
      success: false,
      errors: [{ field: "query.limit", message: "Limit must be at most 100" }],
    });
  });

  it("returns parsed value", () => {
    expect(validatePart("params", idParamsSchema, { id: contactId })).toEqual({
      success: true,
      data: { id: contactId },
    });
  });
});
