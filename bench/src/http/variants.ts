import type { Server } from "node:http";
import type { StackOptions } from "@bulwark/express";
import { bulwark, errorHandler, notFound, validate } from "@bulwark/express";
import bulwarkFastify, { bulwarkFrameworkErrors, type ZodTypeProvider } from "@bulwark/fastify";
import { createSecurityHeaders } from "@bulwark/headers";
import { contactCreateSchema } from "@bulwark/schemas";
import fastifyHelmet from "@fastify/helmet";
import fastifyRateLimit from "@fastify/rate-limit";
import express from "express";
import { rateLimit as expressRateLimit } from "express-rate-limit";
import Fastify, { type FastifyInstance } from "fastify";
import helmet from "helmet";

/** Server variants of the HTTP benchmark. The first of each framework is its baseline. */
export const VARIANT_NAMES = [
  "express bare",
  "express bare + Bulwark's header bytes",
  "express bulwark",
  "express helmet + express-rate-limit",
  "fastify bare",
  "fastify bare + Bulwark's header bytes",
  "fastify bulwark",
  "fastify @fastify/helmet + @fastify/rate-limit",
] as const;

export type VariantName = (typeof VARIANT_NAMES)[number];

/** A listening server variant. */
export interface RunningVariant {
  readonly server: Server;
  close(): Promise<void>;
}

/**
 * Limits high enough that no benchmark run reaches them: every request comes from 127.0.0.1, so
 * the built-in 100 requests per 15 minutes would reject with 429 within a second. The windows stay
 * those of the built-in `api` (15 min) and `write` (10 min) policies.
 */
const UNREACHABLE_LIMIT = 1_000_000_000;
const API_WINDOW_MS = 15 * 60 * 1000;
const WRITE_WINDOW_MS = 10 * 60 * 1000;
const WRITE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/**
 * The stack as a user would configure it for the CRM: the strict header preset, the client IP
 * behind a proxy on loopback, the `api` and `write` limiters in memory, the default body limits and
 * the sanitizer on every body. Only the limits are raised, as above.
 */
const BULWARK_OPTIONS: StackOptions = {
  clientIp: { trustProxy: "loopback" },
  securityHeaders: { preset: "strict" },
  rateLimit: {
    policies: {
      api: { points: UNREACHABLE_LIMIT },
      write: { points: UNREACHABLE_LIMIT },
    },
  },
  stackLimits: { excludePaths: ["/api/health"] },
};

const PING_BODY = { status: "ok" };

/**
 * The response headers the Bulwark variants add to a GET, precomputed: the strict preset without
 * HSTS (plain HTTP) and the RateLimit headers with values of the same length. The control variants
 * set them with no other work, so their cost is that of the bytes alone, on the server and on the
 * load generator that shares its cores.
 */
const BULWARK_HEADER_BYTES: readonly (readonly [string, string])[] = [
  ...createSecurityHeaders({ preset: "strict" }).forResponse({ https: false }).headers,
  ["ratelimit-limit", String(UNREACHABLE_LIMIT)],
  ["ratelimit-remaining", String(UNREACHABLE_LIMIT - 1)],
  ["ratelimit-reset", "900"],
];

function listenExpress(app: express.Express): Promise<RunningVariant> {
  return new Promise((resolve, reject) => {
    const server = app.listen(0, "127.0.0.1", (error?: Error) => {
      if (error !== undefined) {
        reject(error);
        return;
      }
      resolve({
        server,
        close: () => new Promise((done) => server.close(() => done())),
      });
    });
  });
}

/** Adds the two routes without validation, for the variants that validate nothing. */
function addPlainExpressRoutes(app: express.Express): void {
  app.get("/api/ping", (_request, response) => {
    response.json(PING_BODY);
  });
  app.post("/api/contacts", (request, response) => {
    response.status(201).json(request.body);
  });
}

function startExpressBare(): Promise<RunningVariant> {
  const app = express();
  app.use(express.json());
  addPlainExpressRoutes(app);
  return listenExpress(app);
}

function startExpressHeaderBytes(): Promise<RunningVariant> {
  const app = express();
  // Bulwark removes X-Powered-By, so the control does not send it either.
  app.disable("x-powered-by");
  app.use((_request, response, next) => {
    for (const [name, value] of BULWARK_HEADER_BYTES) response.setHeader(name, value);
    next();
  });
  app.use(express.json());
  addPlainExpressRoutes(app);
  return listenExpress(app);
}

