export {
  createSanitizerError,
  SANITIZER_ERROR_CODES,
  SanitizerError,
  type SanitizerErrorCode,
} from "./errors.js";
export { buildInjectionEvent } from "./injection-event.js";
export {
  MAX_DEPTH_LIMIT,
  MAX_NODES_LIMIT,
  SANITIZER_DEFAULTS,
  type SanitizerOptions,
} from "./options.js";
export { RICH_TEXT_ALLOWED_ATTRIBUTES, RICH_TEXT_ALLOWED_TAGS } from "./rich-text.js";
export {
  createSanitizer,
  DANGEROUS_KEYS,
  PASSWORD_KEY,
  RICH_TEXT_BATCH_SIZE,
  type SanitizeResult,
  type Sanitizer,
  type SanitizerFinding,
  type SanitizerRule,
} from "./sanitizer.js";
export {
  SQL_INJECTION_PATTERNS,
  SQL_MODES,
  SQL_STRIP_KEYWORDS,
  type SqlInjectionRule,
  type SqlMode,
} from "./sql-injection.js";
export { hasMarkup, stripHtml } from "./strip-html.js";
