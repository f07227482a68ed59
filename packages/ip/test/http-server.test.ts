import { once } from "node:events";
import { createServer, type IncomingMessage, request, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createCoreRequest, NOOP_LOGGER } from "@bulwark/core";
import { createClientIpResolver } from "@bulwark/ip";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const trustingResolver = createClientIpResolver({ trustProxy: "loopback", logger: NOOP_LOGGER });
const defaultResolver = createClientIpResolver({ logger: NOOP_LOGGER });

function toCoreRequest(req: IncomingMessage) {
  return createCoreRequest({
    method: req.method ?? "GET",
    url: req.url ?? "/",
    headers: req.headers,
    remoteAddress: req.socket.remoteAddress,
    encrypted: false,
  });
}

let server: Server;
let port: number;

beforeAll(async () => {
  server = createServer((req, res) => {
    const resolver = req.url === "/trusting" ? trustingResolver : defaultResolver;
    const result = resolver.resolve(toCoreRequest(req));
    res.setHeader("content-type", "application/json");
    res.end(JSON.stringify(result));
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  server.close();
  await once(server, "close");
});

/** Sends a GET to the test server, with header lines exactly as given. */
async function send(path: string, headers: Record<string, string | string[]>) {
  const req = request({ host: "127.0.0.1", port, path, method: "GET" });
  for (const [name, value] of Object.entries(headers)) req.setHeader(name, value);
  req.end();
  const [res] = (await once(req, "response")) as [IncomingMessage];
  const chunks: Buffer[] = [];
  for await (const chunk of res) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString("utf8")) as {
    address: string;
    hops: string[];
    source: string;
    protocol: string;
  };
}

describe("resolver behind a real socket", () => {
  it("uses the loopback socket by default", async () => {
    const result = await send("/default", { "x-forwarded-for": "203.0.113.9" });
    expect(result.address).toBe("127.0.0.1");
    expect(result.source).toBe("socket");
  });

  it("reads X-Forwarded-For from trusted loopback", async () => {
    const result = await send("/trusting", {
      "x-forwarded-for": "198.51.100.1, 203.0.113.9",
      "x-forwarded-proto": "https",
    });
    expect(result).toEqual({
      address: "203.0.113.9",
      hops: ["127.0.0.1", "203.0.113.9"],
      source: "x-forwarded-for",
      protocol: "https",
    });
  });

  it("joins several header lines in order", async () => {
    const result = await send("/trusting", {
      "x-forwarded-for": ["203.0.113.9, 127.0.0.2", "127.0.0.3"],
    });
    expect(result.hops).toEqual(["127.0.0.1", "127.0.0.3", "127.0.0.2", "203.0.113.9"]);
  });

  it("reads Forwarded from trusted loopback", async () => {
    const result = await send("/trusting", { forwarded: 'for="[2001:db8::7]:4711";proto=https' });
    expect(result.address).toBe("2001:db8::7");
    expect(result.protocol).toBe("https");
  });
});
