import { isIP } from "node:net";
import { describeValue } from "@bulwark/core";
import ipaddr from "ipaddr.js";
import { IpError } from "./errors.js";
import { type ParsedAddress, parseIpAddress } from "./normalize-address.js";

/** Predicate form of `trustProxy`: whether the hop at `hopIndex` (0 is the socket peer) is a proxy. */
export type TrustProxyPredicate = (address: string, hopIndex: number) => boolean;

/**
 * Which hops are trusted proxies: `false` (none), `true` (all), a hop count, an address, CIDR or
 * named range (a string may list several, separated by commas), a list of those, or a predicate.
 */
export type TrustProxy = boolean | number | string | readonly string[] | TrustProxyPredicate;

/** Named ranges that `trustProxy` lists accept, with the CIDR ranges each one stands for. */
export const NAMED_PROXY_RANGES = {
  loopback: ["127.0.0.0/8", "::1/128"],
  linklocal: ["169.254.0.0/16", "fe80::/10"],
  uniquelocal: ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "fc00::/7"],
} as const satisfies Record<string, readonly string[]>;

/** How a compiled `trustProxy` is applied. `none` and `all` let callers skip work. */
export type TrustMode = "none" | "all" | "count" | "list" | "predicate";

/** A compiled `trustProxy`: whether the hop at `hopIndex` is a trusted proxy. */
export interface CompiledTrust {
  readonly mode: TrustMode;
  readonly isTrusted: (hop: ParsedAddress, hopIndex: number) => boolean;
}

type Range<T> = readonly [network: T, prefixLength: number];

const NEVER: CompiledTrust = { mode: "none", isTrusted: () => false };
const ALWAYS: CompiledTrust = { mode: "all", isTrusted: () => true };

function invalidProxy(label: string, value: unknown, reason: string): IpError {
  return new IpError(
    "ERR_IP_INVALID_PROXY",
    `${label} ${reason}, got ${describeValue(value)}. Use an address such as "10.0.0.1", a CIDR range such as "10.0.0.0/8", or loopback, linklocal or uniquelocal.`,
  );
}

function parsePrefixLength(text: string, maximum: number): number | undefined {
  if (!/^\d{1,3}$/.test(text)) return undefined;
  const prefixLength = Number(text);
  return prefixLength <= maximum ? prefixLength : undefined;
}

/** Parses one address or CIDR entry, turning IPv4-mapped IPv6 ranges into IPv4 ones. */
function parseRange(entry: string, label: string): Range<ipaddr.IPv4> | Range<ipaddr.IPv6> {
  const slash = entry.indexOf("/");
  const addressText = slash === -1 ? entry : entry.slice(0, slash);
  // A zone id is local to one host, so a range with one cannot describe a remote proxy.
  if (addressText.includes("%")) throw invalidProxy(label, entry, "must not carry a zone id");

  // parseIpAddress rejects the forms that ipaddr.js reads differently from node:net.
  const family = parseIpAddress(addressText) === undefined ? 0 : isIP(addressText);
  if (family === 0) throw invalidProxy(label, entry, "must be an IP address or a CIDR range");
  const ipv6 = family === 6 ? ipaddr.IPv6.parse(addressText) : undefined;
  const maximum = family === 4 ? 32 : 128;
  const prefixLength = slash === -1 ? maximum : parsePrefixLength(entry.slice(slash + 1), maximum);
  if (prefixLength === undefined) {
    throw invalidProxy(label, entry, `must have a prefix length from 0 to ${maximum}`);
  }

  if (ipv6?.isIPv4MappedAddress() && prefixLength >= 96) {
    return [ipv6.toIPv4Address(), prefixLength - 96];
  }
  if (ipv6 !== undefined) return [ipv6, prefixLength];
  return [ipaddr.IPv4.parse(addressText), prefixLength];
}

