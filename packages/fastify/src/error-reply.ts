import {
  createSecurityEvent,
  discardUnreadBody,
  ERROR_CONTENT_TYPE,
  renderRequestError,
  type StackSettings,
} from "@bulwark/core";
import type { FastifyReply, FastifyRequest } from "fastify";

/**
 * Sends any error as the JSON error contract, logging server faults with the request id and
 * publishing the security event an error carries. Never sends a Fastify error code or message.
 */
export function sendError(
  error: unknown,
  request: FastifyRequest,
  reply: FastifyReply,
  settings: StackSettings,
): FastifyReply {
  const rendered = renderRequestError(error);
  if (rendered.internal) {
    settings.logger.error(
      { err: error, requestId: request.requestId, method: request.method },
      "Request failed",
    );
  }
  if (rendered.event !== undefined && settings.events !== undefined) {
    const context = {
      clientIp: request.clientIp,
      method: request.method,
      route: toPath(request.url),
      requestId: request.requestId,
    };
    settings.events.publish(
      createSecurityEvent(rendered.event.type, context, rendered.event.details as never),
    );
  }

  // Fastify asks to close the connection after a parser error. The unread body is discarded with a
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

function toPath(url: string): string {
  const queryStart = url.indexOf("?");
  return queryStart === -1 ? url : url.slice(0, queryStart);
}
