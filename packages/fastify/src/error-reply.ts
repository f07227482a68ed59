import {
  createSecurityEvent,
  discardUnreadBody,
  ERROR_CONTENT_TYPE,
  renderRequestError,
} from "@bulwark/core";
import type { BulwarkStack } from "@bulwark/stack";
import type { FastifyReply, FastifyRequest } from "fastify";
import {
  applySecurityHeaders,
  getRequestState,
  setRequestState,
  toCoreRequest,
} from "./request-state.js";

/**
 * Sends any error as the JSON error contract, logging server faults with the request id and
 * publishing the security event an error carries. Never sends a Fastify error code or message.
 */
export function sendError(
  error: unknown,
  request: FastifyRequest,
  reply: FastifyReply,
  stack: BulwarkStack,
): FastifyReply {
  const state = getRequestState(request) ?? identifyLate(request, reply, stack);
  const { logger, events } = stack.settings;
  const rendered = renderRequestError(error);

  if (rendered.internal) {
    logger.error(
      { err: error, requestId: state.identity.requestId, method: request.method },
      "Request failed",
    );
  }
  if (rendered.event !== undefined && events !== undefined) {
    const context = stack.eventContext(state.request, state.identity);
    events.publish(
      createSecurityEvent(rendered.event.type, context, rendered.event.details as never),
    );
  }

  // Fastify sets Connection: close after a parser error. The unread body is discarded with a
  // cap instead, as the Express adapter does, so a client still sending gets the response rather
  // than a reset.
  reply.removeHeader("connection");
  discardUnreadBody(request.raw);
  const { status, headers, body } = rendered.response;
  reply.code(status);
  for (const [name, value] of headers) reply.header(name, value);
  reply.type(ERROR_CONTENT_TYPE);
  return reply.send(body);
}

/** Identifies a request that failed before the onRequest hook ran, such as on a malformed URL. */
function identifyLate(request: FastifyRequest, reply: FastifyReply, stack: BulwarkStack) {
  const coreRequest = toCoreRequest(request);
  const state = { request: coreRequest, identity: stack.identify(coreRequest) };
  setRequestState(request, state);
  applySecurityHeaders(reply, stack, state.identity);
  return state;
}
