import { BulwarkError } from "@bulwark/core";

/** Error codes that @bulwark/ip throws to developers, with what each one means. */
export const IP_ERROR_CODES = {
  ERR_IP_INVALID_SUBNET: "ipv6Subnet must be an integer prefix length from 1 to 128.",
  ERR_IP_INVALID_OPTIONS:
    "The options must be a plain object with known keys, a logger with a warn method and a list of warning codes.",
  ERR_IP_INVALID_TRUST_PROXY:
    "trustProxy must be false, true, a hop count, an address list or a predicate function.",
  ERR_IP_INVALID_PROXY:
    "Each trustProxy entry must be an IP address, a CIDR range or loopback, linklocal or uniquelocal.",
  ERR_IP_INVALID_FORWARDED_HEADERS:
    "forwardedHeaders must be a non-empty list of distinct names among forwarded, x-forwarded-for and x-real-ip.",
} as const;

export type IpErrorCode = keyof typeof IP_ERROR_CODES;

/** Warning codes that @bulwark/ip emits once per resolver, with the setup each one points at. */
export const IP_WARNING_CODES = {
  WARN_IP_TRUST_ALL:
    "trustProxy is true, so any client can choose its address unless the edge proxy overwrites the forwarding header.",
  WARN_IP_UNTRUSTED_FORWARDED_HEADER:
    "A forwarding header arrived while trustProxy is false, so the socket address was used.",
  WARN_IP_MIXED_FORWARDED_HEADERS:
    "A trusted proxy sent more than one forwarding header, so only the first in forwardedHeaders order was read.",
} as const;

export type IpWarningCode = keyof typeof IP_WARNING_CODES;

/** Error thrown by @bulwark/ip for invalid options. */
export class IpError extends BulwarkError {
  declare readonly code: IpErrorCode;
}

/** Creates an `IpError`, typed loosely so that core's option checks can call it. */
export function createIpError(code: string, message: string): IpError {
  return new IpError(code, message);
}
