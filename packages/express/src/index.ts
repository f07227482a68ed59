export { bodyLimits } from "./body-limits.js";
export { type BulwarkMiddleware, bulwark } from "./bulwark.js";
export { clientIp } from "./client-ip.js";
export { errorHandler, notFound } from "./error-handler.js";
export { EXPRESS_ERROR_CODES, ExpressAdapterError, type ExpressErrorCode } from "./errors.js";
export { rateLimit } from "./rate-limit.js";
export { securityHeaders } from "./security-headers.js";
export type { StackOptions } from "./stack-options.js";
export { validate } from "./validate.js";
