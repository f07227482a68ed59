import { resolveRequestId, type StackSettings } from "@bulwark/core";
import type { Request, RequestHandler } from "express";
import { parseExpressSettings } from "./error-handler.js";
import { getRequestState } from "./request-state.js";
import type { StackOptions } from "./stack-options.js";

/**
 * Creates the middleware that sets `req.clientIp` and `req.requestId`. The client IP is the
 * socket's peer address. The request id is the `requestIdHeader` value when that option is set and
 * the value is a safe id, else a new UUID.
 *
 * @example
 * app.use(clientIp());
 */
export function clientIp(options?: StackOptions): RequestHandler {
  const fallback = parseExpressSettings(options, "clientIp");
  return (req, _res, next) => {
    identifyRequest(req, getRequestState(req)?.settings ?? fallback);
    next();
  };
}

/** Sets the client IP and request id of a request. */
export function identifyRequest(req: Request, settings: StackSettings): void {
  // NOTE: until a trusted-proxy resolver is wired in, the client IP is always the TCP peer, so
  // behind a proxy every client shares the proxy's address.
  req.clientIp = req.socket.remoteAddress;
  req.requestId = resolveRequestId(req.headers, { header: settings.requestIdHeader });
}
