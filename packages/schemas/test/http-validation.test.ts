import { once } from "node:events";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { ERROR_CONTENT_TYPE, toErrorResponse } from "@bulwark/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  contactCreateSchema,
  createRequestValidator,
  idParamsSchema,
  paginationQuerySchema,
} from "../src/index.js";

const validator = createRequestValidator({
  params: idParamsSchema,
  query: paginationQuerySchema,
  body: contactCreateSchema,
});

async function readJson(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return chunks.length === 0 ? undefined : JSON.parse(Buffer.concat(chunks).toString("utf8"));
}

let server: Server;
let origin: string;

beforeAll(async () => {
  // A bare node:http route, shaped like what the adapters do: map the request, validate, render.
  server = createServer(async (request, response) => {
    const url = new URL(request.url ?? "/", "http://127.0.0.1");
    const id = url.pathname.split("/").pop() ?? "";
    const result = validator.validate({
      params: { id },
      query: url.search,
      body: await readJson(request),
    });
    if (result.success) {
      response.writeHead(200, { "content-type": "application/json" });
      response.end(JSON.stringify(result.data));
      return;
    }
    const rendered = toErrorResponse(result.error);
    response.writeHead(rendered.status, { "content-type": ERROR_CONTENT_TYPE });
    response.end(rendered.body);
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.close();
  await once(server, "close");
});

async function put(path: string, body: unknown) {
  const response = await fetch(`${origin}${path}`, {
    method: "PUT",
    headers: { "content-type": "application/json" },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  return {
    status: response.status,
    type: response.headers.get("content-type"),
    text: await response.text(),
  };
}

describe("validation over HTTP", () => {
  it("returns parsed data", async () => {
    const response = await put("/api/contacts/0190F5A2-7B3C-7DEF-8ABC-1234567890AB?limit=5", {
      firstName: "Ada",
      lastName: "Lovelace",
      role: "ignored",
    });
    expect(response.status).toBe(200);
    expect(JSON.parse(response.text)).toEqual({
      params: { id: "0190f5a2-7b3c-7def-8abc-1234567890ab" },
      query: { limit: 5, offset: 0 },
      body: { firstName: "Ada", lastName: "Lovelace" },
    });
  });

  it("returns the 400 body byte for byte", async () => {
    const response = await put("/api/contacts/42?limit=", {
      firstName: "",
      lastName: "L",
      tags: ["ok", 7],
    });
    expect(response.status).toBe(400);
    expect(response.type).toBe(ERROR_CONTENT_TYPE);
    expect(response.text).toBe(
      '{"message":"Validation failed","code":"VALIDATION_FAILED","errors":[' +
        '{"field":"params.id","message":"ID must be a valid UUID"},' +
        '{"field":"firstName","message":"First name must not be empty"},' +
        '{"field":"tags[1]","message":"Tags item must be a string"}]}',
    );
  });

  it("drops a pollution key", async () => {
    const response = await put(
      "/api/contacts/0190f5a2-7b3c-7def-8abc-1234567890ab",
      '{"firstName":"A","lastName":"B","__proto__":{"isAdmin":true}}',
    );
    expect(response.status).toBe(200);
    expect(response.text).toBe(
      '{"params":{"id":"0190f5a2-7b3c-7def-8abc-1234567890ab"},"query":{"limit":20,"offset":0},"body":{"firstName":"A","lastName":"B"}}',
    );
  });
});
