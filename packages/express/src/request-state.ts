import type { TLSSocket } from "node:tls";
import { type CoreRequest, createCoreRequest, type UploadedFile } from "@bulwark/core";
import type { BulwarkStack, RequestIdentity } from "@bulwark/stack";
import type { Request } from "express";

declare global {
  namespace Express {
    interface Request {
      /** Client address as the stack resolved it; undefined when no address is known. */
      clientIp?: string | undefined;
      /** Id of this request, for logs and audit entries. */
      requestId?: string;
      /** Files of a multipart body, held in memory. */
      files?: readonly UploadedFile[];
    }
  }
}

const STATE = Symbol.for("@bulwark/express.state");

/** What the stack knows about one request, left by the first Bulwark middleware that ran. */
export interface RequestState {
  readonly stack: BulwarkStack;
  readonly request: CoreRequest;
  readonly identity: RequestIdentity;
}

/** Returns the stack state of a request, or undefined when no Bulwark middleware ran yet. */
export function getRequestState(req: Request): RequestState | undefined {
  return (req as unknown as Record<symbol, RequestState | undefined>)[STATE];
}

/**
 * Returns the request's stack state, identifying the request with `stack` when no Bulwark
 * middleware ran before: sets `req.clientIp` and `req.requestId`.
 */
export function ensureRequestState(req: Request, stack: BulwarkStack): RequestState {
  const existing = getRequestState(req);
  if (existing !== undefined) return existing;

  const request = toCoreRequest(req);
  const identity = stack.identify(request);
  const state: RequestState = { stack, request, identity };
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
