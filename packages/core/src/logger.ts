/** A log method in pino's style: a context object first, then the message. */
export type LogMethod = (context: Record<string, unknown>, message?: string) => void;

/**
 * Logger the packages accept. pino loggers and the loggers of Express apps built on pino-http and of
 * Fastify fit as they are.
 */
export interface Logger {
  debug: LogMethod;
  info: LogMethod;
  warn: LogMethod;
  error: LogMethod;
}

const discard: LogMethod = () => {};

/** Logger that discards everything, the default where no logger is given. */
export const NOOP_LOGGER: Logger = Object.freeze({
  debug: discard,
  info: discard,
  warn: discard,
  error: discard,
});
