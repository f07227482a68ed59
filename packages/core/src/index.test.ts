import { describe, expect, it } from "vitest";
import * as core from "./index.js";

describe("@bulwark/core exports", () => {
  it("matches the public list exactly", () => {
    expect(Object.keys(core).sort()).toEqual([
      "BODY_METHODS",
      "BulwarkError",
      "DEFAULT_BODY_LIMITS",
      "DISCARD_LIMIT_BYTES",
      "ERROR_CONTENT_TYPE",
      "MULTIPART_PART_LIMITS",
      "NOOP_LOGGER",
      "RESPONSE_CODES",
      "SECURITY_EVENT_TYPES",
      "STACK_SETTING_KEYS",
      "attachSecurityEvent",
      "buildErrorBody",
      "checkOptionsObject",
      "classifyMediaType",
      "createCoreRequest",
      "createHttpError",
      "createPayloadTooLargeError",
      "createSecurityEvent",
      "createSecurityEventBus",
      "createWarningEmitter",
      "describeValue",
      "discardUnreadBody",
      "formatBytes",
      "getAttachedSecurityEvent",
      "getHeader",
      "getHeaderValues",
      "isPlainObject",
      "isResponseCode",
      "parseStackSettings",
      "planRequestBody",
      "readContentTypeLines",
      "readRequestBody",
      "rejectBody",
      "renderRequestError",
      "resolveRequestId",
      "toErrorResponse",
    ]);
  });
});