function expandEntries(trustProxy: string | readonly string[]): { entry: string; label: string }[] {
  if (typeof trustProxy === "string") {
    return trustProxy.split(",").map((entry, index) => ({
      entry: entry.trim(),
      label: `trustProxy entry ${index + 1}`,
    }));
  }
  return trustProxy.map((entry, index) => {
    if (typeof entry !== "string") {
      throw invalidProxy(`trustProxy[${index}]`, entry, "must be a string");
    }
    return { entry: entry.trim(), label: `trustProxy[${index}]` };
  });
}

/** Compiles an address list into a matcher that checks IPv4 and IPv6 ranges separately. */
function compileList(trustProxy: string | readonly string[]): CompiledTrust {
  const ipv4Ranges: Range<ipaddr.IPv4>[] = [];
  const ipv6Ranges: Range<ipaddr.IPv6>[] = [];

  for (const { entry, label } of expandEntries(trustProxy)) {
    const named = Object.hasOwn(NAMED_PROXY_RANGES, entry)
      ? NAMED_PROXY_RANGES[entry as keyof typeof NAMED_PROXY_RANGES]
      : [entry];
    for (const rangeText of named) {
      const range = parseRange(rangeText, label);
      if (range[0].kind() === "ipv4") ipv4Ranges.push(range as Range<ipaddr.IPv4>);
      else ipv6Ranges.push(range as Range<ipaddr.IPv6>);
    }
  }

  const isTrusted = (hop: ParsedAddress): boolean => {
    if (hop.ip.kind() === "ipv6") {
      const ip = hop.ip as ipaddr.IPv6;
      return ipv6Ranges.some(([network, bits]) => ip.match(network, bits));
    }
    const ip = hop.ip as ipaddr.IPv4;
    if (ipv4Ranges.some(([network, bits]) => ip.match(network, bits))) return true;
    // An IPv6 range such as ::/0 also covers IPv4 addresses in their IPv4-mapped form.
    if (ipv6Ranges.length === 0) return false;
    const mapped = ip.toIPv4MappedAddress();
    return ipv6Ranges.some(([network, bits]) => mapped.match(network, bits));
  };
  return { mode: ipv4Ranges.length + ipv6Ranges.length === 0 ? "none" : "list", isTrusted };
}

/**
 * Compiles `trustProxy` into a matcher. Throws `ERR_IP_INVALID_TRUST_PROXY` for a value of the
 * wrong type or an invalid hop count, and `ERR_IP_INVALID_PROXY` for an invalid list entry.
 */
export function compileTrustProxy(trustProxy: unknown): CompiledTrust {
  if (trustProxy === undefined || trustProxy === false) return NEVER;
  if (trustProxy === true) return ALWAYS;

  if (typeof trustProxy === "number") {
    if (!Number.isSafeInteger(trustProxy) || trustProxy < 0) {
      throw new IpError(
        "ERR_IP_INVALID_TRUST_PROXY",
        `trustProxy as a hop count must be a non-negative integer, got ${describeValue(trustProxy)}. Use 1 for one proxy in front of the app.`,
      );
    }
    const hopCount = trustProxy;
    if (hopCount === 0) return NEVER;
    return { mode: "count", isTrusted: (_hop, hopIndex) => hopIndex < hopCount };
  }

  if (typeof trustProxy === "function") {
    const predicate = trustProxy as TrustProxyPredicate;
    // Only a literal `true` trusts a hop, so a predicate that returns undefined by mistake trusts nothing.
    return {
      mode: "predicate",
      isTrusted: (hop, hopIndex) => predicate(hop.address, hopIndex) === true,
    };
  }

  if (typeof trustProxy === "string" || Array.isArray(trustProxy)) {
    return compileList(trustProxy as string | readonly string[]);
  }

  throw new IpError(
    "ERR_IP_INVALID_TRUST_PROXY",
    `trustProxy must be false, true, a hop count, an address list or a function, got ${describeValue(trustProxy)}. Use ["10.0.0.0/8"] to trust proxies in that range.`,
  );
}
