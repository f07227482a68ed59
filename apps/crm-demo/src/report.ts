import type { SecurityEvent } from "@bulwark/core";
import type { StoredAuditEntry } from "@bulwark/crm-domain";
import type { DemoReport, FrameworkName } from "./run-demo.js";

function formatTable(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => (row[column] ?? "").length)),
  );
  const format = (cells: readonly string[]) =>
    cells
      .map((cell, column) => cell.padEnd(widths[column] ?? 0))
      .join("  ")
      .trimEnd();
  return [format(header), widths.map((width) => "-".repeat(width)).join("  "), ...rows.map(format)];
}

function describeResult(result: { outcome: string; protected: boolean }): string {
  return `${result.protected ? "held" : "FAILED"}: ${result.outcome}`;
}

function formatAlert(framework: FrameworkName, alert: SecurityEvent): string[] {
  const details = alert.details as unknown as Record<string, unknown>;
  return [
    framework,
    String(details.rule ?? ""),
    String(details.severity ?? ""),
    String(details.key ?? ""),
    String(details.count ?? ""),
  ];
}

function formatAuditEntry(framework: FrameworkName, entry: StoredAuditEntry): string[] {
  return [
    framework,
    new Date(entry.timestamp).toISOString().slice(11, 19),
    entry.action,
    entry.outcome,
    entry.actorRole ?? "-",
    entry.clientIp ?? "-",
  ];
}

/** Renders the demo report: the attack table, the monitor's alerts and the latest audit entries. */
export function formatReport(report: DemoReport): string {
  const lines: string[] = ["", "Attacks"];
  lines.push(
    ...formatTable(
      ["attack", "Express outcome", "Fastify outcome", "identical"],
      report.rows.map((row) => [
        row.attack,
        describeResult(row.results.express),
        describeResult(row.results.fastify),
        row.identical ? "yes" : "NO",
      ]),
    ),
  );

  lines.push("", "Alerts raised by the security monitor");
  const alerts = (["express", "fastify"] as const).flatMap((name) =>
    report.alerts[name].map((alert) => formatAlert(name, alert)),
  );
  lines.push(
    ...(alerts.length === 0
      ? ["(none)"]
      : formatTable(["app", "rule", "severity", "key", "count"], alerts)),
  );

  lines.push("", "Latest audit entries (newest first)");
  const audit = (["express", "fastify"] as const).flatMap((name) =>
    report.audit[name].map((entry) => formatAuditEntry(name, entry)),
  );
  lines.push(
    ...formatTable(["app", "time (UTC)", "action", "outcome", "actor", "client IP"], audit),
  );

  lines.push(
    "",
    report.passed
      ? "Every protection held in both apps, and both apps sent identical responses."
      : "A protection FAILED or the apps sent different responses: see the rows above.",
  );
  return lines.join("\n");
}
