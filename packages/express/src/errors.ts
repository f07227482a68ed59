import { BulwarkError } from "@bulwark/core";

/** Error codes that @bulwark/express throws to developers, with what each one means. */
export const EXPRESS_ERROR_CODES = {
  ERR_EXPRESS_INVALID_OPTIONS: "An option of a @bulwark/express middleware is unknown or invalid.",
} as const;

export type ExpressErrorCode = keyof typeof EXPRESS_ERROR_CODES;

/** Error thrown by @bulwark/express for invalid options. */
export class ExpressAdapterError extends BulwarkError {
  declare readonly code: ExpressErrorCode;
}

/** Creates an `ExpressAdapterError`; the factory that option checks in @bulwark/core call. */
export function createExpressError(code: string, message: string): ExpressAdapterError {
  return new ExpressAdapterError(code, message);
}
