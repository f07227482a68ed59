import { SQL_SIGNAL_PIECES, SQL_STRIP_PIECES, type SqlMode } from "./sql-injection.js";
import { MARKUP_START_PIECES } from "./strip-html.js";

const ASCII_END = 0x80;
const LAST_C1_CONTROL = 0x9f;
const ASCII_CASE_BIT = 0x20;

/** Character flag: the character alone means the text needs the full pipeline. */
const SIGNALS_CHANGE = 1;
/** Character flag: the character starts at least one piece in `ChangeSignal.piecesByCode`. */
const STARTS_PIECE = 2;

/**
 * Table of what makes the text pipeline change or report a text with one set of options, so that
 * `hasChangeSignal` can prove in one scan that a text needs no other step.
 */
export interface ChangeSignal {
  /** Flags per ASCII code unit. */
  readonly flags: Uint8Array;
  /** Lower-case pieces by the code unit they start with, in both letter cases. */
  readonly piecesByCode: readonly (readonly string[] | undefined)[];
  /** Whether U+0080 to U+009F, the C1 controls, are removed. */
  readonly removesC1Controls: boolean;
}

/** Options that decide what the text pipeline changes or reports. */
export interface ChangeSignalSettings {
  readonly sqlMode: SqlMode;
  readonly stripControlCharacters: boolean;
}

function isControlToRemove(code: number, stripControlCharacters: boolean): boolean {
  if (code === 0) return true;
  if (!stripControlCharacters) return false;
  // Tab, LF and CR stay, as removeControlCharacters keeps them.
  return (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) || code === 0x7f;
}

/**
 * Builds the change signal of one set of options: control characters that are removed, markup
 * starts, and in `detect` or `strip` mode the pieces that the SQL step needs. A text without any
 * of them leaves the pipeline unchanged apart from trimming, and raises no finding.
 */
export function buildChangeSignal(settings: ChangeSignalSettings): ChangeSignal {
  const flags = new Uint8Array(ASCII_END);
  const piecesByCode: string[][] = [];
  for (let code = 0; code < ASCII_END; code += 1) {
    if (isControlToRemove(code, settings.stripControlCharacters)) flags[code] = SIGNALS_CHANGE;
  }

  const pieces: string[] = [...MARKUP_START_PIECES];
  if (settings.sqlMode === "detect") pieces.push(...SQL_SIGNAL_PIECES);
  if (settings.sqlMode === "strip") pieces.push(...SQL_STRIP_PIECES);
  for (const piece of pieces) {
    const first = piece.charCodeAt(0);
    if (piece.length === 1) {
      flags[first] = (flags[first] ?? 0) | SIGNALS_CHANGE;
      continue;
    }
    // Letters match in either case, as the SQL patterns' `i` flag and HTML tag names do.
    const codes = isLowerAsciiLetter(first) ? [first, first & ~ASCII_CASE_BIT] : [first];
    for (const code of codes) {
      flags[code] = (flags[code] ?? 0) | STARTS_PIECE;
      piecesByCode[code] = [...(piecesByCode[code] ?? []), piece];
    }
  }
  return { flags, piecesByCode, removesC1Controls: settings.stripControlCharacters };
}

function isLowerAsciiLetter(code: number): boolean {
  return code >= 0x61 && code <= 0x7a;
}

/** Returns whether `text` has the lower-case `piece` at `start`, ASCII letters in either case. */
function hasPieceAt(text: string, start: number, piece: string): boolean {
  if (start + piece.length > text.length) return false;
  for (let offset = 1; offset < piece.length; offset += 1) {
    const expected = piece.charCodeAt(offset);
    const actual = text.charCodeAt(start + offset);
    if (actual === expected) continue;
    if (!isLowerAsciiLetter(expected) || (actual | ASCII_CASE_BIT) !== expected) return false;
  }
  return true;
}

/**
 * Returns whether the text pipeline could change or report `text`. A false result proves that
 * it would return the text trimmed and raise no finding. One pass over the code units, with no
 * allocation, because most form fields take this path.
 */
export function hasChangeSignal(text: string, signal: ChangeSignal): boolean {
  const { flags, piecesByCode } = signal;
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (code >= ASCII_END) {
      if (code <= LAST_C1_CONTROL && signal.removesC1Controls) return true;
      continue;
    }
    const flag = flags[code] ?? 0;
    if (flag === 0) continue;
    if ((flag & SIGNALS_CHANGE) !== 0) return true;
    for (const piece of piecesByCode[code] ?? []) {
      if (hasPieceAt(text, index, piece)) return true;
    }
  }
  return false;
}
