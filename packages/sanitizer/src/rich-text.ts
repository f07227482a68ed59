import { createRequire } from "node:module";
import createDOMPurify, { type Config, type DOMPurify } from "dompurify";

type JsdomModule = typeof import("jsdom");

// jsdom is required on the first rich-text field rather than imported with the module, because
// loading it took about 0.8 s and 90 MB of RSS on a 2-core machine, and text-only sanitizers skip it.
const requireFromHere = createRequire(import.meta.url);

/** Elements that rich-text fields keep: text formatting, paragraphs, quotes, code, lists and links. */
export const RICH_TEXT_ALLOWED_TAGS = [
  "a",
  "b",
  "blockquote",
  "br",
  "code",
  "del",
  "em",
  "hr",
  "i",
  "ins",
  "li",
  "mark",
  "ol",
  "p",
  "pre",
  "s",
  "small",
  "strong",
  "sub",
  "sup",
  "u",
  "ul",
] as const;

/** Attributes that rich-text fields keep. No `style`, no event handler, no `data-*`, no `target`. */
export const RICH_TEXT_ALLOWED_ATTRIBUTES = ["href", "title"] as const;

/** Link schemes that rich-text fields keep. A relative or `javascript:` link loses its `href`. */
const ALLOWED_URL = /^(?:https?|mailto):/i;

const CONFIG: Config = {
  ALLOWED_TAGS: [...RICH_TEXT_ALLOWED_TAGS],
  ALLOWED_ATTR: [...RICH_TEXT_ALLOWED_ATTRIBUTES],
  ALLOWED_URI_REGEXP: ALLOWED_URL,
  ALLOW_DATA_ATTR: false,
  ALLOW_ARIA_ATTR: false,
  ALLOW_UNKNOWN_PROTOCOLS: false,
};

let purifier: DOMPurify | undefined;

// One jsdom window serves every call, because creating a window costs far more than a sanitize
// call. The first rich-text field loads jsdom and creates the window.
function getPurifier(): DOMPurify {
  if (purifier !== undefined) return purifier;
  const { JSDOM } = requireFromHere("jsdom") as JsdomModule;
  const { window } = new JSDOM("<!DOCTYPE html>");
  const instance = createDOMPurify(window as unknown as Parameters<typeof createDOMPurify>[0]);
  instance.setConfig(CONFIG);
  purifier = instance;
  return instance;
}

/** Result of sanitizing one rich-text field. */
export interface SanitizedRichText {
  readonly html: string;
  /** Elements and attributes that DOMPurify removed. */
  readonly removedCount: number;
}

/**
 * Sanitizes a rich-text field with DOMPurify and returns HTML that keeps only
 * `RICH_TEXT_ALLOWED_TAGS`, `RICH_TEXT_ALLOWED_ATTRIBUTES` and http, https or mailto links. The
 * output is HTML, so `&`, `<` and `>` in its text are entity-encoded.
 */
export function sanitizeRichText(html: string): SanitizedRichText {
  const instance = getPurifier();
  const output = instance.sanitize(html);
  // DOMPurify parses markup into a document and always lists that document's <body> as removed,
  // so the wrapper is not counted.
  // NOTE: attributes of a <body> tag in the input leave with that wrapper, so they raise no finding.
  let removedCount = 0;
  for (const entry of instance.removed) {
    if (!("element" in entry) || entry.element.nodeName !== "BODY") removedCount += 1;
  }
  return { html: output, removedCount };
}
