import { type BodyLimits, DEFAULT_BODY_LIMITS } from "./body-policy.js";
import { checkOptionsObject, isPlainObject, type OptionsErrorFactory } from "./check-options.js";
import { describeValue } from "./describe-value.js";
import { type Logger, NOOP_LOGGER } from "./logger.js";
import type { SecurityEventPublisher } from "./security-event.js";

/** Cross-cutting settings of a stack, checked and with defaults applied. */
export interface StackSettings {
  readonly logger: Logger;
  readonly events: SecurityEventPublisher | undefined;
  readonly requestIdHeader: string | undefined;
  readonly disabledWarnings: readonly string[];
  readonly bodyLimits: BodyLimits;
}

/**
 * Option keys that `parseStackSettings` reads: the keys of `BulwarkOptions` plus `bodyLimits`, an
 * object of byte limits (`json`, `urlencoded`, `multipart`) that defaults to `DEFAULT_BODY_LIMITS`.
 */
export const STACK_SETTING_KEYS = [
  "logger",
  "events",
  "requestIdHeader",
  "disabledWarnings",
  "bodyLimits",
] as const;

/** Error format of `parseStackSettings` for an invalid option: the package's code, label and error factory. */
export interface StackOptionsErrorFormat {
  readonly code: string;
  readonly label: string;
  readonly createError: OptionsErrorFactory;
}

const HEADER_NAME = /^[a-z0-9!#$%&'*+.^_`|~-]+$/;

/**
 * Checks the cross-cutting stack options and applies their defaults. `capabilityKeys` are the other
 * keys the caller accepts and checks itself. A key in neither list, or an invalid value, throws
 * through `format.createError` with `format.code`.
 */
export function parseStackSettings(
  input: unknown,
  capabilityKeys: readonly string[],
  format: StackOptionsErrorFormat,
): StackSettings {
  const knownKeys = [...STACK_SETTING_KEYS, ...capabilityKeys];
  const options = checkOptionsObject(
    input,
    knownKeys,
    format.code,
    format.label,
    format.createError,
  );
  const fail = (message: string) => format.createError(format.code, message);

  const logger = options.logger === undefined ? NOOP_LOGGER : options.logger;
  if (!hasMethods(logger, ["debug", "info", "warn", "error"])) {
    throw fail(
      `logger must have debug, info, warn and error methods, got ${describeValue(logger)}. Pass a pino logger.`,
    );
  }
  const events = options.events;
  if (events !== undefined && !hasMethods(events, ["publish"])) {
    throw fail(
      `events must have a publish(event) method, got ${describeValue(events)}. Pass a security monitor.`,
    );
  }

  const requestIdHeader = options.requestIdHeader;
  if (
    requestIdHeader !== undefined &&
    (typeof requestIdHeader !== "string" || !HEADER_NAME.test(requestIdHeader))
  ) {
    throw fail(
      `requestIdHeader must be a lower-case header name, got ${describeValue(requestIdHeader)}. Use "x-request-id".`,
    );
  }

  const disabledWarnings = options.disabledWarnings === undefined ? [] : options.disabledWarnings;
  if (
    !Array.isArray(disabledWarnings) ||
    !disabledWarnings.every((code) => typeof code === "string")
  ) {
    throw fail(
      `disabledWarnings must be an array of warning codes, got ${describeValue(disabledWarnings)}.`,
    );
  }

  return {
    logger: logger as Logger,
    events: events as SecurityEventPublisher | undefined,
    requestIdHeader,
    disabledWarnings,
    bodyLimits: parseBodyLimits(options.bodyLimits, fail),
  };
}

function parseBodyLimits(input: unknown, fail: (message: string) => Error): BodyLimits {
  if (input === undefined) return DEFAULT_BODY_LIMITS;
  if (!isPlainObject(input)) {
    throw fail(`bodyLimits must be an object of byte counts, got ${describeValue(input)}.`);
  }

  const limits: Record<string, number> = { ...DEFAULT_BODY_LIMITS };
  for (const [kind, value] of Object.entries(input)) {
    if (!Object.hasOwn(DEFAULT_BODY_LIMITS, kind)) {
      throw fail(
        `bodyLimits has an unknown key ${describeValue(kind)}. Known keys: json, urlencoded, multipart.`,
      );
    }
    if (value === undefined) continue;
    if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 1) {
      throw fail(
        `bodyLimits.${kind} must be a positive integer in bytes, got ${describeValue(value)}. Use 10485760 for 10 MB.`,
      );
    }
    limits[kind] = value;
  }
  return limits as unknown as BodyLimits;
}

function hasMethods(value: unknown, names: readonly string[]): boolean {
  if (typeof value !== "object" || value === null) return false;
  const record = value as Record<string, unknown>;
  return names.every((name) => typeof record[name] === "function");
}
