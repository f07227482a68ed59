const REFERENCE_CONTINUATION = /[#\w;]/;

/** Returns whether a UTF-16 code unit can be part of a reference name: ASCII letter, digit, `_` or `#`. */
function isReferenceNameUnit(code: number): boolean {
  return (
    (code >= 0x30 && code <= 0x39) ||
    (code >= 0x41 && code <= 0x5a) ||
    (code >= 0x61 && code <= 0x7a) ||
    code === 0x5f ||
    code === 0x23
  );
}

/**
 * Returns whether joining `before` (up to `end`) and the character `next` would extend an
 * unfinished character reference, such as "&am" followed by "p". Removal steps check this before
 * they join text and put a space in the gap instead, so removing characters never creates "&amp;"
 * or "&lt". Scans back only over the reference name, so each check is cheap.
 */
export function wouldJoinReference(before: string, end: number, next: string | undefined): boolean {
  if (next === undefined || !REFERENCE_CONTINUATION.test(next)) return false;
  let index = end - 1;
  while (index >= 0 && isReferenceNameUnit(before.charCodeAt(index))) index -= 1;
  return index >= 0 && before.charCodeAt(index) === 0x26;
}
