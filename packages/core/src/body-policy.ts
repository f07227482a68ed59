import contentType from "content-type";
import { createHttpError } from "./bulwark-error.js";
import { attachSecurityEvent } from "./error-event.js";
import { getHeader, type RequestHeaders } from "./request.js";

/** Kind of request body that the stack reads and parses. */
export type BodyKind = "json" | "urlencoded" | "multipart";

/** Maximum body size of each body kind, in bytes. */
export interface BodyLimits {
  readonly json: number;
  readonly urlencoded: number;
  readonly multipart: number;
}

const MEBIBYTE = 1024 * 1024;

/** Default body limits in bytes: JSON 10 MB, urlencoded 10 MB, multipart 50 MB (1 MB = 1024 * 1024 bytes). */
export const DEFAULT_BODY_LIMITS: BodyLimits = Object.freeze({
  json: 10 * MEBIBYTE,
  urlencoded: 10 * MEBIBYTE,
  multipart: 50 * MEBIBYTE,
});

/** Methods whose request body the stack reads. Bodies of other methods are never read. */
export const BODY_METHODS: ReadonlySet<string> = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/** How to read one request body: decided from its headers before a byte of it is read. */
export interface BodyPlan {
  readonly kind: BodyKind;
  /** Media type in lower case, without parameters, such as `application/json`. */
  readonly mediaType: string;
  /** Limit in bytes for this body kind. */
  readonly limitBytes: number;
  /** Declared `Content-Length`, or undefined for a chunked body. */
  readonly contentLength: number | undefined;
  /** Multipart boundary; set only for `multipart/form-data`. */
  readonly boundary: string | undefined;
}

/** Request facts that `planRequestBody` reads. */
export interface BodyRequestHead {
  /** Method in upper case. */
  readonly method: string;
  readonly headers: RequestHeaders;
  /**
   * Every `Content-Type` line as received, such as Node's `req.headersDistinct["content-type"]`.
   * Node keeps only the first line in `req.headers`, so duplicates are visible only here.
   */
  readonly contentTypeLines: readonly string[];
}

