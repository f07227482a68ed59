import type { Readable } from "node:stream";
import getRawBody from "raw-body";
import secureJson from "secure-json-parse";
import { type BodyPlan, createPayloadTooLargeError, rejectBody } from "./body-policy.js";
import { attachSecurityEvent } from "./error-event.js";
import { parseUrlencoded } from "./form-fields.js";
import { readMultipartBody, type UploadedFile } from "./read-multipart.js";

/** A parsed request body: the value handlers see as the body, and any uploaded files. */
export interface ParsedBody {
  /**
   * Parsed JSON value. A urlencoded or multipart body becomes a null-prototype object that maps
   * each field name to a string, or to an array of strings for a repeated name. Undefined for an
   * empty body.
   */
  readonly body: unknown;
  /** Files of a multipart body; empty for other kinds. */
  readonly files: readonly UploadedFile[];
}

/**
 * Reads and parses a request body as a plan from `planRequestBody` describes. Stops reading as soon as
 * the body passes `plan.limitBytes`, so a chunked body that grows past the limit is never buffered
 * whole.
 *
 * Rejects with request-time errors only: 413 `PAYLOAD_TOO_LARGE` past the limit, 400
 * `MALFORMED_JSON` for invalid JSON, 400 `BAD_REQUEST` for a JSON `__proto__` or
 * `constructor.prototype` key, a body shorter or longer than its `Content-Length`, an aborted
 * upload or a malformed multipart body. Errors of the underlying libraries never escape.
 */
export async function readRequestBody(stream: Readable, plan: BodyPlan): Promise<ParsedBody> {
  if (plan.kind === "multipart") return readMultipartBody(stream, plan);

  const text = await readText(stream, plan);
  if (text === "") return { body: undefined, files: [] };
  const body = plan.kind === "json" ? parseJson(text, plan) : parseUrlencoded(text);
  return { body, files: [] };
}

const BYTE_ORDER_MARK = "\uFEFF";

async function readText(stream: Readable, plan: BodyPlan): Promise<string> {
  let bytes: Buffer;
  try {
    // Reads bytes only. With its `encoding` option raw-body sets up an iconv-lite decoder for each
    // body, which a CPU profile of 1 KiB JSON bodies showed costing about as much as the decoding.
    bytes = await getRawBody(stream, {
      length: plan.contentLength ?? null,
      limit: plan.limitBytes,
    });
  } catch (error) {
    throw translateReadError(error, plan);
  }
  // Gives the same text as iconv-lite's UTF-8 decoder. An invalid byte sequence becomes U+FFFD,
  // and a leading byte order mark is dropped.
  const text = bytes.toString("utf8");
  return text.startsWith(BYTE_ORDER_MARK) ? text.slice(1) : text;
}

function translateReadError(error: unknown, plan: BodyPlan): Error {
  const type = (error as { type?: unknown } | null)?.type;
  if (type === "entity.too.large")
    return createPayloadTooLargeError(plan.limitBytes, plan.mediaType);
  if (type === "request.size.invalid") {
    return rejectBody("BAD_REQUEST", "The request body does not match its Content-Length.");
  }
  if (type === "request.aborted") {
    return rejectBody("BAD_REQUEST", "The request body was aborted before it was complete.");
  }
  // Anything else is a fault of this server, such as a stream that was already read.
  return error instanceof Error ? error : new Error(String(error));
}

function parseJson(text: string, plan: BodyPlan): unknown {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    const error = rejectBody(
      "MALFORMED_JSON",
      "The request body is not valid JSON. Check the syntax and send it again.",
    );
    throw attachSecurityEvent(error, "body.malformed", {
      contentType: plan.mediaType,
      reason: "invalid_json",
    });
  }

  if (typeof value !== "object" || value === null || !mayContainPrototypeKey(text)) return value;
  try {
    // JSON.parse keeps "__proto__" as an own key, harmless here but not in code that later merges
    // the body into another object, so such bodies are rejected outright.
    secureJson.scan(value as object, { protoAction: "error", constructorAction: "error" });
  } catch {
    const error = rejectBody(
      "BAD_REQUEST",
      "The JSON body contains a __proto__ or constructor.prototype key. Remove it.",
    );
    throw attachSecurityEvent(error, "body.malformed", {
      contentType: plan.mediaType,
      reason: "prototype_key",
    });
  }
  return value;
}

/**
 * Returns whether JSON text can hold a `__proto__` or `constructor` key, so the walk over the
 * parsed value runs only for such text. A key decodes to one of those names only when it is
 * written out as is, or spells some letters as `\uXXXX` escapes: the other JSON escapes stand for
 * quotes, slashes and control characters, which neither name contains. Text with any `\u` escape
 * is therefore walked, which keeps the check exact for every spelling.
 */
function mayContainPrototypeKey(text: string): boolean {
  return text.includes("__proto__") || text.includes("constructor") || text.includes("\\u");
}
