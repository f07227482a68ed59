import type { TLSSocket } from "node:tls";
import { type CoreRequest, createCoreRequest } from "@bulwark/core";
import type { BulwarkStack, RequestIdentity } from "@bulwark/stack";
import type { Request, Response } from "express";

const STATE = Symbol.for("@bulwark/express.state");

/** Stack state of one request, stored by the first Bulwark middleware that ran. */
export interface RequestState {
  readonly stack: BulwarkStack;
  readonly request: CoreRequest;
  readonly identity: RequestIdentity;
  /** Whether the security headers are set on the response. */
  headersApplied: boolean;
}

/** Returns the stack state of a request, or undefined when no Bulwark middleware ran yet. */
export function getRequestState(req: Request): RequestState | undefined {
  return (req as unknown as Record<symbol, RequestState | undefined>)[STATE];
}

/**
 * Returns the request's stack state, identifying the request with `stack` when no Bulwark
 * middleware ran before: sets `req.clientIp` and `req.requestId`.
 */
export function ensureRequestState(
  req: Request,
  fallback: BulwarkStack | (() => BulwarkStack),
): RequestState {
  const existing = getRequestState(req);
  if (existing !== undefined) return existing;

  const stack = typeof fallback === "function" ? fallback() : fallback;
  const request = toCoreRequest(req);
  const identity = stack.identify(request);
  const state: RequestState = { stack, request, identity, headersApplied: false };
  (req as unknown as Record<symbol, RequestState>)[STATE] = state;
  req.clientIp = identity.clientIp;
  req.requestId = identity.requestId;
  return state;
}

/** Maps an Express request to the core request view. */
export function toCoreRequest(req: Request): CoreRequest {
  return createCoreRequest({
    method: req.method,
    url: req.originalUrl,
    headers: req.headers,
    remoteAddress: req.socket.remoteAddress,
    encrypted: (req.socket as Partial<TLSSocket>).encrypted === true,
  });
}

/**
 * Sets the security headers of the stack on a response once per request, removes the headers that
 * name the server software, and stores the CSP nonce, if any, in `res.locals.cspNonce`.
 */
export function applySecurityHeaders(
  res: Response,
  state: RequestState,
  stack: BulwarkStack = state.stack,
): void {
  if (state.headersApplied) return;
  state.headersApplied = true;

  const { set, nonce, remove } = stack.responseHeaders(state.identity);
  // Express sets X-Powered-By before any middleware runs, whatever the header options are.
  res.removeHeader("X-Powered-By");
  for (const name of remove) res.removeHeader(name);
  for (const [name, value] of set) res.setHeader(name, value);
  if (nonce !== undefined) res.locals.cspNonce = nonce;
}
