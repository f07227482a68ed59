import {
  type AlertSeverity,
  checkOptionsObject,
  describeValue,
  isPlainObject,
  SECURITY_EVENT_TYPES,
  type SecurityEvent,
  type SecurityEventType,
} from "@bulwark/core";
import { checkInteger } from "./check-number.js";
import { createMonitorError, MonitorError } from "./errors.js";

/** Event types a rule can count: every type but `alert.raised`, so alerts never feed rules. */
export type CountableEventType = Exclude<SecurityEventType, "alert.raised">;

/** Returns the counting key of an event, or undefined to leave the event out of the rule. */
export type AlertKeyFunction = (event: SecurityEvent) => string | undefined;

/**
 * Key that a rule counts events per: `clientIp`, `username` (for events whose details carry one, compared
 * case-insensitively after NFKC normalisation), or a function of the event.
 */
export type AlertKey = "clientIp" | "username" | AlertKeyFunction;

/** A threshold rule: raise an alert when `threshold` events of `eventType` share a key within `windowMs`. */
export interface AlertRule {
  /** Unique name of 1 to 64 characters from `A-Za-z0-9._-`, sent in the alert. */
  readonly name: string;
  readonly eventType: CountableEventType;
  readonly key: AlertKey;
  /** Events that raise the alert, from 1 to 100000. */
  readonly threshold: number;
  /** Length of the sliding window in milliseconds, from 1000 (1 s) to 604800000 (7 days). */
  readonly windowMs: number;
  readonly severity: AlertSeverity;
}

/** Names of the built-in rules. */
export type DefaultAlertRuleName =
  | "failed-logins-per-ip"
  | "failed-logins-per-username"
  | "rate-limit-violations-per-ip"
  | "validation-failures-per-ip";

const MINUTE_MS = 60_000;

/**
 * Built-in rules: 3 failed logins within 5 minutes per client IP and per username, 5 rate-limit
 * violations within 1 hour per client IP, and 10 validation failures within 10 minutes per client
 * IP.
 */
export const DEFAULT_ALERT_RULES: readonly AlertRule[] = Object.freeze([
  {
    name: "failed-logins-per-ip",
    eventType: "login.failed",
    key: "clientIp",
    threshold: 3,
    windowMs: 5 * MINUTE_MS,
    severity: "high",
  },
  {
    name: "failed-logins-per-username",
    eventType: "login.failed",
    key: "username",
    threshold: 3,
    windowMs: 5 * MINUTE_MS,
    severity: "high",
  },
  {
    name: "rate-limit-violations-per-ip",
    eventType: "rate_limit.exceeded",
    key: "clientIp",
    threshold: 5,
    windowMs: 60 * MINUTE_MS,
    severity: "medium",
  },
  {
    name: "validation-failures-per-ip",
    eventType: "validation.failed",
    key: "clientIp",
    threshold: 10,
    windowMs: 10 * MINUTE_MS,
    severity: "low",
  },
] satisfies AlertRule[]);

/** Changes to one built-in rule; `enabled: false` leaves it out. */
export interface DefaultAlertRuleOverride {
  readonly threshold?: number;
  readonly windowMs?: number;
  readonly severity?: AlertSeverity;
  readonly enabled?: boolean;
}

const RULE_KEYS = ["name", "eventType", "key", "threshold", "windowMs", "severity"] as const;
const OVERRIDE_KEYS = ["threshold", "windowMs", "severity", "enabled"] as const;
const SEVERITIES: readonly AlertSeverity[] = ["low", "medium", "high", "critical"];
const RULE_NAME = /^[A-Za-z0-9._-]{1,64}$/;
const THRESHOLD_RANGE = { min: 1, max: 100_000, example: 3 };
const WINDOW_RANGE = { min: 1000, max: 7 * 24 * 60 * MINUTE_MS, example: 5 * MINUTE_MS };

/**
 * Builds the built-in rules with some numbers changed, for the `rules` option of
 * `createSecurityMonitor`. Throws `ERR_MONITOR_INVALID_OPTIONS` for an unknown rule name or key and
 * `ERR_MONITOR_INVALID_NUMBER` or `ERR_MONITOR_INVALID_RULE` for an invalid value.
 *
 * @example
 * const rules = buildDefaultAlertRules({
 *   "failed-logins-per-ip": { threshold: 5 },
 *   "validation-failures-per-ip": { enabled: false },
 * });
 */
