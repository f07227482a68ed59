import type { Logger } from "@bulwark/core";

/** Signals that stop a reference app gracefully. */
export const SHUTDOWN_SIGNALS = ["SIGTERM", "SIGINT"] as const;

/**
 * Calls `stop` once on the first SIGTERM or SIGINT, and exits with code 0 when it resolves or 1
 * when it rejects. A second signal while stopping exits with code 1 at once, so an operator can
 * still interrupt a shutdown that hangs. Returns a function that removes the handlers.
 *
 * @example
 * handleShutdownSignals(async () => { await app.close(); await runtime.close(); }, logger);
 */
export function handleShutdownSignals(stop: () => Promise<void>, logger: Logger): () => void {
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) {
      logger.warn({ signal }, "Second shutdown signal; exiting before the shutdown finished");
      process.exit(1);
    }
    stopping = true;
    logger.info({ signal }, "Shutting down: no new connections, waiting for requests in flight");
    stop().then(
      () => {
        logger.info({ signal }, "Shutdown complete");
        process.exit(0);
      },
      (error: unknown) => {
        logger.error({ err: error, signal }, "Shutdown failed");
        process.exit(1);
      },
    );
  };
  for (const signal of SHUTDOWN_SIGNALS) process.on(signal, onSignal);
  return () => {
    for (const signal of SHUTDOWN_SIGNALS) process.off(signal, onSignal);
  };
}
