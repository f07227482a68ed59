import { randomUUID } from "node:crypto";
import type { RequestHeaders } from "./request.js";

const INCOMING_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** Options of `resolveRequestId`. */
export interface RequestIdOptions {
  /** Lower-case header to read an incoming id from, such as `x-request-id`. Off when undefined. */
  readonly header?: string | undefined;
}

/**
 * Returns the request id: the incoming header value when one is configured and it is 1 to 128
 * characters from `A-Za-z0-9._:-`, else a new random UUID. The character check keeps a client from
 * writing arbitrary text, such as line breaks, into logs and audit entries through the id.
 */
export function resolveRequestId(headers: RequestHeaders, options: RequestIdOptions = {}): string {
  if (options.header !== undefined) {
    const incoming = headers[options.header];
    if (typeof incoming === "string" && INCOMING_REQUEST_ID.test(incoming)) return incoming;
  }
  return randomUUID();
}
