import type { SecurityEvent } from "@bulwark/core";
import { createCallbackSink, createSecurityMonitor } from "@bulwark/monitor";
import { describe, expect, it } from "vitest";
import { VALIDATION_ROUTES } from "./cases-validation.js";
import { sendRequest } from "./http-client.js";
import type { CreateApp, RequestSpec } from "./types.js";

const JSON_HEADERS = [["Content-Type", "application/json"]] as const;

/** Requests that each make one protection publish an event, with the event type expected. */
const EVENT_REQUESTS: readonly (readonly [type: string, request: RequestSpec])[] = [
  ["body.malformed", { method: "POST", path: "/api/items", headers: JSON_HEADERS, body: "{" }],
  [
    "payload.too_large",
    { method: "POST", path: "/api/items", headers: JSON_HEADERS, body: `"${"x".repeat(64)}"` },
  ],
  [
    "injection.suspected",
    { method: "POST", path: "/api/items", headers: JSON_HEADERS, body: '{"q":"1; DROP TABLE x"}' },
  ],
  // The login route allows one attempt: the first spends it and fails validation.
  [
    "validation.failed",
    { method: "POST", path: "/api/auth/login", headers: JSON_HEADERS, body: "{}" },
  ],
  [
    "rate_limit.exceeded",
    { method: "POST", path: "/api/auth/login", headers: JSON_HEADERS, body: "{}" },
  ],
];

/**
 * Defines a test that runs an app with a real @bulwark/monitor as `events` and checks that each
 * protection's event reaches the monitor's sink, with the client IP, method, path and request id.
 *
 * @example
 * describeEvents("express", createExpressApp);
 */
export function describeEvents(name: string, createApp: CreateApp): void {
  describe(`${name} security events`, () => {
    it("reach the configured monitor", async () => {
      const received: SecurityEvent[] = [];
      const monitor = createSecurityMonitor({
        sinks: [createCallbackSink({ onEvent: (event) => void received.push(event) })],
      });
      const app = await createApp({
        options: {
          events: monitor,
          bodyLimits: { json: 32 },
          rateLimit: { policies: { auth: { points: 1 } } },
        },
        routes: VALIDATION_ROUTES,
      });

      try {
        for (const [, request] of EVENT_REQUESTS) await sendRequest(app.port, request);
      } finally {
        await app.close();
        await monitor.close();
      }

      expect(received.map((event) => event.type)).toEqual(EVENT_REQUESTS.map(([type]) => type));
      for (const [index, event] of received.entries()) {
        const request = (EVENT_REQUESTS[index] as (typeof EVENT_REQUESTS)[number])[1];
        expect(event).toMatchObject({
          clientIp: "127.0.0.1",
          method: request.method,
          route: request.path,
        });
        expect(event.requestId).toMatch(/^[0-9a-f-]{36}$/);
      }
    });
  });
}
