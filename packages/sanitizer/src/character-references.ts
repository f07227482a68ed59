const REFERENCE_NAME = /^[#\w]*$/;
const REFERENCE_CONTINUATION = /[#\w;]/;

/**
 * Returns whether joining `before` (up to `end`) and the character `next` would extend an
 * unfinished character reference, such as "&am" followed by "p". Removal steps check this before
 * they join text and put a space in the gap instead, so removing characters never creates "&amp;"
 * or "&lt".
 */
export function wouldJoinReference(before: string, end: number, next: string | undefined): boolean {
  if (next === undefined || !REFERENCE_CONTINUATION.test(next)) return false;
  const ampersand = before.lastIndexOf("&", end - 1);
  if (ampersand === -1) return false;
  return REFERENCE_NAME.test(before.slice(ampersand + 1, end));
}
