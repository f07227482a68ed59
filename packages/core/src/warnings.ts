import type { Logger } from "./logger.js";

/** Options of `createWarningEmitter`. */
export interface WarningEmitterOptions {
  /** Warning codes to suppress, such as `WARN_IP_TRUST_ALL`. */
  readonly disabledWarnings?: readonly string[];
  /** Sends warnings to this logger instead of `process.emitWarning`. */
  readonly logger?: Logger;
}

/** Emits each warning code at most once. */
export interface WarningEmitter {
  warn(code: string, message: string): void;
}

/**
 * Creates an emitter that sends each warning code at most once per emitter, through
 * `process.emitWarning` with that code or through the given logger. A warning marks a setup that
 * works but is probably wrong.
 *
 * @example
 * const warnings = createWarningEmitter({ disabledWarnings: ["WARN_IP_TRUST_ALL"] });
 * warnings.warn("WARN_IP_TRUST_ALL", "trustProxy: true trusts every hop.");
 */
export function createWarningEmitter(options: WarningEmitterOptions = {}): WarningEmitter {
  const emitted = new Set<string>(options.disabledWarnings ?? []);
  const logger = options.logger;

  return {
    warn(code, message) {
      if (emitted.has(code)) return;
      emitted.add(code);
      if (logger === undefined) process.emitWarning(message, { code });
      else logger.warn({ code }, message);
    },
  };
}
