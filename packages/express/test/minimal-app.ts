import { once } from "node:events";
import type { AddressInfo } from "node:net";
import type { CreateApp, RouteSpec } from "@bulwark/conformance";
import { THROWN_SECRET } from "@bulwark/conformance";
import express, { type RequestHandler } from "express";
import { bulwark, errorHandler, notFound, rateLimit, validate } from "../src/index.js";

function createHandler(route: RouteSpec): RequestHandler {
  switch (route.behaviour) {
    case "ok":
      return (_req, res) => {
        res.json({ ok: true });
      };
    case "echo":
      return (req, res) => {
        const files = (req.files ?? []).map(({ field, filename, size }) => ({
          field,
          filename,
          size,
        }));
        res.json({ body: req.body ?? null, files, clientIp: req.clientIp });
      };
    case "echoParts":
      return (req, res) => {
        res.json({ body: req.body ?? null, query: req.query, params: req.params });
      };
    case "throw":
      return () => {
        throw new Error(`Database login failed with password ${THROWN_SECRET}`);
      };
  }
}

/** Builds the conformance app on Express 5 with the whole stack, and starts it on 127.0.0.1. */
export const createExpressApp: CreateApp = async ({ options, routes }) => {
  const app = express();
  // Fastify sends no ETag by default; turning Express's off keeps the two responses identical.
  app.set("etag", false);
  // Fastify's router is case-sensitive and strict about trailing slashes; Express matches the
  // same way only with these settings.
  app.set("case sensitive routing", true);
  app.set("strict routing", true);
  const stack = bulwark(options);
  app.use(stack);
  for (const route of routes) {
    const handlers: RequestHandler[] = [];
    if (route.rateLimit !== undefined) handlers.push(rateLimit(route.rateLimit));
    if (route.schemas !== undefined) handlers.push(validate(route.schemas));
    handlers.push(createHandler(route));
    app[route.method.toLowerCase() as "get"](route.path, ...handlers);
  }
  app.use(notFound());
  app.use(errorHandler());

  const server = app.listen(0, "127.0.0.1");
  await once(server, "listening");
  return {
    port: (server.address() as AddressInfo).port,
    close: async () => {
      server.closeAllConnections();
      server.close();
      await once(server, "close");
      await stack.close();
    },
  };
};
