import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";

/**
 * Folder of the public test corpora, which sit beside the repository in `../shared/corpora` and are
 * never copied into it. BULWARK_CORPORA_DIR overrides the location.
 */
export const CORPORA_DIR =
  process.env.BULWARK_CORPORA_DIR ?? resolve(import.meta.dirname, "..", "..", "shared", "corpora");

/** Returns whether the corpora folder is present. */
export const HAS_CORPORA = existsSync(CORPORA_DIR);

/** Reason printed by tests that skip because the corpora folder is absent. */
export const CORPORA_SKIP_REASON = `test corpora not found at ${CORPORA_DIR}; set BULWARK_CORPORA_DIR to run these cases`;

/** Returns the absolute path of a corpus file. */
export function corpusPath(...parts: string[]): string {
  return join(CORPORA_DIR, ...parts);
}

/** Reads a corpus file as UTF-8 text. Throws when it is missing, so check HAS_CORPORA first. */
export function readCorpus(...parts: string[]): string {
  return readFileSync(corpusPath(...parts), "utf8");
}

/** Reads a corpus file as lines, dropping a trailing CR from each and skipping blank lines. */
export function readCorpusLines(...parts: string[]): string[] {
  return readCorpus(...parts)
    .split("\n")
    .map((line) => line.replace(/\r$/, ""))
    .filter((line) => line.trim() !== "");
}
