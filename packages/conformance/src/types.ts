import type { RequestSchemas } from "@bulwark/schemas";
import type { BulwarkStackOptions } from "@bulwark/stack";

/** Behaviour of a route handler of a conformance app. */
export type RouteBehaviour =
  /** 200 with `{ body, files, clientIp }`: the parsed body, uploaded file names and client IP. */
  | "echo"
  /** 200 with `{ ok: true }`. */
  | "ok"
  /** Throws an `Error` whose message contains a fake secret, which must never reach the client. */
  | "throw"
  /** 200 with `{ body, query, params }` as the route's validation parsed them. */
  | "echoParts";

/** One route of a conformance app. Every adapter builds the same routes from this list. */
export interface RouteSpec {
  readonly method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  readonly path: string;
  readonly behaviour: RouteBehaviour;
  /** Rate-limit policies of the route, by name: `rateLimit(names)` or `config.rateLimit`. */
  readonly rateLimit?: string | readonly string[];
  /** Zod schemas of the route: `validate(schemas)` in Express, `schema` in Fastify. */
  readonly schemas?: Pick<RequestSchemas, "body" | "query" | "params">;
}

/** Setup of a conformance app: the stack options and the routes. */
export interface AppSetup {
  readonly options: BulwarkStackOptions;
  readonly routes: readonly RouteSpec[];
}

/** A conformance app listening on 127.0.0.1. */
export interface RunningApp {
  readonly port: number;
  close(): Promise<void>;
}

/** Builds and starts an app for a setup, listening on an ephemeral port of 127.0.0.1. */
export type CreateApp = (setup: AppSetup) => Promise<RunningApp>;

/** A request a case sends: header lines in order, so duplicates and odd casing go out as written. */
export interface RequestSpec {
  readonly method: string;
  readonly path: string;
  readonly headers?: readonly (readonly [name: string, value: string])[];
  /** Body sent with a `Content-Length`, unless `chunked` is set. */
  readonly body?: string | Buffer;
  /** Sends `body` with `Transfer-Encoding: chunked` in pieces of this many bytes. */
  readonly chunked?: number;
  /**
   * Sends a chunked body of this many bytes in 64 KB pieces, but stops writing as soon as the
   * response arrives: proves that an oversized body is rejected before it is read to the end.
   */
  readonly growingBodyBytes?: number;
}

/** A response as received, with header names in lower case and repeated headers as arrays. */
export interface ReceivedResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | readonly string[]>>;
  readonly body: string;
  /** Request body bytes written before the response arrived, for `growingBodyBytes` requests. */
  readonly bytesSent: number;
}

/** Expected response of a step. Headers set to undefined must be absent, and a RegExp must match the value. */
export interface ExpectedResponse {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string | RegExp | undefined>>;
  /** Expected `code` of an error body; the body must then be the JSON error contract. */
  readonly code?: string;
  /** Expected `field` of each entry of a validation error body, in order. */
  readonly errorFields?: readonly string[];
  /** Expected JSON body, compared deeply. */
  readonly json?: unknown;
  /** Expected raw body text. */
  readonly text?: string;
  /** The response must arrive before this many request body bytes were written. */
  readonly sentFewerBytesThan?: number;
}

/** One request of a case and what it must get back. */
export interface ConformanceStep {
  readonly request: RequestSpec;
  readonly expect: ExpectedResponse;
}

/** A named sequence of requests against one freshly started app. */
export interface ConformanceCase {
  readonly name: string;
  readonly setup: AppSetup;
  readonly steps: readonly ConformanceStep[];
}
