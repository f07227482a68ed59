/** One element of an RFC 7239 `Forwarded` header: the parameters this package reads. */
export interface ForwardedElement {
  /** Raw `for` value, unquoted, or undefined when it is missing, repeated or malformed. */
  readonly for: string | undefined;
  /** Raw `proto` value, unquoted and lower-cased, or undefined likewise. */
  readonly proto: string | undefined;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/**
 * Splits text at a separator that is outside quoted strings, scanning from the right, and returns
 * the parts right to left.
 *
 * Scanning from the right is the point. A proxy that appends its element writes it to the right
 * of whatever the client sent, so the rightmost elements come from trusted proxies and are well
 * formed. A client can put an unbalanced quote on the left, which makes a left-to-right parser
 * misread or reject the whole header. Read from the right, the quotes of the proxies' elements
 * pair up correctly, and the client's garbage ends up in the leftmost part only.
 */
export function splitFromRight(text: string, separator: string): string[] {
  const separatorCode = separator.charCodeAt(0);
  const parts: string[] = [];
  let end = text.length;
  let quoted = false;

  for (let index = text.length - 1; index >= 0; index -= 1) {
    const code = text.charCodeAt(index);
    if (code === QUOTE) {
      // A quote after an odd number of backslashes is a quoted-pair (RFC 9110 section 5.6.4).
      let backslashes = 0;
      while (
        index - backslashes - 1 >= 0 &&
        text.charCodeAt(index - backslashes - 1) === BACKSLASH
      ) {
        backslashes += 1;
      }
      if (backslashes % 2 === 0) quoted = !quoted;
    } else if (code === separatorCode && !quoted) {
      parts.push(text.slice(index + 1, end));
      end = index;
    }
  }
  parts.push(text.slice(0, end));
  return parts;
}

/** Unquotes a parameter value, or returns undefined for an unbalanced quoted string. */
function unquote(value: string): string | undefined {
  if (!value.startsWith('"')) return value.includes('"') ? undefined : value;
  if (value.length < 2 || !value.endsWith('"')) return undefined;
  return value.slice(1, -1).replace(/\\(.)/g, "$1");
}

function parseElement(text: string): ForwardedElement {
  let forValue: string | undefined;
  let proto: string | undefined;
  let forCount = 0;
  let protoCount = 0;

  for (const pair of splitFromRight(text, ";")) {
    const equals = pair.indexOf("=");
    if (equals === -1) continue;
    // Parameter names are case-insensitive (RFC 7239 section 4).
    const name = pair.slice(0, equals).trim().toLowerCase();
    const value = unquote(pair.slice(equals + 1).trim());
    if (name === "for") {
      forCount += 1;
      forValue = value;
    } else if (name === "proto") {
      protoCount += 1;
      proto = value?.toLowerCase();
    }
  }

  // RFC 7239 section 4 allows each parameter once per element. A repeated one makes the element
  // ambiguous, so neither copy is read.
  return {
    for: forCount === 1 ? forValue : undefined,
    proto: protoCount === 1 ? proto : undefined,
  };
}

/**
 * Parses an RFC 7239 `Forwarded` header value (several header lines joined with commas) into its
 * elements, right to left: the first element returned is the one the nearest proxy added.
 * Never throws: a malformed element comes back with undefined parameters.
 *
 * @example
 * parseForwarded('for=192.0.2.60;proto=https, for="[2001:db8::1]:443"');
 * // [{ for: "[2001:db8::1]:443", proto: undefined }, { for: "192.0.2.60", proto: "https" }]
 */
export function parseForwarded(header: string): ForwardedElement[] {
  return splitFromRight(header, ",").map(parseElement);
}
