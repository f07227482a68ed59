import { wouldJoinReference } from "./character-references.js";

// C0 controls other than tab, LF and CR, plus DEL and the C1 controls. Format characters such as
// U+200F (right-to-left mark) are not controls here, because right-to-left text needs them.
const CONTROL_CHARACTER = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
const CONTROL_CHARACTERS = new RegExp(`${CONTROL_CHARACTER.source}+`, "g");
const NUL = /\u0000+/g;

/** Removes matches, putting a space where joining the sides would create "&amp;" or the like. */
function removeRuns(text: string, pattern: RegExp): string {
  return text.replace(pattern, (run: string, offset: number) =>
    wouldJoinReference(text, offset, text.charCodeAt(offset + run.length)) ? " " : "",
  );
}

/** Removes control characters other than tab, CR and LF. */
export function removeControlCharacters(text: string): string {
  return CONTROL_CHARACTER.test(text) ? removeRuns(text, CONTROL_CHARACTERS) : text;
}

/** Removes NUL characters, which databases such as PostgreSQL reject in text columns. */
export function removeNul(text: string): string {
  return text.includes("\u0000") ? removeRuns(text, NUL) : text;
}
