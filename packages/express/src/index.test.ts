import { describe, expect, it } from "vitest";
import * as adapter from "./index.js";

describe("@bulwark/express exports", () => {
  it("matches the public list exactly", () => {
    expect(Object.keys(adapter).sort()).toEqual([
      "EXPRESS_ERROR_CODES",
      "ExpressAdapterError",
      "bodyLimits",
      "bulwark",
      "clientIp",
      "errorHandler",
      "notFound",
      "rateLimit",
      "sanitizeBody",
      "securityHeaders",
      "validate",
    ]);
  });
});
