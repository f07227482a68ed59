import type { TLSSocket } from "node:tls";
import { type CoreRequest, createCoreRequest, type HeaderTuple } from "@bulwark/core";
import type { BulwarkStack, RequestIdentity } from "@bulwark/stack";
import type { FastifyReply, FastifyRequest } from "fastify";

/** Request property of the stack state. The plugin declares it with `decorateRequest`. */
export const STATE = Symbol("bulwark.state");

/** Stack state of one request, set in the first onRequest hook. */
export interface RequestState {
  readonly request: CoreRequest;
  readonly identity: RequestIdentity;
}

type StatefulRequest = FastifyRequest & { [STATE]?: RequestState };

/** Stores the stack state of a request and copies the identity onto the request's decorators. */
export function setRequestState(request: FastifyRequest, state: RequestState): void {
  (request as StatefulRequest)[STATE] = state;
  request.clientIp = state.identity.clientIp;
  request.requestId = state.identity.requestId;
  request.files = [];
}

/** Returns the stack state of a request, or undefined before the onRequest hook ran. */
export function getRequestState(request: FastifyRequest): RequestState | undefined {
  return (request as StatefulRequest)[STATE];
}

/** Maps a Fastify request to the core request view. */
export function toCoreRequest(request: FastifyRequest): CoreRequest {
  return createCoreRequest({
    method: request.method,
    url: request.raw.url ?? request.url,
    headers: request.headers,
    remoteAddress: request.raw.socket.remoteAddress,
    encrypted: (request.raw.socket as Partial<TLSSocket>).encrypted === true,
  });
}

/**
 * Counts the request against the stack limiters, sets their RateLimit headers on the reply and
 * calls `done`, with the 429 error when a limiter rejects. With the memory store this all happens
 * before it returns, so the hook costs no microtask. With Redis `done` runs when the store replies.
 */
export function applyStackLimits(
  reply: FastifyReply,
  stack: BulwarkStack,
  state: RequestState,
  done: (error?: unknown) => void,
): void {
  let headers: readonly HeaderTuple[] | Promise<readonly HeaderTuple[]>;
  try {
    headers = stack.checkStackLimits(state.request, state.identity);
  } catch (error) {
    done(error);
    return;
  }
  if (headers instanceof Promise) {
    headers.then((settled) => {
      setReplyHeaders(reply, settled);
      done();
    }, done);
    return;
  }
  setReplyHeaders(reply, headers);
  done();
}

/** Sets header tuples on a reply. */
export function setReplyHeaders(reply: FastifyReply, headers: readonly HeaderTuple[]): void {
  for (let index = 0; index < headers.length; index += 1) {
    const header = headers[index] as HeaderTuple;
    reply.header(header[0], header[1]);
  }
}

/** Sets the security headers of the stack on a reply and removes those that name the server. */
export function applySecurityHeaders(
  reply: FastifyReply,
  stack: BulwarkStack,
  identity: RequestIdentity,
) {
  const { set, nonce, remove } = stack.responseHeaders(identity);
  for (const name of remove) reply.removeHeader(name);
  for (const [name, value] of set) reply.header(name, value);
  reply.cspNonce = nonce;
}
