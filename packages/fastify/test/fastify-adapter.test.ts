import { sendRequest } from "@bulwark/conformance";
import Fastify, { type FastifyInstance } from "fastify";
import { afterEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { bulwarkFastify } from "../src/index.js";

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

  it("runs route hooks between limiter and validation", async () => {
    const app = Fastify();
    await app.register(bulwarkFastify, {
      securityHeaders: false,
      rateLimit: { policies: { once: { points: 1, durationSeconds: 60 } } },
    });
    const seen: unknown[] = [];
    app.post(
      "/hooked",
      {
        config: { rateLimit: "once" },
        schema: { body: z.object({ name: z.string().transform((name) => name.toUpperCase()) }) },
        preValidation: async (request) => {
          seen.push(request.body);
        },
      },
      async (request) => request.body,
    );
    const port = await listen(app);
    const send = () =>
      sendRequest(port, {
        method: "POST",
        path: "/hooked",
        headers: [["Content-Type", "application/json"]],
        body: '{"name":"ada"}',
      });

    const first = await send();
    const second = await send();
    expect(first.status).toBe(200);
    expect(JSON.parse(first.body)).toEqual({ name: "ADA" });
    expect(second.status).toBe(429);
    expect(seen).toEqual([{ name: "ada" }]);
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
