import { type CoreRequest, getHeader } from "@bulwark/core";
import {
  type ClientIpOptions,
  type ForwardedHeaderName,
  type ParsedClientIpOptions,
  parseClientIpOptions,
} from "./client-ip-options.js";
import { type ParsedAddress, parseAddressEntry } from "./normalize-address.js";
import { type ForwardedElement, parseForwarded } from "./parse-forwarded.js";
import type { CompiledTrust } from "./trust-proxy.js";

/** Origin of the client address: the socket or the forwarding header that was read. */
export type ClientIpSource = "socket" | ForwardedHeaderName;

/** Result of resolving a request's client address. */
export interface ClientIpResult {
  /**
   * Normalised client address. Undefined when the socket address is missing or is not an IP
   * address, because no address is invented: key such a request with a fixed key or deny it.
   */
  readonly address: string | undefined;
  /** Normalised addresses walked for logs, from the socket peer inward. The last one is `address`. */
  readonly hops: readonly string[];
  readonly source: ClientIpSource;
  /** Protocol the client used: `https` when this socket is TLS or a trusted proxy reports https. */
  readonly protocol: "http" | "https";
}

/** Resolver compiled from options once, for use on every request. */
export interface ClientIpResolver {
  /**
   * Resolves the client address, the hops walked and the protocol of a request. Never throws for
   * any request, but an error that a `trustProxy` predicate throws reaches the caller.
   */
  resolve(request: CoreRequest): ClientIpResult;
}

const WATCHED_HEADERS: readonly ForwardedHeaderName[] = [
  "forwarded",
  "x-forwarded-for",
  "x-real-ip",
];

interface Walk {
  readonly hops: string[];
  /** Number of header entries read, including an unusable one that ended the walk. */
  readonly entriesRead: number;
}

/**
 * Walks from the socket peer through a forwarding header, right to left, while the current hop is
 * a trusted proxy, as Express and proxy-addr define it. The first untrusted hop is the client.
 *
 * The leftmost entries are never trusted on their own: any client can send the header, and a proxy
 * that appends writes the address it saw to the right of whatever the client sent. So only the
 * entries that trusted proxies wrote, read from the right, are evidence.
 */
function walkEntries(
  socket: ParsedAddress,
  trust: CompiledTrust,
  entries: readonly (string | undefined)[],
): Walk {
  const hops = [socket.address];
  let entriesRead = 0;
  for (let index = entries.length - 1; index >= 0; index -= 1) {
    entriesRead += 1;
    const entry = entries[index];
    const hop = entry === undefined ? undefined : parseAddressEntry(entry);
    // An entry that is no address (`unknown`, an obfuscated id, garbage) ends the walk, and the
    // trusted proxy that reported it is the most specific address known, so it becomes the client.
    if (hop === undefined) break;
    hops.push(hop.address);
    if (!trust.isTrusted(hop, hops.length - 1)) break;
  }
  return { hops, entriesRead };
}

/**
 * Reads the protocol from `X-Forwarded-Proto`. A chain of proxies that append writes one entry
 * per hop, and the client's protocol is the entry of the proxy that accepted its connection, at
 * `edgeIndex` from the right. A proxy that overwrites leaves one entry, so the index is clamped
 * to the leftmost entry.
 */
function readForwardedProto(request: CoreRequest, edgeIndex: number): "http" | "https" {
  const header = getHeader(request.headers, "x-forwarded-proto");
  if (header === undefined) return "http";
  const entries = header.split(",");
  const entry = entries[Math.max(0, entries.length - 1 - edgeIndex)] ?? "";
  return entry.trim().toLowerCase() === "https" ? "https" : "http";
}

function findHeader(
  request: CoreRequest,
  parsed: ParsedClientIpOptions,
  state: { mixedChecked: boolean },
): [ForwardedHeaderName, string] | undefined {
  let found: [ForwardedHeaderName, string] | undefined;
  for (const name of parsed.forwardedHeaders) {
    const value = getHeader(request.headers, name);
    if (value === undefined) continue;
    if (found === undefined) {
      found = [name, value];
      if (state.mixedChecked) return found;
      continue;
    }
    // Two forwarding headers from one trusted peer usually mean the proxy writes one of them and
    // passes the other through from the client.
    state.mixedChecked = true;
    parsed.warnings.warn(
      "WARN_IP_MIXED_FORWARDED_HEADERS",
      `A trusted proxy sent both ${found[0]} and ${name}, so only ${found[0]} was read. Set forwardedHeaders to the one header your proxy writes, because a client can send the other.`,
    );
    return found;
  }
  return found;
}

function resolveFromHeader(
  request: CoreRequest,
  socket: ParsedAddress,
  parsed: ParsedClientIpOptions,
  [name, value]: [ForwardedHeaderName, string],
): ClientIpResult {
  let walk: Walk;
  let elements: ForwardedElement[] | undefined;
  if (name === "forwarded") {
    // parseForwarded returns elements right to left, the walk reads arrays from the end.
    elements = parseForwarded(value).reverse();
    walk = walkEntries(
      socket,
      parsed.trust,
      elements.map((element) => element.for),
    );
  } else {
    walk = walkEntries(socket, parsed.trust, value.split(","));
  }

  const source = walk.hops.length > 1 ? name : "socket";
  const address = walk.hops[walk.hops.length - 1];
  let protocol: "http" | "https";
  if (request.encrypted) protocol = "https";
  else if (elements !== undefined) {
    // The element that names the client also carries the protocol of the client's connection.
    const element = elements[elements.length - walk.entriesRead];
    protocol = element?.proto === "https" ? "https" : "http";
  } else protocol = readForwardedProto(request, Math.max(0, walk.hops.length - 2));

  return { address, hops: walk.hops, source, protocol };
}

