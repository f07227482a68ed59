import { describe, expect, it } from "vitest";
import * as adapter from "./index.js";

describe("@bulwark/fastify exports", () => {
  it("matches the public list exactly", () => {
    expect(Object.keys(adapter).sort()).toEqual([
      "FASTIFY_ERROR_CODES",
      "FastifyAdapterError",
      "bulwarkFastify",
      "bulwarkFrameworkErrors",
      "default",
    ]);
  });

  it("exports the plugin as default", () => {
    expect(adapter.default).toBe(adapter.bulwarkFastify);
  });
});
