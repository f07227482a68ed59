/** A header value as Node's `IncomingMessage.headers` stores it: repeated headers become arrays. */
export type HeaderValue = string | string[] | undefined;

/** Request headers keyed by lower-case name. */
export type RequestHeaders = Readonly<Record<string, HeaderValue>>;

/**
 * Framework-neutral view of an HTTP request. Every core package reads this shape and nothing else,
 * so an adapter maps its framework's request into it once per request.
 */
export interface CoreRequest {
  /** Request method in upper case, such as `GET`. */
  readonly method: string;
  /** Path without the query string, as sent by the client (not decoded). */
  readonly path: string;
  /** Raw query string without the leading `?`, or an empty string. */
  readonly query: string;
  /** Headers keyed by lower-case name. */
  readonly headers: RequestHeaders;
  /** Address of the TCP peer, which is the last proxy when the request went through one. */
  readonly remoteAddress: string | undefined;
  /** Whether the connection to this process is TLS. */
  readonly encrypted: boolean;
}

/** Input of `createCoreRequest`: the request target as sent, before it is split. */
export interface CoreRequestInit {
  readonly method: string;
  /** Request target, path and query, such as `/api/contacts?limit=5`. */
  readonly url: string;
  readonly headers: RequestHeaders;
  readonly remoteAddress: string | undefined;
  readonly encrypted?: boolean;
}

/**
 * Creates the core request view from a framework's request data, splitting the target into path and
 * query and upper-casing the method. Header names must already be lower case, as Node delivers them.
 */
export function createCoreRequest(init: CoreRequestInit): CoreRequest {
  const queryStart = init.url.indexOf("?");
  const path = queryStart === -1 ? init.url : init.url.slice(0, queryStart);
  const query = queryStart === -1 ? "" : init.url.slice(queryStart + 1);

  return {
    method: init.method.toUpperCase(),
    path,
    query,
    headers: init.headers,
    remoteAddress: init.remoteAddress,
    encrypted: init.encrypted ?? false,
  };
}

/**
 * Returns every value of a header, one entry per header line, in the order received.
 * Returns an empty array when the header is absent.
 */
export function getHeaderValues(headers: RequestHeaders, name: string): string[] {
  const value = headers[name];
  if (value === undefined) return [];
  return typeof value === "string" ? [value] : value;
}

/**
 * Returns a header's value, joining repeated lines with ", " as RFC 9110 section 5.3 allows for
 * list-based fields. Returns undefined when the header is absent.
 */
export function getHeader(headers: RequestHeaders, name: string): string | undefined {
  const value = headers[name];
  if (value === undefined || typeof value === "string") return value;
  return value.join(", ");
}