/** Maximum number of distinct socket addresses a resolver keeps parsed. */
const SOCKET_CACHE_SIZE = 1024;

/**
 * Parsed socket addresses by their text. A server gets most requests from a few peers (a
 * proxy, a load balancer, or keep-alive clients), so the resolver keeps each parsed text. The
 * parse is a pure function of the text, so a cached result equals a fresh one. The map is
 * cleared when full, so a server with many distinct peers costs bounded memory and parses a
 * text again after a clear.
 */
class SocketAddressCache {
  readonly #entries = new Map<string, ParsedAddress | null>();

  parse(text: string): ParsedAddress | undefined {
    const cached = this.#entries.get(text);
    if (cached !== undefined) return cached ?? undefined;
    const parsed = parseAddressEntry(text);
    if (this.#entries.size >= SOCKET_CACHE_SIZE) this.#entries.clear();
    this.#entries.set(text, parsed ?? null);
    return parsed;
  }
}

/**
 * Creates a client IP resolver, validating and compiling the options once so that the request
 * path only walks headers. Throws `ERR_IP_INVALID_OPTIONS`, `ERR_IP_INVALID_TRUST_PROXY`,
 * `ERR_IP_INVALID_PROXY` or `ERR_IP_INVALID_FORWARDED_HEADERS` for invalid options.
 *
 * Warnings, once per resolver: `WARN_IP_TRUST_ALL` at creation for `trustProxy: true`,
 * `WARN_IP_UNTRUSTED_FORWARDED_HEADER` when a forwarding header arrives while `trustProxy` is
 * false, and `WARN_IP_MIXED_FORWARDED_HEADERS` when a trusted proxy sends more than one.
 *
 * @example
 * const resolver = createClientIpResolver({ trustProxy: ["loopback", "10.0.0.0/8"] });
 * const { address, hops } = resolver.resolve(request);
 * // address: "203.0.113.9", hops: ["10.0.0.2", "10.0.0.1", "203.0.113.9"]
 */
export function createClientIpResolver(options?: ClientIpOptions): ClientIpResolver {
  const parsed = parseClientIpOptions(options);
  const socketAddresses = new SocketAddressCache();
  const state = { mixedChecked: false, untrustedChecked: parsed.trust.mode !== "none" };

  const warnUntrustedHeader = (request: CoreRequest): void => {
    const name = WATCHED_HEADERS.find((header) => request.headers[header] !== undefined);
    if (name === undefined) return;
    state.untrustedChecked = true;
    parsed.warnings.warn(
      "WARN_IP_UNTRUSTED_FORWARDED_HEADER",
      `A request carried ${name} while trustProxy is false, so the socket address was used and the header was ignored. If the app runs behind a proxy, set trustProxy to the proxy's address or range.`,
    );
  };

  return {
    resolve(request) {
      const ownProtocol = request.encrypted ? "https" : "http";
      const remoteAddress = request.remoteAddress;
      const socket =
        typeof remoteAddress === "string" ? socketAddresses.parse(remoteAddress) : undefined;
      if (socket === undefined) {
        return { address: undefined, hops: [], source: "socket", protocol: ownProtocol };
      }

      // Forwarding headers are evidence only when the peer that sent them is a trusted proxy.
      if (!parsed.trust.isTrusted(socket, 0)) {
        if (!state.untrustedChecked) warnUntrustedHeader(request);
        return {
          address: socket.address,
          hops: [socket.address],
          source: "socket",
          protocol: ownProtocol,
        };
      }

      const header = findHeader(request, parsed, state);
      if (header !== undefined) return resolveFromHeader(request, socket, parsed, header);
      return {
        address: socket.address,
        hops: [socket.address],
        source: "socket",
        protocol: request.encrypted ? "https" : readForwardedProto(request, 0),
      };
    },
  };
}

const DEFAULT_OPTIONS: ClientIpOptions = Object.freeze({});
const resolverCache = new WeakMap<ClientIpOptions, ClientIpResolver>();

function getCachedResolver(options: ClientIpOptions = DEFAULT_OPTIONS): ClientIpResolver {
  let resolver = resolverCache.get(options);
  if (resolver === undefined) {
    resolver = createClientIpResolver(options);
    resolverCache.set(options, resolver);
  }
  return resolver;
}

/**
 * Resolves a request's client address with a resolver cached per options object. Pass the same
 * object on every call, because a new object literal per request recompiles the options each
 * time. Options changed after the first call are not seen. Throws like `createClientIpResolver`.
 *
 * @example
 * const options = { trustProxy: 1 };
 * resolveClientIp(request, options).address;
 */
export function resolveClientIp(request: CoreRequest, options?: ClientIpOptions): ClientIpResult {
  return getCachedResolver(options).resolve(request);
}

/**
 * Resolves the protocol the client used, `https` or `http`, with the same cached resolver as
 * `resolveClientIp`. It is `https` when this socket is TLS, or when the socket peer is a trusted
 * proxy that reports https through `Forwarded: proto=` or `X-Forwarded-Proto`.
 */
export function resolveProtocol(request: CoreRequest, options?: ClientIpOptions): "http" | "https" {
  return getCachedResolver(options).resolve(request).protocol;
}
