/**
 * Value grammar of a Content-Security-Policy directive:
 * - `sources`: a source list (CSP Level 3 section 2.3.1): keywords, nonces, hashes, schemes, hosts.
 * - `ancestors`: frame-ancestors' list, which allows only 'self', 'none', schemes and hosts.
 * - `flag`: no value, such as upgrade-insecure-requests. Set it with `true`.
 * - `sandbox`: sandbox tokens, or `true` (an empty list) for the strictest sandbox.
 * - `uris`: report-uri's list of URI references.
 * - `token`: report-to's single endpoint name.
 * - `script`: require-trusted-types-for, whose only value is 'script'.
 * - `policies`: trusted-types' policy names and its keywords.
 */
export type CspDirectiveKind =
  | "sources"
  | "ancestors"
  | "flag"
  | "sandbox"
  | "uris"
  | "token"
  | "script"
  | "policies";

/**
 * Directives of CSP Level 3 and the browsers' current additions, by kebab-case name. Removed
 * directives such as plugin-types and navigate-to are left out, so using one is an error rather
 * than a header that browsers ignore.
 */
export const CSP_DIRECTIVES = {
  "base-uri": "sources",
  "block-all-mixed-content": "flag",
  "child-src": "sources",
  "connect-src": "sources",
  "default-src": "sources",
  "fenced-frame-src": "sources",
  "font-src": "sources",
  "form-action": "sources",
  "frame-ancestors": "ancestors",
  "frame-src": "sources",
  "img-src": "sources",
  "manifest-src": "sources",
  "media-src": "sources",
  "object-src": "sources",
  "report-to": "token",
  "report-uri": "uris",
  "require-trusted-types-for": "script",
  sandbox: "sandbox",
  "script-src": "sources",
  "script-src-attr": "sources",
  "script-src-elem": "sources",
  "style-src": "sources",
  "style-src-attr": "sources",
  "style-src-elem": "sources",
  "trusted-types": "policies",
  "upgrade-insecure-requests": "flag",
  "worker-src": "sources",
} as const satisfies Record<string, CspDirectiveKind>;

/** Kebab-case name of a known directive, such as `script-src`. */
export type CspDirectiveName = keyof typeof CSP_DIRECTIVES;

/** Tokens that the sandbox directive accepts (HTML standard, "sandboxing flag set"). */
export const CSP_SANDBOX_TOKENS: ReadonlySet<string> = new Set([
  "allow-downloads",
  "allow-forms",
  "allow-modals",
  "allow-orientation-lock",
  "allow-pointer-lock",
  "allow-popups",
  "allow-popups-to-escape-sandbox",
  "allow-presentation",
  "allow-same-origin",
  "allow-scripts",
  "allow-storage-access-by-user-activation",
  "allow-top-navigation",
  "allow-top-navigation-by-user-activation",
  "allow-top-navigation-to-custom-protocols",
]);

/** Keywords of a source list (CSP Level 3 `keyword-source`), written without their quotes. */
export const CSP_KEYWORDS: ReadonlySet<string> = new Set([
  "self",
  "none",
  "unsafe-inline",
  "unsafe-eval",
  "unsafe-hashes",
  "strict-dynamic",
  "report-sample",
  "wasm-unsafe-eval",
  "inline-speculation-rules",
]);

type KebabToCamel<Name extends string> = Name extends `${infer Head}-${infer Tail}`
  ? `${Head}${Capitalize<KebabToCamel<Tail>>}`
  : Name;

type CspValueOf<Kind extends CspDirectiveKind> = Kind extends "flag"
  ? true
  : Kind extends "sandbox"
    ? readonly string[] | true
    : Kind extends "token"
      ? string
      : readonly string[];

/**
 * Directives of a policy, keyed by camelCase (`scriptSrc`) or kebab-case (`"script-src"`) name.
 * `false` removes a directive that a preset sets.
 */
export type ContentSecurityPolicyDirectives = {
  readonly [Name in CspDirectiveName as Name | KebabToCamel<Name>]?:
    | CspValueOf<(typeof CSP_DIRECTIVES)[Name]>
    | false;
};

/** Returns the kebab-case name of a camelCase or kebab-case directive key. */
export function toKebabCase(key: string): string {
  return key.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
}

/** Returns whether a kebab-case name is a known directive. */
export function isCspDirectiveName(name: string): name is CspDirectiveName {
  return Object.hasOwn(CSP_DIRECTIVES, name);
}