export function buildDefaultAlertRules(
  overrides: Partial<Record<DefaultAlertRuleName, DefaultAlertRuleOverride>> = {},
): AlertRule[] {
  const names = DEFAULT_ALERT_RULES.map((rule) => rule.name);
  const checked = checkOptionsObject(
    overrides,
    names,
    "ERR_MONITOR_INVALID_OPTIONS",
    "buildDefaultAlertRules",
    createMonitorError,
  );

  const rules: AlertRule[] = [];
  for (const rule of DEFAULT_ALERT_RULES) {
    const override = checkOptionsObject(
      checked[rule.name],
      OVERRIDE_KEYS,
      "ERR_MONITOR_INVALID_OPTIONS",
      `buildDefaultAlertRules["${rule.name}"]`,
      createMonitorError,
    );
    if (override.enabled !== undefined && typeof override.enabled !== "boolean") {
      throw new MonitorError(
        "ERR_MONITOR_INVALID_RULE",
        `${rule.name}.enabled must be a boolean, got ${describeValue(override.enabled)}.`,
      );
    }
    if (override.enabled === false) continue;
    rules.push(parseAlertRule({ ...rule, ...withoutEnabled(override) }, rules.length));
  }
  return rules;
}

function withoutEnabled(override: Record<string, unknown>): Record<string, unknown> {
  const { enabled: _enabled, ...rest } = override;
  return rest;
}

/**
 * Validates the `rules` option: an array of rules with unique names. Returns frozen copies.
 * Throws `ERR_MONITOR_INVALID_RULE`, `ERR_MONITOR_INVALID_NUMBER` or `ERR_MONITOR_INVALID_OPTIONS`.
 */
export function parseAlertRules(value: unknown): readonly AlertRule[] {
  if (value === undefined) return DEFAULT_ALERT_RULES;
  if (!Array.isArray(value)) {
    throw new MonitorError(
      "ERR_MONITOR_INVALID_RULE",
      `rules must be an array of alert rules, got ${describeValue(value)}. Use buildDefaultAlertRules() to start from the built-in rules.`,
    );
  }

  const rules = value.map((entry, index) => parseAlertRule(entry, index));
  const names = new Set<string>();
  for (const rule of rules) {
    if (names.has(rule.name)) {
      throw new MonitorError(
        "ERR_MONITOR_INVALID_RULE",
        `rules has two rules named ${describeValue(rule.name)}. Give each rule its own name, because alerts are deduplicated per rule name.`,
      );
    }
    names.add(rule.name);
  }
  return Object.freeze(rules);
}

function parseAlertRule(value: unknown, index: number): AlertRule {
  const label = `rules[${index}]`;
  if (!isPlainObject(value)) {
    throw new MonitorError(
      "ERR_MONITOR_INVALID_RULE",
      `${label} must be a plain object, got ${describeValue(value)}.`,
    );
  }
  const rule = checkOptionsObject(
    value,
    RULE_KEYS,
    "ERR_MONITOR_INVALID_OPTIONS",
    label,
    createMonitorError,
  );

  if (typeof rule.name !== "string" || !RULE_NAME.test(rule.name)) {
    throw invalidRule(label, "name", rule.name, "1 to 64 characters from A-Za-z0-9._-");
  }
  if (!isCountableEventType(rule.eventType)) {
    throw invalidRule(
      label,
      "eventType",
      rule.eventType,
      "a security event type other than alert.raised",
    );
  }
  if (rule.key !== "clientIp" && rule.key !== "username" && typeof rule.key !== "function") {
    throw invalidRule(label, "key", rule.key, '"clientIp", "username" or a function of the event');
  }
  if (!SEVERITIES.includes(rule.severity as AlertSeverity)) {
    throw invalidRule(label, "severity", rule.severity, SEVERITIES.join(", "));
  }

  return Object.freeze({
    name: rule.name,
    eventType: rule.eventType,
    key: rule.key as AlertKey,
    threshold: checkInteger(rule.threshold, `${label}.threshold`, undefined, THRESHOLD_RANGE),
    windowMs: checkInteger(rule.windowMs, `${label}.windowMs`, undefined, WINDOW_RANGE),
    severity: rule.severity as AlertSeverity,
  });
}

function isCountableEventType(value: unknown): value is CountableEventType {
  return value !== "alert.raised" && (SECURITY_EVENT_TYPES as readonly unknown[]).includes(value);
}

function invalidRule(label: string, field: string, value: unknown, expected: string): MonitorError {
  return new MonitorError(
    "ERR_MONITOR_INVALID_RULE",
    `${label}.${field} must be ${expected}, got ${describeValue(value)}.`,
  );
}
