import type { z } from "zod";
import { buildIssueLabel, humanizeKey } from "./issue-label.js";
import { buildIssueMessage } from "./issue-message.js";

/** The parts of a request that can be validated. */
export const REQUEST_PARTS = ["params", "query", "headers", "body"] as const;

/** One of `REQUEST_PARTS`. */
export type RequestPart = (typeof REQUEST_PARTS)[number];

/** Naming rules for the field errors of one request part. */
export interface RequestPartNaming {
  /** Prefix of every field path: empty for the body, `query` for `query.limit`. */
  readonly prefix: string;
  /** Field of an error about the part as a whole, such as the body not being an object. */
  readonly rootField: string;
  /** Subject of a message about the part as a whole. */
  readonly rootLabel: string;
  /** Noun that names an unknown key in strict mode: `Query parameter "page" is not allowed`. */
  readonly keyNoun: string;
  /** Subject of a message about a first-level key. */
  readonly topLabel: (key: string) => string;
}

/**
 * Naming of each request part. Body fields are plain paths (`contacts[2].email`), and the other
 * parts are prefixed with the part's name (`query.limit`, `params.id`, `headers["x-api-key"]`),
 * so a client can always tell a query error from a body field of the same name.
 */
export const REQUEST_PART_NAMING: Readonly<Record<RequestPart, RequestPartNaming>> = {
  body: {
    prefix: "",
    rootField: "body",
    rootLabel: "Request body",
    keyNoun: "Field",
    topLabel: humanizeKey,
  },
  query: {
    prefix: "query",
    rootField: "query",
    rootLabel: "Query string",
    keyNoun: "Query parameter",
    topLabel: humanizeKey,
  },
  params: {
    prefix: "params",
    rootField: "params",
    rootLabel: "Route parameters",
    keyNoun: "Route parameter",
    topLabel: humanizeKey,
  },
  headers: {
    prefix: "headers",
    rootField: "headers",
    rootLabel: "Request headers",
    keyNoun: "Header",
    // Header names are shown as sent, because "X request ID" is harder to find than the name.
    topLabel: (key) => `Header ${key}`,
  },
};

function createPartErrorMap(part: RequestPart): z.core.$ZodErrorMap {
  const naming = REQUEST_PART_NAMING[part];
  return (issue) => {
    const label = buildIssueLabel(issue.path ?? [], naming.rootLabel, naming.topLabel);
    return buildIssueMessage(issue, label);
  };
}

const ERROR_MAPS: Readonly<Record<RequestPart, z.core.$ZodErrorMap>> = {
  body: createPartErrorMap("body"),
  query: createPartErrorMap("query"),
  params: createPartErrorMap("params"),
  headers: createPartErrorMap("headers"),
};

/**
 * Returns the zod error map that words issues of one request part as sentences for people, such
 * as "Username must be at least 3 characters". Pass it to `schema.safeParse(value, { error })`
 * before `formatIssues` when parsing outside `validateRequest`. A message set on the schema
 * itself takes precedence, as zod defines.
 */
export function getErrorMap(part: RequestPart = "body"): z.core.$ZodErrorMap {
  return ERROR_MAPS[part];
}
