// C0 controls (CR, LF, ESC, ...), DEL and C1 controls, where 0x9B is a one-byte CSI on some
// terminals. Also the Unicode line and paragraph separators, which some log viewers break lines on,
// and the bidirectional overrides, which can make a terminal show text in another order than stored.
const UNSAFE_CHARACTERS = /[\\\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const HAS_UNSAFE_CHARACTER = new RegExp(UNSAFE_CHARACTERS.source);

const NAMED_ESCAPES: Readonly<Record<string, string>> = {
  "\\": "\\\\",
  "\n": "\\n",
  "\r": "\\r",
  "\t": "\\t",
};

/** Maximum length of a string that a sink writes, in UTF-16 code units. Longer ones are cut. */
export const MAX_TEXT_LENGTH = 1024;

/**
 * Escapes a user-controlled string so that it cannot forge log lines or drive a terminal. CR, LF
 * and tab become `\r`, `\n` and `\t`. Other control characters, line separators and bidirectional
 * overrides become `\uXXXX`. A backslash becomes `\\`, so an escaped line break stays
 * distinguishable from the same two characters typed by a client. Strings longer than 1024
 * characters are cut and end with `...[N more characters]`.
 *
 * @example
 * escapeLogText("alice\r\n\u001b[31m"); // "alice\\r\\n\\u001b[31m"
 */
export function escapeLogText(text: string): string {
  const extra = text.length - MAX_TEXT_LENGTH;
  if (extra <= 0 && !HAS_UNSAFE_CHARACTER.test(text)) return text;

  const truncated = extra > 0 ? text.slice(0, MAX_TEXT_LENGTH) : text;
  const escaped = truncated.replace(
    UNSAFE_CHARACTERS,
    (character) =>
      NAMED_ESCAPES[character] ?? `\\u${character.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
  return extra > 0 ? `${escaped}...[${extra} more characters]` : escaped;
}
