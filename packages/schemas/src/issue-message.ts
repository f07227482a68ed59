import { describeValue } from "@bulwark/core";
import type { z } from "zod";

type RawIssue = z.core.$ZodRawIssue;

/** Maximum number of enum values an `invalid_value` message lists before it shortens the list. */
const MAX_LISTED_VALUES = 12;

/** Words for the types of zod's `invalid_type` issues. */
const TYPE_WORDS = new Map([
  ["string", "a string"],
  ["number", "a number"],
  ["int", "an integer"],
  ["bigint", "an integer"],
  ["boolean", "true or false"],
  ["object", "an object"],
  ["array", "an array"],
  ["tuple", "an array"],
  ["record", "an object"],
  ["date", "a date"],
  ["null", "null"],
]);

/**
 * Sentences for the custom issues that this package's schemas raise, keyed by `params.reason`.
 * Keeping them here lets every schema share one wording and lets the label name the field.
 */
const CUSTOM_MESSAGES = new Map<string, (label: string, params: Record<string, unknown>) => string>(
  [
    ["null_character", (label) => `${label} must not contain a null character`],
    ["malformed_unicode", (label) => `${label} must be valid Unicode text`],
    ["common_password", (label) => `${label} is too common and easy to guess`],
    ["same_as_username", (label) => `${label} must not be the same as the username`],
    ["empty_update", () => "At least one field must be given"],
    ["invalid_pattern", (label, params) => `${label} ${String(params.rule)}`],
    [
      "secret_placeholder",
      (label) => `${label} looks like a placeholder; generate a random secret`,
    ],
    [
      "secret_low_variety",
      (label) => `${label} repeats too few distinct characters; generate a random secret`,
    ],
    ["secret_reused", (label, params) => `${label} must differ from ${String(params.other)}`],
    [
      "invalid_rotation_name",
      (label) =>
        `${label} is not a key ring name; use JWT_SECRET for the first key, then JWT_SECRET_V2, JWT_SECRET_V3 and so on`,
    ],
    [
      "invalid_url",
      (label, params) => `${label} must be a URL starting with ${String(params.schemes)}`,
    ],
    [
      "incomplete_group",
      (label, params) =>
        `${label} is missing: ${String(params.feature)} needs ${String(params.variables)} set together, or none of them`,
    ],
    ["required_in_production", (label) => `${label} is required when NODE_ENV is production`],
  ],
);

function pluralize(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}

function describeExpectedType(expected: string): string {
  return TYPE_WORDS.get(expected) ?? `of type ${expected}`;
}

function describeBound(value: unknown): string {
  if (value instanceof Date) return value.toISOString();
  return String(value);
}

function buildTypeMessage(
  issue: { readonly input?: unknown; readonly expected: string },
  label: string,
): string {
  if (issue.input === undefined) return `${label} is required`;
  const expected = describeExpectedType(issue.expected);
  // A repeated query key arrives as an array, so the message names that instead of the type.
  if (Array.isArray(issue.input) && issue.expected !== "array" && issue.expected !== "tuple") {
    return `${label} must be a single value, not a list`;
  }
  return `${label} must be ${expected}`;
}

function buildSizeMessage(
  label: string,
  origin: string,
  bound: unknown,
  inclusive: boolean,
  direction: "min" | "max",
): string {
  const count = Number(bound);
  if (origin === "string") {
    if (direction === "min" && count === 1) return `${label} must not be empty`;
    const limit = direction === "min" ? "at least" : "at most";
    return `${label} must be ${limit} ${pluralize(count, "character")}`;
  }
  if (origin === "array" || origin === "set") {
    if (direction === "min" && count === 1) return `${label} must not be empty`;
    const limit = direction === "min" ? "at least" : "at most";
    return `${label} must have ${limit} ${pluralize(count, "item")}`;
  }
  if (origin === "date") {
    const limit = direction === "min" ? "on or after" : "on or before";
    return `${label} must be ${limit} ${describeBound(bound)}`;
  }
  if (origin === "file") {
    const limit = direction === "min" ? "at least" : "at most";
    return `${label} must be ${limit} ${pluralize(count, "byte")}`;
  }
  if (direction === "min") {
    return `${label} must be ${inclusive ? "at least" : "greater than"} ${describeBound(bound)}`;
  }
  return `${label} must be ${inclusive ? "at most" : "less than"} ${describeBound(bound)}`;
}

function buildFormatMessage(issue: { readonly format: string }, label: string): string {
  switch (issue.format) {
    case "email":
      return `${label} must be a valid email address`;
    case "url":
      return `${label} must be a valid URL`;
    case "uuid":
    case "guid":
      return `${label} must be a valid UUID`;
    case "datetime":
      return `${label} must be an ISO 8601 date and time`;
    case "date":
      return `${label} must be a date in the form YYYY-MM-DD`;
    case "regex":
      return `${label} has an invalid format`;
    case "starts_with":
      return `${label} must start with ${describeValue((issue as { prefix?: unknown }).prefix)}`;
    case "ends_with":
      return `${label} must end with ${describeValue((issue as { suffix?: unknown }).suffix)}`;
    case "includes":
      return `${label} must include ${describeValue((issue as { includes?: unknown }).includes)}`;
    default:
      return `${label} must be a valid ${issue.format}`;
  }
}

function describeAllowedValue(value: unknown): string {
  return typeof value === "string" ? value : describeValue(value);
}

function buildValueMessage(values: readonly unknown[], label: string): string {
  if (values.length === 1) return `${label} must be ${describeValue(values[0])}`;
  const listed = values.slice(0, MAX_LISTED_VALUES).map(describeAllowedValue).join(", ");
  const more = values.length > MAX_LISTED_VALUES ? ", ..." : "";
  return `${label} must be one of: ${listed}${more}`;
}

/**
 * Builds the sentence for one zod issue, with `label` as its subject: "Username must be at least
 * 3 characters". The message never repeats the rejected input, because the input may be a
 * password or a secret. Custom issues with a `params.reason` from this package get their own
 * sentence, and any other custom issue without a message reads "<label> is invalid".
 */
export function buildIssueMessage(issue: RawIssue, label: string): string {
  switch (issue.code) {
    case "invalid_type":
      return buildTypeMessage(issue, label);
    case "too_small":
      return buildSizeMessage(label, issue.origin, issue.minimum, issue.inclusive ?? true, "min");
    case "too_big":
      return buildSizeMessage(label, issue.origin, issue.maximum, issue.inclusive ?? true, "max");
    case "invalid_format":
      return buildFormatMessage(issue, label);
    case "not_multiple_of":
      return `${label} must be a multiple of ${describeBound(issue.divisor)}`;
    case "unrecognized_keys":
      return `${label} contains fields that are not allowed`;
    case "invalid_value":
      return buildValueMessage(issue.values, label);
    case "invalid_union":
      return `${label} does not match any accepted form`;
    case "invalid_key":
      return `${label} has an invalid key`;
    case "invalid_element":
      return `${label} has an invalid item`;
    case "custom": {
      const params = issue.params ?? {};
      const build =
        typeof params.reason === "string" ? CUSTOM_MESSAGES.get(params.reason) : undefined;
      return build === undefined ? `${label} is invalid` : build(label, params);
    }
    default:
      return `${label} is invalid`;
  }
}
