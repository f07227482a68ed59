import type { Logger } from "./logger.js";
import { NOOP_LOGGER } from "./logger.js";
import type { SecurityEvent, SecurityEventPublisher } from "./security-event.js";

/** Listener of a security event bus. */
export type SecurityEventListener = (event: SecurityEvent) => void;

/** A publisher that fans events out to subscribed listeners. */
export interface SecurityEventBus extends SecurityEventPublisher {
  /** Adds a listener and returns the function that removes it. */
  subscribe(listener: SecurityEventListener): () => void;
}

/** Options of `createSecurityEventBus`. */
export interface SecurityEventBusOptions {
  /** Receives the errors that listeners throw. Defaults to discarding them. */
  readonly logger?: Logger;
}

/**
 * Creates an in-process event bus. Listeners run synchronously in subscription order, and an error a
 * listener throws is logged and swallowed, so a faulty listener never fails the request that
 * published the event.
 *
 * @example
 * const bus = createSecurityEventBus({ logger });
 * bus.subscribe((event) => monitor.record(event));
 */
export function createSecurityEventBus(options: SecurityEventBusOptions = {}): SecurityEventBus {
  const logger = options.logger ?? NOOP_LOGGER;
  let listeners: readonly SecurityEventListener[] = [];

  return {
    publish(event) {
      for (const listener of listeners) {
        try {
          listener(event);
        } catch (error) {
          logger.error(
            { err: error, eventType: event.type, requestId: event.requestId },
            "Security event listener failed",
          );
        }
      }
    },
    subscribe(listener) {
      listeners = [...listeners, listener];
      return () => {
        listeners = listeners.filter((entry) => entry !== listener);
      };
    },
  };
}
