import { checkOptionsObject, describeValue, type HeaderTuple } from "@bulwark/core";
import {
  buildPolicyParts,
  type ContentSecurityPolicyOptions,
  type ParsedPolicy,
  type PolicyParts,
  parseContentSecurityPolicy,
  parseCspDirectives,
} from "./content-security-policy.js";
import { createHeadersError, HeadersError } from "./errors.js";
import {
  buildReferrerPolicy,
  CROSS_ORIGIN_EMBEDDER_POLICY_VALUES,
  CROSS_ORIGIN_OPENER_POLICY_VALUES,
  CROSS_ORIGIN_RESOURCE_POLICY_VALUES,
  type CrossOriginEmbedderPolicyValue,
  type CrossOriginOpenerPolicyValue,
  type CrossOriginResourcePolicyValue,
  pickFlagValue,
  pickHeaderValue,
  type ReferrerPolicyToken,
  X_DNS_PREFETCH_CONTROL_VALUES,
  X_FRAME_OPTIONS_VALUES,
  X_PERMITTED_CROSS_DOMAIN_POLICIES_VALUES,
  X_XSS_PROTECTION_VALUES,
  type XDnsPrefetchControlValue,
  type XFrameOptionsValue,
  type XPermittedCrossDomainPoliciesValue,
  type XXssProtectionValue,
} from "./header-values.js";
import { createNonce } from "./nonce.js";
import { buildPermissionsPolicy, type PermissionsPolicyOptions } from "./permissions-policy.js";
import {
  SECURITY_HEADERS_PRESETS,
  type SecurityHeadersPreset,
  type SecurityHeadersPresetName,
} from "./presets.js";
import { buildReportingEndpoints, type ReportingEndpointsOptions } from "./reporting-endpoints.js";
import {
  buildStrictTransportSecurity,
  type StrictTransportSecurityOptions,
} from "./strict-transport-security.js";

/** Options of `createSecurityHeaders`. Each header option overrides the preset; `false` omits the header. */
export interface SecurityHeadersOptions {
  /** Preset that supplies every setting not given here. Defaults to `"strict"`. */
  readonly preset?: SecurityHeadersPresetName;
  readonly contentSecurityPolicy?: ContentSecurityPolicyOptions | false;
  /** A policy that browsers only report on. The presets set none; `extendPreset` starts from the preset's enforced policy. */
  readonly contentSecurityPolicyReportOnly?: ContentSecurityPolicyOptions | false;
  /** Sent only on responses to HTTPS requests, because RFC 6797 section 7.2 forbids it over plain HTTP. */
  readonly strictTransportSecurity?: StrictTransportSecurityOptions | false;
  readonly xFrameOptions?: XFrameOptionsValue | false;
  /** Sends `X-Content-Type-Options: nosniff`. */
  readonly xContentTypeOptions?: boolean;
  readonly xXssProtection?: XXssProtectionValue | false;
  readonly referrerPolicy?: ReferrerPolicyToken | readonly ReferrerPolicyToken[] | false;
  readonly crossOriginOpenerPolicy?: CrossOriginOpenerPolicyValue | false;
  readonly crossOriginResourcePolicy?: CrossOriginResourcePolicyValue | false;
  readonly crossOriginEmbedderPolicy?: CrossOriginEmbedderPolicyValue | false;
  /** Sends `Origin-Agent-Cluster: ?1`. */
  readonly originAgentCluster?: boolean;
  readonly xDnsPrefetchControl?: XDnsPrefetchControlValue | false;
  readonly xPermittedCrossDomainPolicies?: XPermittedCrossDomainPoliciesValue | false;
  readonly permissionsPolicy?: PermissionsPolicyOptions | false;
  /** Sends a Reporting-Endpoints header. No preset sets one. */
  readonly reportingEndpoints?: ReportingEndpointsOptions | false;
  /** Response headers that adapters remove. Defaults to `["x-powered-by", "server"]`. */
  readonly removeHeaders?: readonly string[];
}

/**
 * Headers for one response, and the nonce they carry when the policy uses one. Names are lower
 * case, as HTTP/2 requires and as Node stores them, so setting them skips a case conversion.
 */
export interface SecurityHeadersResult {
  readonly headers: readonly HeaderTuple[];
  /** The response's nonce, for the `nonce` attribute of the page's `<script>` and `<style>` tags. */
  readonly nonce?: string;
}

/** Facts about the request that decide which headers a response gets. */
export interface ResponseContext {
  /** Whether the client reached the server over HTTPS, directly or through a trusted proxy. */
  readonly https: boolean;
}

/** A configured header builder, created once at start-up. */
export interface SecurityHeaders {
  /** Whether each response gets a fresh nonce. */
  readonly usesNonce: boolean;
  /** Lower-case header names that adapters remove from every response. */
  readonly removeHeaders: readonly string[];
  /**
   * Returns the headers for one response. Without a nonce the same frozen result is returned
   * each time; with one, only the policy strings are joined around the new nonce.
   */
  forResponse(context: ResponseContext): SecurityHeadersResult;
}

