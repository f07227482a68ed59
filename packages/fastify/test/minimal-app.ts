import type { CreateApp, RouteSpec } from "@bulwark/conformance";
import { THROWN_SECRET } from "@bulwark/conformance";
import Fastify, { type RouteHandlerMethod } from "fastify";
import { bulwarkFastify, bulwarkFrameworkErrors } from "../src/index.js";

function createHandler(route: RouteSpec): RouteHandlerMethod {
  switch (route.behaviour) {
    case "ok":
      return async () => ({ ok: true });
    case "echo":
      return async (request) => {
        const files = request.files.map(({ field, filename, size }) => ({ field, filename, size }));
        return { body: request.body ?? null, files, clientIp: request.clientIp };
      };
    case "echoParts":
      return async (request) => ({
        body: request.body ?? null,
        query: request.query,
        params: request.params,
      });
    case "throw":
      return async () => {
        throw new Error(`Database login failed with password ${THROWN_SECRET}`);
      };
  }
}

/** Builds the conformance app on Fastify 5 with the plugin, and starts it on 127.0.0.1. */
export const createFastifyApp: CreateApp = async ({ options, routes }) => {
  const app = Fastify({ logger: false, frameworkErrors: bulwarkFrameworkErrors });
  await app.register(bulwarkFastify, options);
  for (const route of routes) {
    app.route({
      method: route.method,
      url: route.path,
      handler: createHandler(route),
      ...(route.rateLimit === undefined ? {} : { config: { rateLimit: route.rateLimit } }),
      ...(route.schemas === undefined
        ? {}
        : {
            schema: {
              ...(route.schemas.body === undefined ? {} : { body: route.schemas.body }),
              ...(route.schemas.query === undefined ? {} : { querystring: route.schemas.query }),
              ...(route.schemas.params === undefined ? {} : { params: route.schemas.params }),
            },
          }),
    });
  }

  await app.listen({ port: 0, host: "127.0.0.1" });
  const address = app.server.address();
  if (address === null || typeof address === "string")
    throw new Error("Fastify did not listen on TCP");
  return { port: address.port, close: () => app.close() };
};
