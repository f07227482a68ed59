import { wouldJoinReference } from "./character-references.js";

/** Handling of SQL-injection patterns in text: report, remove or ignore. */
export type SqlMode = "detect" | "strip" | "off";

/** SQL modes, the first being the default. */
export const SQL_MODES = ["detect", "strip", "off"] as const satisfies readonly SqlMode[];

/**
 * High-signal SQL-injection patterns that `detect` reports. Each one needs SQL syntax that prose
 * does not contain, so "Please select a plan", "O'Brien", "Suite #4" and "pre--approved" raise
 * nothing. Parameterised queries, not these patterns, are what stops SQL injection.
 */
export const SQL_INJECTION_PATTERNS = {
  // OR/AND followed by a comparison of a value with itself: ' OR '1'='1, ') or ('a'='a, or 1=1.
  "sql.tautology":
    /\b(?:or|and)\s+\(*\s*(?:(['"`])(\w*)\1\)*\s*=\s*\(*\1\2(?:\1|(?!\w))|(\w+)\s*=\s*\3\b|true\b\s*(?:--|#|\/\*))/i,
  // A statement stacked after a semicolon, in its SQL form: ; DROP TABLE x, ; DELETE FROM x; ...
  "sql.stacked_query":
    /;\s*(?:drop\s+(?:table|database|schema|view|user)\b|truncate\s+table\b|delete\s+from\s+\S+\s*(?:where\b|;|--|#|$)|insert\s+into\s+\S+\s*(?:\(|values\b|select\b)|update\s+\S+\s+set\s+\S+\s*=|exec(?:ute)?\s+(?:xp_|sp_)|shutdown\b)/i,
  // UNION [ALL] SELECT, with whitespace or inline comments between the words.
  "sql.union_select": /\bunion(?:\s|\/\*.*?\*\/|\+)+(?:all(?:\s|\/\*.*?\*\/|\+)+)?select\b/i,
  // A call that makes the database wait, the probe of blind injection: SLEEP(5), pg_sleep(5),
  // BENCHMARK(1000000, ...), WAITFOR DELAY '0:0:5'.
  "sql.time_delay":
    /\b(?:pg_)?sleep\s*\(\s*\d|\bbenchmark\s*\(\s*\d+\s*,|\bwaitfor\s+delay\s+['"]/i,
  // A quote closed and the rest of the query commented out: admin'--, admin' #, ') /*
  "sql.comment_terminated_quote": /['"`]\)*(?:--|#|\/\*)|['"`]\)*\s+(?:--|#|\/\*)\s*$/,
} as const satisfies Record<string, RegExp>;

/** Rule of an SQL-injection finding. */
export type SqlInjectionRule = keyof typeof SQL_INJECTION_PATTERNS;

const PATTERN_ENTRIES = Object.entries(SQL_INJECTION_PATTERNS) as [SqlInjectionRule, RegExp][];

/**
 * Pieces of text of which every pattern needs at least one, in any letter case. They are `=`
 * (tautology of two values), `;` (stacked query), `union`, `(` (SLEEP and BENCHMARK calls),
 * `waitfor`, and `--`, `#` or `/*` (comment after a quote, and `OR true--`). Text without any of
 * them, such as "O'Brien & Sons", matches no pattern. Few letters start a piece, so checking them
 * stays cheap.
 */
export const SQL_SIGNAL_PIECES = [";", "=", "#", "--", "/*", "(", "union", "waitfor"] as const;

const REGEXP_SYNTAX = /[.*+?^${}()|[\]\\/]/g;

/** Tests for `SQL_SIGNAL_PIECES` before the patterns, because it scans faster than their alternation. */
const SQL_SIGNAL = new RegExp(
  SQL_SIGNAL_PIECES.map((piece) => piece.replace(REGEXP_SYNTAX, "\\$&")).join("|"),
  "i",
);

/**
 * All patterns in one expression, so that text without a match, which is most text, costs one
 * scan. Only the tautology pattern has capture groups and it comes first, so its backreferences
 * keep their numbers.
 */
const ANY_PATTERN = new RegExp(
  PATTERN_ENTRIES.map(([, pattern]) => `(?:${pattern.source})`).join("|"),
  "i",
);

const NO_RULES: readonly SqlInjectionRule[] = Object.freeze([]);

/** Returns the SQL-injection rules that a string matches, in the order of `SQL_INJECTION_PATTERNS`. */
export function detectSqlInjection(text: string): readonly SqlInjectionRule[] {
  if (!SQL_SIGNAL.test(text) || !ANY_PATTERN.test(text)) return NO_RULES;
  const rules: SqlInjectionRule[] = [];
  for (const [rule, pattern] of PATTERN_ENTRIES) {
    if (pattern.test(text)) rules.push(rule);
  }
  return rules;
}

/** SQL keywords that `strip` removes wherever they stand as words, in any letter case. */
export const SQL_STRIP_KEYWORDS = [
  "SELECT",
  "INSERT",
  "UPDATE",
  "DELETE",
  "DROP",
  "CREATE",
  "ALTER",
  "EXEC",
  "EXECUTE",
  "UNION",
  "TRUNCATE",
] as const;

const STRIP_KEYWORDS = new RegExp(`\\b(?:${SQL_STRIP_KEYWORDS.join("|")})\\b`, "gi");
// SQL comment markers: line comments (-- and #) and block comment delimiters.
const STRIP_COMMENT_MARKERS = /--|#|\/\*|\*\//g;

/**
 * Pieces of text, in any letter case, of which `stripSqlPatterns` changes only text that has one:
 * the comment markers and the keywords. A keyword inside a longer word is not removed, so this
 * list also covers text that is left as it is.
 */
export const SQL_STRIP_PIECES: readonly string[] = [
  "--",
  "#",
  "/*",
  "*/",
  ...SQL_STRIP_KEYWORDS.map((keyword) => keyword.toLowerCase()),
];

/**
 * Applies the lossy `strip` rules: removes the words of `SQL_STRIP_KEYWORDS` and the comment
 * markers `--`, `#`, `/*` and `*\/`. This corrupts ordinary text ("Please select a plan" loses
 * "select", "Suite #4" its "#"), which is why it is opt-in. Repeats until nothing matches, so
 * removing a marker cannot join the halves of a word into a new one (DR--OP).
 */
export function stripSqlPatterns(text: string): string {
  let current = text;
  for (;;) {
    const next = removeMatches(removeMatches(current, STRIP_KEYWORDS), STRIP_COMMENT_MARKERS);
    if (next === current) return current;
    current = next;
  }
}

function removeMatches(text: string, pattern: RegExp): string {
  return text.replace(pattern, (match: string, offset: number) =>
    wouldJoinReference(text, offset, text.charCodeAt(offset + match.length)) ? " " : "",
  );
}
