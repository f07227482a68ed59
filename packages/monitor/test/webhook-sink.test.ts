import { once } from "node:events";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { findFreePort } from "@bulwark-test/support";
import { afterEach, describe, expect, it } from "vitest";
import { createWebhookSink } from "../src/webhook-sink.js";
import { buildEvent, createRecordingLogger } from "./helpers.js";

interface ReceivedRequest {
  readonly method: string | undefined;
  readonly url: string | undefined;
  readonly contentType: string | undefined;
  readonly body: string;
}

type Handler = (request: IncomingMessage, response: ServerResponse, index: number) => void;

const servers: Server[] = [];

async function startReceiver(handler: Handler) {
  const received: ReceivedRequest[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      received.push({
        method: request.method,
        url: request.url,
        contentType: request.headers["content-type"],
        body: Buffer.concat(chunks).toString("utf8"),
      });
      handler(request, response, received.length - 1);
    });
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  servers.push(server);
  const { port } = server.address() as AddressInfo;
  return { received, url: `http://127.0.0.1:${port}/hooks/secret-path` };
}

afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    server.close();
    await once(server, "close");
  }
});

const alert = (key = "203.0.113.9") =>
  buildEvent("alert.raised", {
    rule: "failed-logins-per-ip",
    key,
    severity: "high",
    count: 3,
    firstSeen: 0,
    lastSeen: 60_000,
    requestIds: ["req-a", "req-b"],
  });

const respond = (status: number) => (_request: IncomingMessage, response: ServerResponse) => {
  response.writeHead(status).end();
};

