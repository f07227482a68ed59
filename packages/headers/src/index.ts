export type { ContentSecurityPolicyOptions } from "./content-security-policy.js";
export {
  type ContentSecurityPolicyDirectives,
  CSP_DIRECTIVES,
  CSP_KEYWORDS,
  CSP_SANDBOX_TOKENS,
  type CspDirectiveKind,
  type CspDirectiveName,
} from "./csp-directives.js";
export { HEADERS_ERROR_CODES, HeadersError, type HeadersErrorCode } from "./errors.js";
export {
  CROSS_ORIGIN_EMBEDDER_POLICY_VALUES,
  CROSS_ORIGIN_OPENER_POLICY_VALUES,
  CROSS_ORIGIN_RESOURCE_POLICY_VALUES,
  type CrossOriginEmbedderPolicyValue,
  type CrossOriginOpenerPolicyValue,
  type CrossOriginResourcePolicyValue,
  REFERRER_POLICY_TOKENS,
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
export { NONCE_BYTES } from "./nonce.js";
export type { PermissionsPolicyOptions } from "./permissions-policy.js";
export {
  SECURITY_HEADERS_PRESETS,
  type SecurityHeadersPreset,
  type SecurityHeadersPresetName,
} from "./presets.js";
export type { ReportingEndpointsOptions } from "./reporting-endpoints.js";
export {
  createSecurityHeaders,
  DEFAULT_REMOVE_HEADERS,
  type ResponseContext,
  type SecurityHeaders,
  type SecurityHeadersOptions,
  type SecurityHeadersResult,
} from "./security-headers.js";
export {
  HSTS_PRELOAD_MIN_MAX_AGE_SECONDS,
  type StrictTransportSecurityOptions,
} from "./strict-transport-security.js";
