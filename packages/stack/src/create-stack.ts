import {
  type CoreRequest,
  type HeaderTuple,
  type OptionsErrorFactory,
  parseStackSettings,
  resolveRequestId,
  type SecurityEventContext,
  type StackSettings,
} from "@bulwark/core";
import { createSecurityHeaders, type SecurityHeaders } from "@bulwark/headers";
import { type ClientIpResolver, createClientIpResolver } from "@bulwark/ip";
import type { RateLimiter } from "@bulwark/limiter";
import type { RequestSchemas, RequestValidator, ValidatedRequest } from "@bulwark/schemas";
import { buildSanitizer, sanitizeBody } from "./sanitize-body.js";
import {
  buildRateLimiter,
  consumePolicies,
  isCoveredPath,
  parseStackLimits,
} from "./stack-limits.js";
import { type BulwarkStackOptions, CAPABILITY_OPTION_KEYS } from "./stack-options.js";
import { buildValidator, runValidation, type ValidationInput } from "./validation.js";

/** Identity of a request's sender, resolved once per request at the start of the stack. */
export interface RequestIdentity {
  /** Client address; undefined when the socket address is missing or not an IP address. */
  readonly clientIp: string | undefined;
  /** Request id for logs, events and audit entries. */
  readonly requestId: string;
  /** Whether the client used HTTPS, directly or through a trusted proxy. */
  readonly https: boolean;
}

/** Headers of one response: those to set, the CSP nonce when the policy uses one, those to remove. */
export interface ResponseHeaders {
  readonly set: readonly HeaderTuple[];
  readonly nonce: string | undefined;
  /** Lower-case names, such as `x-powered-by`. */
  readonly remove: readonly string[];
}

/** Error format of `createStack` for invalid options: the adapter's error code, label and error factory. */
export interface StackErrorFormat {
  readonly code: string;
  readonly label: string;
  readonly createError: OptionsErrorFactory;
}

/**
 * The protections of one adapter instance, built once from its options. Adapters call the steps
 * in the order of their doc comments, which is the order the stack documents:
 *
 * 1. `identify`: client IP and request id.
 * 2. security headers.
 * 3. the API and write limiters.
 * 4. body limits and parsing (`planRequestBody` and `readRequestBody` of @bulwark/core with
 *    `settings.bodyLimits`).
 * 5. the sanitizer.
 * 6. the route limiter.
 * 7. validation.
 * 8. the handler.
 */
export interface BulwarkStack {
  readonly settings: StackSettings;
  /** Step 1: resolves the client IP, the protocol and the request id. */
  identify(request: CoreRequest): RequestIdentity;
  /** Step 2: returns the security headers of the response, HSTS only when the client used HTTPS. */
  responseHeaders(identity: RequestIdentity): ResponseHeaders;
  /**
   * Step 3: counts the request against the stack limiters when its path is covered. Returns the
   * RateLimit headers for the response, or throws the 429 `RATE_LIMITED` error. With the memory
   * store it returns and throws synchronously, so adapters can continue without a microtask. With
   * Redis it returns a promise that resolves or rejects the same way.
   */
  checkStackLimits(
    request: CoreRequest,
    identity: RequestIdentity,
  ): readonly HeaderTuple[] | Promise<readonly HeaderTuple[]>;
  /**
   * Step 5: sanitizes a parsed body and returns the new value, publishing `injection.suspected`
   * for SQL-injection findings. Returns the body unchanged when `sanitizer` is false. Without
   * rich-text paths it returns or throws synchronously, so adapters can continue without a
   * microtask. With rich-text paths it returns a promise that resolves or rejects the same way.
   */
  sanitize(
    body: unknown,
    request: CoreRequest,
    identity: RequestIdentity,
  ): unknown | Promise<unknown>;
  /**
   * Step 6: counts the request against a route's policies. Returns the RateLimit headers, or
   * throws the 429 `RATE_LIMITED` error. Throws `ERR_LIMITER_UNKNOWN_POLICY` for an unknown name
   * and the adapter's options code when rate limiting is off.
   */
  checkRouteLimit(
    policies: readonly string[],
    request: CoreRequest,
    identity: RequestIdentity,
  ): Promise<readonly HeaderTuple[]>;
  /** Creates a route validator from zod schemas with the stack's `validation` options. */
  createValidator<S extends RequestSchemas>(schemas: S): RequestValidator<S>;
  /**
   * Step 7: validates the request and returns the parsed parts, or throws the 400
   * `VALIDATION_FAILED` error with its field errors.
   */
  validate<S extends RequestSchemas>(
    validator: RequestValidator<S>,
    input: ValidationInput,
  ): ValidatedRequest<S>;
  /** The rate limiter, or undefined when `rateLimit` is false. */
  readonly limiter: RateLimiter | undefined;
  /** Returns the facts every security event of a request carries. */
  eventContext(request: CoreRequest, identity: RequestIdentity): SecurityEventContext;
  /** Closes the Redis client the rate limiter created from a URL, if any. */
  close(): Promise<void>;
}

