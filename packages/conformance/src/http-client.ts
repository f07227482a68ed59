import { Agent, request as httpRequest, type IncomingMessage } from "node:http";
import type { ReceivedResponse, RequestSpec } from "./types.js";

const BODY_BY_DEFAULT = new Set(["POST", "PUT", "PATCH"]);
const GROWING_CHUNK = Buffer.alloc(64 * 1024, 0x20);

/**
 * Sends one request to 127.0.0.1 over a fresh connection and collects the response. Header lines
 * go out in the given order and case, so a case can send duplicates and unusual spellings.
 */
export function sendRequest(port: number, spec: RequestSpec): Promise<ReceivedResponse> {
  return new Promise((resolve, reject) => {
    // Node's client adds no Host line when headers are given as a list, and HTTP/1.1 requires one.
    const headerLines: string[] = ["Host", `127.0.0.1:${port}`];
    for (const [name, value] of spec.headers ?? []) headerLines.push(name, value);
    const streamed = spec.chunked !== undefined || spec.growingBodyBytes !== undefined;
    const hasLength = headerLines.some(
      (line, index) => index % 2 === 0 && line.toLowerCase() === "content-length",
    );
    if (!streamed && !hasLength) {
      // Node sends a bodiless POST, PUT or PATCH as an empty chunked body, but a length of 0 is what
      // browsers and fetch send.
      const length = spec.body === undefined ? 0 : Buffer.byteLength(spec.body);
      if (length > 0 || BODY_BY_DEFAULT.has(spec.method))
        headerLines.push("Content-Length", String(length));
    }

    // A keep-alive agent, as browsers use: Node's server closes the socket right after responding to a
    // request sent with "Connection: close", which can reset a client that is still sending.
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const req = httpRequest({
      host: "127.0.0.1",
      port,
      method: spec.method,
      path: spec.path,
      headers: headerLines,
      agent,
    });
    let bytesSent = 0;
    let responded = false;

    req.on("response", (res) => {
      responded = true;
      if (spec.growingBodyBytes !== undefined) req.end();
      collect(res, () => bytesSent)
        .then(resolve, reject)
        .finally(() => agent.destroy());
    });
    req.on("error", (error) => {
      // The server may close the connection after responding to an oversized body.
      if (!responded) {
        agent.destroy();
        reject(error);
      }
    });

    if (spec.growingBodyBytes !== undefined) {
      const total = spec.growingBodyBytes;
      // One piece per turn of the event loop, so the response is read as soon as it arrives
      // rather than after the whole body has been queued.
      const writeMore = () => {
        if (responded) return;
        if (bytesSent >= total) {
          req.end();
          return;
        }
        bytesSent += GROWING_CHUNK.length;
        if (req.write(GROWING_CHUNK)) setImmediate(writeMore);
        else req.once("drain", writeMore);
      };
      writeMore();
      return;
    }

    if (spec.body !== undefined && spec.chunked !== undefined) {
      const body = Buffer.from(spec.body);
      for (let offset = 0; offset < body.length; offset += spec.chunked) {
        req.write(body.subarray(offset, offset + spec.chunked));
      }
    } else if (spec.body !== undefined) {
      req.write(spec.body);
    }
    req.end();
  });
}

async function collect(res: IncomingMessage, bytesSent: () => number): Promise<ReceivedResponse> {
  const chunks: Buffer[] = [];
  for await (const chunk of res) chunks.push(chunk as Buffer);

  const headers: Record<string, string | string[]> = {};
  for (const [name, values] of Object.entries(res.headersDistinct)) {
    if (values === undefined) continue;
    headers[name] = values.length === 1 ? (values[0] as string) : values;
  }
  return {
    status: res.statusCode ?? 0,
    headers,
    body: Buffer.concat(chunks).toString("utf8"),
    bytesSent: bytesSent(),
  };
}
