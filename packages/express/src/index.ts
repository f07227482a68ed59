import type { UploadedFile } from "@bulwark/core";

export { bodyLimits } from "./body-limits.js";
export { type BulwarkMiddleware, bulwark } from "./bulwark.js";
export { clientIp } from "./client-ip.js";
export { errorHandler, notFound } from "./error-handler.js";
export { EXPRESS_ERROR_CODES, ExpressAdapterError, type ExpressErrorCode } from "./errors.js";
export { rateLimit } from "./rate-limit.js";
export { sanitizeBody } from "./sanitize-body.js";
export { securityHeaders } from "./security-headers.js";
export type { StackOptions } from "./stack-options.js";
export { validate } from "./validate.js";

// The request properties the middleware sets. They sit in the entry file because the declaration
// bundler keeps global augmentations only from there.
declare global {
  namespace Express {
    interface Request {
      /** Client address as the stack resolved it; undefined when no address is known. */
      clientIp?: string | undefined;
      /** Id of this request, for logs and audit entries. */
      requestId?: string;
      /** Files of a multipart body, held in memory. */
      files?: readonly UploadedFile[];
    }
  }
}
