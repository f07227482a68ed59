import { describe, expect, it } from "vitest";
import { z } from "zod";
import { formatIssues, MAX_FIELD_ERRORS } from "./format-issues.js";
import { getErrorMap } from "./request-parts.js";

function issuesOf(schema: z.ZodType, value: unknown, part: "body" | "query" = "body") {
  const result = schema.safeParse(value, { error: getErrorMap(part) });
  if (result.success) throw new Error("expected the value to fail validation");
  return result.error.issues;
}

describe("formatIssues", () => {
  it("keeps field paths and messages", () => {
    const schema = z.object({ address: z.object({ city: z.string().min(2) }) });
    expect(formatIssues(issuesOf(schema, { address: { city: "x" } }))).toEqual([
      { field: "address.city", message: "City must be at least 2 characters" },
    ]);
  });

  it("prefixes query fields", () => {
    const schema = z.object({ limit: z.number() });
    expect(formatIssues(issuesOf(schema, {}, "query"), { part: "query" })).toEqual([
      { field: "query.limit", message: "Limit is required" },
    ]);
  });

  it("names the body root", () => {
    expect(formatIssues(issuesOf(z.object({}), "text"))).toEqual([
      { field: "body", message: "Request body must be an object" },
    ]);
  });

  it("expands unknown keys by name", () => {
    const schema = z.strictObject({ name: z.string() });
    expect(formatIssues(issuesOf(schema, { name: "a", nickname: "b", "a.b": 1 }))).toEqual([
      { field: "nickname", message: 'Field "nickname" is not allowed' },
      { field: '["a.b"]', message: 'Field "a.b" is not allowed' },
    ]);
  });

  it("caps errors at the maximum", () => {
    const schema = z.array(z.string());
    const issues = issuesOf(
      schema,
      Array.from({ length: 10_000 }, () => 1),
    );
    expect(issues).toHaveLength(10_000);
    expect(formatIssues(issues)).toHaveLength(MAX_FIELD_ERRORS);
    expect(formatIssues(issues, { maxErrors: 3 })).toHaveLength(3);
  });

  it("caps expanded unknown keys", () => {
    const input = Object.fromEntries(
      Array.from({ length: 500 }, (_, index) => [`key${index}`, index]),
    );
    const issues = issuesOf(z.strictObject({}), input);
    expect(formatIssues(issues, { maxErrors: 7 })).toHaveLength(7);
  });

  it("survives hostile object keys", () => {
    const schema = z.record(z.string(), z.number());
    const input = JSON.parse(
      '{"toString":"a","constructor":"b","__proto__":"c","hasOwnProperty":"d"}',
    );
    const fields = formatIssues(issuesOf(schema, input)).map((entry) => entry.field);
    expect(fields).toEqual(["toString", "constructor", "hasOwnProperty"]);
  });
});
