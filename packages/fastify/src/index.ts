import type { UploadedFile } from "@bulwark/core";

export { FASTIFY_ERROR_CODES, FastifyAdapterError, type FastifyErrorCode } from "./errors.js";
export { bulwarkFrameworkErrors } from "./framework-errors.js";
export { type BulwarkFastifyOptions, bulwarkFastify, bulwarkFastify as default } from "./plugin.js";
export type { ZodTypeProvider } from "./type-provider.js";

// The request, reply and route-config properties the plugin adds. They sit in the entry file
// because the declaration bundler keeps module augmentations only from there.
declare module "fastify" {
  interface FastifyRequest {
    /** Client address as the stack resolved it; undefined when no address is known. */
    clientIp: string | undefined;
    /** Id of this request, for logs and audit entries. */
    requestId: string;
    /** Files of a multipart body, held in memory. */
    files: readonly UploadedFile[];
  }
  interface FastifyReply {
    /** CSP nonce of this response when the policy uses one, for `nonce` attributes in HTML. */
    cspNonce: string | undefined;
  }
  interface FastifyContextConfig {
    /** Rate-limit policies of this route, by name, counted after the stack limiters. */
    rateLimit?: string | readonly string[];
  }
}
