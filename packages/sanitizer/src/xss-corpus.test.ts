import { CORPORA_SKIP_REASON, HAS_CORPORA } from "@bulwark-test/support";
import { JSDOM } from "jsdom";
import { describe, expect, it } from "vitest";
import { loadXssPayloads } from "../test/xss-corpus.js";
import { createSanitizer } from "./sanitizer.js";

const { document } = new JSDOM("").window;
const container = document.createElement("div");

const DANGEROUS_ELEMENTS =
  "script, iframe, object, embed, frame, frameset, applet, base, meta, link, form, style";

interface Inspection {
  readonly elements: number;
  readonly dangerousElements: number;
  readonly eventHandlers: number;
  readonly scriptUrls: number;
}

/** Parses sanitized output with jsdom's HTML parser (parse5) as innerHTML and counts risky nodes. */
function inspect(html: string): Inspection {
  container.innerHTML = html;
  let eventHandlers = 0;
  let scriptUrls = 0;
  const elements = [...container.querySelectorAll("*")];
  for (const element of elements) {
    for (const attribute of [...element.attributes]) {
      if (attribute.name.toLowerCase().startsWith("on")) eventHandlers += 1;
      const compact = attribute.value.replace(/[\s\u0000-\u001F]+/g, "").toLowerCase();
      if (/^(?:javascript|vbscript|data):/.test(compact)) scriptUrls += 1;
    }
  }
  return {
    elements: elements.length,
    dangerousElements: container.querySelectorAll(DANGEROUS_ELEMENTS).length,
    eventHandlers,
    scriptUrls,
  };
}

describe.skipIf(!HAS_CORPORA)(
  `XSS corpus (${HAS_CORPORA ? "present" : CORPORA_SKIP_REASON})`,
  () => {
    const payloads = loadXssPayloads();

    it("loads the payload lists", () => {
      expect(payloads.length).toBeGreaterThan(1000);
    });

    it("text fields create no element", () => {
      const sanitizer = createSanitizer();
      const failures = payloads.filter(
        (payload) => inspect(sanitizer.sanitize(payload).value).elements > 0,
      );
      expect(failures).toEqual([]);
    });

    it("text fields raise html findings", () => {
      const sanitizer = createSanitizer();
      const withMarkup = payloads.filter((payload) => /<[a-z]/i.test(payload));
      const unreported = withMarkup.filter(
        (payload) =>
          !sanitizer.sanitize(payload).findings.some((finding) => finding.rule === "html.removed"),
      );
      expect(unreported).toEqual([]);
    });

    it("rich text keeps no active content", () => {
      const sanitizer = createSanitizer({ richTextPaths: ["**"] });
      const failures = payloads.filter((payload) => {
        const found = inspect(sanitizer.sanitize(payload).value);
        return found.dangerousElements > 0 || found.eventHandlers > 0 || found.scriptUrls > 0;
      });
      expect(failures).toEqual([]);
    });
  },
);
