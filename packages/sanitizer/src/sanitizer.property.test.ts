import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createSanitizer, PASSWORD_KEY } from "./sanitizer.js";
import { hasMarkup } from "./strip-html.js";

// Strings rich in the characters that matter to an HTML tokenizer, so that tags, comments,
// entities and near-misses come up often, mixed with arbitrary Unicode.
const HTML_PIECES = [
  "<",
  ">",
  "/",
  "!",
  "?",
  "-",
  "&",
  ";",
  "#",
  "'",
  '"',
  "=",
  " ",
  "\u0000",
  "\u212A",
  "\u0301",
  "amp",
  "lt",
  "b",
  "script",
  "style",
  "img",
  "svg",
  "onerror",
  "textarea",
  "<!--",
  "-->",
  "]]>",
  "<![CDATA[",
];
const htmlish = fc.oneof(
  fc.string({ unit: "grapheme", maxLength: 40 }),
  fc
    .array(fc.oneof(fc.constantFrom(...HTML_PIECES), fc.string({ maxLength: 3 })), {
      maxLength: 30,
    })
    .map((parts) => parts.join("")),
);
const json = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: "small" },
    htmlish,
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie("value"), { maxLength: 5 }),
    fc.dictionary(
      fc.oneof(htmlish, fc.constantFrom("__proto__", "constructor", "prototype", "password")),
      tie("value"),
      { maxKeys: 5 },
    ),
  ),
})).value;

function countEntities(text: string): number {
  return text.match(/&(?:#\d+|#x[\da-f]+|[a-z]+\d*);/gi)?.length ?? 0;
}

function collectStrings(value: unknown, output: string[] = []): string[] {
  if (typeof value === "string") output.push(value);
  else if (Array.isArray(value)) for (const item of value) collectStrings(item, output);
  else if (typeof value === "object" && value !== null) {
    for (const [key, item] of Object.entries(value))
      if (!PASSWORD_KEY.test(key)) collectStrings(item, output);
  }
  return output;
}

describe("createSanitizer properties", () => {
  const modes = [
    createSanitizer(),
    createSanitizer({ normalizeUnicode: true }),
    createSanitizer({ sqlMode: "strip" }),
  ];
  const NFC_MODE_INDEX = 1;

  it("never throws on arbitrary JSON", () => {
    fc.assert(
      fc.property(json, (value) => {
        for (const sanitizer of modes) sanitizer.sanitize(value);
      }),
      { numRuns: 2000 },
    );
  });

  it("is idempotent", () => {
    fc.assert(
      fc.property(json, (value) => {
        for (const sanitizer of modes) {
          const once = sanitizer.sanitize(value).value;
          expect(sanitizer.sanitize(once).value).toEqual(once);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it("never adds a < or an entity", () => {
    fc.assert(
      fc.property(htmlish, (text) => {
        for (const [index, sanitizer] of modes.entries()) {
          const output = sanitizer.sanitize(text).value;
          // NFC maps U+212A KELVIN SIGN to "K", so "&\u212Aappa;" becomes the reference "&Kappa;".
          // The NFC mode is compared with its normalised input, which is what it promises.
          const input = index === NFC_MODE_INDEX ? text.normalize("NFC") : text;
          expect(output.split("<").length).toBeLessThanOrEqual(input.split("<").length);
          expect(countEntities(output)).toBeLessThanOrEqual(countEntities(input));
          expect(hasMarkup(output)).toBe(false);
        }
      }),
      { numRuns: 5000 },
    );
  });

  it("outputs no markup anywhere", () => {
    fc.assert(
      fc.property(json, (value) => {
        const strings = collectStrings(createSanitizer().sanitize({ body: value }).value);
        expect(strings.filter(hasMarkup)).toEqual([]);
      }),
      { numRuns: 1000 },
    );
  });
});
