import { describe, expect, it } from "vitest";
import { buildDefaultAlertRules, DEFAULT_ALERT_RULES, parseAlertRules } from "./alert-rules.js";

const validRule = {
  name: "custom",
  eventType: "login.failed",
  key: "clientIp",
  threshold: 3,
  windowMs: 60_000,
  severity: "low",
};

describe("DEFAULT_ALERT_RULES", () => {
  it("carries the documented numbers", () => {
    expect(
      DEFAULT_ALERT_RULES.map((rule) => [
        rule.name,
        rule.eventType,
        rule.key,
        rule.threshold,
        rule.windowMs,
      ]),
    ).toEqual([
      ["failed-logins-per-ip", "login.failed", "clientIp", 3, 300_000],
      ["failed-logins-per-username", "login.failed", "username", 3, 300_000],
      ["rate-limit-violations-per-ip", "rate_limit.exceeded", "clientIp", 5, 3_600_000],
      ["validation-failures-per-ip", "validation.failed", "clientIp", 10, 600_000],
    ]);
  });
});

describe("buildDefaultAlertRules", () => {
  it("returns the defaults unchanged", () => {
    expect(buildDefaultAlertRules()).toEqual(DEFAULT_ALERT_RULES);
  });

  it("applies overrides by rule name", () => {
    const rules = buildDefaultAlertRules({
      "failed-logins-per-ip": { threshold: 5, windowMs: 600_000, severity: "critical" },
      "validation-failures-per-ip": { enabled: false },
    });
    expect(rules.map((rule) => rule.name)).toEqual([
      "failed-logins-per-ip",
      "failed-logins-per-username",
      "rate-limit-violations-per-ip",
    ]);
    expect(rules[0]).toMatchObject({ threshold: 5, windowMs: 600_000, severity: "critical" });
  });

  it.each([
    ["unknown rule", { "failed-logins": { threshold: 4 } }, "ERR_MONITOR_INVALID_OPTIONS"],
    ["unknown field", { "failed-logins-per-ip": { limit: 4 } }, "ERR_MONITOR_INVALID_OPTIONS"],
    ["threshold zero", { "failed-logins-per-ip": { threshold: 0 } }, "ERR_MONITOR_INVALID_NUMBER"],
    ["enabled string", { "failed-logins-per-ip": { enabled: "no" } }, "ERR_MONITOR_INVALID_RULE"],
    [
      "severity unknown",
      { "failed-logins-per-ip": { severity: "urgent" } },
      "ERR_MONITOR_INVALID_RULE",
    ],
  ])("rejects %s", (_case, overrides, code) => {
    expect(() => buildDefaultAlertRules(overrides as never)).toThrow(
      expect.objectContaining({ code }),
    );
  });
});

describe("parseAlertRules", () => {
  it("accepts a custom rule", () => {
    expect(parseAlertRules([validRule])).toEqual([validRule]);
  });

  it.each([
    ["threshold NaN", { threshold: Number.NaN }, "ERR_MONITOR_INVALID_NUMBER"],
    ["threshold Infinity", { threshold: Number.POSITIVE_INFINITY }, "ERR_MONITOR_INVALID_NUMBER"],
    ["threshold negative", { threshold: -3 }, "ERR_MONITOR_INVALID_NUMBER"],
    ["threshold fraction", { threshold: 2.5 }, "ERR_MONITOR_INVALID_NUMBER"],
    ["threshold string", { threshold: "3" }, "ERR_MONITOR_INVALID_NUMBER"],
    ["threshold null", { threshold: null }, "ERR_MONITOR_INVALID_NUMBER"],
    ["threshold missing", { threshold: undefined }, "ERR_MONITOR_INVALID_NUMBER"],
    ["windowMs NaN", { windowMs: Number.NaN }, "ERR_MONITOR_INVALID_NUMBER"],
    ["windowMs below a second", { windowMs: 999 }, "ERR_MONITOR_INVALID_NUMBER"],
    ["windowMs over a week", { windowMs: 604_800_001 }, "ERR_MONITOR_INVALID_NUMBER"],
    ["windowMs string", { windowMs: "5m" }, "ERR_MONITOR_INVALID_NUMBER"],
    ["name with space", { name: "bad name" }, "ERR_MONITOR_INVALID_RULE"],
    ["name empty", { name: "" }, "ERR_MONITOR_INVALID_RULE"],
    ["name null", { name: null }, "ERR_MONITOR_INVALID_RULE"],
    ["eventType alert", { eventType: "alert.raised" }, "ERR_MONITOR_INVALID_RULE"],
    ["eventType unknown", { eventType: "login.maybe" }, "ERR_MONITOR_INVALID_RULE"],
    ["key unknown", { key: "email" }, "ERR_MONITOR_INVALID_RULE"],
    ["severity unknown", { severity: "urgent" }, "ERR_MONITOR_INVALID_RULE"],
    ["unknown key", { limit: 3 }, "ERR_MONITOR_INVALID_OPTIONS"],
  ])("rejects %s", (_case, change, code) => {
    expect(() => parseAlertRules([{ ...validRule, ...change }])).toThrow(
      expect.objectContaining({ code }),
    );
  });

  it.each([null, "rule", 5])("rejects rule entry %j", (entry) => {
    expect(() => parseAlertRules([entry])).toThrow(
      expect.objectContaining({ code: "ERR_MONITOR_INVALID_RULE" }),
    );
  });

  it("rejects duplicate rule names", () => {
    expect(() => parseAlertRules([validRule, validRule])).toThrow(
      expect.objectContaining({ code: "ERR_MONITOR_INVALID_RULE" }),
    );
  });

  it("names the option in messages", () => {
    const messages = [{ threshold: -3 }, { windowMs: "5m" }, { eventType: "alert.raised" }].map(
      (change) => {
        try {
          parseAlertRules([{ ...validRule, ...change }]);
          return "no error";
        } catch (error) {
          return (error as Error).message;
        }
      },
    );
    expect(messages).toMatchInlineSnapshot(`
      [
        "rules[0].threshold must be an integer from 1 to 100000, got -3. Use 3, for example.",
        "rules[0].windowMs must be an integer from 1000 to 604800000, got "5m". Use 300000, for example.",
        "rules[0].eventType must be a security event type other than alert.raised, got "alert.raised".",
      ]
    `);
  });
});
