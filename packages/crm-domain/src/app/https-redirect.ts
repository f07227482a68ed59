import { type CoreRequest, createHttpError, getHeader } from "@bulwark/core";
import { createClientIpResolver, type TrustProxy } from "@bulwark/ip";

/** A host name or IPv4 address, or a bracketed IPv6 address, with an optional port. */
const HOST_PATTERN = /^(?:[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.?|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;

/** Function that returns the `https://` location for a plain HTTP request, or undefined for HTTPS. */
export type HttpsRedirect = (request: CoreRequest) => string | undefined;

/**
 * Creates the HTTP-to-HTTPS redirect for deployments behind a TLS-terminating proxy. A request is
 * HTTPS when this socket is TLS or a peer trusted through `trustProxy` reports `proto=https` or
 * `X-Forwarded-Proto: https`, so a client cannot skip the redirect by sending the header itself.
 * For GET and HEAD it returns the `Location` of a 308 response. Other methods throw 400 `BAD_REQUEST`,
 * because their body already crossed the network in clear text, and a redirect would teach the
 * client nothing. A missing or malformed `Host` also throws 400, so the redirect never points at
 * an address built from arbitrary text.
 *
 * @example
 * const redirect = createHttpsRedirect("10.0.0.0/8");
 * const location = redirect(coreRequest); // "https://crm.example.com/api/health" or undefined
 */
export function createHttpsRedirect(trustProxy: TrustProxy): HttpsRedirect {
  const resolver = createClientIpResolver({ trustProxy });
  return (request) => {
    if (resolver.resolve(request).protocol === "https") return undefined;
    if (request.method !== "GET" && request.method !== "HEAD") {
      throw createHttpError("BAD_REQUEST", {
        message:
          "This API accepts changes over HTTPS only. Send the request to the https:// address.",
      });
    }
    const host = getHeader(request.headers, "host");
    if (host === undefined || !HOST_PATTERN.test(host)) {
      throw createHttpError("BAD_REQUEST", { message: "The Host header is missing or invalid." });
    }
    const query = request.query === "" ? "" : `?${request.query}`;
    return `https://${host}${request.path}${query}`;
  };
}
