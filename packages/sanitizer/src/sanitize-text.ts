import { type ChangeSignal, hasChangeSignal } from "./change-signal.js";
import { type SqlMode, stripSqlPatterns } from "./sql-injection.js";
import { stripHtml } from "./strip-html.js";
import { removeControlCharacters, removeNul } from "./text-cleanup.js";

/** Settings of the text pipeline, taken from the parsed sanitizer options. */
export interface TextSettings {
  readonly sqlMode: SqlMode;
  readonly trim: boolean;
  readonly normalizeUnicode: boolean;
  readonly stripControlCharacters: boolean;
  /** Table of the characters and pieces that the pipeline could change or report, from `buildChangeSignal`. */
  readonly changeSignal: ChangeSignal;
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
 * Returns the final text of a field that the pipeline would leave unchanged apart from NFC and
 * trimming, or undefined when the field needs `sanitizeText`. Costs one scan and, without NFC,
 * allocates no string for such text, which is most form input.
 */
export function finishUnchangedText(input: string, settings: TextSettings): string | undefined {
  // NFC can create work, such as ";" from U+037E GREEK QUESTION MARK, so the test reads its output.
  const text = settings.normalizeUnicode ? input.normalize("NFC") : input;
  if (hasChangeSignal(text, settings.changeSignal)) return undefined;
  return settings.trim ? text.trim() : text;
}

/**
 * Sanitizes one text field: removes controls, applies NFC if enabled, strips SQL patterns in
 * `strip` mode, removes HTML and trims. Text without markup, controls or surrounding whitespace
 * is returned byte for byte in `detect` and `off` modes.
 */
export function sanitizeText(input: string, settings: TextSettings): SanitizedText {
  const prepared = prepareText(input, settings);

  // Without NFC or SQL stripping, nothing after stripHtml can create markup, and stripHtml
  // leaves none, so one call is the whole pipeline.
  if (settings.sqlMode !== "strip" && !settings.normalizeUnicode) {
    const text = stripHtml(prepared);
    return {
      text: settings.trim ? text.trim() : text,
      htmlRemoved: text !== prepared,
      sqlStripped: false,
    };
  }
  return sanitizeUntilStable(prepared, settings);
}

function sanitizeUntilStable(prepared: string, settings: TextSettings): SanitizedText {
  let text = prepared;
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
