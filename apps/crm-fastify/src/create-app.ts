import { Readable } from "node:stream";
import { createCoreRequest } from "@bulwark/core";
import {
  type CrmRoute,
  type CrmRuntime,
  type CrmServer,
  createHttpsRedirect,
  type DomainResult,
  formatServerUrl,
  type RouteCaller,
  readTlsOptions,
  selectRoutePolicies,
} from "@bulwark/crm-domain";
import { bulwarkFastify } from "@bulwark/fastify";
import Fastify, {
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
  type preValidationAsyncHookHandler,
} from "fastify";

declare module "fastify" {
  interface FastifyRequest {
    /** Caller that `crm.authorize` returned for this request's route. */
    crmCaller: RouteCaller | undefined;
  }
}

/** Time a shutdown waits for requests in flight before it closes their connections. */
const SHUTDOWN_GRACE_MS = 10_000;
/** Interval of closing connections that became idle during a shutdown. */
const IDLE_SWEEP_MS = 50;

/**
 * Builds the reference CRM on Fastify 5: the Bulwark plugin, then every route of the CRM's route
 * table with `config.rateLimit`, an authorization `preValidation` hook and the zod schemas, which
 * the plugin runs in that order. Serves HTTPS with TLS 1.3 at minimum when the configuration names
 * TLS files.
 *
 * @example
 * const server = createApp(await createCrmRuntime(loadCrmAppConfig()));
 * const { url } = await server.listen(3000, "127.0.0.1");
 */
export function createApp(runtime: CrmRuntime): CrmServer {
  const tls = readTlsOptions(runtime.config);
  const building = buildFastifyApp(runtime, tls === undefined ? {} : { https: tls });

  return {
    async listen(port, host) {
      const app = await building;
      await app.listen({ port, host });
      const address = app.server.address();
      if (address === null || typeof address === "string") {
        throw new Error("Fastify did not listen on a TCP port.");
      }
      return { url: formatServerUrl(tls !== undefined, host, address.port), port: address.port };
    },
    async close() {
      const app = await building;
      // app.close stops accepting, waits for requests in flight and closes the connections idle
      // at that moment, then runs onClose hooks, which close the plugin's rate-limit stack. A
      // keep-alive connection turns idle when its response ends and would then hold the server
      // open until its timeout, so idle connections are closed again until the close is done.
      const sweep = setInterval(() => app.server.closeIdleConnections(), IDLE_SWEEP_MS);
      const timer = setTimeout(() => app.server.closeAllConnections(), SHUTDOWN_GRACE_MS);
      timer.unref();
      try {
        await app.close();
      } finally {
        clearInterval(sweep);
        clearTimeout(timer);
      }
    },
  };
}

/** Options of `buildFastifyApp` passed to Fastify. */
export interface FastifyServerOptions {
  readonly https?: { readonly cert: Buffer; readonly key: Buffer; readonly minVersion: "TLSv1.3" };
}

/**
 * Builds the Fastify instance without listening, for `createApp` and tests. The plugin is
 * registered and loaded before the routes are added, because it reads each route's options as the
 * route is added.
 */
export async function buildFastifyApp(
  runtime: CrmRuntime,
  serverOptions: FastifyServerOptions = {},
): Promise<FastifyInstance> {
  const app = Fastify({
    logger: false,
    ...(serverOptions.https === undefined ? {} : { https: { ...serverOptions.https } }),
  }) as unknown as FastifyInstance;
  app.decorateRequest("crmCaller", undefined);
  await app.register(bulwarkFastify, runtime.stackOptions);
  if (runtime.config.httpsRedirect && runtime.config.trustProxy !== undefined) {
    // A global preValidation hook runs after the plugin has read the body, as the Express app's
    // redirect middleware does, so both apps send the same response to a plain HTTP request.
    app.addHook("preValidation", createRedirectHook(runtime.config.trustProxy));
  }
  for (const route of runtime.crm.routes) addRoute(app, runtime, route);
  return app;
}

function addRoute(app: FastifyInstance, runtime: CrmRuntime, route: CrmRoute): void {
  const policies = selectRoutePolicies(route);
  const { body, query, params } = route.schemas;
  const authorize: preValidationAsyncHookHandler = async (request) => {
    request.crmCaller = await runtime.crm.authorize(route, request.headers.authorization);
  };
  app.route({
    method: route.method,
    url: route.path,
    ...(policies.length === 0 ? {} : { config: { rateLimit: policies } }),
    schema: {
      ...(body === undefined ? {} : { body }),
      ...(query === undefined ? {} : { querystring: query }),
      ...(params === undefined ? {} : { params }),
    },
    preValidation: authorize,
    handler: async (request, reply) => {
      const upload = route.bodyType === "multipart" ? request.files[0] : undefined;
      const result = await runtime.crm.execute(route, {
        caller: request.crmCaller as RouteCaller,
        // execute ignores a part the route has no schema for, so an unvalidated part never reaches it.
        body: request.body,
        query: request.query,
        params: request.params,
        file:
          upload === undefined
            ? undefined
            : { filename: upload.filename, contentType: upload.mimeType, content: upload.data },
        clientIp: request.clientIp,
        requestId: request.requestId,
        userAgent: request.headers["user-agent"],
      });
      return sendResult(reply, result);
    },
  });
}

function createRedirectHook(trustProxy: number | string): preValidationAsyncHookHandler {
  const redirect = createHttpsRedirect(trustProxy);
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const location = redirect(
      createCoreRequest({
        method: request.method,
        url: request.raw.url ?? "/",
        headers: request.headers,
        remoteAddress: request.raw.socket.remoteAddress,
        encrypted: "encrypted" in request.raw.socket && request.raw.socket.encrypted === true,
      }),
    );
    if (location !== undefined) await reply.code(308).header("location", location).send();
  };
}

function sendResult(reply: FastifyReply, result: DomainResult): FastifyReply {
  reply.code(result.status);
  if (result.kind === "empty") return reply.send();
  for (const [name, value] of result.headers ?? []) reply.header(name, value);
  if (result.kind === "json") {
    // Serialised here as Express's res.json does, so a string body is JSON text in both apps.
    return reply.type("application/json; charset=utf-8").send(JSON.stringify(result.body));
  }
  return reply.send(Readable.from(result.body));
}
