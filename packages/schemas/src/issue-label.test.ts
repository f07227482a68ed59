import { describe, expect, it } from "vitest";
import { buildIssueLabel, humanizeKey } from "./issue-label.js";

describe("humanizeKey", () => {
  it.each([
    ["username", "Username"],
    ["firstName", "First name"],
    ["first_name", "First name"],
    ["userId", "User ID"],
    ["apiKey", "API key"],
    ["avatarUrl", "Avatar URL"],
    ["x-request-id", "X request ID"],
    ["toString", "To string"],
    ["constructor", "Constructor"],
    ["hasOwnProperty", "Has own property"],
    ["__proto__", 'Field "__proto__"'],
    ["a b", 'Field "a b"'],
    ["", 'Field ""'],
    ["名前", 'Field "名前"'],
  ])("turns %j into %j", (key, expected) => {
    expect(humanizeKey(key)).toBe(expected);
  });
});

describe("buildIssueLabel", () => {
  it("labels nested fields by last key", () => {
    expect(buildIssueLabel(["contacts", 2, "email"], "Request body")).toBe("Email");
  });

  it("labels array items by parent", () => {
    expect(buildIssueLabel(["tags", 1], "Request body")).toBe("Tags item");
    expect(buildIssueLabel(["grid", 1, 2], "Request body")).toBe("Grid item");
  });

  it("labels empty path as root", () => {
    expect(buildIssueLabel([], "Request body")).toBe("Request body");
    expect(buildIssueLabel([3], "Request body")).toBe("Request body item");
  });

  it("applies top label to first level only", () => {
    const top = (key: string) => `Header ${key}`;
    expect(buildIssueLabel(["x-id"], "Headers", top)).toBe("Header x-id");
    expect(buildIssueLabel(["outer", "innerKey"], "Headers", top)).toBe("Inner key");
  });
});
