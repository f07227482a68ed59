import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildChangeSignal } from "./change-signal.js";
import { finishUnchangedText, sanitizeText, type TextSettings } from "./sanitize-text.js";
import { detectSqlInjection, type SqlMode } from "./sql-injection.js";

// Pieces that reach every branch of the change signal, its near misses and its edges.
const PIECES = [
  "<",
  "b",
  "!",
  "/",
  "?",
  "*",
  "-",
  ";",
  "=",
  "#",
  "'",
  "&",
  " ",
  "\t",
  "\u0000",
  "\u0007",
  "\u0085",
  "\u037e",
  "\u212a",
  "\u00a0",
  "uNiOn",
  "TRUE",
  "sleep",
  "benchmark",
  "waitfor",
  "select",
  "drop",
  "O'Connor & Partners",
];
const text = fc.oneof(
  fc.string({ unit: "grapheme", maxLength: 30 }),
  fc
    .array(fc.oneof(fc.constantFrom(...PIECES), fc.string({ maxLength: 3 })), { maxLength: 20 })
    .map((parts) => parts.join("")),
);

function buildSettings(
  sqlMode: SqlMode,
  stripControlCharacters: boolean,
  normalizeUnicode: boolean,
  trim: boolean,
): TextSettings {
  return {
    sqlMode,
    stripControlCharacters,
    normalizeUnicode,
    trim,
    changeSignal: buildChangeSignal({ sqlMode, stripControlCharacters }),
  };
}

const ALL_SETTINGS: TextSettings[] = [];
for (const sqlMode of ["detect", "strip", "off"] as const) {
  for (const stripControls of [true, false]) {
    for (const normalize of [false, true]) {
      for (const trim of [true, false]) {
        ALL_SETTINGS.push(buildSettings(sqlMode, stripControls, normalize, trim));
      }
    }
  }
}

describe("finishUnchangedText", () => {
  it("matches the full pipeline", () => {
    fc.assert(
      fc.property(text, (input) => {
        for (const settings of ALL_SETTINGS) {
          const finished = finishUnchangedText(input, settings);
          if (finished === undefined) continue;
          const full = sanitizeText(input, settings);
          expect(finished).toBe(full.text);
          expect(full.htmlRemoved).toBe(false);
          expect(full.sqlStripped).toBe(false);
          if (settings.sqlMode === "detect") expect(detectSqlInjection(finished)).toEqual([]);
        }
      }),
      { numRuns: 5000 },
    );
  });

  it("returns a clean name unchanged", () => {
    const name = "Dr. María-José O'Connor & Partners Ltd.";
    const settings = buildSettings("detect", true, false, true);
    expect(finishUnchangedText(name, settings)).toBe(name);
  });

  it("leaves markup to the pipeline", () => {
    const settings = buildSettings("detect", true, false, true);
    expect(finishUnchangedText("<b>x</b>", settings)).toBeUndefined();
  });

  it("tests the NFC output", () => {
    // U+037E GREEK QUESTION MARK normalizes to ";", which the SQL step must see.
    const settings = buildSettings("detect", true, true, true);
    expect(finishUnchangedText("a\u037e drop table x", settings)).toBeUndefined();
  });
});
