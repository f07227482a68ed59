// Spreadsheet programs treat a cell that starts with one of these characters as a formula, so a
// contact named "=HYPERLINK(...)" would run when an exported file is opened. Tab and carriage
// return are included because some programs strip them and then read the formula behind them.
const FORMULA_TRIGGER = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

/**
 * Neutralises a cell that a spreadsheet would read as a formula by prefixing a single quote, which
 * spreadsheets show as text and do not evaluate. The original text stays readable after the quote.
 */
export function neutralizeFormula(value: string): string {
  return FORMULA_TRIGGER.test(value) ? `'${value}` : value;
}

/**
 * Formats one CSV field as RFC 4180 describes: a field holding a comma, a double quote or a line
 * break is wrapped in double quotes, with inner quotes doubled. Formula cells are neutralised
 * first. Null and undefined become an empty field.
 */
export function formatCsvField(value: string | number | Date | null | undefined): string {
  if (value === null || value === undefined) return "";
  const text = neutralizeFormula(value instanceof Date ? value.toISOString() : String(value));
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Formats one CSV record, ending in CRLF as RFC 4180 specifies. */
export function formatCsvRecord(
  values: readonly (string | number | Date | null | undefined)[],
): string {
  return `${values.map(formatCsvField).join(",")}\r\n`;
}
