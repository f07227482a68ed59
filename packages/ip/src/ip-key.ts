import { isIP } from "node:net";
import { describeValue } from "@bulwark/core";
import ipaddr from "ipaddr.js";
import { IpError } from "./errors.js";
import { parseIpAddress } from "./normalize-address.js";

/** Default IPv6 prefix length of a rate-limit key: a /64 is what one host or site usually gets. */
export const DEFAULT_IPV6_SUBNET = 64;

/** Options of `ipKey`. */
export interface IpKeyOptions {
  /** Prefix length that IPv6 addresses are masked to, from 1 to 128. Defaults to 64. */
  readonly ipv6Subnet?: number;
}

/**
 * Returns the rate-limit key of a client address. An IPv4 address (including an IPv4-mapped
 * IPv6 one) is its own key. An IPv6 address is masked to its subnet and written as
 * `network/prefix`, such as `2001:db8:1:2::/64`, because one host is usually assigned a whole /64 and
 * could otherwise rotate addresses inside it to get a fresh budget for each.
 *
 * Expects an address as `resolveClientIp` returns it, without port or brackets. Returns undefined
 * for a value that is not an IP address, such as `203.0.113.9:80`. Throws `ERR_IP_INVALID_SUBNET` for an
 * invalid `ipv6Subnet`.
 *
 * @example
 * ipKey("2001:db8::1"); // "2001:db8::/64"
 * ipKey("::ffff:203.0.113.9"); // "203.0.113.9"
 */
export function ipKey(address: string, options: IpKeyOptions = {}): string | undefined {
  const subnet = options.ipv6Subnet === undefined ? DEFAULT_IPV6_SUBNET : options.ipv6Subnet;
  if (!Number.isInteger(subnet) || subnet < 1 || subnet > 128) {
    throw new IpError(
      "ERR_IP_INVALID_SUBNET",
      `ipv6Subnet must be an integer prefix length from 1 to 128, got ${describeValue(subnet)}. Use 64 for a typical IPv6 site.`,
    );
  }

  if (typeof address === "string" && isIP(address) === 4) {
    // Dotted-decimal IPv4 that isIP accepts is already its own normal form, as parseIpAddress
    // would return it, so the common case skips building a parsed address.
    return address;
  }
  // parseIpAddress accepts only the forms node:net accepts, so `2130706433` is not 127.0.0.1 here.
  const parsed = typeof address === "string" ? parseIpAddress(address) : undefined;
  if (parsed === undefined) return undefined;
  if (parsed.family === 4) return parsed.address;

  const bytes = parsed.ip.toByteArray();
  for (let bit = subnet; bit < 128; bit += 1) {
    const index = bit >> 3;
    bytes[index] = (bytes[index] ?? 0) & ~(0x80 >> (bit & 7));
  }
  return `${ipaddr.fromByteArray(bytes).toString()}/${subnet}`;
}
