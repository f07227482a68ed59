const SEMICOLON = 0x3b;
const AMPERSAND = 0x26;

/** Returns whether a UTF-16 code unit can be part of a reference name: ASCII letter, digit, `_` or `#`. */
export function isReferenceNameUnit(code: number): boolean {
  return (
    (code >= 0x30 && code <= 0x39) ||
    (code >= 0x41 && code <= 0x5a) ||
    (code >= 0x61 && code <= 0x7a) ||
    code === 0x5f ||
    code === 0x23
  );
}

/** Returns whether a UTF-16 code unit can continue a character reference: a name unit or `;`. */
export function isReferenceContinuation(code: number): boolean {
  return code === SEMICOLON || isReferenceNameUnit(code);
}

/** Returns whether `text` up to `end` ends in `&` and reference name units, such as "&am". */
export function endsInUnfinishedReference(text: string, start: number, end: number): boolean {
  let index = end - 1;
  while (index >= start && isReferenceNameUnit(text.charCodeAt(index))) index -= 1;
  return index >= start && text.charCodeAt(index) === AMPERSAND;
}

/**
 * Returns whether joining `before` (up to `end`) and the code unit `nextCode` would extend an
 * unfinished character reference, such as "&am" followed by "p". Removal steps check this before
 * they join text and put a space in the gap instead, so removing characters never creates "&amp;"
 * or "&lt". `nextCode` is NaN at the end of the text, as `charCodeAt` returns there. Scans back
 * only over the reference name, so each check is cheap.
 */
export function wouldJoinReference(before: string, end: number, nextCode: number): boolean {
  return isReferenceContinuation(nextCode) && endsInUnfinishedReference(before, 0, end);
}
