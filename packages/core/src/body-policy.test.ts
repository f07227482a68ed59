import { describe, expect, it } from "vitest";
import {
  classifyMediaType,
  DEFAULT_BODY_LIMITS,
  formatBytes,
  planRequestBody,
  readContentTypeLines,
} from "./body-policy.js";
import { getAttachedSecurityEvent } from "./error-event.js";
import type { RequestHeaders } from "./request.js";

function plan(headers: RequestHeaders, contentTypeLines: string[] = [], method = "POST") {
  return planRequestBody({ method, headers, contentTypeLines });
}

function planError(headers: RequestHeaders, contentTypeLines: string[] = [], method = "POST") {
  try {
    plan(headers, contentTypeLines, method);
  } catch (error) {
    return error;
  }
  throw new Error("expected planRequestBody to throw");
}

describe("planRequestBody", () => {
  it("skips methods without bodies", () => {
    for (const method of ["GET", "HEAD", "OPTIONS", "TRACE"]) {
      expect(plan({ "content-length": "5" }, ["application/json"], method)).toBeUndefined();
    }
  });

  it("skips requests that declare no body", () => {
    expect(plan({}, ["application/json"])).toBeUndefined();
    expect(plan({ "content-length": "0" }, ["text/plain"])).toBeUndefined();
  });

  it("plans a JSON body with its limit", () => {
    expect(plan({ "content-length": "12" }, ["Application/JSON; charset=UTF-8"])).toEqual({
      kind: "json",
      mediaType: "application/json",
      limitBytes: DEFAULT_BODY_LIMITS.json,
      contentLength: 12,
      boundary: undefined,
    });
  });

  it("plans a chunked body without a length", () => {
    const planned = plan({ "transfer-encoding": "chunked" }, ["application/x-www-form-urlencoded"]);
    expect(planned).toMatchObject({ kind: "urlencoded", contentLength: undefined });
  });

  it("keeps the multipart boundary", () => {
    const planned = plan({ "content-length": "9" }, ["multipart/form-data; boundary=abc"]);
    expect(planned).toMatchObject({ kind: "multipart", boundary: "abc" });
  });

  it.each([
    ["no Content-Type", [], 415, "UNSUPPORTED_MEDIA_TYPE"],
    ["text/plain", ["text/plain"], 415, "UNSUPPORTED_MEDIA_TYPE"],
    ["a Latin-1 charset", ["application/json; charset=iso-8859-1"], 415, "UNSUPPORTED_MEDIA_TYPE"],
    ["two Content-Type lines", ["application/json", "application/json"], 400, "BAD_REQUEST"],
    ["a media type list", ["application/json, text/html"], 400, "BAD_REQUEST"],
    ["a bare word", ["json"], 400, "BAD_REQUEST"],
    ["multipart without boundary", ["multipart/form-data"], 400, "BAD_REQUEST"],
  ])("rejects %s", (_label, lines, status, code) => {
    expect(planError({ "content-length": "2" }, lines)).toMatchObject({ status, code });
  });

  it.each(["gzip", "deflate", "br", "x-gzip", "identity, gzip"])(
    "refuses Content-Encoding %s",
    (coding) => {
      const error = planError({ "content-length": "2", "content-encoding": coding }, [
        "application/json",
      ]);
      expect(error).toMatchObject({ status: 415, code: "UNSUPPORTED_MEDIA_TYPE" });
    },
  );

  it("accepts identity Content-Encoding", () => {
    const planned = plan({ "content-length": "2", "content-encoding": "identity" }, [
      "application/json",
    ]);
    expect(planned?.kind).toBe("json");
  });

  it("rejects a declared length over the limit", () => {
    const error = planError({ "content-length": String(DEFAULT_BODY_LIMITS.json + 1) }, [
      "application/json",
    ]);
    expect(error).toMatchObject({ status: 413, code: "PAYLOAD_TOO_LARGE" });
    expect(getAttachedSecurityEvent(error)).toEqual({
      type: "payload.too_large",
      details: { limitBytes: DEFAULT_BODY_LIMITS.json, contentType: "application/json" },
    });
  });

  it("applies the limit of the body kind", () => {
    const limits = { json: 10, urlencoded: 20, multipart: 30 };
    const head = { method: "POST", headers: { "content-length": "25" } };
    expect(() =>
      planRequestBody({ ...head, contentTypeLines: ["application/json"] }, limits),
    ).toThrow();
    expect(
      planRequestBody({ ...head, contentTypeLines: ["multipart/form-data; boundary=b"] }, limits),
    ).toMatchObject({ limitBytes: 30 });
  });
});

describe("classifyMediaType", () => {
  it.each([
    ["application/json", "json"],
    ["application/vnd.api+json", "json"],
    ["application/problem+json", "json"],
    ["application/x-www-form-urlencoded", "urlencoded"],
    ["multipart/form-data", "multipart"],
    ["text/json", undefined],
    ["application/json-patch", undefined],
    ["application/+json", undefined],
    ["multipart/mixed", undefined],
  ])("classifies %s", (mediaType, kind) => {
    expect(classifyMediaType(mediaType)).toBe(kind);
  });
});

describe("formatBytes", () => {
  it("formats whole mebibytes and bytes", () => {
    expect(formatBytes(10 * 1024 * 1024)).toBe("10 MB");
    expect(formatBytes(1500)).toBe("1500 bytes");
  });
});

describe("readContentTypeLines", () => {
  it("prefers rawHeaders", () => {
    const lines = readContentTypeLines({
      headersDistinct: { "content-type": ["x/y"] },
      rawHeaders: ["Content-Type", "a/b", "Content-Length", "12", "CONTENT-TYPE", "c/d"],
      headers: { "content-type": "a/b" },
    });
    expect(lines).toEqual(["a/b", "c/d"]);
  });

  it("reads headersDistinct without rawHeaders", () => {
    const lines = readContentTypeLines({
      headersDistinct: { "content-type": ["a/b", "c/d"] },
      headers: { "content-type": "a/b" },
    });
    expect(lines).toEqual(["a/b", "c/d"]);
    expect(readContentTypeLines({ headersDistinct: {}, headers: {} })).toEqual([]);
  });

  it("scans rawHeaders without headersDistinct", () => {
    const lines = readContentTypeLines({
      rawHeaders: ["Host", "h", "content-TYPE", "a/b", "Content-Type", "c/d"],
      headers: { "content-type": "a/b" },
    });
    expect(lines).toEqual(["a/b", "c/d"]);
  });

  it("falls back to headers", () => {
    expect(readContentTypeLines({ headers: { "content-type": "a/b" } })).toEqual(["a/b"]);
    expect(readContentTypeLines({ headers: {} })).toEqual([]);
  });
});
