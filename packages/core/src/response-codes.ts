/** Status and default message of one response code of the error contract. */
export interface ResponseCodeEntry {
  readonly status: number;
  readonly message: string;
}

/**
 * Registry of the codes that error responses carry. A code never changes meaning once released:
 * retire it and add a new one instead. Messages are the defaults; callers may pass a more specific one.
 */
export const RESPONSE_CODES = {
  BAD_REQUEST: {
    status: 400,
    message: "The request is invalid. Check its headers and body, then try again.",
  },
  VALIDATION_FAILED: { status: 400, message: "Validation failed" },
  MALFORMED_JSON: {
    status: 400,
    message: "The request body is not valid JSON. Check the syntax and send it again.",
  },
  UNAUTHORIZED: {
    status: 401,
    message: "Authentication is required. Sign in and send the token as a Bearer token.",
  },
  FORBIDDEN: {
    status: 403,
    message: "You do not have permission to perform this action.",
  },
  NOT_FOUND: { status: 404, message: "The requested resource was not found." },
  CONFLICT: {
    status: 409,
    message: "The request conflicts with the current state of the resource.",
  },
  PAYLOAD_TOO_LARGE: {
    status: 413,
    message: "The request body is larger than this endpoint accepts. Send a smaller body.",
  },
  UNSUPPORTED_MEDIA_TYPE: {
    status: 415,
    message: "The request body has an unsupported Content-Type. Send it as application/json.",
  },
  RATE_LIMITED: { status: 429, message: "Too many requests, please try again later." },
  INTERNAL_ERROR: {
    status: 500,
    message: "An unexpected error occurred. Please try again later.",
  },
  SERVICE_UNAVAILABLE: {
    status: 503,
    message: "The service is temporarily unavailable. Please try again later.",
  },
} as const satisfies Record<string, ResponseCodeEntry>;

/** A code of the error contract, such as `RATE_LIMITED`. */
export type ResponseCode = keyof typeof RESPONSE_CODES;

/** Returns whether a value is one of the registered response codes. */
export function isResponseCode(value: unknown): value is ResponseCode {
  return typeof value === "string" && Object.hasOwn(RESPONSE_CODES, value);
}
