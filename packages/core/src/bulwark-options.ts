import type { Logger } from "./logger.js";
import type { SecurityEventPublisher } from "./security-event.js";

/**
 * Cross-cutting options that both adapters take. `BulwarkStackOptions` in `@bulwark/stack` extends
 * this interface with one key per protection, so the Express and Fastify adapters read one typed
 * object.
 */
export interface BulwarkOptions {
  /** Receives warnings, store failures and debug lines. Never receives request bodies or secrets. */
  logger?: Logger;
  /** Receives the security events of every protection, such as a monitor. */
  events?: SecurityEventPublisher;
  /** Lower-case header to take an incoming request id from. Off by default: ids are generated. */
  requestIdHeader?: string;
  /** Warning codes to suppress, such as `WARN_IP_TRUST_ALL`. */
  disabledWarnings?: readonly string[];
}
