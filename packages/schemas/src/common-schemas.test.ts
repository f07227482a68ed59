import { describe, expect, it } from "vitest";
import {
  contactListQuerySchema,
  emailSchema,
  idParamsSchema,
  paginationQuerySchema,
  roleSchema,
  uuidSchema,
} from "./common-schemas.js";
import { validateRequest } from "./request-validator.js";

describe("emailSchema", () => {
  const local64 = "a".repeat(64);
  const at254 = `${local64}@${"b".repeat(63)}.${"c".repeat(63)}.${"d".repeat(57)}.com`;

  it.each([
    ["ada@example.com", true],
    ["first.last+tag@sub.example.co.uk", true],
    ["o'brien@example.ie", true],
    [at254, true],
    [`${at254}m`, false],
    ["plain", false],
    ["@example.com", false],
    ["ada@", false],
    ["ada@example", false],
    ["ada @example.com", false],
    [" ada@example.com", false],
    ["ada..b@example.com", false],
    ["", false],
  ])("checks %j", (value, valid) => {
    expect(emailSchema.safeParse(value).success).toBe(valid);
  });

  it("checks length before format", () => {
    const result = emailSchema.safeParse(`${"a".repeat(5_000_000)}@`);
    expect(result.error?.issues.map((issue) => issue.code)).toEqual(["too_big"]);
  });

  it("is exactly 254 at the bound", () => {
    expect(at254.length).toBe(254);
  });
});

describe("uuidSchema", () => {
  it.each([
    ["0190f5a2-7b3c-7def-8abc-1234567890ab", true],
    ["0190F5A2-7B3C-7DEF-8ABC-1234567890AB", true],
    ["0190F5a2-7b3C-7DEF-8abc-1234567890aB", true],
    ["c232ab00-9414-11ec-b3c8-9f6bdeced846", true],
    ["000003e8-2363-21ef-b200-325096b39f47", true],
    ["5df41881-3aed-3515-88a7-2f4a814cf09e", true],
    ["109156be-c4fb-41ea-b1b4-efe1671c5836", true],
    ["2ed6657d-e927-568b-95e1-2665a8aea6a2", true],
    ["1ec9414c-232a-6b00-b3c8-9f6bdeced846", true],
    ["320c3d4d-cc00-875b-8ec9-32d5f69181c0", true],
    ["00000000-0000-0000-0000-000000000000", true],
    ["0190f5a2-7b3c-0def-8abc-1234567890ab", false],
    ["0190f5a2-7b3c-9def-8abc-1234567890ab", false],
    ["0190f5a2-7b3c-7def-cabc-1234567890ab", false],
    ["0190f5a27b3c7def8abc1234567890ab", false],
    ["{0190f5a2-7b3c-7def-8abc-1234567890ab}", false],
    ["urn:uuid:0190f5a2-7b3c-7def-8abc-1234567890ab", false],
    [" 0190f5a2-7b3c-7def-8abc-1234567890ab", false],
    ["0190f5a2-7b3c-7def-8abc-1234567890a", false],
    ["0190f5a2-7b3c-7def-8abc-1234567890abc", false],
    ["g190f5a2-7b3c-7def-8abc-1234567890ab", false],
    ["", false],
  ])("checks %j", (value, valid) => {
    expect(uuidSchema.safeParse(value).success).toBe(valid);
  });

  it("outputs lower case", () => {
    expect(uuidSchema.parse("0190F5A2-7B3C-7DEF-8ABC-1234567890AB")).toBe(
      "0190f5a2-7b3c-7def-8abc-1234567890ab",
    );
  });

  it("validates id params", () => {
    const result = validateRequest({ params: idParamsSchema }, { params: { id: "42" } });
    expect(result.success).toBe(false);
    if (!result.success)
      expect(result.error.errors).toEqual([
        { field: "params.id", message: "ID must be a valid UUID" },
      ]);
  });
});

describe("roleSchema", () => {
  it.each([
    ["admin", true],
    ["manager", true],
    ["agent", true],
    ["viewer", true],
    ["Admin", false],
    ["root", false],
    ["", false],
    ["toString", false],
    ["__proto__", false],
  ])("checks %j", (value, valid) => {
    expect(roleSchema.safeParse(value).success).toBe(valid);
  });
});

describe("paginationQuerySchema", () => {
  function paginate(query: string) {
    return validateRequest({ query: paginationQuerySchema }, { query });
  }

  it.each([
    ["", { limit: 20, offset: 0 }],
    ["limit=1", { limit: 1, offset: 0 }],
    ["limit=100&offset=40", { limit: 100, offset: 40 }],
    ["limit=&offset=", { limit: 20, offset: 0 }],
  ])("parses %j", (query, expected) => {
    const result = paginate(query);
    expect(result.success).toBe(true);
    if (result.success) expect(result.data.query).toEqual(expected);
  });

  it.each([
    ["limit=0", "query.limit"],
    ["limit=101", "query.limit"],
    ["limit=-1", "query.limit"],
    ["limit=2.5", "query.limit"],
    ["limit=ten", "query.limit"],
    ["limit=1e2", "query.limit"],
    ["limit=5&limit=6", "query.limit"],
    ["offset=-1", "query.offset"],
    ["offset=99999999999999999999", "query.offset"],
  ])("rejects %j", (query, field) => {
    const result = paginate(query);
    expect(result.success).toBe(false);
    if (!result.success) expect(result.error.errors?.map((entry) => entry.field)).toEqual([field]);
  });

  it("bounds the search text", () => {
    const long = validateRequest(
      { query: contactListQuerySchema },
      { query: `q=${"x".repeat(201)}` },
    );
    expect(long.success).toBe(false);
    const ok = validateRequest({ query: contactListQuerySchema }, { query: "q=acme" });
    expect(ok.success).toBe(true);
    if (ok.success) expect(ok.data.query).toEqual({ limit: 20, offset: 0, q: "acme" });
  });
});
