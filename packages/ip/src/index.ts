export {
  type ClientIpOptions,
  DEFAULT_FORWARDED_HEADERS,
  type ForwardedHeaderName,
} from "./client-ip-options.js";
export {
  type ClientIpResolver,
  type ClientIpResult,
  type ClientIpSource,
  createClientIpResolver,
  resolveClientIp,
  resolveProtocol,
} from "./client-ip-resolver.js";
export {
  IP_ERROR_CODES,
  IP_WARNING_CODES,
  IpError,
  type IpErrorCode,
  type IpWarningCode,
} from "./errors.js";
export { DEFAULT_IPV6_SUBNET, type IpKeyOptions, ipKey } from "./ip-key.js";
export { MAX_ADDRESS_LENGTH, normalizeAddress } from "./normalize-address.js";
export { NAMED_PROXY_RANGES, type TrustProxy, type TrustProxyPredicate } from "./trust-proxy.js";
