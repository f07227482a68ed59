import { describe, expect, it } from "vitest";
import { summarizeStatuses } from "./demo-client.js";

describe("summarizeStatuses", () => {
  it.each([
    [[], ""],
    [[200], "200"],
    [[401, 401, 429], "401×2 → 429"],
    [[200, 429, 200], "200 → 429 → 200"],
  ])("summarises %j", (statuses, summary) => {
    expect(summarizeStatuses(statuses)).toBe(summary);
  });
});
