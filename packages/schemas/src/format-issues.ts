import { describeValue, type FieldError } from "@bulwark/core";
import type { z } from "zod";
import { formatFieldPath } from "./field-path.js";
import { REQUEST_PART_NAMING, type RequestPart } from "./request-parts.js";

/**
 * Default maximum of field errors in one response. A 10,000-item array of bad entries would
 * otherwise produce a 10,000-entry body, and the first 100 are enough to fix a request.
 */
export const MAX_FIELD_ERRORS = 100;

/** Options of `formatIssues`. */
export interface FormatIssuesOptions {
  /** Request part the issues belong to, which sets the field prefix. Defaults to `body`. */
  readonly part?: RequestPart;
  /** Maximum number of field errors returned. Later issues are dropped. Defaults to 100. */
  readonly maxErrors?: number;
}

/**
 * Converts zod issues into the `{ field, message }` list of a validation error body, in zod's
 * order, keeping each issue's message. Strict mode's `unrecognized_keys` issue becomes one entry
 * per key, such as `{ field: "nickname", message: 'Field "nickname" is not allowed' }`.
 * Returns at most `maxErrors` entries.
 */
export function formatIssues(
  issues: readonly z.core.$ZodIssue[],
  options: FormatIssuesOptions = {},
): FieldError[] {
  const naming = REQUEST_PART_NAMING[options.part ?? "body"];
  const maxErrors = options.maxErrors ?? MAX_FIELD_ERRORS;
  const errors: FieldError[] = [];

  for (const issue of issues) {
    if (errors.length >= maxErrors) break;
    if (issue.code !== "unrecognized_keys") {
      const field = formatFieldPath(issue.path, naming.prefix, naming.rootField);
      errors.push({ field, message: issue.message });
      continue;
    }
    for (const key of issue.keys) {
      if (errors.length >= maxErrors) break;
      const field = formatFieldPath([...issue.path, key], naming.prefix, naming.rootField);
      errors.push({ field, message: `${naming.keyNoun} ${describeValue(key)} is not allowed` });
    }
  }
  return errors;
}