/**
 * Creates the protections of a stack from one options object, validating every option once.
 * Throws with `format.code` for an unknown key or an invalid cross-cutting option, and with the
 * capability package's own code (such as `ERR_IP_INVALID_PROXY`) for an invalid capability option.
 *
 * @example
 * const stack = createStack({ clientIp: { trustProxy: "loopback" } }, format);
 * const identity = stack.identify(coreRequest);
 */
export function createStack(options: unknown, format: StackErrorFormat): BulwarkStack {
  const settings = parseStackSettings(options, CAPABILITY_OPTION_KEYS, format);
  const input = (options ?? {}) as BulwarkStackOptions;
  const resolver = buildClientIpResolver(input);
  const headers =
    input.securityHeaders === false ? undefined : createSecurityHeaders(input.securityHeaders);
  // Checks the validation options now, rather than when the first route validator is built.
  buildValidator({}, input.validation);
  const sanitizer = buildSanitizer(input);
  const limiter = buildRateLimiter(input);
  const stackLimits = parseStackLimits(input.stackLimits, limiter, format);
  const removeOnly: ResponseHeaders = {
    set: [],
    nonce: undefined,
    remove: DEFAULT_REMOVED_HEADERS,
  };

  return {
    settings,
    identify(request) {
      const { address, protocol } = resolver.resolve(request);
      return {
        clientIp: address,
        requestId: resolveRequestId(request.headers, { header: settings.requestIdHeader }),
        https: protocol === "https",
      };
    },
    responseHeaders(identity) {
      if (headers === undefined) return removeOnly;
      return buildResponseHeaders(headers, identity.https);
    },
    limiter,
    checkStackLimits(request, identity) {
      if (limiter === undefined || stackLimits === undefined) return NO_HEADERS;
      if (!isCoveredPath(stackLimits, request.path)) return NO_HEADERS;
      return consumePolicies(
        limiter,
        stackLimits.policies,
        request,
        identity.clientIp,
        identity.requestId,
      );
    },
    async checkRouteLimit(policies, request, identity) {
      if (limiter === undefined) {
        throw format.createError(
          format.code,
          `A route asks for rate-limit policies ${policies.join(", ")}, but rateLimit is false. Remove the route limit or configure rateLimit.`,
        );
      }
      return consumePolicies(limiter, policies, request, identity.clientIp, identity.requestId);
    },
    sanitize(body, request, identity) {
      if (sanitizer === undefined) return body;
      return sanitizeBody(sanitizer, body, settings.events, request, identity, eventContext);
    },
    createValidator: (schemas) => buildValidator(schemas, input.validation),
    validate: (validator, validationInput) => runValidation(validator, validationInput),
    eventContext,
    async close() {
      await limiter?.close();
    },
  };
}

function eventContext(request: CoreRequest, identity: RequestIdentity): SecurityEventContext {
  return {
    clientIp: identity.clientIp,
    method: request.method,
    route: request.path,
    requestId: identity.requestId,
  };
}

const NO_HEADERS: readonly HeaderTuple[] = Object.freeze([]);

/**
 * Headers removed even when security headers are off: they name the server software, which only
 * helps an attacker pick exploits.
 */
const DEFAULT_REMOVED_HEADERS: readonly string[] = Object.freeze(["x-powered-by", "server"]);

function buildResponseHeaders(headers: SecurityHeaders, https: boolean): ResponseHeaders {
  const result = headers.forResponse({ https });
  return { set: result.headers, nonce: result.nonce, remove: headers.removeHeaders };
}

function buildClientIpResolver(options: BulwarkStackOptions): ClientIpResolver {
  return createClientIpResolver({
    ...options.clientIp,
    // Without a logger, warnings go to process.emitWarning rather than to the no-op logger.
    ...(options.logger === undefined ? {} : { logger: options.logger }),
    ...(options.disabledWarnings === undefined
      ? {}
      : { disabledWarnings: options.disabledWarnings }),
  });
}
