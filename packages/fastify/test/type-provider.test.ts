import { sendRequest } from "@bulwark/conformance";
import { loginSchema } from "@bulwark/schemas";
import Fastify from "fastify";
import { describe, expect, expectTypeOf, it } from "vitest";
import { z } from "zod";
import { bulwarkFastify, type ZodTypeProvider } from "../src/index.js";

describe("ZodTypeProvider", () => {
  it("types and parses the body", async () => {
    const app = Fastify().withTypeProvider<ZodTypeProvider>();
    await app.register(bulwarkFastify);
    const querySchema = z.object({ page: z.coerce.number().int().default(1) });
    app.post(
      "/login",
      { schema: { body: loginSchema, querystring: querySchema } },
      async (request) => {
        expectTypeOf(request.body.username).toEqualTypeOf<string>();
        expectTypeOf(request.query.page).toEqualTypeOf<number>();
        return { username: request.body.username, page: request.query.page };
      },
    );
    await app.listen({ port: 0, host: "127.0.0.1" });

    try {
      const address = app.server.address();
      if (address === null || typeof address === "string") throw new Error("not listening on TCP");
      const response = await sendRequest(address.port, {
        method: "POST",
        path: "/login?page=3",
        headers: [["Content-Type", "application/json"]],
        body: '{"username":"alice","password":"correct horse battery"}',
      });
      expect(response.status).toBe(200);
      expect(JSON.parse(response.body)).toEqual({ username: "alice", page: 3 });
    } finally {
      await app.close();
    }
  });

  it("leaves JSON schemas to Fastify", async () => {
    const app = Fastify();
    await app.register(bulwarkFastify);
    app.get(
      "/items",
      { schema: { querystring: { type: "object", properties: { n: { type: "integer" } } } } },
      async (request) => ({ query: request.query }),
    );
    await app.ready();

    const response = await app.inject({ method: "GET", url: "/items?n=x" });
    expect(response.statusCode).toBe(400);
    expect(JSON.parse(response.body)).toMatchObject({ code: "BAD_REQUEST" });
    await app.close();
  });
});
