import type { Logger } from "@bulwark/core";
import { describe, expect, it } from "vitest";
import { MINIMAL_ROUTES } from "./cases-body.js";
import { THROWN_SECRET } from "./cases-errors.js";
import { sendRequest } from "./http-client.js";
import type { CreateApp } from "./types.js";

/** One call of a recording logger: the level and the context object. */
export interface LogLine {
  readonly level: "debug" | "info" | "warn" | "error";
  readonly context: Record<string, unknown>;
}

/** Creates a pino-style logger that appends every call to `lines`. */
export function createRecordingLogger(lines: LogLine[]): Logger {
  const record = (level: LogLine["level"]) => (context: Record<string, unknown>) => {
    lines.push({ level, context });
  };
  return {
    debug: record("debug"),
    info: record("info"),
    warn: record("warn"),
    error: record("error"),
  };
}

/**
 * Defines a test that a throwing handler's error is logged once at error level with the request
 * id taken from `X-Request-Id`, while the client gets only the generic 500 body.
 *
 * @example
 * describeErrorLogging("express", createExpressApp);
 */
export function describeErrorLogging(name: string, createApp: CreateApp): void {
  describe(`${name} error logging`, () => {
    it("logs handler errors with request id", async () => {
      const lines: LogLine[] = [];
      const app = await createApp({
        options: { logger: createRecordingLogger(lines), requestIdHeader: "x-request-id" },
        routes: MINIMAL_ROUTES,
      });
      try {
        const response = await sendRequest(app.port, {
          method: "GET",
          path: "/api/boom",
          headers: [["X-Request-Id", "req-42"]],
        });
        expect(response.status).toBe(500);
        expect(response.body).not.toContain(THROWN_SECRET);
      } finally {
        await app.close();
      }

      expect(lines).toHaveLength(1);
      expect(lines[0]?.level).toBe("error");
      expect(lines[0]?.context).toMatchObject({ requestId: "req-42", method: "GET" });
      expect(String((lines[0]?.context.err as Error | undefined)?.message)).toContain(
        THROWN_SECRET,
      );
    });
  });
}
