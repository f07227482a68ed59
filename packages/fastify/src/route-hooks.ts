import { describeValue } from "@bulwark/core";
import { isZodSchema, type RequestSchemas } from "@bulwark/schemas";
import type { BulwarkStack } from "@bulwark/stack";
import type {
  FastifyRequest,
  preValidationAsyncHookHandler,
  preValidationHookHandler,
  RouteOptions,
} from "fastify";
import { createFastifyError } from "./errors.js";
import { getRequestState, type RequestState } from "./request-state.js";

type PreValidationHook = preValidationHookHandler | preValidationAsyncHookHandler;

/** Route schema parts that hold zod schemas, by Fastify's name, and their name in @bulwark/schemas. */
const SCHEMA_PARTS = [
  ["body", "body"],
  ["querystring", "query"],
  ["params", "params"],
] as const;

/**
 * Adds the route's own protections as route-level preValidation hooks, which run after the
 * instance-level ones: the route limiter first, then the route's own preValidation hooks, then
 * validation. That is Fastify's own order, where schema validation follows the preValidation
 * hooks, and it lets a route check authorization between the limiter and validation, as
 * `rateLimit(), authorize, validate()` does in Express. Policy names and schemas are checked here,
 * when the route is added, so a mistake fails at start-up.
 */
export function addRouteHooks(routeOptions: RouteOptions, stack: BulwarkStack): void {
  const before: PreValidationHook[] = [];
  const after: PreValidationHook[] = [];

  const policies = parseRoutePolicies(routeOptions, stack);
  if (policies !== undefined) {
    const limitHook: preValidationAsyncHookHandler = async (request, reply) => {
      const state = getRequestState(request) as RequestState;
      const headers = await stack.checkRouteLimit(policies, state.request, state.identity);
      for (const [name, value] of headers) reply.header(name, value);
    };
    before.push(limitHook);
  }

  const schemas = takeZodSchemas(routeOptions);
  if (schemas !== undefined) {
    const validator = stack.createValidator(schemas);
    // A callback hook, because validation is synchronous and Fastify then continues without
    // waiting for a promise.
    const validationHook: preValidationHookHandler = (request, _reply, done) => {
      const state = getRequestState(request) as RequestState;
      const params = request.params as Record<string, unknown> | undefined;
      let data: unknown;
      try {
        data = stack.validate(validator, { body: request.body, params, request: state.request });
      } catch (error) {
        done(error as Error);
        return;
      }
      assignParsed(request, data as { body?: unknown; query?: unknown; params?: unknown });
      done();
    };
    after.push(validationHook);
  }
  if (before.length === 0 && after.length === 0) return;

  const existing = routeOptions.preValidation;
  const existingList =
    existing === undefined ? [] : Array.isArray(existing) ? existing : [existing];
  routeOptions.preValidation = [...before, ...existingList, ...after];
}

function assignParsed(
  request: FastifyRequest,
  data: { body?: unknown; query?: unknown; params?: unknown },
): void {
  if ("body" in data) request.body = data.body;
  if ("query" in data) request.query = data.query;
  if ("params" in data) request.params = data.params;
}

/**
 * Removes the zod schemas from a route's `schema`, so Fastify never compiles them with its JSON
 * Schema validator, and returns them for the Bulwark validator. JSON schemas stay with Fastify.
 */
function takeZodSchemas(routeOptions: RouteOptions): RequestSchemas | undefined {
  const schema = routeOptions.schema as Record<string, unknown> | undefined;
  if (schema === undefined) return undefined;

  const taken: Record<string, unknown> = {};
  const rest: Record<string, unknown> = { ...schema };
  for (const [fastifyName, partName] of SCHEMA_PARTS) {
    if (!isZodSchema(schema[fastifyName])) continue;
    taken[partName] = schema[fastifyName];
    delete rest[fastifyName];
  }
  if (Object.keys(taken).length === 0) return undefined;
  routeOptions.schema = rest;
  return taken as RequestSchemas;
}

function parseRoutePolicies(
  routeOptions: RouteOptions,
  stack: BulwarkStack,
): readonly string[] | undefined {
  const input = routeOptions.config?.rateLimit;
  if (input === undefined) return undefined;
  const names = typeof input === "string" ? [input] : input;
  const known = stack.limiter?.policies;
  if (
    !Array.isArray(names) ||
    names.length === 0 ||
    !names.every((name) => known?.has(name) === true)
  ) {
    const knownList =
      known === undefined ? "none, because rateLimit is false" : [...known.keys()].join(", ");
    throw createFastifyError(
      "ERR_FASTIFY_INVALID_OPTIONS",
      `config.rateLimit of ${String(routeOptions.method)} ${routeOptions.url} must name configured rate-limit policies, got ${describeValue(input)}. Known policies: ${knownList}.`,
    );
  }
  return Object.freeze([...names]);
}
