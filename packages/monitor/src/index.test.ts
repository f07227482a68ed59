import { describe, expect, it } from "vitest";
import * as monitor from "./index.js";

describe("@bulwark/monitor exports", () => {
  it("exports exactly the public API", () => {
    expect(Object.keys(monitor).sort()).toEqual([
      "DEFAULT_ALERT_RULES",
      "MAX_ALERT_REQUEST_IDS",
      "MAX_RETRY_DELAY_MS",
      "MAX_TEXT_LENGTH",
      "MIN_AUDIT_RETENTION_DAYS",
      "MONITOR_ERROR_CODES",
      "MonitorError",
      "REDACTED",
      "SECRET_KEY_PARTS",
      "buildDefaultAlertRules",
      "createCallbackSink",
      "createLoggerSink",
      "createMemoryAuditSink",
      "createMemoryCountingStore",
      "createRedisCountingStore",
      "createSecurityMonitor",
      "createWebhookSink",
      "escapeLogText",
      "isSecretKey",
      "parseAuditEntry",
      "purgeAuditEntries",
      "redactSecrets",
    ]);
  });
});
