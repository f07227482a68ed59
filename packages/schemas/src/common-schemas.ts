import { z } from "zod";
import { boundedString } from "./bounded-string.js";

/** Maximum email length: RFC 5321 limits a path to 256 octets, which leaves 254 for the address. */
export const MAX_EMAIL_LENGTH = 254;

/**
 * Email address of at most 254 characters in zod's address format. The length is checked first
 * and stops the check, so a megabyte-long string never reaches the format's regular expression.
 */
export const emailSchema = z.string().max(MAX_EMAIL_LENGTH, { abort: true }).pipe(z.email());

/**
 * UUID in the RFC 9562 form `8-4-4-4-12` of any version (1 to 8, so v4 and v7 alike) with the
 * RFC variant, plus the nil and max UUIDs, as zod's `z.uuid()` defines. Either case is accepted
 * and the output is lower case, so ids compare equal however a client wrote them. Braces, a
 * `urn:uuid:` prefix, missing hyphens and surrounding spaces are rejected.
 */
export const uuidSchema = z.uuid().toLowerCase();

/** Route parameters of a single-resource route such as `/api/contacts/:id`. */
export const idParamsSchema = z.object({ id: uuidSchema });

/** The closed list of user roles, from most to least privileged. */
export const ROLES = ["admin", "manager", "agent", "viewer"] as const;

/** A user role. */
export type Role = (typeof ROLES)[number];

/** One of `ROLES`, matched case-sensitively. */
export const roleSchema = z.enum(ROLES);

/** Paging defaults and bounds of list routes. */
export const PAGINATION = { defaultLimit: 20, maxLimit: 100 } as const;

/**
 * Paging query of list routes: `limit` from 1 to 100 (default 20) and `offset` from 0 (default
 * 0), both integers. Through `validateRequest`, `?limit=5` becomes 5 and an empty `?limit=` gets
 * the default.
 */
export const paginationQuerySchema = z.object({
  limit: z.int().min(1).max(PAGINATION.maxLimit).default(PAGINATION.defaultLimit),
  offset: z.int().min(0).default(0),
});

/** Maximum search text length of list routes, in characters. */
export const MAX_SEARCH_LENGTH = 200;

/** Query of the contact list route: paging plus an optional search text `q`. */
export const contactListQuerySchema = paginationQuerySchema.extend({
  q: boundedString({ maxLength: MAX_SEARCH_LENGTH }).optional(),
});