const JSON_SUFFIX = /^application\/[a-z0-9!#$&^_.-]+\+json$/;
const UTF8_CHARSETS = new Set(["utf-8", "utf8"]);
const CONTENT_TYPE = "content-type";

/**
 * Decides how to read a request body from its headers, before any of it is read. Returns undefined
 * when there is no body to read: the method is not in `BODY_METHODS`, or the request declares no
 * body (no `Transfer-Encoding` and a `Content-Length` that is absent or 0).
 *
 * Otherwise it throws a request-time error. 400 `BAD_REQUEST`: duplicate or malformed
 * `Content-Type` lines, or multipart without a boundary. 415 `UNSUPPORTED_MEDIA_TYPE`: a missing
 * or unsupported media type, a charset other than UTF-8, or any `Content-Encoding` other than
 * `identity`. 413 `PAYLOAD_TOO_LARGE`: a `Content-Length` over the limit. The adapter
 * then sends the error and calls `discardUnreadBody` for the body left on the socket.
 */
export function planRequestBody(
  head: BodyRequestHead,
  limits: BodyLimits = DEFAULT_BODY_LIMITS,
): BodyPlan | undefined {
  if (!BODY_METHODS.has(head.method)) return undefined;
  const contentLength = parseContentLength(getHeader(head.headers, "content-length"));
  const chunked = head.headers["transfer-encoding"] !== undefined;
  if (!chunked && (contentLength === undefined || contentLength === 0)) return undefined;

  rejectContentEncoding(getHeader(head.headers, "content-encoding"));
  const parsed = parseSingleContentType(head.contentTypeLines);
  const kind = classifyMediaType(parsed.type);
  if (kind === undefined) {
    throw rejectBody("UNSUPPORTED_MEDIA_TYPE", unsupportedMessage(parsed.type));
  }

  const charset = parsed.parameters.charset?.toLowerCase();
  if (kind !== "multipart" && charset !== undefined && !UTF8_CHARSETS.has(charset)) {
    throw rejectBody(
      "UNSUPPORTED_MEDIA_TYPE",
      `The charset ${charset} is not supported. Send the body as UTF-8.`,
    );
  }

  const boundary = parsed.parameters.boundary;
  if (kind === "multipart" && (boundary === undefined || boundary === "")) {
    throw rejectBody(
      "BAD_REQUEST",
      "The multipart/form-data Content-Type has no boundary parameter. Add one.",
    );
  }

  const limitBytes = limits[kind];
  if (contentLength !== undefined && contentLength > limitBytes) {
    // Rejected from the declared length alone, so not a byte of the body is buffered.
    throw createPayloadTooLargeError(limitBytes, parsed.type);
  }
  return { kind, mediaType: parsed.type, limitBytes, contentLength, boundary };
}

/** The parts of Node's `IncomingMessage` that `readContentTypeLines` reads. */
export interface RawHeaderSource {
  readonly headersDistinct?: Readonly<Record<string, readonly string[] | undefined>>;
  readonly rawHeaders?: readonly string[];
  readonly headers: RequestHeaders;
}

/**
 * Returns every `Content-Type` line of a request as received: from `rawHeaders`, else from
 * `headersDistinct`, else the single value of `headers`. Node keeps only the first line in
 * `headers`, and test doubles of `IncomingMessage` may lack the other two. `rawHeaders` comes
 * first because Node builds `headersDistinct` on first read with an array for every header.
 */
export function readContentTypeLines(message: RawHeaderSource): readonly string[] {
  const raw = message.rawHeaders;
  if (raw !== undefined) {
    const lines: string[] = [];
    for (let index = 0; index + 1 < raw.length; index += 2) {
      const name = raw[index] as string;
      // The length test skips the lower-casing for every other header name.
      if (name.length === CONTENT_TYPE.length && name.toLowerCase() === CONTENT_TYPE) {
        lines.push(raw[index + 1] as string);
      }
    }
    return lines;
  }
  if (message.headersDistinct !== undefined) return message.headersDistinct[CONTENT_TYPE] ?? [];
  const single = getHeader(message.headers, CONTENT_TYPE);
  return single === undefined ? [] : [single];
}

/**
 * Returns the body kind of a lower-case media type: `application/json` and any
 * `application/*+json` (RFC 6839 structured syntax suffix) are JSON. Returns undefined for a type the
 * stack does not parse.
 */
export function classifyMediaType(mediaType: string): BodyKind | undefined {
  if (mediaType === "application/json" || JSON_SUFFIX.test(mediaType)) return "json";
  if (mediaType === "application/x-www-form-urlencoded") return "urlencoded";
  if (mediaType === "multipart/form-data") return "multipart";
  return undefined;
}

/** Creates the 413 error for a body over its limit, carrying a `payload.too_large` event. */
export function createPayloadTooLargeError(limitBytes: number, mediaType: string | undefined) {
  const error = rejectBody(
    "PAYLOAD_TOO_LARGE",
    `The request body is larger than the ${formatBytes(limitBytes)} limit. Send a smaller body.`,
  );
  return attachSecurityEvent(error, "payload.too_large", { limitBytes, contentType: mediaType });
}

/** Formats a byte count for a message: whole mebibytes as `10 MB`, anything else in bytes. */
export function formatBytes(bytes: number): string {
  if (bytes >= MEBIBYTE && bytes % MEBIBYTE === 0) return `${bytes / MEBIBYTE} MB`;
  return `${bytes} bytes`;
}

/** Creates the request-time error for a rejected body. */
export function rejectBody(
  code: "BAD_REQUEST" | "UNSUPPORTED_MEDIA_TYPE" | "PAYLOAD_TOO_LARGE" | "MALFORMED_JSON",
  message: string,
) {
  return createHttpError(code, { message });
}

function parseContentLength(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  // Node's HTTP parser already rejects a malformed or repeated Content-Length with 400.
  const length = Number(value);
  return Number.isSafeInteger(length) && length >= 0 ? length : undefined;
}

function rejectContentEncoding(value: string | undefined): void {
  if (value === undefined) return;
  const codings = value
    .split(",")
    .map((coding) => coding.trim().toLowerCase())
    .filter((coding) => coding !== "" && coding !== "identity");
  // Compressed bodies are rejected rather than decoded, because a limit on the wire size does not
  // bound the decoded size. Rejecting them removes compression bombs from the threat model.
  if (codings.length > 0) {
    throw rejectBody(
      "UNSUPPORTED_MEDIA_TYPE",
      `Content-Encoding ${codings.join(", ")} is not accepted. Send the body uncompressed.`,
    );
  }
}

function parseSingleContentType(lines: readonly string[]): contentType.ParsedMediaType {
  const first = lines[0];
  if (first === undefined) {
    throw rejectBody(
      "UNSUPPORTED_MEDIA_TYPE",
      "The request has a body but no Content-Type. Send it as application/json.",
    );
  }
  // Two Content-Type lines make the body ambiguous: a proxy may act on one and this server on the
  // other, which is how a body slips past a filter. RFC 9110 allows exactly one.
  if (lines.length > 1) {
    throw rejectBody("BAD_REQUEST", "The request has more than one Content-Type header. Send one.");
  }

  try {
    return contentType.parse(first);
  } catch {
    throw rejectBody(
      "BAD_REQUEST",
      "The Content-Type header is not a valid media type. Send one such as application/json.",
    );
  }
}

function unsupportedMessage(mediaType: string): string {
  return `The Content-Type ${mediaType} is not supported. Send application/json, application/x-www-form-urlencoded or multipart/form-data.`;
}
