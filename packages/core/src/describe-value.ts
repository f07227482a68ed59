const MAX_DESCRIPTION_LENGTH = 80;

/**
 * Describes a value for an error message: strings quoted, other values by their type or JSON form,
 * cut to 80 characters. Pass only values that are safe to print, never a secret.
 */
export function describeValue(value: unknown): string {
  let text: string;
  if (typeof value === "string") text = JSON.stringify(value);
  else if (typeof value === "function") text = "a function";
  else if (typeof value === "symbol" || typeof value === "bigint") text = String(value);
  else if (value === undefined) text = "undefined";
  else if (typeof value === "number") text = String(value);
  else {
    try {
      text = JSON.stringify(value) ?? String(value);
    } catch {
      text = Object.prototype.toString.call(value);
    }
  }

  if (text.length <= MAX_DESCRIPTION_LENGTH) return text;
  return `${text.slice(0, MAX_DESCRIPTION_LENGTH - 3)}...`;
}