describe("createWebhookSink", () => {
  it("posts alerts as JSON", async () => {
    const receiver = await startReceiver(respond(204));
    const sink = createWebhookSink({ url: receiver.url });
    const event = alert();
    sink.write(event);
    await sink.flush();

    expect(receiver.received).toHaveLength(1);
    expect(receiver.received[0]).toMatchObject({
      method: "POST",
      url: "/hooks/secret-path",
      contentType: "application/json",
    });
    expect(JSON.parse(receiver.received[0]?.body ?? "")).toEqual(event);
    expect(sink.getStats()).toEqual({ delivered: 1, failed: 0, dropped: 0, queued: 0 });
  });

  it("sends only alerts by default", async () => {
    const receiver = await startReceiver(respond(200));
    const sink = createWebhookSink({ url: receiver.url });
    sink.write(buildEvent("login.failed", { username: "a" }));
    await sink.flush();
    expect(receiver.received).toHaveLength(0);
  });

  it("retries after a 500", async () => {
    const receiver = await startReceiver((request, response, index) =>
      respond(index === 0 ? 500 : 200)(request, response),
    );
    const sink = createWebhookSink({ url: receiver.url, retryDelayMs: 1 });
    sink.write(alert());
    await sink.flush();
    expect(receiver.received).toHaveLength(2);
    expect(receiver.received[1]?.body).toBe(receiver.received[0]?.body);
    expect(sink.getStats()).toMatchObject({ delivered: 1, failed: 0 });
  });

  it("stops after maxRetries", async () => {
    const logger = createRecordingLogger();
    const receiver = await startReceiver(respond(503));
    const sink = createWebhookSink({ url: receiver.url, retryDelayMs: 1, maxRetries: 2, logger });
    sink.write(alert());
    await sink.flush();
    expect(receiver.received).toHaveLength(3);
    expect(sink.getStats()).toMatchObject({ delivered: 0, failed: 1 });
    expect(logger.lines[0]).toMatchObject({
      code: "ERR_MONITOR_WEBHOOK_FAILED",
      status: 503,
      origin: new URL(receiver.url).origin,
    });
    expect(JSON.stringify(logger.lines)).not.toContain("secret-path");
  });

  it("does not retry a 400", async () => {
    const receiver = await startReceiver(respond(400));
    const sink = createWebhookSink({ url: receiver.url, retryDelayMs: 1 });
    sink.write(alert());
    await sink.flush();
    expect(receiver.received).toHaveLength(1);
    expect(sink.getStats()).toMatchObject({ failed: 1 });
  });

  it("does not follow redirects", async () => {
    const receiver = await startReceiver((_request, response) => {
      response.writeHead(307, { location: "/elsewhere" }).end();
    });
    const sink = createWebhookSink({ url: receiver.url, retryDelayMs: 1 });
    sink.write(alert());
    await sink.flush();
    expect(receiver.received.map((request) => request.url)).toEqual(["/hooks/secret-path"]);
    expect(sink.getStats()).toMatchObject({ failed: 1 });
  });

  it("times out a silent receiver", async () => {
    const logger = createRecordingLogger();
    // The receiver reads the request and never sends a response.
    const receiver = await startReceiver(() => {});
    const sink = createWebhookSink({
      url: receiver.url,
      timeoutMs: 50,
      maxRetries: 1,
      retryDelayMs: 1,
      logger,
    });
    sink.write(alert());
    await sink.flush();
    expect(receiver.received).toHaveLength(2);
    expect(sink.getStats()).toMatchObject({ delivered: 0, failed: 1 });
    expect(logger.lines[0]).toMatchObject({
      code: "ERR_MONITOR_WEBHOOK_FAILED",
      err: expect.objectContaining({ name: "TimeoutError" }),
    });
  });

  it("fails when the receiver is down", async () => {
    const logger = createRecordingLogger();
    const port = await findFreePort();
    const sink = createWebhookSink({
      url: `http://127.0.0.1:${port}/hook`,
      maxRetries: 2,
      retryDelayMs: 1,
      logger,
    });
    expect(() => sink.write(alert())).not.toThrow();
    await sink.flush();
    expect(sink.getStats()).toMatchObject({ delivered: 0, failed: 1 });
    expect(logger.lines[0]).toMatchObject({ code: "ERR_MONITOR_WEBHOOK_FAILED" });
  });

  it("drops events when the queue is full", async () => {
    const logger = createRecordingLogger();
    const heldResponses: ServerResponse[] = [];
    const receiver = await startReceiver((_request, response) => void heldResponses.push(response));
    const sink = createWebhookSink({ url: receiver.url, maxQueueSize: 1, logger });
    sink.write(alert("a"));
    sink.write(alert("b"));
    sink.write(alert("c"));
    expect(sink.getStats()).toEqual({ delivered: 0, failed: 0, dropped: 1, queued: 1 });
    expect(logger.lines[0]).toMatchObject({ code: "ERR_MONITOR_EVENTS_DROPPED", dropped: 1 });

    // Respond to each held request until both queued alerts are delivered.
    const answering = setInterval(() => {
      for (const response of heldResponses.splice(0)) response.writeHead(200).end();
    }, 5);
    await sink.flush();
    clearInterval(answering);
    expect(receiver.received.map((request) => JSON.parse(request.body).details.key)).toEqual([
      "a",
      "b",
    ]);
    expect(sink.getStats()).toMatchObject({ delivered: 2, dropped: 1 });
  });

  it("drops the rest on close after a failure", async () => {
    const port = await findFreePort();
    const sink = createWebhookSink({ url: `http://127.0.0.1:${port}/hook`, retryDelayMs: 10_000 });
    for (const key of ["a", "b", "c"]) sink.write(alert(key));
    await sink.close();
    expect(sink.getStats()).toEqual({ delivered: 0, failed: 1, dropped: 2, queued: 0 });
    sink.write(alert());
    expect(sink.getStats()).toMatchObject({ dropped: 3 });
  });

  it("posts Slack text without mentions", async () => {
    const receiver = await startReceiver(respond(200));
    const sink = createWebhookSink({ url: receiver.url, format: "slack" });
    sink.write(alert("<!channel> & friends\n"));
    await sink.flush();
    const body = JSON.parse(receiver.received[0]?.body ?? "");
    expect(Object.keys(body)).toEqual(["text"]);
    expect(body.text).toContain(
      "[HIGH] Alert failed-logins-per-ip for &lt;!channel&gt; &amp; friends\\n:",
    );
    expect(body.text).toContain("Request ids: req-a, req-b.");
    expect(body.text).not.toContain("<!channel>");
  });

  it("sends configured headers", async () => {
    let authorization: string | undefined;
    const receiver = await startReceiver((request, response) => {
      authorization = request.headers.authorization;
      response.writeHead(200).end();
    });
    const sink = createWebhookSink({
      url: receiver.url,
      headers: { authorization: "Bearer receiver-token" },
    });
    sink.write(alert());
    await sink.flush();
    expect(authorization).toBe("Bearer receiver-token");
  });

  it.each([
    ["missing url", { url: undefined }, "ERR_MONITOR_INVALID_WEBHOOK_URL"],
    ["relative url", { url: "/hook" }, "ERR_MONITOR_INVALID_WEBHOOK_URL"],
    ["file url", { url: "file:///etc/passwd" }, "ERR_MONITOR_INVALID_WEBHOOK_URL"],
    ["url number", { url: 5 }, "ERR_MONITOR_INVALID_WEBHOOK_URL"],
    ["timeoutMs NaN", { timeoutMs: Number.NaN }, "ERR_MONITOR_INVALID_NUMBER"],
    ["timeoutMs Infinity", { timeoutMs: Number.POSITIVE_INFINITY }, "ERR_MONITOR_INVALID_NUMBER"],
    ["timeoutMs negative", { timeoutMs: -1 }, "ERR_MONITOR_INVALID_NUMBER"],
    ["timeoutMs string", { timeoutMs: "5s" }, "ERR_MONITOR_INVALID_NUMBER"],
    ["timeoutMs null", { timeoutMs: null }, "ERR_MONITOR_INVALID_NUMBER"],
    ["maxRetries too many", { maxRetries: 11 }, "ERR_MONITOR_INVALID_NUMBER"],
    ["retryDelayMs fraction", { retryDelayMs: 1.5 }, "ERR_MONITOR_INVALID_NUMBER"],
    ["maxQueueSize zero", { maxQueueSize: 0 }, "ERR_MONITOR_INVALID_NUMBER"],
    ["format unknown", { format: "teams" }, "ERR_MONITOR_INVALID_OPTIONS"],
    ["headers number value", { headers: { "x-a": 1 } }, "ERR_MONITOR_INVALID_OPTIONS"],
    ["unknown key", { retries: 3 }, "ERR_MONITOR_INVALID_OPTIONS"],
  ])("rejects %s", (_case, options, code) => {
    const withUrl = { url: "http://127.0.0.1:9/hook", ...options };
    expect(() => createWebhookSink(withUrl as never)).toThrow(expect.objectContaining({ code }));
  });

  it("keeps the url out of messages", () => {
    try {
      createWebhookSink({ url: "ftp://hooks.invalid/T000/secret" });
    } catch (error) {
      expect((error as Error).message).not.toContain("secret");
      return;
    }
    throw new Error("expected createWebhookSink to throw");
  });
});
