import { checkOptionsObject, describeValue, isPlainObject } from "@bulwark/core";
import {
  type ContentSecurityPolicyDirectives,
  CSP_DIRECTIVES,
  CSP_SANDBOX_TOKENS,
  type CspDirectiveName,
  isCspDirectiveName,
  toKebabCase,
} from "./csp-directives.js";
import { checkCspCharacters, NONCE_PLACEHOLDER, parseCspSource } from "./csp-source.js";
import { createHeadersError, HeadersError } from "./errors.js";

/** Options of a Content-Security-Policy or Content-Security-Policy-Report-Only header. */
export interface ContentSecurityPolicyOptions {
  /**
   * Directives by camelCase or kebab-case name. Sources are strings: keywords, nonces and hashes
   * without their quotes (`self`, `nonce-<base64>`, `sha256-<base64>`), which are quoted for you,
   * and schemes (`https:`) or hosts (`https://cdn.example.com`). The source `nonce` stands for a
   * fresh nonce on each response. `false` removes a directive that the preset sets.
   */
  readonly directives: ContentSecurityPolicyDirectives;
  /** Merges the directives onto the preset's policy. With `false`, only these directives are sent. Defaults to true. */
  readonly extendPreset?: boolean;
}

/** Marker for the per-response nonce inside a parsed source list. */
const NONCE_TOKEN: unique symbol = Symbol("nonce");
type PolicyToken = string | typeof NONCE_TOKEN;

/** A validated policy: each directive's serialised tokens, in header order. */
export type ParsedPolicy = ReadonlyMap<CspDirectiveName, readonly PolicyToken[]>;

/** A serialised policy cut at each nonce: the header is the parts joined by the nonce. */
export interface PolicyParts {
  readonly parts: readonly string[];
  readonly usesNonce: boolean;
}

