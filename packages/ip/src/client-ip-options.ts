import {
  checkOptionsObject,
  createWarningEmitter,
  describeValue,
  type Logger,
  type WarningEmitter,
} from "@bulwark/core";
import { createIpError, IpError } from "./errors.js";
import { type CompiledTrust, compileTrustProxy, type TrustProxy } from "./trust-proxy.js";

/** Forwarding headers the resolver can read, by lower-case name. */
export type ForwardedHeaderName = "forwarded" | "x-forwarded-for" | "x-real-ip";

/**
 * Default order in which a trusted peer's forwarding headers are consulted; the first one present
 * is read and the others are ignored. `X-Forwarded-For` comes first because it is the header
 * that most proxies (nginx, HAProxy, cloud load balancers) write, while most of them pass a
 * client's own `Forwarded` header through untouched.
 */
export const DEFAULT_FORWARDED_HEADERS: readonly ForwardedHeaderName[] = Object.freeze([
  "x-forwarded-for",
  "forwarded",
  "x-real-ip",
]);

/** Options of `createClientIpResolver` and `resolveClientIp`. */
export interface ClientIpOptions {
  /**
   * Hops that are trusted proxies. `false` (the default) uses the socket address and ignores
   * every forwarding header. `true` trusts every hop, which is safe only when the edge proxy
   * overwrites the header. A number trusts that many hops from the socket inward. A list of
   * addresses, CIDR ranges and the names `loopback`, `linklocal` and `uniquelocal` trusts hops
   * inside them. A predicate `(address, hopIndex) => boolean` trusts a hop when it returns
   * `true`; hop 0 is the socket peer.
   */
  readonly trustProxy?: TrustProxy;
  /**
   * Forwarding headers to read from a trusted peer, in priority order: the first one present is
   * read. Defaults to `["x-forwarded-for", "forwarded", "x-real-ip"]`. List only the headers your
   * proxy writes, because a client can send any header that the proxy does not overwrite.
   */
  readonly forwardedHeaders?: readonly ForwardedHeaderName[];
  /** Sends warnings to this logger instead of `process.emitWarning`. */
  readonly logger?: Logger;
  /** Warning codes to suppress, such as `WARN_IP_TRUST_ALL`. */
  readonly disabledWarnings?: readonly string[];
}

/** Options after validation, ready for the request path. */
export interface ParsedClientIpOptions {
  readonly trust: CompiledTrust;
  readonly forwardedHeaders: readonly ForwardedHeaderName[];
  readonly warnings: WarningEmitter;
}

const KNOWN_KEYS = [
  "trustProxy",
  "forwardedHeaders",
  "logger",
  "disabledWarnings",
] as const satisfies readonly (keyof ClientIpOptions)[];

const HEADER_NAMES: readonly string[] = ["forwarded", "x-forwarded-for", "x-real-ip"];

function parseForwardedHeaders(value: unknown): readonly ForwardedHeaderName[] {
  if (value === undefined) return DEFAULT_FORWARDED_HEADERS;
  const valid =
    Array.isArray(value) &&
    value.length > 0 &&
    value.every((name) => typeof name === "string" && HEADER_NAMES.includes(name)) &&
    new Set(value).size === value.length;
  if (!valid) {
    throw new IpError(
      "ERR_IP_INVALID_FORWARDED_HEADERS",
      `forwardedHeaders must be a non-empty list of distinct lower-case names among forwarded, x-forwarded-for and x-real-ip, got ${describeValue(value)}. Use ["x-forwarded-for"] when your proxy writes only that header.`,
    );
  }
  return Object.freeze([...value]) as readonly ForwardedHeaderName[];
}

function parseLogger(value: unknown): Logger | undefined {
  if (value === undefined) return undefined;
  if (
    typeof value === "object" &&
    value !== null &&
    typeof Reflect.get(value, "warn") === "function"
  ) {
    return value as Logger;
  }
  throw new IpError(
    "ERR_IP_INVALID_OPTIONS",
    `logger must be an object with a warn(object, message) method, got ${describeValue(value)}. Pass a pino logger or leave logger out.`,
  );
}

function parseDisabledWarnings(value: unknown): readonly string[] | undefined {
  if (value === undefined) return undefined;
  if (Array.isArray(value) && value.every((code) => typeof code === "string")) return value;
  throw new IpError(
    "ERR_IP_INVALID_OPTIONS",
    `disabledWarnings must be a list of warning codes, got ${describeValue(value)}. Use ["WARN_IP_TRUST_ALL"] to silence that warning.`,
  );
}

/**
 * Validates resolver options and compiles them for the request path. Throws
 * `ERR_IP_INVALID_OPTIONS` for a non-object, an unknown key, a bad logger or warning list,
 * `ERR_IP_INVALID_TRUST_PROXY` and `ERR_IP_INVALID_PROXY` for a bad `trustProxy`, and
 * `ERR_IP_INVALID_FORWARDED_HEADERS` for a bad `forwardedHeaders`. Emits `WARN_IP_TRUST_ALL` for
 * `trustProxy: true`.
 */
export function parseClientIpOptions(input: unknown): ParsedClientIpOptions {
  const options = checkOptionsObject(
    input,
    KNOWN_KEYS,
    "ERR_IP_INVALID_OPTIONS",
    "createClientIpResolver",
    createIpError,
  );
  const trust = compileTrustProxy(options.trustProxy);
  const forwardedHeaders = parseForwardedHeaders(options.forwardedHeaders);
  const logger = parseLogger(options.logger);
  const disabledWarnings = parseDisabledWarnings(options.disabledWarnings);

  const warnings = createWarningEmitter({
    ...(logger === undefined ? {} : { logger }),
    ...(disabledWarnings === undefined ? {} : { disabledWarnings }),
  });
  if (trust.mode === "all") {
    warnings.warn(
      "WARN_IP_TRUST_ALL",
      "trustProxy is true, so every hop is trusted and any client can choose the address it is keyed by, unless the edge proxy overwrites the forwarding header. Set trustProxy to the proxy addresses or to a hop count instead.",
    );
  }
  return { trust, forwardedHeaders, warnings };
}
