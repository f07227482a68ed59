import { once } from "node:events";
import { createServer as createHttpServer, type Server } from "node:http";
import { createServer as createHttpsServer } from "node:https";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { TLSSocket } from "node:tls";
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
import { bulwark, errorHandler, notFound, rateLimit, validate } from "@bulwark/express";
import express, { type Express, type RequestHandler, type Response } from "express";

/** Time a shutdown waits for requests in flight before it closes their connections. */
const SHUTDOWN_GRACE_MS = 10_000;
/** Interval of closing connections that became idle during a shutdown. */
const IDLE_SWEEP_MS = 50;

/**
 * Builds the reference CRM on Express 5: the Bulwark stack, then every route of the CRM's route
 * table as `rateLimit(policies), authorize, validate(schemas), handler`, then the 404 and error
 * handlers. Serves HTTPS with TLS 1.3 at minimum when the configuration names TLS files.
 *
 * @example
 * const server = createApp(await createCrmRuntime(loadCrmAppConfig()));
 * const { url } = await server.listen(3000, "127.0.0.1");
 */
export function createApp(runtime: CrmRuntime): CrmServer {
  const app = buildExpressApp(runtime);
  const tls = readTlsOptions(runtime.config);
  const server: Server = tls === undefined ? createHttpServer(app) : createHttpsServer(tls, app);
  const stack = app.locals.bulwark as ReturnType<typeof bulwark>;

  return {
    async listen(port, host) {
      server.listen(port, host);
      await once(server, "listening");
      const bound = (server.address() as AddressInfo).port;
      return { url: formatServerUrl(tls !== undefined, host, bound), port: bound };
    },
    async close() {
      if (server.listening) {
        const closed = once(server, "close");
        // server.close stops accepting and waits for requests in flight. A keep-alive connection
        // turns idle when its response ends and would then hold the server open until its
        // timeout, so idle connections are closed again until the server has closed.
        server.close();
        server.closeIdleConnections();
        const sweep = setInterval(() => server.closeIdleConnections(), IDLE_SWEEP_MS);
        const timer = setTimeout(() => server.closeAllConnections(), SHUTDOWN_GRACE_MS);
        timer.unref();
        try {
          await closed;
        } finally {
          clearInterval(sweep);
          clearTimeout(timer);
        }
      }
      await stack.close();
    },
  };
}

/** Builds the Express application without a server, for `createApp` and tests. */
export function buildExpressApp(runtime: CrmRuntime): Express {
  const app = express();
  // Fastify sends no ETag and routes case-sensitively and strictly. These settings make both apps
  // send identical responses to the same request.
  app.set("etag", false);
  app.set("case sensitive routing", true);
  app.set("strict routing", true);

  const stack = bulwark(runtime.stackOptions);
  app.locals.bulwark = stack;
  app.use(stack);
  if (runtime.config.httpsRedirect && runtime.config.trustProxy !== undefined) {
    app.use(createRedirectMiddleware(runtime.config.trustProxy));
  }

  for (const route of runtime.crm.routes) {
    const handlers: RequestHandler[] = [];
    const policies = selectRoutePolicies(route);
    if (policies.length > 0) handlers.push(rateLimit(policies));
    handlers.push(createAuthorize(runtime, route));
    if (Object.keys(route.schemas).length > 0) handlers.push(validate(route.schemas));
    handlers.push(createHandler(runtime, route));
    app[route.method.toLowerCase() as "get" | "post" | "put" | "delete"](route.path, ...handlers);
  }

  app.use(notFound());
  app.use(errorHandler());
  return app;
}

function createRedirectMiddleware(trustProxy: number | string): RequestHandler {
  const redirect = createHttpsRedirect(trustProxy);
  return (req, res, next) => {
    const location = redirect(
      createCoreRequest({
        method: req.method,
        url: req.originalUrl,
        headers: req.headers,
        remoteAddress: req.socket.remoteAddress,
        encrypted: (req.socket as Partial<TLSSocket>).encrypted === true,
      }),
    );
    if (location === undefined) {
      next();
      return;
    }
    res.status(308).set("location", location).end();
  };
}

function createAuthorize(runtime: CrmRuntime, route: CrmRoute): RequestHandler {
  return async (req, res, next) => {
    res.locals.caller = await runtime.crm.authorize(route, req.headers.authorization);
    next();
  };
}

function createHandler(runtime: CrmRuntime, route: CrmRoute): RequestHandler {
  return async (req, res) => {
    const upload = route.bodyType === "multipart" ? req.files?.[0] : undefined;
    const result = await runtime.crm.execute(route, {
      caller: res.locals.caller as RouteCaller,
      // execute ignores a part the route has no schema for, so an unvalidated part never reaches it.
      body: req.body,
      query: req.query,
      params: req.params,
      file:
        upload === undefined
          ? undefined
          : { filename: upload.filename, contentType: upload.mimeType, content: upload.data },
      clientIp: req.clientIp,
      requestId: req.requestId,
      userAgent: req.get("user-agent"),
    });
    await sendResult(res, result);
  };
}

async function sendResult(res: Response, result: DomainResult): Promise<void> {
  if (result.kind === "empty") {
    res.status(result.status).end();
    return;
  }
  for (const [name, value] of result.headers ?? []) res.set(name, value);
  if (result.kind === "json") {
    res.status(result.status).json(result.body);
    return;
  }
  res.status(result.status);
  // pipeline destroys the response when the export fails midway, so the client sees a cut
  // transfer instead of a CSV that looks complete.
  await pipeline(Readable.from(result.body), res);
}
