import type { RequestHandler } from "express";
import { ensureRequestState } from "./request-state.js";
import { createExpressStack, type StackOptions } from "./stack-options.js";

/**
 * Creates the middleware that sets `req.clientIp` and `req.requestId`. The client IP is resolved
 * by @bulwark/ip with `options.clientIp`: the socket address unless the peer is a trusted proxy.
 * The request id is the `requestIdHeader` value when that option is set and the value is a safe
 * id, else a new UUID. Throws `ERR_EXPRESS_INVALID_OPTIONS` or an `ERR_IP_*` code for invalid options.
 *
 * @example
 * app.use(clientIp({ clientIp: { trustProxy: "loopback" } }));
 */
export function clientIp(options?: StackOptions): RequestHandler {
  const stack = createExpressStack(options, "clientIp");
  return (req, _res, next) => {
    ensureRequestState(req, stack);
    next();
  };
}
