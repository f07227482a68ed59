import { Tokenizer, type TokenizerCallbacks } from "htmlparser2";
import { isReferenceContinuation, isReferenceNameUnit } from "./character-references.js";

const AMPERSAND = 0x26;

/**
 * `<` followed by an ASCII letter, `/`, `!` or `?`. The HTML tokenizer (WHATWG HTML, "tag open
 * state") starts a tag, an end tag, a comment or a bogus comment only at these pairs and emits
 * every other `<` as text. Text without one of them therefore creates no element or comment when
 * a browser parses it with innerHTML, which is why it is the fast-path test and the final check.
 */
const MARKUP_START = /<[A-Za-z!/?]/;
/** The two-character pieces that `MARKUP_START` matches, with letters in lower case. */
export const MARKUP_START_PIECES: readonly string[] = [
  "<!",
  "</",
  "<?",
  ..."abcdefghijklmnopqrstuvwxyz".split("").map((letter) => `<${letter}`),
];
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
  "frameset",
  "noscript",
  "noembed",
  "noframes",
  "xmp",
  "plaintext",
]);

const MIN_DROPPED_NAME_LENGTH = 3;
const MAX_DROPPED_NAME_LENGTH = 9;

/**
 * Passes before the final check. Each pass that finds markup removes at least one tag, and two
 * passes cover text that a tag split in two, such as `<<b>b>` or the content of `<textarea>`.
 */
const MAX_PASSES = 4;

/** Returns whether a string contains anything that an HTML parser would turn into markup. */
export function hasMarkup(text: string): boolean {
  // includes() finds a missing "<" faster than the expression scans for the pair.
  return text.includes("<") && MARKUP_START.test(text);
}

/** Lower-case first letters of `DROPPED_CONTENT_ELEMENTS`, so that most tag names need no lookup. */
const DROPPED_FIRST_LETTERS: ReadonlySet<number> = new Set(
  [...DROPPED_CONTENT_ELEMENTS].map((name) => name.charCodeAt(0)),
);

/** Bit that turns the code of an ASCII upper-case letter into the code of its lower-case letter. */
const ASCII_CASE_BIT = 0x20;

/**
 * Tokenizer callbacks that collect the text outside tags during one parse. htmlparser2's Parser
 * adds a tag stack, attribute objects and implied ends on top of its Tokenizer. Removing tags
 * needs none of them, so this drives the Tokenizer directly and skips that work.
 */
class TextCollector implements TokenizerCallbacks {
  output = "";
  private droppedDepth = 0;
  /** End of the last text kept. Text that starts elsewhere joins across removed input. */
  private keptEnd = 0;
  /** Whether `output` ends in "&" and reference name units, such as "&am". */
  private endsInReference = false;

  constructor(private readonly input: string) {}

  ontext(start: number, end: number): void {
    if (this.droppedDepth > 0) return;
    // Joining "&am" and "p;" across removed input would create "&amp;", which a browser decodes.
    // A space keeps them apart, so removing markup never adds a character reference. The check
    // uses positions rather than tag events, because at the end of input the tokenizer can drop
    // an unfinished "<!" without reporting it.
    if (
      start !== this.keptEnd &&
      this.endsInReference &&
      isReferenceContinuation(this.input.charCodeAt(start))
    ) {
      this.output += " ";
      this.endsInReference = false;
    }
    this.keptEnd = end;
    this.output += this.input.slice(start, end);
    this.trackReference(start, end);
  }

  onopentagname(start: number, end: number): void {
    if (this.isDroppedContentElement(start, end)) this.droppedDepth += 1;
  }

  onclosetag(start: number, end: number): void {
    if (this.droppedDepth > 0 && this.isDroppedContentElement(start, end)) this.droppedDepth -= 1;
  }

  // Comments, CDATA, declarations, processing instructions and attributes are removed with their
  // tag. Entities are not decoded, so ontextentity is never called.
  oncomment(): void {}
  oncdata(): void {}
  ondeclaration(): void {}
  onprocessinginstruction(): void {}
  onattribdata(): void {}
  onattribentity(): void {}
  onattribend(): void {}
  onattribname(): void {}
  onopentagend(): void {}
  onselfclosingtag(): void {}
  ontextentity(): void {}
  onend(): void {}

  /**
   * Updates `endsInReference` after the input range [start, end) joined the output. Reading the
   * input instead of `output` keeps the output a rope: `charCodeAt` on a concatenated string
   * flattens it, which made each tag cost a copy of all the text kept before it.
   */
  private trackReference(start: number, end: number): void {
    let index = end - 1;
    while (index >= start && isReferenceNameUnit(this.input.charCodeAt(index))) index -= 1;
    // A range made only of name units extends whatever the output ended in before it.
    if (index >= start) this.endsInReference = this.input.charCodeAt(index) === AMPERSAND;
  }

  private isDroppedContentElement(start: number, end: number): boolean {
    const length = end - start;
    if (length < MIN_DROPPED_NAME_LENGTH || length > MAX_DROPPED_NAME_LENGTH) return false;
    // Tag names are matched case-insensitively, as browsers match ASCII letters in them.
    const firstLetter = this.input.charCodeAt(start) | ASCII_CASE_BIT;
    if (!DROPPED_FIRST_LETTERS.has(firstLetter)) return false;
    return DROPPED_CONTENT_ELEMENTS.has(this.input.slice(start, end).toLowerCase());
  }
}

const TOKENIZER_OPTIONS = { xmlMode: false, decodeEntities: false } as const;

function removeTagsOnce(text: string): string {
  const collector = new TextCollector(text);
  // decodeEntities: false keeps text byte for byte: "&amp;" stays "&amp;" and no entity is added.
  // A new tokenizer per call, because with htmlparser2 10.1 a Parser reused through reset()
  // threw a TypeError in the tokenizer's special-tag state.
  const tokenizer = new Tokenizer(TOKENIZER_OPTIONS, collector);
  try {
    tokenizer.write(text);
    tokenizer.end();
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
  if (!hasMarkup(text)) return text;

  let current = text;
  let markupLeft = true;
  for (let pass = 0; pass < MAX_PASSES && markupLeft; pass += 1) {
    current = removeTagsOnce(current);
    markupLeft = hasMarkup(current);
  }

  // The guarantee does not rest on htmlparser2 agreeing with browsers on every malformed input:
  // whatever markup start survives the passes loses its `<`, so no element can be created.
  if (!markupLeft) return current;
  return current.replace(MARKUP_START_RUNS, (_run, reference: string | undefined) =>
    reference === undefined ? "" : `${reference} `,
  );
}
