export { FASTIFY_ERROR_CODES, FastifyAdapterError, type FastifyErrorCode } from "./errors.js";
export { bulwarkFrameworkErrors } from "./framework-errors.js";
export { type BulwarkFastifyOptions, bulwarkFastify, bulwarkFastify as default } from "./plugin.js";
// Keeps the Fastify declaration merging (request.clientIp, request.requestId, request.files,
// reply.cspNonce and config.rateLimit) in the published types.
export type {} from "./request-state.js";
export type {} from "./route-hooks.js";
export type { ZodTypeProvider } from "./type-provider.js";
