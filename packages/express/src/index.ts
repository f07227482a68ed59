export { bodyLimits } from "./body-limits.js";
export { type BulwarkMiddleware, bulwark } from "./bulwark.js";
export { clientIp } from "./client-ip.js";
export { errorHandler, notFound } from "./error-handler.js";
export { EXPRESS_ERROR_CODES, ExpressAdapterError, type ExpressErrorCode } from "./errors.js";
export { rateLimit } from "./rate-limit.js";
// Keeps the Express.Request augmentation (clientIp, requestId, files) in the published types.
export type {} from "./request-state.js";
export { sanitizeBody } from "./sanitize-body.js";
export { securityHeaders } from "./security-headers.js";
export type { StackOptions } from "./stack-options.js";
export { validate } from "./validate.js";
