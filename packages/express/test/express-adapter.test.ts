import { once } from "node:events";
import type { AddressInfo } from "node:net";
import { sendRequest } from "@bulwark/conformance";
import express, { type Express } from "express";
import { afterEach, describe, expect, it } from "vitest";
import {
  bodyLimits,
  bulwark,
  clientIp,
  errorHandler,
  notFound,
  securityHeaders,
} from "../src/index.js";

const servers: { close(): void; closeAllConnections(): void }[] = [];

async function listen(app: Express): Promise<number> {
  const server = app.listen(0, "127.0.0.1");
  servers.push(server);
  await once(server, "listening");
  return (server.address() as AddressInfo).port;
}

afterEach(() => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    server.close();
  }
});

describe("bulwark", () => {
  it("sets client IP and request id", async () => {
    const app = express();
    app.use(bulwark({ securityHeaders: false }));
    app.get("/who", (req, res) => {
      res.json({ clientIp: req.clientIp, hasRequestId: typeof req.requestId === "string" });
    });
    const port = await listen(app);

    const response = await sendRequest(port, { method: "GET", path: "/who" });
    expect(JSON.parse(response.body)).toEqual({ clientIp: "127.0.0.1", hasRequestId: true });
  });

  it.each([
    ["unknown key", { trustProxy: true }, "ERR_EXPRESS_INVALID_OPTIONS"],
    ["null", null, "ERR_EXPRESS_INVALID_OPTIONS"],
    ["string", "strict", "ERR_EXPRESS_INVALID_OPTIONS"],
    ["NaN limit", { bodyLimits: { json: Number.NaN } }, "ERR_EXPRESS_INVALID_OPTIONS"],
    [
      "Infinity limit",
      { bodyLimits: { json: Number.POSITIVE_INFINITY } },
      "ERR_EXPRESS_INVALID_OPTIONS",
    ],
    ["negative limit", { bodyLimits: { multipart: -1 } }, "ERR_EXPRESS_INVALID_OPTIONS"],
    ["string limit", { bodyLimits: { json: "10mb" } }, "ERR_EXPRESS_INVALID_OPTIONS"],
    ["invalid proxy", { clientIp: { trustProxy: ["not-an-ip"] } }, "ERR_IP_INVALID_PROXY"],
    [
      "invalid header option",
      { securityHeaders: { xFrameOptions: "ALLOW" } },
      "ERR_HEADERS_INVALID_VALUE",
    ],
  ])("rejects %s", (_label, options, code) => {
    expect(() => bulwark(options as never)).toThrow(expect.objectContaining({ code }));
  });
});

describe("standalone middleware", () => {
  it("works without bulwark", async () => {
    const app = express();
    app.set("etag", false);
    app.use(clientIp(), securityHeaders({ securityHeaders: { preset: "guide" } }));
    app.use(bodyLimits({ bodyLimits: { json: 8 } }));
    app.post("/items", (req, res) => {
      res.json({ body: req.body, clientIp: req.clientIp });
    });
    app.use(notFound());
    app.use(errorHandler());
    const port = await listen(app);

    const accepted = await sendRequest(port, {
      method: "POST",
      path: "/items",
      headers: [["Content-Type", "application/json"]],
      body: '{"a":1}',
    });
    expect(JSON.parse(accepted.body)).toEqual({ body: { a: 1 }, clientIp: "127.0.0.1" });
    expect(accepted.headers["x-frame-options"]).toBe("DENY");
    expect(accepted.headers["x-powered-by"]).toBeUndefined();

    const tooLarge = await sendRequest(port, {
      method: "POST",
      path: "/items",
      headers: [["Content-Type", "application/json"]],
      body: '{"a":"long"}',
    });
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.headers["x-frame-options"]).toBe("DENY");
  });

  it("renders errors without bulwark", async () => {
    const app = express();
    app.get("/boom", () => {
      throw Object.assign(new Error("SELECT failed"), { status: 418 });
    });
    app.use(errorHandler());
    const port = await listen(app);

    const response = await sendRequest(port, { method: "GET", path: "/boom" });
    expect(response.status).toBe(400);
    expect(JSON.parse(response.body).code).toBe("BAD_REQUEST");
    expect(response.body).not.toContain("SELECT");
    expect(response.headers["x-powered-by"]).toBeUndefined();
    expect(response.headers["content-security-policy"]).toBeDefined();
  });
});
