import { describe, expect, it } from "vitest";
import * as stack from "./index.js";

describe("@bulwark/stack exports", () => {
  it("matches the public list exactly", () => {
    expect(Object.keys(stack).sort()).toEqual([
      "CAPABILITY_OPTION_KEYS",
      "DEFAULT_STACK_LIMITS",
      "createStack",
      "isCoveredPath",
      "normalizePath",
    ]);
  });
});
