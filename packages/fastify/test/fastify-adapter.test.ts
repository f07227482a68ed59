import { sendRequest } from "@bulwark/conformance";
import type { Logger, SecurityEvent } from "@bulwark/core";
import Fastify, { type FastifyInstance } from "fastify";
import { afterEach, describe, expect, it } from "vitest";
import { bulwarkFastify } from "../src/index.js";

interface LogLine {
  readonly level: string;
  readonly context: Record<string, unknown>;
}

function createRecordingLogger(lines: LogLine[]): Logger {
  const record = (level: string) => (context: Record<string, unknown>) => {
    lines.push({ level, context });
  };
  return {
    debug: record("debug"),
    info: record("info"),
    warn: record("warn"),
    error: record("error"),
  };
}

const apps: FastifyInstance[] = [];

async function listen(app: FastifyInstance): Promise<number> {
  apps.push(app);
  await app.listen({ port: 0, host: "127.0.0.1" });
  const address = app.server.address();
  if (address === null || typeof address === "string") throw new Error("not listening on TCP");
  return address.port;
}

afterEach(async () => {
  await Promise.all(apps.splice(0).map((app) => app.close()));
});

describe("bulwarkFastify", () => {
  it("logs handler errors with request id", async () => {
    const lines: LogLine[] = [];
    const app = Fastify();
    await app.register(bulwarkFastify, {
      logger: createRecordingLogger(lines),
      requestIdHeader: "x-request-id",
    });
    app.get("/boom", async () => {
      throw new Error("broken");
    });
    const port = await listen(app);

    const response = await sendRequest(port, {
      method: "GET",
      path: "/boom",
      headers: [["X-Request-Id", "req-42"]],
    });
    expect(response.status).toBe(500);
    expect(lines).toHaveLength(1);
    expect(lines[0]?.level).toBe("error");
    expect(lines[0]?.context).toMatchObject({ requestId: "req-42", method: "GET" });
    expect(lines[0]?.context.err).toBeInstanceOf(Error);
  });

  it("publishes body events with context", async () => {
    const events: SecurityEvent[] = [];
    const app = Fastify();
    await app.register(bulwarkFastify, { events: { publish: (event) => events.push(event) } });
    app.post("/items", async () => ({}));
    const port = await listen(app);

    await sendRequest(port, {
      method: "POST",
      path: "/items?x=1",
      headers: [["Content-Type", "application/json"]],
      body: "{",
    });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      type: "body.malformed",
      clientIp: "127.0.0.1",
      method: "POST",
      route: "/items",
      details: { contentType: "application/json", reason: "invalid_json" },
    });
    expect(events[0]?.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("decorates client IP and request id", async () => {
    const app = Fastify();
    await app.register(bulwarkFastify, { securityHeaders: false });
    app.get("/who", async (request) => ({
      clientIp: request.clientIp,
      hasRequestId: request.requestId.length > 0,
    }));
    const port = await listen(app);

    const response = await sendRequest(port, { method: "GET", path: "/who" });
    expect(JSON.parse(response.body)).toEqual({ clientIp: "127.0.0.1", hasRequestId: true });
  });

  it("exposes the CSP nonce on the reply", async () => {
    const app = Fastify();
    await app.register(bulwarkFastify);
    app.get("/page", async (_request, reply) => ({ nonce: reply.cspNonce }));
    const port = await listen(app);

    const response = await sendRequest(port, { method: "GET", path: "/page" });
    const { nonce } = JSON.parse(response.body);
    expect(nonce).toMatch(/^[A-Za-z0-9+/=_-]{16,}$/);
    expect(response.headers["content-security-policy"]).toContain(`'nonce-${nonce}'`);
  });

  it.each([
    ["unknown key", { trustProxy: true }, "ERR_FASTIFY_INVALID_OPTIONS"],
    ["NaN limit", { bodyLimits: { json: Number.NaN } }, "ERR_FASTIFY_INVALID_OPTIONS"],
    [
      "Infinity limit",
      { bodyLimits: { json: Number.POSITIVE_INFINITY } },
      "ERR_FASTIFY_INVALID_OPTIONS",
    ],
    ["negative limit", { bodyLimits: { multipart: -1 } }, "ERR_FASTIFY_INVALID_OPTIONS"],
    ["string limit", { bodyLimits: { json: "10mb" } }, "ERR_FASTIFY_INVALID_OPTIONS"],
    ["null logger", { logger: null }, "ERR_FASTIFY_INVALID_OPTIONS"],
    ["invalid proxy", { clientIp: { trustProxy: ["not-an-ip"] } }, "ERR_IP_INVALID_PROXY"],
  ])("rejects %s", async (_label, options, code) => {
    const app = Fastify();
    apps.push(app);
    await expect(app.register(bulwarkFastify, options as never).ready()).rejects.toMatchObject({
      code,
    });
  });
});
