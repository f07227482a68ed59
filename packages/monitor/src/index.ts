export {
  type AlertKey,
  type AlertKeyFunction,
  type AlertRule,
  buildDefaultAlertRules,
  type CountableEventType,
  DEFAULT_ALERT_RULES,
  type DefaultAlertRuleName,
  type DefaultAlertRuleOverride,
} from "./alert-rules.js";
export {
  type AuditEntry,
  type AuditOutcome,
  type AuditQuery,
  type AuditSink,
  parseAuditEntry,
} from "./audit-entry.js";
export {
  type AuditRetentionOptions,
  MIN_AUDIT_RETENTION_DAYS,
  purgeAuditEntries,
} from "./audit-retention.js";
export { type CallbackSinkOptions, createCallbackSink } from "./callback-sink.js";
export {
  type CountInput,
  type CountingStore,
  type CountResult,
  MAX_ALERT_REQUEST_IDS,
} from "./counting-store.js";
export { MONITOR_ERROR_CODES, MonitorError, type MonitorErrorCode } from "./errors.js";
export { escapeLogText, MAX_TEXT_LENGTH } from "./escape-text.js";
export { createLoggerSink, type LoggerSinkOptions } from "./logger-sink.js";
export { createMemoryAuditSink, type MemoryAuditSinkOptions } from "./memory-audit-sink.js";
export {
  createMemoryCountingStore,
  type MemoryCountingStoreOptions,
} from "./memory-counting-store.js";
export { isSecretKey, REDACTED, redactSecrets, SECRET_KEY_PARTS } from "./redact.js";
export {
  createRedisCountingStore,
  type RedisCountingStoreOptions,
  type RedisScriptClient,
} from "./redis-counting-store.js";
export {
  createSecurityMonitor,
  type SecurityMonitor,
  type SecurityMonitorOptions,
} from "./security-monitor.js";
export type { SecuritySink } from "./security-sink.js";
export type { WebhookFormat } from "./webhook-payload.js";
export {
  createWebhookSink,
  MAX_RETRY_DELAY_MS,
  type WebhookSink,
  type WebhookSinkOptions,
  type WebhookSinkStats,
} from "./webhook-sink.js";
