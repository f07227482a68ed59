import type { Logger } from "./logger.js";
import type { SecurityEventPublisher } from "./security-event.js";

/**
 * Options object that both adapters take, one key per protection. This interface holds the keys
 * every protection shares. Each capability package adds its own key by declaration merging
 * (`declare module "@bulwark/core" { interface BulwarkOptions { ... } }`), so the adapters and
 * apps see one typed object.
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
