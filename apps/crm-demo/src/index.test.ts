import { describe, expect, it } from "vitest";
import * as demo from "./index.js";

describe("@bulwark/crm-demo exports", () => {
  it("matches the public list exactly", () => {
    expect(Object.keys(demo).sort()).toEqual([
      "ATTACKS",
      "FRAMEWORKS",
      "createDemoClient",
      "formatReport",
      "runDemo",
      "summarizeStatuses",
    ]);
  });
});
