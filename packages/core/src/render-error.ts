import { BulwarkError, createHttpError } from "./bulwark-error.js";
import { type AttachedSecurityEvent, getAttachedSecurityEvent } from "./error-event.js";
import { type ErrorResponse, toErrorResponse } from "./error-response.js";
import { isResponseCode, type ResponseCode } from "./response-codes.js";

/** An error rendered for an adapter: the response, whether to log it, and any attached event. */
export interface RenderedError {
  readonly response: ErrorResponse;
  /** True for a fault of this server (5xx), which the adapter logs with the request id. */
  readonly internal: boolean;
  readonly event: AttachedSecurityEvent | undefined;
}

const CLIENT_STATUS_CODES: Readonly<Record<number, ResponseCode>> = {
  400: "BAD_REQUEST",
  401: "UNAUTHORIZED",
  403: "FORBIDDEN",
  404: "NOT_FOUND",
  409: "CONFLICT",
  413: "PAYLOAD_TOO_LARGE",
  415: "UNSUPPORTED_MEDIA_TYPE",
  429: "RATE_LIMITED",
};

/**
 * Renders any error that reached an adapter's error path. Bulwark request-time errors keep their
 * status, message and headers. A framework or library error with a 4xx `status` or `statusCode`
 * becomes the contract code of that status with its default message, because the original message
 * names framework internals. A 4xx status without a contract code becomes 400 `BAD_REQUEST`.
 * Everything else becomes 500 `INTERNAL_ERROR` with the generic message.
 */
export function renderRequestError(error: unknown): RenderedError {
  const event = getAttachedSecurityEvent(error);
  if (BulwarkError.isInstance(error) && isResponseCode(error.code)) {
    const response = toErrorResponse(error);
    return { response, internal: response.status >= 500, event };
  }

  const status = readClientStatus(error);
  if (status !== undefined) {
    const code = CLIENT_STATUS_CODES[status] ?? "BAD_REQUEST";
    return { response: toErrorResponse(createHttpError(code)), internal: false, event };
  }
  return { response: toErrorResponse(error), internal: true, event };
}

function readClientStatus(error: unknown): number | undefined {
  if (typeof error !== "object" || error === null) return undefined;
  const candidate = error as { status?: unknown; statusCode?: unknown };
  const status = candidate.status ?? candidate.statusCode;
  if (typeof status !== "number" || !Number.isInteger(status)) return undefined;
  return status >= 400 && status <= 499 ? status : undefined;
}
