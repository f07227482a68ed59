import type { ContentSecurityPolicyDirectives } from "./csp-directives.js";
import type {
  CrossOriginEmbedderPolicyValue,
  CrossOriginOpenerPolicyValue,
  CrossOriginResourcePolicyValue,
  ReferrerPolicyToken,
  XDnsPrefetchControlValue,
  XFrameOptionsValue,
  XPermittedCrossDomainPoliciesValue,
  XXssProtectionValue,
} from "./header-values.js";
import type { PermissionsPolicyOptions } from "./permissions-policy.js";
import type { StrictTransportSecurityOptions } from "./strict-transport-security.js";

/** Every header setting of a preset. `false` means the preset leaves the header out. */
export interface SecurityHeadersPreset {
  readonly contentSecurityPolicy: ContentSecurityPolicyDirectives | false;
  readonly strictTransportSecurity: Required<StrictTransportSecurityOptions> | false;
  readonly xFrameOptions: XFrameOptionsValue | false;
  readonly xContentTypeOptions: boolean;
  readonly xXssProtection: XXssProtectionValue | false;
  readonly referrerPolicy: ReferrerPolicyToken | false;
  readonly crossOriginOpenerPolicy: CrossOriginOpenerPolicyValue | false;
  readonly crossOriginResourcePolicy: CrossOriginResourcePolicyValue | false;
  readonly crossOriginEmbedderPolicy: CrossOriginEmbedderPolicyValue | false;
  readonly originAgentCluster: boolean;
  readonly xDnsPrefetchControl: XDnsPrefetchControlValue | false;
  readonly xPermittedCrossDomainPolicies: XPermittedCrossDomainPoliciesValue | false;
  readonly permissionsPolicy: PermissionsPolicyOptions | false;
}

/** Name of a built-in preset. */
export type SecurityHeadersPresetName = "strict" | "guide";

/**
 * The default preset. Scripts run only from this origin and with the response's nonce, nothing
 * may frame the page, and plugins and `<base>` are off. The legacy XSS auditor is turned off
 * (`X-XSS-Protection: 0`), because its filtering could be abused to hide parts of a page.
 */
const STRICT_PRESET: SecurityHeadersPreset = {
  contentSecurityPolicy: {
    defaultSrc: ["self"],
    scriptSrc: ["self", "nonce"],
    objectSrc: ["none"],
    baseUri: ["none"],
    formAction: ["self"],
    frameAncestors: ["none"],
    upgradeInsecureRequests: true,
  },
  strictTransportSecurity: { maxAgeSeconds: 63_072_000, includeSubDomains: true, preload: false },
  xFrameOptions: "DENY",
  xContentTypeOptions: true,
  xXssProtection: "0",
  // same-origin rather than no-referrer: with no-referrer, browsers send `Origin: null` on the
  // site's own form posts (Fetch standard, "serializing a request origin"), which breaks
  // Origin-based CSRF checks. same-origin still sends nothing to other origins.
  referrerPolicy: "same-origin",
  crossOriginOpenerPolicy: "same-origin",
  crossOriginResourcePolicy: "same-origin",
  // Off: require-corp blocks every cross-origin image, script or frame that does not opt in.
  crossOriginEmbedderPolicy: false,
  originAgentCluster: true,
  xDnsPrefetchControl: "off",
  xPermittedCrossDomainPolicies: "none",
  permissionsPolicy: {
    accelerometer: [],
    camera: [],
    "display-capture": [],
    geolocation: [],
    gyroscope: [],
    hid: [],
    "idle-detection": [],
    magnetometer: [],
    microphone: [],
    midi: [],
    payment: [],
    serial: [],
    usb: [],
    "xr-spatial-tracking": [],
  },
};

/**
 * The reference CRM apps' headers: `X-Frame-Options: DENY`, `nosniff`,
 * `X-XSS-Protection: 1; mode=block`, `Referrer-Policy: strict-origin-when-cross-origin`, a CSP
 * that allows inline scripts and eval, and on HTTPS
 * `Strict-Transport-Security: max-age=31536000; includeSubDomains` (one year, the value most
 * deployments start from). It sets no other header.
 */
const GUIDE_PRESET: SecurityHeadersPreset = {
  contentSecurityPolicy: {
    defaultSrc: ["self"],
    scriptSrc: ["self", "unsafe-inline", "unsafe-eval"],
    styleSrc: ["self", "unsafe-inline"],
    imgSrc: ["self", "data:", "https:"],
    fontSrc: ["self", "data:"],
    connectSrc: ["self"],
  },
  strictTransportSecurity: { maxAgeSeconds: 31_536_000, includeSubDomains: true, preload: false },
  xFrameOptions: "DENY",
  xContentTypeOptions: true,
  xXssProtection: "1; mode=block",
  referrerPolicy: "strict-origin-when-cross-origin",
  crossOriginOpenerPolicy: false,
  crossOriginResourcePolicy: false,
  crossOriginEmbedderPolicy: false,
  originAgentCluster: false,
  xDnsPrefetchControl: false,
  xPermittedCrossDomainPolicies: false,
  permissionsPolicy: false,
};

function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

/** The built-in presets by name, frozen. `strict` is the default. */
export const SECURITY_HEADERS_PRESETS: Readonly<
  Record<SecurityHeadersPresetName, SecurityHeadersPreset>
> = deepFreeze({ strict: STRICT_PRESET, guide: GUIDE_PRESET });