/** Headers that adapters remove by default, because they advertise the server's software. */
export const DEFAULT_REMOVE_HEADERS: readonly string[] = Object.freeze(["x-powered-by", "server"]);

const OPTION_KEYS = [
  "preset",
  "contentSecurityPolicy",
  "contentSecurityPolicyReportOnly",
  "strictTransportSecurity",
  "xFrameOptions",
  "xContentTypeOptions",
  "xXssProtection",
  "referrerPolicy",
  "crossOriginOpenerPolicy",
  "crossOriginResourcePolicy",
  "crossOriginEmbedderPolicy",
  "originAgentCluster",
  "xDnsPrefetchControl",
  "xPermittedCrossDomainPolicies",
  "permissionsPolicy",
  "reportingEndpoints",
  "removeHeaders",
] as const satisfies readonly (keyof SecurityHeadersOptions)[];

// RFC 9110 section 5.1: a field name is a token.
const FIELD_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/** Header settings after validation: fixed values, and the policies still to be cut at nonces. */
interface ParsedSettings {
  readonly fixed: readonly HeaderTuple[];
  readonly strictTransportSecurity: string | undefined;
  readonly policies: readonly (readonly [name: string, policy: ParsedPolicy])[];
  readonly removeHeaders: readonly string[];
}

function readPreset(value: unknown): SecurityHeadersPreset {
  if (value === undefined) return SECURITY_HEADERS_PRESETS.strict;
  if (value === "strict" || value === "guide") return SECURITY_HEADERS_PRESETS[value];
  throw new HeadersError(
    "ERR_HEADERS_INVALID_PRESET",
    `preset must be "strict" or "guide", got ${describeValue(value)}. Leave it out for "strict".`,
  );
}

function parseRemoveHeaders(value: unknown): readonly string[] {
  if (value === undefined) return DEFAULT_REMOVE_HEADERS;
  const valid =
    Array.isArray(value) &&
    value.every((name) => typeof name === "string" && FIELD_NAME.test(name));
  if (!valid) {
    throw new HeadersError(
      "ERR_HEADERS_INVALID_VALUE",
      `removeHeaders must be an array of header names, got ${describeValue(value)}. Use ["x-powered-by", "server"], or [] to remove none.`,
    );
  }
  return Object.freeze(value.map((name: string) => name.toLowerCase()));
}

function parseSettings(input: unknown): ParsedSettings {
  const options = checkOptionsObject(
    input,
    OPTION_KEYS,
    "ERR_HEADERS_INVALID_OPTIONS",
    "createSecurityHeaders",
    createHeadersError,
  );
  const preset = readPreset(options.preset);
  const setting = (key: Exclude<keyof SecurityHeadersPreset, "strictTransportSecurity">) =>
    options[key] === undefined ? preset[key] : options[key];

  const presetPolicy =
    preset.contentSecurityPolicy === false
      ? undefined
      : parseCspDirectives(preset.contentSecurityPolicy, "preset");
  const policy = parseContentSecurityPolicy(
    options.contentSecurityPolicy,
    "contentSecurityPolicy",
    presetPolicy,
  );
  // No preset sends a report-only policy, so the preset's policy is only the base to extend.
  const reportOnlyPolicy =
    options.contentSecurityPolicyReportOnly === undefined
      ? undefined
      : parseContentSecurityPolicy(
          options.contentSecurityPolicyReportOnly,
          "contentSecurityPolicyReportOnly",
          presetPolicy,
        );
  const policies: [string, ParsedPolicy][] = [];
  if (policy !== undefined) policies.push(["content-security-policy", policy]);
  if (reportOnlyPolicy !== undefined)
    policies.push(["content-security-policy-report-only", reportOnlyPolicy]);

  const entries: [string, string | undefined][] = [
    ["reporting-endpoints", buildReportingEndpoints(options.reportingEndpoints)],
    [
      "cross-origin-embedder-policy",
      pickHeaderValue(
        "crossOriginEmbedderPolicy",
        setting("crossOriginEmbedderPolicy"),
        CROSS_ORIGIN_EMBEDDER_POLICY_VALUES,
      ),
    ],
    [
      "cross-origin-opener-policy",
      pickHeaderValue(
        "crossOriginOpenerPolicy",
        setting("crossOriginOpenerPolicy"),
        CROSS_ORIGIN_OPENER_POLICY_VALUES,
      ),
    ],
    [
      "cross-origin-resource-policy",
      pickHeaderValue(
        "crossOriginResourcePolicy",
        setting("crossOriginResourcePolicy"),
        CROSS_ORIGIN_RESOURCE_POLICY_VALUES,
      ),
    ],
    [
      "origin-agent-cluster",
      pickFlagValue("originAgentCluster", setting("originAgentCluster"), "?1"),
    ],
    ["referrer-policy", buildReferrerPolicy(setting("referrerPolicy"))],
    [
      "x-content-type-options",
      pickFlagValue("xContentTypeOptions", setting("xContentTypeOptions"), "nosniff"),
    ],
    [
      "x-dns-prefetch-control",
      pickHeaderValue(
        "xDnsPrefetchControl",
        setting("xDnsPrefetchControl"),
        X_DNS_PREFETCH_CONTROL_VALUES,
      ),
    ],
    [
      "x-frame-options",
      pickHeaderValue("xFrameOptions", setting("xFrameOptions"), X_FRAME_OPTIONS_VALUES),
    ],
    [
      "x-permitted-cross-domain-policies",
      pickHeaderValue(
        "xPermittedCrossDomainPolicies",
        setting("xPermittedCrossDomainPolicies"),
        X_PERMITTED_CROSS_DOMAIN_POLICIES_VALUES,
      ),
    ],
    [
      "x-xss-protection",
      pickHeaderValue("xXssProtection", setting("xXssProtection"), X_XSS_PROTECTION_VALUES),
    ],
    ["permissions-policy", buildPermissionsPolicy(setting("permissionsPolicy"))],
  ];
  const fixed: HeaderTuple[] = [];
  for (const [name, value] of entries)
    if (value !== undefined) fixed.push(Object.freeze([name, value] as const));

  const presetHsts =
    preset.strictTransportSecurity === false ? undefined : preset.strictTransportSecurity;
  return {
    fixed,
    strictTransportSecurity: buildStrictTransportSecurity(
      options.strictTransportSecurity,
      presetHsts,
    ),
    policies,
    removeHeaders: parseRemoveHeaders(options.removeHeaders),
  };
}

