import { isIP } from "node:net";
import { describeValue } from "@bulwark/core";
import ipaddr from "ipaddr.js";
import { IpError } from "./errors.js";
import { type ParsedAddress, parseIpAddress } from "./normalize-address.js";

/** Predicate form of `trustProxy`: whether the hop at `hopIndex` (0 is the socket peer) is a proxy. */
export type TrustProxyPredicate = (address: string, hopIndex: number) => boolean;

/**
 * Trusted-proxy setting: `false` (none), `true` (all), a hop count, an address, CIDR or
 * named range (a string may list several, separated by commas), a list of those, or a predicate.
 */
export type TrustProxy = boolean | number | string | readonly string[] | TrustProxyPredicate;

/** Named ranges that `trustProxy` lists accept, with the CIDR ranges each one stands for. */
export const NAMED_PROXY_RANGES = {
  loopback: ["127.0.0.0/8", "::1/128"],
  linklocal: ["169.254.0.0/16", "fe80::/10"],
  uniquelocal: ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "fc00::/7"],
} as const satisfies Record<string, readonly string[]>;

/** Kind of a compiled `trustProxy`. `none` and `all` let callers skip work. */
export type TrustMode = "none" | "all" | "count" | "list" | "predicate";

/** A compiled `trustProxy`: whether the hop at `hopIndex` is a trusted proxy. */
export interface CompiledTrust {
  readonly mode: TrustMode;
  readonly isTrusted: (hop: ParsedAddress, hopIndex: number) => boolean;
}

/** A trusted range: IPv4 as a masked 32-bit network and mask, IPv6 as ipaddr.js network and prefix. */
type ParsedRange =
  | { readonly family: 4; readonly network: number; readonly mask: number }
  | { readonly family: 6; readonly network: ipaddr.IPv6; readonly prefixLength: number };

const MAPPED_SPACE_START = ipaddr.IPv6.parse("::ffff:0:0");

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

function toIpv4Range(value: number, prefixLength: number): ParsedRange {
  const mask = prefixLength === 0 ? 0 : (0xffffffff << (32 - prefixLength)) >>> 0;
  return { family: 4, network: (value & mask) >>> 0, mask };
}

/** Parses one address or CIDR entry, turning IPv4-mapped IPv6 ranges into IPv4 ones. */
function parseRange(entry: string, label: string): ParsedRange {
  const slash = entry.indexOf("/");
  const addressText = slash === -1 ? entry : entry.slice(0, slash);
  // A zone id is local to one host, so a range with one cannot describe a remote proxy.
  if (addressText.includes("%")) throw invalidProxy(label, entry, "must not carry a zone id");

  // parseIpAddress rejects the forms that ipaddr.js reads differently from node:net.
  const parsed = parseIpAddress(addressText);
  if (parsed === undefined)
    throw invalidProxy(label, entry, "must be an IP address or a CIDR range");
  const maximum = isIP(addressText) === 4 ? 32 : 128;
  const prefixLength = slash === -1 ? maximum : parsePrefixLength(entry.slice(slash + 1), maximum);
  if (prefixLength === undefined) {
    throw invalidProxy(label, entry, `must have a prefix length from 0 to ${maximum}`);
  }

  if (parsed.family === 4 && maximum === 32) return toIpv4Range(parsed.value, prefixLength);
  // IPv4-mapped text such as ::ffff:10.0.0.0/104 describes an IPv4 range.
  if (parsed.family === 4 && prefixLength >= 96)
    return toIpv4Range(parsed.value, prefixLength - 96);
  return { family: 6, network: ipaddr.IPv6.parse(addressText), prefixLength };
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

/**
 * Compiles an address list into a matcher. Addresses reach it normalised, so an IPv4-mapped IPv6
 * peer is matched as IPv4. An IPv6 range that contains the whole IPv4-mapped block, such as
 * ::/0, therefore also becomes the IPv4 range 0.0.0.0/0.
 */
function compileList(trustProxy: string | readonly string[]): CompiledTrust {
  const ipv4Ranges: { network: number; mask: number }[] = [];
  const ipv6Ranges: { network: ipaddr.IPv6; prefixLength: number }[] = [];

  for (const { entry, label } of expandEntries(trustProxy)) {
    const named = Object.hasOwn(NAMED_PROXY_RANGES, entry)
      ? NAMED_PROXY_RANGES[entry as keyof typeof NAMED_PROXY_RANGES]
      : [entry];
    for (const rangeText of named) {
      const range = parseRange(rangeText, label);
      if (range.family === 4) {
        ipv4Ranges.push(range);
        continue;
      }
      ipv6Ranges.push(range);
      if (range.prefixLength <= 96 && MAPPED_SPACE_START.match(range.network, range.prefixLength)) {
        ipv4Ranges.push({ network: 0, mask: 0 });
      }
    }
  }

  const isTrusted = (hop: ParsedAddress): boolean => {
    if (hop.family === 4) {
      for (const range of ipv4Ranges) {
        if ((hop.value & range.mask) >>> 0 === range.network) return true;
      }
      return false;
    }
    for (const range of ipv6Ranges) {
      if (hop.ip.match(range.network, range.prefixLength)) return true;
    }
    return false;
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
