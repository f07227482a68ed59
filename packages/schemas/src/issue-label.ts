import { describeValue } from "@bulwark/core";

/** Words that read as acronyms in a label, so `userId` reads "User ID". */
const ACRONYMS = new Map([
  ["api", "API"],
  ["id", "ID"],
  ["ip", "IP"],
  ["jwt", "JWT"],
  ["uri", "URI"],
  ["url", "URL"],
  ["uuid", "UUID"],
]);

const WORDY_KEY = /^[A-Za-z][A-Za-z0-9]*(?:[_-][A-Za-z0-9]+)*$/;
const WORD_BOUNDARY = /[_-]|(?<=[a-z0-9])(?=[A-Z])/;

/**
 * Turns an object key into the words of a sentence: `firstName` becomes "First name",
 * `user_id` becomes "User ID". A key that is not made of words, such as `__proto__` or one with
 * spaces, is shown quoted, as `Field "__proto__"`. The acronym table is a `Map`, so a key such as
 * `constructor` or `toString` is never looked up on an object prototype.
 */
export function humanizeKey(key: string): string {
  if (!WORDY_KEY.test(key)) return `Field ${describeValue(key)}`;

  const words = key.split(WORD_BOUNDARY).map((word) => {
    const lower = word.toLowerCase();
    return ACRONYMS.get(lower) ?? lower;
  });
  const first = words[0] ?? "";
  words[0] = first.charAt(0).toUpperCase() + first.slice(1);
  return words.join(" ");
}

/**
 * Builds the subject of an issue message from its path: the last key in words, "<parent> item"
 * for an array element, and `rootLabel` (such as "Request body") for an empty path.
 * `topLabel` formats a first-level key, which headers use to keep the header name as sent.
 */
export function buildIssueLabel(
  path: readonly PropertyKey[],
  rootLabel: string,
  topLabel: (key: string) => string = humanizeKey,
): string {
  let end = path.length;
  let items = 0;
  while (end > 0 && typeof path[end - 1] === "number") {
    end -= 1;
    items = 1;
  }

  let subject: string;
  const key = path[end - 1];
  if (key === undefined) subject = rootLabel;
  else if (typeof key !== "string") subject = `Field ${describeValue(String(key))}`;
  else subject = end === 1 ? topLabel(key) : humanizeKey(key);

  return items === 0 ? subject : `${subject} item`;
}
