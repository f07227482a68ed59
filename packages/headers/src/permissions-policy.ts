import { describeValue, isPlainObject } from "@bulwark/core";
import { HeadersError } from "./errors.js";

/**
 * Permissions-Policy features by name, each with its allowlist: `[]` disables the feature,
 * `["self"]` allows this origin, `["*"]` allows every origin, and origins such as
 * `"https://maps.example.com"` allow those origins.
 */
export type PermissionsPolicyOptions = Readonly<Record<string, readonly string[]>>;

// NOTE: feature names are checked for syntax only, so a misspelt feature is sent and browsers
// ignore it, leaving that feature at its default.
const FEATURE_NAME = /^[a-z][a-z0-9-]*$/;
// The URL parser lets characters such as '"' through in a host, so the serialised origin is
// also checked against plain host names and bracketed IPv6 addresses.
const PLAIN_ORIGIN = /^https?:\/\/(?:[a-z0-9-]+(?:\.[a-z0-9-]+)*|\[[0-9a-f:.]+\])(?::[0-9]+)?$/;

function invalidPolicy(message: string): HeadersError {
  return new HeadersError("ERR_HEADERS_INVALID_PERMISSIONS_POLICY", message);
}

function serialiseAllowlistEntry(feature: string, entry: unknown): string {
  if (entry === "self" || entry === "src") return entry;
  // The header is a Structured Fields dictionary (RFC 8941), so an origin is a quoted string.
  // Only an exact origin is accepted, written as the URL parser serialises it, so an entry
  // cannot carry a path or a quote that would end the string early.
  if (typeof entry === "string" && URL.canParse(entry)) {
    const origin = new URL(entry).origin;
    if (origin === entry && PLAIN_ORIGIN.test(origin)) return `"${origin}"`;
  }
  throw invalidPolicy(
    `permissionsPolicy.${feature} has the invalid allowlist entry ${describeValue(entry)}. Use "self", "*", or an origin such as "https://maps.example.com" with no path or trailing slash.`,
  );
}

/**
 * Builds a Permissions-Policy value such as `camera=(), geolocation=(self)`. Returns undefined
 * for `false`. Throws `ERR_HEADERS_INVALID_PERMISSIONS_POLICY` for a feature name that is not
 * lower-case letters, digits and hyphens, or an allowlist entry that is not "self", "src", "*" or
 * an origin.
 */
export function buildPermissionsPolicy(option: unknown): string | undefined {
  if (option === false) return undefined;
  if (!isPlainObject(option) || Object.keys(option).length === 0) {
    throw invalidPolicy(
      `permissionsPolicy must be a non-empty object of features, got ${describeValue(option)}. Use { camera: [], geolocation: ["self"] }, or false to omit the header.`,
    );
  }

  const members: string[] = [];
  for (const [feature, allowlist] of Object.entries(option)) {
    if (!FEATURE_NAME.test(feature)) {
      throw invalidPolicy(
        `permissionsPolicy has the invalid feature name ${describeValue(feature)}. Use the feature's lower-case name, such as "camera" or "publickey-credentials-get".`,
      );
    }
    if (!Array.isArray(allowlist)) {
      throw invalidPolicy(
        `permissionsPolicy.${feature} must be an array, got ${describeValue(allowlist)}. Use [] to disable the feature.`,
      );
    }
    if (allowlist.includes("*")) {
      if (allowlist.length > 1) {
        throw invalidPolicy(
          `permissionsPolicy.${feature} combines "*" with other entries. Use ["*"] alone.`,
        );
      }
      members.push(`${feature}=*`);
      continue;
    }
    const entries = allowlist.map((entry: unknown) => serialiseAllowlistEntry(feature, entry));
    members.push(`${feature}=(${entries.join(" ")})`);
  }
  return members.join(", ");
}
