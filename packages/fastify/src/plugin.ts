import type { IncomingMessage } from "node:http";
import {
  BODY_METHODS,
  type BodyPlan,
  createHttpError,
  type ParsedBody,
  planRequestBody,
  readContentTypeLines,
  readRequestBody,
  type UploadedFile,
} from "@bulwark/core";
import { type BulwarkStack, type BulwarkStackOptions, createStack } from "@bulwark/stack";
import type { FastifyInstance, FastifyPluginAsync, FastifyRequest } from "fastify";
import fp from "fastify-plugin";
import { sendError } from "./error-reply.js";
import { createFastifyError } from "./errors.js";
import { rememberStack } from "./framework-errors.js";
import {
  applySecurityHeaders,
  applyStackLimits,
  getRequestState,
  type RequestState,
  STATE,
  setRequestState,
  toCoreRequest,
} from "./request-state.js";
import { addRouteHooks } from "./route-hooks.js";

/** Options of the plugin: the options both adapters share. */
export type BulwarkFastifyOptions = BulwarkStackOptions;

const BODY_PLAN = Symbol("bulwark.bodyPlan");

/** Media types the body policy reads most often; `application/*+json` types use the catch-all. */
const POLICY_MEDIA_TYPES = [
  "application/json",
  "application/x-www-form-urlencoded",
  "multipart/form-data",
] as const;
type PlannedRequest = FastifyRequest & { [BODY_PLAN]?: BodyPlan | undefined };

async function registerBulwark(fastify: FastifyInstance, options: BulwarkFastifyOptions) {
  const stack = createStack(options, {
    code: "ERR_FASTIFY_INVALID_OPTIONS",
    label: "@bulwark/fastify",
    createError: createFastifyError,
  });

  rememberStack(fastify, stack);
  // Declaring the state property lets Fastify create every request with it, so setting it per
  // request keeps one object shape instead of adding a property to each request.
  fastify.decorateRequest(STATE, undefined);
  fastify.decorateRequest("clientIp", undefined);
  fastify.decorateRequest("requestId", "");
  fastify.decorateRequest("files", null as unknown as readonly UploadedFile[]);
  fastify.decorateReply("cspNonce", undefined);

  // A callback hook rather than an async one: with the memory store the whole step finishes
  // before it returns, and Fastify continues without waiting for a promise.
  fastify.addHook("onRequest", (request, reply, done) => {
    const coreRequest = toCoreRequest(request);
    const identity = stack.identify(coreRequest);
    const state: RequestState = { request: coreRequest, identity };
    setRequestState(request, state);
    applySecurityHeaders(reply, stack, identity);
    applyStackLimits(reply, stack, state, done as (error?: unknown) => void);
  });
  registerBodyParsing(fastify, stack);
  fastify.addHook("onRoute", (routeOptions) => addRouteHooks(routeOptions, stack));
  fastify.addHook("onClose", () => stack.close());

  fastify.setNotFoundHandler(async () => {
    throw createHttpError("NOT_FOUND");
  });
  fastify.setErrorHandler((error, request, reply) => sendError(error, request, reply, stack));
}

/**
 * Replaces Fastify's body parsers with the shared body policy, so both adapters accept, limit and
 * reject bodies identically. The plan is made in preParsing, before Fastify looks at the
 * Content-Type, so Fastify's own media-type errors never respond first.
 */
function registerBodyParsing(fastify: FastifyInstance, stack: BulwarkStack): void {
  // A callback hook, so a GET costs one function call here. Fastify passes an error that
  // planRequestBody throws to the error handler, as it does for a rejected async hook.
  fastify.addHook("preParsing", (request, _reply, payload, done) => {
    // planRequestBody never reads a body for other methods, so skip building the header lists.
    if (BODY_METHODS.has(request.method)) {
      (request as PlannedRequest)[BODY_PLAN] = planRequestBody(
        {
          method: request.method,
          headers: request.headers,
          contentTypeLines: readContentTypeLines(request.raw),
        },
        stack.settings.bodyLimits,
      );
    }
    done(null, payload);
  });

  // A callback parser, so a body sanitized synchronously reaches the route without another
  // promise. Fastify passes an error given to `done` to the error handler.
  const parseBody = (
    request: FastifyRequest,
    payload: IncomingMessage,
    done: (error: Error | null, body?: unknown) => void,
  ): void => {
    const plan = (request as PlannedRequest)[BODY_PLAN];
    if (plan === undefined) {
      done(null, undefined);
      return;
    }
    readRequestBody(payload, plan).then((parsed) => finishBody(request, parsed, stack, done), done);
  };

  fastify.removeAllContentTypeParsers();
  // One parser for every media type, so the plan alone decides how a body is read. Fastify caches
  // the parser it finds for a Content-Type, except the catch-all, which it looks up again with a
  // second parse of the header on every request. Registering the same function for the media
  // types the body policy reads lets the common ones hit that cache.
  for (const mediaType of POLICY_MEDIA_TYPES) fastify.addContentTypeParser(mediaType, parseBody);
  fastify.addContentTypeParser("*", parseBody);
}

/**
 * Sets the uploaded files and sanitizes the parsed body, then hands it to Fastify. Step 5 runs
 * here, right after parsing, so no hook or handler gets an unsanitized body.
 */
function finishBody(
  request: FastifyRequest,
  parsed: ParsedBody,
  stack: BulwarkStack,
  done: (error: Error | null, body?: unknown) => void,
): void {
  request.files = parsed.files;
  const state = getRequestState(request) as RequestState;
  let sanitized: unknown;
  try {
    sanitized = stack.sanitize(parsed.body, state.request, state.identity);
  } catch (error) {
    done(error as Error);
    return;
  }
  if (sanitized instanceof Promise) sanitized.then((value) => done(null, value), done);
  else done(null, sanitized);
}

/**
 * Fastify plugin that registers the Bulwark protections as hooks on the whole instance, in this
 * order: client IP and request id (onRequest), security headers, the API and write limiters, body
 * limits and parsing (preParsing and the content-type parser), the sanitizer (in the parser), the
 * route limiter and validation (route preValidation hooks), then the handler. It also sets the 404 and error handlers, so every
 * response follows the JSON error contract.
 *
 * Throws `ERR_FASTIFY_INVALID_OPTIONS` at registration for an unknown key or invalid value, and
 * the capability package's code (such as `ERR_IP_INVALID_PROXY`) for an invalid capability option.
 *
 * @example
 * await app.register(bulwarkFastify, { logger });
 */
export const bulwarkFastify: FastifyPluginAsync<BulwarkFastifyOptions> = fp(registerBulwark, {
  name: "@bulwark/fastify",
  fastify: "5.x",
});