// A nonce only has an effect in these directives. Elsewhere it would be silently ignored, so
// accepting it there would suggest a protection that does not exist.
const NONCE_DIRECTIVES: ReadonlySet<string> = new Set([
  "default-src",
  "script-src",
  "script-src-elem",
  "style-src",
  "style-src-elem",
]);
const REPORT_TO_TOKEN = /^[A-Za-z0-9!#$%&*+.^_`|~-]+$/;
const TRUSTED_TYPES_POLICY = /^[A-Za-z0-9\-#=_/@.%]+$/;
const POLICY_OPTION_KEYS = ["directives", "extendPreset"] as const;

function invalidDirective(directive: string, value: unknown, fix: string): HeadersError {
  return new HeadersError(
    "ERR_HEADERS_INVALID_CSP_DIRECTIVE",
    `Content-Security-Policy directive ${directive} has the invalid value ${describeValue(value)}. ${fix}`,
  );
}

function checkList(directive: string, value: unknown, fix: string): readonly unknown[] {
  if (!Array.isArray(value) || value.length === 0) throw invalidDirective(directive, value, fix);
  return value;
}

function parseSourceList(directive: CspDirectiveName, value: unknown): PolicyToken[] {
  const ancestorsOnly = CSP_DIRECTIVES[directive] === "ancestors";
  const items = checkList(directive, value, 'Pass a non-empty array of sources, such as ["self"].');
  const tokens: PolicyToken[] = [];
  for (const item of items) {
    if (item === NONCE_PLACEHOLDER || item === `'${NONCE_PLACEHOLDER}'`) {
      if (!NONCE_DIRECTIVES.has(directive)) {
        throw invalidDirective(
          directive,
          item,
          `Use nonce only in ${[...NONCE_DIRECTIVES].join(", ")}.`,
        );
      }
      if (!tokens.includes(NONCE_TOKEN)) tokens.push(NONCE_TOKEN);
      continue;
    }
    tokens.push(parseCspSource(directive, item, ancestorsOnly));
  }

  // Browsers ignore 'none' when other sources sit beside it, so the list would allow those
  // sources while reading as if it allowed nothing.
  if (tokens.length > 1 && tokens.includes("'none'")) {
    throw new HeadersError(
      "ERR_HEADERS_INVALID_CSP_SOURCE",
      `Content-Security-Policy directive ${directive} combines none with other sources in ${describeValue(value)}. Use ["none"] alone, or drop none.`,
    );
  }
  return tokens;
}

function parseKeywordList(
  directive: CspDirectiveName,
  value: unknown,
  accept: (bare: string) => string | undefined,
  fix: string,
): string[] {
  const items = checkList(directive, value, fix);
  return items.map((item) => {
    if (typeof item === "string") checkCspCharacters(directive, item);
    const bare = typeof item === "string" ? item.replace(/^'(.*)'$/, "$1") : undefined;
    const token = bare === undefined ? undefined : accept(bare);
    if (token === undefined) throw invalidDirective(directive, item, fix);
    return token;
  });
}

function parseUriList(directive: CspDirectiveName, value: unknown): string[] {
  const fix = 'Pass a non-empty array of https URLs or absolute paths, such as ["/csp-reports"].';
  return checkList(directive, value, fix).map((item) => {
    if (typeof item !== "string") throw invalidDirective(directive, item, fix);
    checkCspCharacters(directive, item);
    const isPath = item.startsWith("/") && !item.startsWith("//");
    if (!isPath && !/^https?:\/\//i.test(item)) throw invalidDirective(directive, item, fix);
    if (!isPath && !URL.canParse(item)) throw invalidDirective(directive, item, fix);
    return item;
  });
}

function parseDirectiveValue(directive: CspDirectiveName, value: unknown): PolicyToken[] {
  switch (CSP_DIRECTIVES[directive]) {
    case "sources":
    case "ancestors":
      return parseSourceList(directive, value);
    case "flag":
      if (value !== true)
        throw invalidDirective(
          directive,
          value,
          "This directive takes no sources: set it to true.",
        );
      return [];
    case "sandbox":
      if (value === true) return [];
      return parseKeywordList(
        directive,
        value,
        (bare) => (CSP_SANDBOX_TOKENS.has(bare) ? bare : undefined),
        `Pass true, or an array of ${[...CSP_SANDBOX_TOKENS].join(", ")}.`,
      );
    case "uris":
      return parseUriList(directive, value);
    case "token":
      if (typeof value === "string") checkCspCharacters(directive, value);
      if (typeof value !== "string" || !REPORT_TO_TOKEN.test(value)) {
        throw invalidDirective(
          directive,
          value,
          'Pass the name of a reporting endpoint, such as "csp".',
        );
      }
      return [value];
    case "script":
      return parseKeywordList(
        directive,
        value,
        (bare) => (bare === "script" ? "'script'" : undefined),
        'Pass ["script"].',
      );
    case "policies":
      return parsePolicyNames(directive, value);
  }
}

function parsePolicyNames(directive: CspDirectiveName, value: unknown): string[] {
  const tokens = parseKeywordList(
    directive,
    value,
    (bare) => {
      if (bare === "none" || bare === "allow-duplicates") return `'${bare}'`;
      if (bare === "*" || TRUSTED_TYPES_POLICY.test(bare)) return bare;
      return undefined;
    },
    'Pass policy names, "*", "allow-duplicates", or ["none"] alone.',
  );
  if (tokens.length > 1 && tokens.includes("'none'")) {
    throw invalidDirective(directive, value, 'Use ["none"] alone, or drop none.');
  }
  return tokens;
}

/**
 * Parses directives written by camelCase or kebab-case name into a policy, on top of `base`.
 * A directive set to `false` is removed. Throws `ERR_HEADERS_UNKNOWN_CSP_DIRECTIVE`,
 * `ERR_HEADERS_INVALID_CSP_DIRECTIVE`, `ERR_HEADERS_INVALID_CSP_SOURCE` or
 * `ERR_HEADERS_UNSAFE_CSP_VALUE`, each naming the directive.
 */
export function parseCspDirectives(
  directives: unknown,
  label: string,
  base: ParsedPolicy = new Map(),
): ParsedPolicy {
  if (!isPlainObject(directives)) {
    throw new HeadersError(
      "ERR_HEADERS_INVALID_CSP_DIRECTIVE",
      `${label}.directives must be an object of directives, got ${describeValue(directives)}. Use { defaultSrc: ["self"] }.`,
    );
  }

  const policy = new Map(base);
  const seen = new Set<string>();
  for (const [key, value] of Object.entries(directives)) {
    const name = toKebabCase(key);
    if (!isCspDirectiveName(name)) {
      throw new HeadersError(
        "ERR_HEADERS_UNKNOWN_CSP_DIRECTIVE",
        `${label}.directives has the unknown directive ${describeValue(key)}. Use a CSP Level 3 directive such as defaultSrc or "script-src".`,
      );
    }
    if (seen.has(name)) {
      throw invalidDirective(
        name,
        value,
        "The directive is given twice, in camelCase and kebab-case. Keep one.",
      );
    }
    seen.add(name);

    if (value === false) policy.delete(name);
    else policy.set(name, parseDirectiveValue(name, value));
  }
  return policy;
}

/**
 * Parses a `contentSecurityPolicy` or `contentSecurityPolicyReportOnly` option. Returns
 * undefined for `false`, and `preset` for undefined. Throws the codes of `parseCspDirectives`,
 * and `ERR_HEADERS_INVALID_CSP_DIRECTIVE` for a policy left with no directives.
 */
export function parseContentSecurityPolicy(
  option: unknown,
  label: string,
  preset: ParsedPolicy | undefined,
): ParsedPolicy | undefined {
  if (option === false) return undefined;
  if (option === undefined) return preset;

  const options = checkOptionsObject(
    option,
    POLICY_OPTION_KEYS,
    "ERR_HEADERS_INVALID_OPTIONS",
    label,
    createHeadersError,
  );
  const extendPreset = options.extendPreset ?? true;
  if (typeof extendPreset !== "boolean") {
    throw new HeadersError(
      "ERR_HEADERS_INVALID_OPTIONS",
      `${label}.extendPreset must be a boolean, got ${describeValue(extendPreset)}. Use false to replace the preset's policy.`,
    );
  }

  const base = extendPreset ? preset : undefined;
  const policy = parseCspDirectives(options.directives, label, base);
  if (policy.size === 0) {
    throw new HeadersError(
      "ERR_HEADERS_INVALID_CSP_DIRECTIVE",
      `${label} has no directives left. Add a directive, or set ${label}: false to omit the header.`,
    );
  }
  return policy;
}

/**
 * Serialises a policy (CSP Level 3 section 2.2) and cuts it at each nonce, so that a response
 * only joins the parts around its own nonce.
 */
export function buildPolicyParts(policy: ParsedPolicy): PolicyParts {
  const parts: string[] = [];
  let current = "";
  for (const [name, tokens] of policy) {
    if (current !== "" || parts.length > 0) current += "; ";
    current += name;
    for (const token of tokens) {
      if (token === NONCE_TOKEN) {
        parts.push(`${current} 'nonce-`);
        current = "'";
      } else {
        current += ` ${token}`;
      }
    }
  }
  parts.push(current);
  return { parts, usesNonce: parts.length > 1 };
}
