import { BulwarkError, type FieldError, type HeaderTuple } from "./bulwark-error.js";
import { isResponseCode, RESPONSE_CODES, type ResponseCode } from "./response-codes.js";

/** JSON body of every error response. */
export interface ErrorBody {
  readonly message: string;
  readonly code: ResponseCode;
  readonly errors?: readonly FieldError[];
}

/** An error rendered for the wire: status, headers and the serialised JSON body. */
export interface ErrorResponse {
  readonly status: number;
  readonly headers: readonly HeaderTuple[];
  readonly body: string;
}

/** Content-Type of every error response. */
export const ERROR_CONTENT_TYPE = "application/json; charset=utf-8";

/**
 * Builds the body of an error response. Only `message`, `code` and `errors` are copied, so a
 * stack trace, a cause or any other property of the error never reaches the client.
 */
export function buildErrorBody(
  code: ResponseCode,
  message: string,
  errors?: readonly FieldError[],
): ErrorBody {
  if (errors === undefined) return { message, code };
  return {
    message,
    code,
    errors: errors.map((entry) => ({ field: entry.field, message: entry.message })),
  };
}

/**
 * Renders any thrown value as an error response.
 *
 * A `BulwarkError` with a registered response code and a 4xx or 5xx status keeps its status,
 * message, field errors and headers. Anything else becomes 500 `INTERNAL_ERROR` with the generic
 * message, because its text may hold internals: log the original with `cause` on the server side.
 */
export function toErrorResponse(error: unknown): ErrorResponse {
  if (isRenderable(error)) {
    const body = buildErrorBody(error.code, error.message, error.errors);
    return {
      status: error.status,
      headers: error.headers ?? [],
      body: JSON.stringify(body),
    };
  }

  const internal = RESPONSE_CODES.INTERNAL_ERROR;
  return {
    status: internal.status,
    headers: [],
    body: JSON.stringify(buildErrorBody("INTERNAL_ERROR", internal.message)),
  };
}

type RenderableError = BulwarkError & { code: ResponseCode; status: number };

function isRenderable(error: unknown): error is RenderableError {
  return (
    BulwarkError.isInstance(error) &&
    isResponseCode(error.code) &&
    typeof error.status === "number" &&
    error.status >= 400 &&
    error.status <= 599
  );
}
