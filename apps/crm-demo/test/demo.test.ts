import { describe, expect, it } from "vitest";
import { ATTACKS, formatReport, runDemo } from "../src/index.js";

describe("runDemo", () => {
  it("holds every attack identically", { timeout: 300_000 }, async () => {
    const report = await runDemo({ scryptCost: 2 ** 14, auditEntries: 5 });
    expect(report.rows.map((row) => row.attack)).toEqual(ATTACKS.map((attack) => attack.name));
    for (const row of report.rows) {
      expect(row.results.express.protected, `${row.attack} on Express`).toBe(true);
      expect(row.results.fastify.protected, `${row.attack} on Fastify`).toBe(true);
      expect(row.identical, `${row.attack} identical`).toBe(true);
    }
    expect(report.passed).toBe(true);

    const rules = report.alerts.express.map((alert) => (alert.details as { rule: string }).rule);
    expect(rules).toContain("failed-logins-per-ip");
    expect(rules).toContain("rate-limit-violations-per-ip");
    expect(report.audit.fastify).toHaveLength(5);
    expect(formatReport(report)).toContain("Every protection held");
  });
});
