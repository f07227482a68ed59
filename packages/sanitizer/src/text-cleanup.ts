// C0 controls other than tab, LF and CR, plus DEL and the C1 controls. Format characters such as
// U+200F (right-to-left mark) are not controls here, because right-to-left text needs them.
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;
const NUL = /\u0000/g;

/** Removes control characters other than tab, CR and LF. */
export function removeControlCharacters(text: string): string {
  CONTROL_CHARACTERS.lastIndex = 0;
  if (!CONTROL_CHARACTERS.test(text)) return text;
  return text.replace(CONTROL_CHARACTERS, "");
}

/** Removes NUL characters, which databases such as PostgreSQL reject in text columns. */
export function removeNul(text: string): string {
  return text.includes("\u0000") ? text.replace(NUL, "") : text;
}
