/** Maximum key length that a field path shows before it cuts the key with "...". */
const MAX_KEY_LENGTH = 100;

/** Maximum field path length. A longer path keeps its end, the part nearest the failing value. */
const MAX_FIELD_LENGTH = 400;

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

function shortenKey(key: string): string {
  if (key.length <= MAX_KEY_LENGTH) return key;
  return `${key.slice(0, MAX_KEY_LENGTH - 3)}...`;
}

/**
 * Formats a zod issue path as the field name a reader expects: `contacts[2].email`,
 * `address.city`. Keys that are not identifiers are quoted in brackets (`tags["a.b"]`, `["0"]`),
 * so a key with a dot or a numeric-looking string key is never mistaken for nesting or an index.
 * Keys longer than 100 characters are cut, and a path longer than 400 characters keeps its last
 * 400, so a hostile key or a deeply nested body cannot blow up the error body.
 *
 * `prefix` names the request part for query, params and headers (`query.limit`). An empty path
 * returns the prefix itself, or `root` when the prefix is empty.
 */
export function formatFieldPath(path: readonly PropertyKey[], prefix = "", root = prefix): string {
  let field = prefix;
  for (const segment of path) {
    if (typeof segment === "number") {
      field += `[${segment}]`;
    } else if (typeof segment === "symbol") {
      field += `[${shortenKey(String(segment))}]`;
    } else if (segment.length <= MAX_KEY_LENGTH && IDENTIFIER.test(segment)) {
      field += field === "" ? segment : `.${segment}`;
    } else {
      field += `[${JSON.stringify(shortenKey(segment))}]`;
    }
  }
  if (field === "") return root;
  if (field.length <= MAX_FIELD_LENGTH) return field;
  return `...${field.slice(field.length - (MAX_FIELD_LENGTH - 3))}`;
}
