import type { BulwarkStack } from "@bulwark/stack";
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { sendError } from "./error-reply.js";
import {
  applySecurityHeaders,
  applyStackLimits,
  setRequestState,
  toCoreRequest,
} from "./request-state.js";

const STACKS = new WeakMap<FastifyInstance, BulwarkStack>();

/** Records the stack of an instance, for `bulwarkFrameworkErrors`. */
export function rememberStack(fastify: FastifyInstance, stack: BulwarkStack): void {
  STACKS.set(fastify, stack);
}

/**
 * Handler for Fastify's `frameworkErrors` option. Fastify responds to a malformed URL
 * (`FST_ERR_BAD_URL`), an over-long parameter or a failed route constraint before any hook runs,
 * with its own JSON body that echoes the path. Passed as `frameworkErrors`, this handler runs
 * the stack's first steps (client IP, security headers, stack limiters) and renders the error as
 * the plugin's error handler does, so the client gets 400 `BAD_REQUEST` in the error contract,
 * as from Express.
 *
 * @example
 * const app = Fastify({ frameworkErrors: bulwarkFrameworkErrors });
 * await app.register(bulwarkFastify, options);
 */
export function bulwarkFrameworkErrors(
  error: FastifyError,
  request: FastifyRequest,
  reply: FastifyReply,
): void {
  const stack = STACKS.get(request.server);
  if (stack === undefined) {
    reply.send(error);
    return;
  }

  const coreRequest = toCoreRequest(request);
  const identity = stack.identify(coreRequest);
  const state = { request: coreRequest, identity };
  setRequestState(request, state);
  applySecurityHeaders(reply, stack, identity);
  applyStackLimits(reply, stack, state, (limitError) =>
    sendError(limitError ?? error, request, reply, stack),
  );
}
