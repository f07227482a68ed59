import { RESPONSE_CODES, type ResponseCode } from "./response-codes.js";

const BRAND = Symbol.for("@bulwark/core.BulwarkError");

/** One entry of a validation error list: the field path a reader expects and a sentence about it. */
export interface FieldError {
  readonly field: string;
  readonly message: string;
}

/** A response header as a `[name, value]` pair. */
export type HeaderTuple = readonly [name: string, value: string];

/** Options of the `BulwarkError` constructor. */
export interface BulwarkErrorOptions {
  /** HTTP status of the response this error becomes. Developer errors have none. */
  readonly status?: number;
  /** Field errors, sent as the `errors` list of the response body. */
  readonly errors?: readonly FieldError[];
  /** Extra response headers, such as `Retry-After`. */
  readonly headers?: readonly HeaderTuple[];
  readonly cause?: unknown;
}

/**
 * Base class of every error the Bulwark packages throw or render.
 *
 * Errors with a `status` are request-time errors that become an HTTP response with `code` from
 * the error contract. Errors without one are developer errors, such as invalid options, with an
 * `ERR_<PACKAGE>_<PROBLEM>` code. Check with `BulwarkError.isInstance`, because `instanceof`
 * fails when two copies of this package are installed.
 */
export class BulwarkError extends Error {
  readonly code: string;
  readonly status: number | undefined;
  readonly errors: readonly FieldError[] | undefined;
  readonly headers: readonly HeaderTuple[] | undefined;

  constructor(code: string, message: string, options: BulwarkErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.status = options.status;
    this.errors = options.errors;
    this.headers = options.headers;
    Object.defineProperty(this, BRAND, { value: true });
  }

  /** Returns whether a value is a `BulwarkError` from any installed copy of this package. */
  static isInstance(value: unknown): value is BulwarkError {
    return (
      typeof value === "object" &&
      value !== null &&
      (value as Record<symbol, unknown>)[BRAND] === true
    );
  }
}

/** Options of `createHttpError`. */
export interface HttpErrorOptions {
  /** Message for the response body. Defaults to the code's registered message. */
  readonly message?: string;
  readonly errors?: readonly FieldError[];
  readonly headers?: readonly HeaderTuple[];
  readonly cause?: unknown;
}

/**
 * Creates the request-time error for a code of the error contract, with the code's status and,
 * unless given, its default message.
 *
 * @example
 * throw createHttpError("NOT_FOUND", { message: "Contact not found." });
 */
export function createHttpError(code: ResponseCode, options: HttpErrorOptions = {}): BulwarkError {
  const entry = RESPONSE_CODES[code];
  return new BulwarkError(code, options.message ?? entry.message, {
    status: entry.status,
    ...(options.errors === undefined ? {} : { errors: options.errors }),
    ...(options.headers === undefined ? {} : { headers: options.headers }),
    ...(options.cause === undefined ? {} : { cause: options.cause }),
  });
}