/** A policy header cut at its nonces, and its index in a header list. */
interface NonceSlot {
  readonly index: number;
  readonly name: string;
  readonly parts: readonly string[];
}

/** The precomputed headers of one protocol: a frozen result, or the template that a nonce fills. */
interface ProtocolHeaders {
  readonly result: SecurityHeadersResult;
  /**
   * The same tuples in an array that is not frozen. V8 (Node 24) copies a frozen array with
   * `slice` on its slow generic path, many times slower than a plain array, so the per-response
   * copy starts from this one. It never leaves this module.
   */
  readonly template: readonly HeaderTuple[];
  readonly slots: readonly NonceSlot[];
}

function joinParts(parts: readonly string[], nonce: string): string {
  let value = parts[0] ?? "";
  for (let index = 1; index < parts.length; index += 1) value += nonce + (parts[index] ?? "");
  return value;
}

function buildProtocolHeaders(
  policies: readonly (readonly [string, PolicyParts])[],
  fixed: readonly HeaderTuple[],
  strictTransportSecurity: string | undefined,
): ProtocolHeaders {
  const headers: HeaderTuple[] = [];
  const slots: NonceSlot[] = [];
  for (const [name, { parts, usesNonce }] of policies) {
    if (usesNonce) slots.push({ index: headers.length, name, parts });
    // A nonce slot contains a placeholder until a response fills it, so the frozen list is only
    // returned when there are no slots.
    headers.push(Object.freeze([name, parts.join("")] as const));
  }
  if (strictTransportSecurity !== undefined) {
    headers.push(Object.freeze(["strict-transport-security", strictTransportSecurity] as const));
  }
  headers.push(...fixed);
  const template = headers.slice();
  return { result: Object.freeze({ headers: Object.freeze(headers) }), template, slots };
}

function applyNonce(protocolHeaders: ProtocolHeaders): SecurityHeadersResult {
  const nonce = createNonce();
  const headers = protocolHeaders.template.slice();
  for (const slot of protocolHeaders.slots)
    headers[slot.index] = [slot.name, joinParts(slot.parts, nonce)];
  return { headers, nonce };
}

/**
 * Creates the security header builder: validates the options once, precomputes every header
 * value, and returns `forResponse`, which only picks the list for the protocol and, when the
 * policy uses nonces, fills in a fresh 128-bit nonce.
 *
 * Throws a `HeadersError` with an `ERR_HEADERS_*` code for invalid options, naming the option
 * (and for CSP the directive) and the rejected value.
 *
 * @example
 * const securityHeaders = createSecurityHeaders({ preset: "strict", referrerPolicy: "no-referrer" });
 * const { headers, nonce } = securityHeaders.forResponse({ https: true });
 * for (const [name, value] of headers) response.setHeader(name, value);
 */
export function createSecurityHeaders(options?: SecurityHeadersOptions): SecurityHeaders {
  const settings = parseSettings(options);
  const policies = settings.policies.map(
    ([name, policy]) => [name, buildPolicyParts(policy)] as const,
  );
  const usesNonce = policies.some(([, parts]) => parts.usesNonce);

  const http = buildProtocolHeaders(policies, settings.fixed, undefined);
  // RFC 6797 section 7.2 allows HSTS only on secure responses, because over plain HTTP an
  // attacker could strip or forge it.
  const https = buildProtocolHeaders(policies, settings.fixed, settings.strictTransportSecurity);

  return {
    usesNonce,
    removeHeaders: settings.removeHeaders,
    forResponse: usesNonce
      ? (context) => applyNonce(context.https ? https : http)
      : (context) => (context.https ? https : http).result,
  };
}
