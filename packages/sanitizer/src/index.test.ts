import { expect, it } from "vitest";
import * as sanitizer from "./index.js";

it("exports the public API exactly", () => {
  expect(Object.keys(sanitizer).sort()).toEqual([
    "DANGEROUS_KEYS",
    "MAX_DEPTH_LIMIT",
    "MAX_NODES_LIMIT",
    "PASSWORD_KEY",
    "RICH_TEXT_ALLOWED_ATTRIBUTES",
    "RICH_TEXT_ALLOWED_TAGS",
    "RICH_TEXT_BATCH_SIZE",
    "SANITIZER_DEFAULTS",
    "SANITIZER_ERROR_CODES",
    "SQL_INJECTION_PATTERNS",
    "SQL_MODES",
    "SQL_STRIP_KEYWORDS",
    "SanitizerError",
    "buildInjectionEvent",
    "createSanitizer",
    "createSanitizerError",
    "hasMarkup",
    "stripHtml",
  ]);
});
