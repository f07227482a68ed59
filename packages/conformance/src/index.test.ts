import { describe, expect, it } from "vitest";
import * as conformance from "./index.js";

describe("@bulwark/conformance exports", () => {
  it("matches the public list exactly", () => {
    expect(Object.keys(conformance).sort()).toEqual([
      "AUTH_LIMIT_MESSAGE",
      "BODY_CASES",
      "CLIENT_IP_CASES",
      "CONFORMANCE_CASES",
      "CRM_CASES",
      "CRM_TEST_PASSWORDS",
      "ERROR_CASES",
      "GUIDE_CSP",
      "HEADER_CASES",
      "MINIMAL_ROUTES",
      "RATE_LIMIT_CASES",
      "RATE_LIMIT_ROUTES",
      "SANITIZER_CASES",
      "SQL_LOOKING_NOTE",
      "THROWN_SECRET",
      "VALIDATION_CASES",
      "VALIDATION_ROUTES",
      "VOLATILE_HEADERS",
      "createCrmSession",
      "createRecordingLogger",
      "describeConformance",
      "describeCrmConformance",
      "describeCrmDifferential",
      "describeCrmServer",
      "describeDifferential",
      "describeErrorLogging",
      "describeEvents",
      "describeSharedStore",
      "normalizeCrmTranscript",
      "normalizeResponse",
      "runCase",
      "sendRequest",
      "startCrmApp",
    ]);
  });
});
