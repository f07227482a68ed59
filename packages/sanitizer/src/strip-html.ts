import { Parser } from "htmlparser2";
import { wouldJoinReference } from "./character-references.js";

/**
 * `<` followed by an ASCII letter, `/`, `!` or `?`. The HTML tokenizer (WHATWG HTML, "tag open
 * state") starts a tag, an end tag, a comment or a bogus comment only at these pairs and emits
 * every other `<` as text. Text without one of them therefore creates no element or comment when
 * a browser parses it with innerHTML, which is why it is the fast-path test and the final check.
 */
const MARKUP_START = /<[A-Za-z!/?]/;
// Captures an unfinished character reference before the run, such as "&am" in "&am<p", so that
// removing the run cannot complete it into "&amp".
const MARKUP_START_RUNS = /(&[#\w]*)?<+(?=[A-Za-z!/?])/g;

/**
 * Elements whose content goes with the tag. Their content is code, styling, a nested document or
 * plugin data, and never text that a person typed into a form field.
 */
const DROPPED_CONTENT_ELEMENTS: ReadonlySet<string> = new Set([
  "script",
  "style",
  "template",
  "iframe",
  "object",
  "applet",
  "frame",
  "frameset",
  "noscript",
  "noembed",
  "noframes",
  "xmp",
  "plaintext",
]);

/**
 * Passes before the final check. Each pass that finds markup removes at least one tag, and two
 * passes cover text that a tag split in two, such as `<<b>b>` or the content of `<textarea>`.
 */
const MAX_PASSES = 4;

/** Returns whether a string contains anything that an HTML parser would turn into markup. */
export function hasMarkup(text: string): boolean {
  return MARKUP_START.test(text);
}

/** Collects the text outside tags during one parse. */
class TextCollector {
  output = "";
  droppedDepth = 0;
  /** Whether markup was removed since the last text, so that the next text joins across a gap. */
  afterGap = false;

  ontext(text: string): void {
    if (this.droppedDepth > 0) return;
    // Joining "&am" and "p;" across a removed tag would create "&amp;", which a browser decodes.
    // A space keeps them apart, so removing markup never adds a character reference.
    if (this.afterGap && wouldJoinReference(this.output, this.output.length, text[0])) {
      this.output += " ";
    }
    this.afterGap = false;
    this.output += text;
  }

  onopentagname(name: string): void {
    this.afterGap = true;
    if (DROPPED_CONTENT_ELEMENTS.has(name)) this.droppedDepth += 1;
  }

  // htmlparser2 also reports implied ends (unclosed tags at the end of input), so the depth stays balanced.
  onclosetag(name: string): void {
    this.afterGap = true;
    if (DROPPED_CONTENT_ELEMENTS.has(name) && this.droppedDepth > 0) this.droppedDepth -= 1;
  }

  oncomment(): void {
    this.afterGap = true;
  }

  oncdatastart(): void {
    this.afterGap = true;
  }

  onprocessinginstruction(): void {
    this.afterGap = true;
  }
}

const PARSER_OPTIONS = { decodeEntities: false } as const;

function removeTagsOnce(text: string): string {
  const collector = new TextCollector();
  // decodeEntities: false keeps text byte for byte: "&amp;" stays "&amp;" and no entity is added.
  // Comments, CDATA and processing instructions have no handler, so they are dropped. A new
  // parser per call, because htmlparser2 10.1's reset() leaves a special-tag state behind.
  const parser = new Parser(collector, PARSER_OPTIONS);
  try {
    parser.end(text);
  } catch {
    // A tokenizer fault must not reach the caller as a raw library error. Without any "<" the
    // text cannot hold markup, so that is the safe result, even though it loses "a < b". The
    // space keeps a character reference from forming where a "<" goes.
    return text.replaceAll("<", " ");
  }
  return collector.output;
}

/**
 * Removes HTML from a text field so that the result, inserted with innerHTML, creates no element.
 * Tags, comments and processing instructions go, and so does the content of the elements in
 * `DROPPED_CONTENT_ELEMENTS`. The text of other elements stays exactly as written, entities
 * included. A string without markup is returned as it is, without parsing.
 */
export function stripHtml(text: string): string {
  if (!MARKUP_START.test(text)) return text;

  let current = text;
  for (let pass = 0; pass < MAX_PASSES && MARKUP_START.test(current); pass += 1) {
    current = removeTagsOnce(current);
  }

  // The guarantee does not rest on htmlparser2 agreeing with browsers on every malformed input:
  // whatever markup start survives the passes loses its `<`, so no element can be created.
  return current.replace(MARKUP_START_RUNS, (_run, reference: string | undefined) =>
    reference === undefined ? "" : `${reference} `,
  );
}
