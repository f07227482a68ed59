import { describe, expect, it } from "vitest";
import * as core from "./index.js";

describe("@bulwark/core exports", () => {
  it("matches the public list exactly", () => {
    expect(Object.keys(core).sort()).toEqual([
      "BulwarkError",
      "ERROR_CONTENT_TYPE",
      "NOOP_LOGGER",
      "RESPONSE_CODES",
      "SECURITY_EVENT_TYPES",
      "buildErrorBody",
      "checkOptionsObject",
      "createCoreRequest",
      "createHttpError",
      "createSecurityEvent",
      "createSecurityEventBus",
      "createWarningEmitter",
      "describeValue",
      "getHeader",
      "getHeaderValues",
      "isPlainObject",
      "isResponseCode",
      "resolveRequestId",
      "toErrorResponse",
    ]);
  });
});