function startExpressBulwark(): Promise<RunningVariant> {
  const app = express();
  const stack = bulwark(BULWARK_OPTIONS);
  app.use(stack);
  app.get("/api/ping", (_request, response) => {
    response.json(PING_BODY);
  });
  app.post("/api/contacts", validate({ body: contactCreateSchema }), (request, response) => {
    response.status(201).json(request.body);
  });
  app.use(notFound());
  app.use(errorHandler());
  return listenExpress(app);
}

function startExpressPeers(): Promise<RunningVariant> {
  const app = express();
  // Trusts a proxy on loopback, as the Bulwark variant does.
  app.set("trust proxy", "loopback");
  app.use(helmet());
  app.use(
    "/api/",
    expressRateLimit({
      windowMs: API_WINDOW_MS,
      limit: UNREACHABLE_LIMIT,
      standardHeaders: "draft-7",
      legacyHeaders: false,
    }),
  );
  app.use(
    "/api/",
    expressRateLimit({
      windowMs: WRITE_WINDOW_MS,
      limit: UNREACHABLE_LIMIT,
      standardHeaders: "draft-7",
      legacyHeaders: false,
      skip: (request) => !WRITE_METHODS.has(request.method),
    }),
  );
  app.use(express.json({ limit: "10mb" }));
  addPlainExpressRoutes(app);
  return listenExpress(app);
}

async function listenFastify(app: ReturnType<typeof Fastify>): Promise<RunningVariant> {
  await app.listen({ port: 0, host: "127.0.0.1" });
  return { server: app.server, close: () => app.close() };
}

/** Adds the two routes without validation, for the variants that validate nothing. */
function addPlainFastifyRoutes(app: FastifyInstance): void {
  app.get("/api/ping", async () => PING_BODY);
  app.post("/api/contacts", async (request, reply) => {
    reply.code(201);
    return request.body;
  });
}

function startFastifyBare(): Promise<RunningVariant> {
  const app = Fastify();
  addPlainFastifyRoutes(app);
  return listenFastify(app);
}

function startFastifyHeaderBytes(): Promise<RunningVariant> {
  const app = Fastify();
  app.addHook("onRequest", (_request, reply, done) => {
    for (const [name, value] of BULWARK_HEADER_BYTES) reply.header(name, value);
    done();
  });
  addPlainFastifyRoutes(app);
  return listenFastify(app);
}

async function startFastifyBulwark(): Promise<RunningVariant> {
  const app = Fastify({
    frameworkErrors: bulwarkFrameworkErrors,
  }).withTypeProvider<ZodTypeProvider>();
  await app.register(bulwarkFastify, BULWARK_OPTIONS);
  app.get("/api/ping", async () => PING_BODY);
  app.post("/api/contacts", { schema: { body: contactCreateSchema } }, async (request, reply) => {
    reply.code(201);
    return request.body;
  });
  return listenFastify(app as unknown as ReturnType<typeof Fastify>);
}

async function startFastifyPeers(): Promise<RunningVariant> {
  // Trusts a proxy on loopback, as the Bulwark variant does.
  const app = Fastify({ trustProxy: "127.0.0.1/8", bodyLimit: 10 * 1024 * 1024 });
  await app.register(fastifyHelmet);
  // NOTE: @fastify/rate-limit applies one limit per route, so this variant has the api limiter
  // only, while the Express peer and both Bulwark variants also count POST against a write limiter.
  await app.register(fastifyRateLimit, { max: UNREACHABLE_LIMIT, timeWindow: API_WINDOW_MS });
  addPlainFastifyRoutes(app);
  return listenFastify(app);
}

const STARTERS: Record<VariantName, () => Promise<RunningVariant>> = {
  "express bare": startExpressBare,
  "express bare + Bulwark's header bytes": startExpressHeaderBytes,
  "express bulwark": startExpressBulwark,
  "express helmet + express-rate-limit": startExpressPeers,
  "fastify bare": startFastifyBare,
  "fastify bare + Bulwark's header bytes": startFastifyHeaderBytes,
  "fastify bulwark": startFastifyBulwark,
  "fastify @fastify/helmet + @fastify/rate-limit": startFastifyPeers,
};

/** Starts a variant on 127.0.0.1 with an ephemeral port. */
export function startVariant(name: VariantName): Promise<RunningVariant> {
  return STARTERS[name]();
}

/** Returns whether a string names a variant. */
export function isVariantName(value: string): value is VariantName {
  return (VARIANT_NAMES as readonly string[]).includes(value);
}
