import { type SqlMode, stripSqlPatterns } from "./sql-injection.js";
import { hasMarkup, stripHtml } from "./strip-html.js";
import { removeControlCharacters, removeNul } from "./text-cleanup.js";

/** Settings of the text pipeline, taken from the parsed sanitizer options. */
export interface TextSettings {
  readonly sqlMode: SqlMode;
  readonly trim: boolean;
  readonly normalizeUnicode: boolean;
  readonly stripControlCharacters: boolean;
}

/** Result of sanitizing one text field. */
export interface SanitizedText {
  readonly text: string;
  readonly htmlRemoved: boolean;
  readonly sqlStripped: boolean;
}

// Each pass that changes the text makes it shorter, so passes end on their own. The cap only
// bounds the work; every pass ends with stripHtml, so the text is markup-free after any pass.
const MAX_PASSES = 16;

/** Removes control characters (or only NUL) and applies NFC when the options ask for it. */
export function prepareText(input: string, settings: TextSettings): string {
  // Controls go first: removing one can join "<" and a letter, and the HTML step must see that.
  const text = settings.stripControlCharacters ? removeControlCharacters(input) : removeNul(input);
  return settings.normalizeUnicode ? text.normalize("NFC") : text;
}

/**
 * Sanitizes one text field: removes controls, applies NFC if enabled, strips SQL patterns in
 * `strip` mode, removes HTML and trims. Text without markup, controls or surrounding whitespace
 * is returned byte for byte in `detect` and `off` modes.
 */
export function sanitizeText(input: string, settings: TextSettings): SanitizedText {
  let text = prepareText(input, settings);

  // Fast path: most fields have no markup, and in detect or off mode nothing else changes them.
  if (settings.sqlMode !== "strip" && !hasMarkup(text)) {
    return { text: settings.trim ? text.trim() : text, htmlRemoved: false, sqlStripped: false };
  }

  let htmlRemoved = false;
  let sqlStripped = false;

  // Repeat until stable, because one step can create work for another: NFC turns "<" + U+212A
  // KELVIN SIGN into "<K", and stripping "#" from "<#b" leaves "<b".
  for (let pass = 0; pass < MAX_PASSES; pass += 1) {
    let next = text;
    if (settings.sqlMode === "strip") {
      const stripped = stripSqlPatterns(next);
      if (stripped !== next) sqlStripped = true;
      next = stripped;
    }

    const withoutHtml = stripHtml(next);
    if (withoutHtml !== next) htmlRemoved = true;
    if (withoutHtml === text) break;
    text = settings.normalizeUnicode ? withoutHtml.normalize("NFC") : withoutHtml;
  }
  // A no-op unless the cap was reached right after an NFC step that created a markup start.
  text = stripHtml(text);

  if (settings.trim) text = text.trim();
  return { text, htmlRemoved, sqlStripped };
}
