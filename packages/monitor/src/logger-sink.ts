import { checkOptionsObject, describeValue, type Logger, type SecurityEvent } from "@bulwark/core";
import { type DestinationStream, pino } from "pino";
import { createMonitorError, MonitorError } from "./errors.js";
import { redactSecrets } from "./redact.js";
import { parseEventTypes, type SecuritySink } from "./security-sink.js";

/** Options of `createLoggerSink`. */
export interface LoggerSinkOptions {
  /** pino-style logger to write to. Defaults to a new pino logger on `destination`. */
  readonly logger?: Logger;
  /** Stream for the default pino logger. Defaults to standard output. Ignored with `logger`. */
  readonly destination?: DestinationStream;
  /** Event types to write. Defaults to all. */
  readonly eventTypes?: readonly SecurityEvent["type"][];
}

const OPTION_KEYS = ["logger", "destination", "eventTypes"] as const;

/**
 * Creates a sink that writes one JSON line per event or alert through pino. The line carries the
 * event's fields at the top level (`type`, `timestamp`, `clientIp`, `method`, `route`,
 * `requestId`, `details`) after `redactSecrets`, so secrets are replaced and CR, LF and terminal
 * escapes in user-controlled strings are escaped. Events log at `info`; alerts at `warn`, or at
 * `error` when their severity is `high` or `critical`. Throws `ERR_MONITOR_INVALID_OPTIONS` for
 * invalid options.
 *
 * @example
 * const monitor = createSecurityMonitor({ sinks: [createLoggerSink({ logger: app.log })] });
 */
export function createLoggerSink(options: LoggerSinkOptions = {}): SecuritySink {
  const checked = checkOptionsObject(
    options,
    OPTION_KEYS,
    "ERR_MONITOR_INVALID_OPTIONS",
    "createLoggerSink",
    createMonitorError,
  );
  const eventTypes = parseEventTypes(checked.eventTypes, "createLoggerSink");
  const logger = checked.logger ?? createPinoLogger(checked.destination);
  if (!isLogger(logger)) {
    throw new MonitorError(
      "ERR_MONITOR_INVALID_OPTIONS",
      `createLoggerSink logger must have info, warn and error methods, got ${describeValue(logger)}.`,
    );
  }

  return {
    write(event) {
      if (eventTypes !== undefined && !eventTypes.has(event.type)) return;
      const line = redactSecrets(event) as Record<string, unknown>;
      if (event.type !== "alert.raised") {
        logger.info(line, `Security event ${event.type}`);
        return;
      }
      const serious = event.details.severity === "high" || event.details.severity === "critical";
      // The rule name comes from the monitor's options, so it is not user-controlled text.
      const message = `Security alert ${event.details.rule} raised`;
      if (serious) logger.error(line, message);
      else logger.warn(line, message);
    },
  };
}

function isLogger(value: unknown): value is Logger {
  const candidate = value as Partial<Logger> | null;
  return (
    typeof candidate?.info === "function" &&
    typeof candidate.warn === "function" &&
    typeof candidate.error === "function"
  );
}

function createPinoLogger(destination: unknown): Logger {
  if (destination === undefined) return pino();
  if (typeof (destination as Partial<DestinationStream> | null)?.write !== "function") {
    throw new MonitorError(
      "ERR_MONITOR_INVALID_OPTIONS",
      `createLoggerSink destination must be a stream with a write method, got ${describeValue(destination)}.`,
    );
  }
  return pino({}, destination as DestinationStream);
}
