export { IP_ERROR_CODES, IpError, type IpErrorCode } from "./errors.js";
export { DEFAULT_IPV6_SUBNET, type IpKeyOptions, ipKey } from "./ip-key.js";
