import { BulwarkError } from "@bulwark/core";

/** Error codes that @bulwark/fastify throws to developers, with what each one means. */
export const FASTIFY_ERROR_CODES = {
  ERR_FASTIFY_INVALID_OPTIONS: "An option of the @bulwark/fastify plugin is unknown or invalid.",
} as const;

export type FastifyErrorCode = keyof typeof FASTIFY_ERROR_CODES;

/** Error thrown by @bulwark/fastify for invalid options. */
export class FastifyAdapterError extends BulwarkError {
  declare readonly code: FastifyErrorCode;
}

/** Creates a `FastifyAdapterError`; the factory that option checks in @bulwark/core call. */
export function createFastifyError(code: string, message: string): FastifyAdapterError {
  return new FastifyAdapterError(code, message);
}
