import { createSecurityEvent, type SecurityEvent, type SecurityEventContext } from "@bulwark/core";
import type { SanitizerFinding } from "./sanitizer.js";
import { SQL_INJECTION_PATTERNS } from "./sql-injection.js";

/**
 * Builds the `injection.suspected` security event for a request from its findings, keeping only
 * the SQL-injection ones. Returns undefined when there are none, so adapters can publish the
 * result directly. The event names paths and rules, never the suspicious text itself.
 *
 * @example
 * const event = buildInjectionEvent(context, result.findings);
 * if (event !== undefined) publisher.publish(event);
 */
export function buildInjectionEvent(
  context: SecurityEventContext,
  findings: readonly SanitizerFinding[],
): SecurityEvent<"injection.suspected"> | undefined {
  const sqlFindings = findings.filter((finding) =>
    Object.hasOwn(SQL_INJECTION_PATTERNS, finding.rule),
  );
  if (sqlFindings.length === 0) return undefined;
  return createSecurityEvent("injection.suspected", context, {
    findings: sqlFindings.map(({ path, rule }) => ({ path, rule })),
  });
}
