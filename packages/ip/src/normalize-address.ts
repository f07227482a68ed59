import { isIP } from "node:net";
import ipaddr from "ipaddr.js";

/**
 * Maximum length of one address entry before parsing. The longest valid form, a bracketed
 * IPv4-mapped IPv6 address with a zone id and a port, stays well under it, so a longer entry is
 * garbage and is rejected before any parser reads it.
 */
export const MAX_ADDRESS_LENGTH = 100;

/**
 * A parsed, normalised address: its text, plus the IPv4 address as an unsigned 32-bit number or
 * the IPv6 address as an ipaddr.js object, for range matching.
 */
export type ParsedAddress =
  | { readonly family: 4; readonly address: string; readonly value: number }
  | { readonly family: 6; readonly address: string; readonly ip: ipaddr.IPv6 };

/** Converts dotted-decimal IPv4 text that `isIP` has accepted into an unsigned 32-bit number. */
function toIpv4Number(text: string): number {
  // Reads the digits in place rather than splitting, because this runs for every request.
  let value = 0;
  let octet = 0;
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (code === DOT) {
      value = value * 256 + octet;
      octet = 0;
    } else {
      octet = octet * 10 + (code - DIGIT_ZERO);
    }
  }
  return value * 256 + octet;
}

const DOT = 0x2e;
const DIGIT_ZERO = 0x30;

const PORT_PATTERN = /^(?:\d{1,5}|_[A-Za-z0-9._-]+)$/;
const MAPPED_SUFFIX_PATTERN = /(?:^|:)ffff:\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}$/i;

/**
 * Parses a bare IP address (no brackets, no port) into its normalised form, or returns undefined.
 *
 * Validity is decided by `node:net` `isIP`, which accepts only dotted-decimal IPv4. ipaddr.js alone
 * also accepts `0x7f.1` and `2130706433` as IPv4, and a client could use such a form to look
 * different from the same address in a trusted-proxy list. ipaddr.js then does the normalising:
 * RFC 5952 text for IPv6 and IPv4-mapped IPv6 turned into IPv4. A zone id (`fe80::1%eth0`) is
 * dropped, because it names an interface of the host that wrote it and is no part of the address.
 */
export function parseIpAddress(value: string): ParsedAddress | undefined {
  if (value.length > MAX_ADDRESS_LENGTH) return undefined;
  const family = isIP(value);
  if (family === 0) return undefined;
  // isIP accepts only four decimal octets without leading zeros, which is already the normal form.
  if (family === 4) return { family: 4, address: value, value: toIpv4Number(value) };

  // NOTE: the zone id is dropped, so link-local peers with one address on two interfaces resolve
  // to the same address.
  const zoneStart = value.indexOf("%");
  const bare = zoneStart === -1 ? value : value.slice(0, zoneStart);
  const ip = ipaddr.IPv6.parse(bare);
  if (!ip.isIPv4MappedAddress()) return { family: 6, address: ip.toString(), ip };

  // ipaddr.js 2.5 also reads the deprecated IPv4-compatible form `::1.2.3.4` as IPv4-mapped.
  // Those are different addresses, so only text that spells out `ffff:` becomes IPv4.
  if (bare.includes(".") && !MAPPED_SUFFIX_PATTERN.test(bare)) return undefined;
  const address = ip.toIPv4Address().toString();
  return { family: 4, address, value: toIpv4Number(address) };
}

/**
 * Parses one address entry as proxies write it, with an optional port, into its normalised form,
 * or returns undefined for anything that is not an IP address.
 *
 * Accepts `203.0.113.9`, `203.0.113.9:5123`, `2001:db8::1`, `[2001:db8::1]`, `[2001:db8::1]:443`,
 * an obfuscated port (`[2001:db8::1]:_a1`, RFC 7239 section 6.3) and surrounding spaces or tabs.
 * Returns undefined, and never throws, for empty or overlong text, `unknown`, obfuscated
 * identifiers (`_hidden`) and any other garbage.
 */
export function parseAddressEntry(entry: string): ParsedAddress | undefined {
  if (entry.length > MAX_ADDRESS_LENGTH) return undefined;
  const value = entry.trim();

  if (value.startsWith("[")) {
    const close = value.indexOf("]");
    if (close === -1) return undefined;
    const rest = value.slice(close + 1);
    if (rest !== "" && !(rest.startsWith(":") && PORT_PATTERN.test(rest.slice(1))))
      return undefined;
    const host = value.slice(1, close);
    // Brackets are only for IPv6, so `[203.0.113.9]` is garbage.
    return isIP(host) === 6 ? parseIpAddress(host) : undefined;
  }

  // Only IPv4 with a port has exactly one colon: IPv6 has at least two.
  const colon = value.indexOf(":");
  if (colon !== -1 && colon === value.lastIndexOf(":")) {
    if (!PORT_PATTERN.test(value.slice(colon + 1))) return undefined;
    const host = value.slice(0, colon);
    return isIP(host) === 4 ? parseIpAddress(host) : undefined;
  }
  return parseIpAddress(value);
}

/**
 * Normalises an address as a proxy or socket reports it: ports and brackets stripped, zone ids
 * dropped, IPv4-mapped IPv6 (`::ffff:203.0.113.9`) turned into IPv4, IPv6 in RFC 5952 form.
 * Returns undefined, and never throws, for any value that is not an IP address, including
 * non-strings, empty or overlong text and `unknown`.
 *
 * @example
 * normalizeAddress("[2001:DB8::1]:443"); // "2001:db8::1"
 * normalizeAddress("::ffff:203.0.113.9"); // "203.0.113.9"
 * normalizeAddress("unknown"); // undefined
 */
export function normalizeAddress(value: unknown): string | undefined {
  if (typeof value !== "string") return undefined;
  return parseAddressEntry(value)?.address;
}
