import {
  CORPORA_SKIP_REASON,
  HAS_CORPORA,
  readCorpus,
  readCorpusLines,
} from "@bulwark-test/support";
import { JSDOM } from "jsdom";
import { describe, expect, it } from "vitest";
import { createSanitizer } from "./sanitizer.js";

interface BlnsEntry {
  readonly category: string;
  readonly value: string;
}

const { document } = new JSDOM("").window;
const probe = document.createElement("div");

/** Returns whether a browser parser creates anything but text from the string. */
function parsesAsMarkup(text: string): boolean {
  probe.innerHTML = text;
  return [...probe.childNodes].some((node) => node.nodeType !== node.TEXT_NODE);
}

/** Splits one CSV line, honouring double-quoted fields with doubled quotes inside. */
function splitCsvLine(line: string): string[] {
  const fields: string[] = [];
  let field = "";
  let quoted = false;
  for (let index = 0; index < line.length; index += 1) {
    const character = line[index];
    if (quoted && character === '"' && line[index + 1] === '"') {
      field += '"';
      index += 1;
    } else if (character === '"') quoted = !quoted;
    else if (character === "," && !quoted) {
      fields.push(field);
      field = "";
    } else field += character;
  }
  fields.push(field);
  return fields;
}

function readColumn(file: string[], column: number): string[] {
  return readCorpusLines(...file)
    .slice(1)
    .map((line) => splitCsvLine(line)[column] ?? "");
}

// The documented whitespace rules, written independently of the sanitizer: controls other than
// tab, LF and CR go, then String.prototype.trim.
const CONTROLS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;

function applyWhitespaceRules(text: string): string {
  return text.replace(CONTROLS, "").trim();
}

function loadBenignStrings(): string[] {
  const blns = JSON.parse(readCorpus("blns", "blns.categorized.json")) as BlnsEntry[];
  const names = readCorpusLines("cldr-personnames", "names.tsv")
    .slice(1)
    .map((line) => line.split("\t")[2] ?? "");
  return [
    ...blns.filter((entry) => entry.category !== "Script Injection").map((entry) => entry.value),
    ...readColumn(["sp500-companies", "constituents.csv"], 1),
    ...readColumn(["country-list", "data.csv"], 0),
    ...names,
  ].filter((text) => !parsesAsMarkup(text));
}

describe.skipIf(!HAS_CORPORA)(
  `benign corpus (${HAS_CORPORA ? "present" : CORPORA_SKIP_REASON})`,
  () => {
    const benign = HAS_CORPORA ? loadBenignStrings() : [];

    it("loads a corpus of useful size", () => {
      expect(benign.length).toBeGreaterThan(700);
    });

    it("keeps every benign string by default", () => {
      const sanitizer = createSanitizer();
      const changed = benign.filter(
        (text) => sanitizer.sanitize(text).value !== applyWhitespaceRules(text),
      );
      expect(changed).toEqual([]);
    });

    it("returns benign strings byte for byte", () => {
      const sanitizer = createSanitizer({ trim: false, stripControlCharacters: false });
      const changed = benign
        .filter((text) => !text.includes("\u0000"))
        .filter((text) => sanitizer.sanitize(text).value !== text);
      expect(changed).toEqual([]);
    });

    it("adds no entity to benign strings", () => {
      const sanitizer = createSanitizer();
      const withAmpersand = benign.filter((text) => text.includes("&"));
      expect(withAmpersand.length).toBeGreaterThan(5);
      for (const text of withAmpersand)
        expect(sanitizer.sanitize(text).value).toBe(applyWhitespaceRules(text));
    });

    it("raises no finding for names", () => {
      const sanitizer = createSanitizer();
      const names = [
        ...readColumn(["sp500-companies", "constituents.csv"], 1),
        ...readColumn(["country-list", "data.csv"], 0),
      ];
      const flagged = names.filter((name) => sanitizer.sanitize(name).findings.length > 0);
      expect(flagged).toEqual([]);
    });
  },
);
