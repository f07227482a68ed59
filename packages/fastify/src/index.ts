export { FASTIFY_ERROR_CODES, FastifyAdapterError, type FastifyErrorCode } from "./errors.js";
export { bulwarkFrameworkErrors } from "./framework-errors.js";
export { type BulwarkFastifyOptions, bulwarkFastify, bulwarkFastify as default } from "./plugin.js";
export type { ZodTypeProvider } from "./type-provider.js";
