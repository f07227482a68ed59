import {
  bulkContactsSchema,
  CONTACT_LIMITS,
  contactCreateSchema,
  contactListQuerySchema,
  contactUpdateSchema,
  idParamsSchema,
  loginSchema,
  PAGINATION,
  paginationQuerySchema,
  toStrictSchema,
  userCreateSchema,
  userUpdateSchema,
  uuidSchema,
} from "@bulwark/schemas";
import { z } from "zod";
import { AUDIT_ACTIONS } from "./audit-log.js";

// The route schemas are the shared ones of @bulwark/schemas, made strict. An unknown key in a
// body, query or params is rejected by name rather than dropped. A client that sends `ownerId`
// on create therefore learns that it was not applied. toStrictSchema also reaches nested objects
// and array entries.

/** Maximum rows one list request returns. */
export const MAX_PAGE_LIMIT = PAGINATION.maxLimit;
/** Maximum contacts one bulk request creates. */
export const MAX_BULK_CONTACTS = CONTACT_LIMITS.bulk;

/** Route parameters of `/:id` routes. Ids are UUIDs, so other text never reaches a query. */
export const idParams = toStrictSchema(idParamsSchema);

/** Paging query: `limit` 1 to 100 (default 20) and `offset` from 0. */
export const pageQuery = toStrictSchema(paginationQuerySchema);

/** Contact list query: paging plus an optional search text `q` of up to 200 characters. */
export const contactListQuery = toStrictSchema(contactListQuerySchema);

/** Audit list query: paging plus an optional `action` filter from the closed list of actions. */
export const auditQuery = toStrictSchema(
  paginationQuerySchema.extend({ action: z.enum(AUDIT_ACTIONS).optional() }),
);

/**
 * Login body: username 3 to 64 characters, password 8 to 128, so hashing cost stays bounded. A
 * blank username is rejected here because the login guard counts failures per trimmed username
 * and throws for an empty one.
 */
export const loginBody = toStrictSchema(loginSchema).superRefine((value, context) => {
  if (value.username.trim() === "") {
    context.addIssue({ code: "custom", path: ["username"], message: "Username must not be blank" });
  }
});

/** Body of `POST /api/users`, with the shared password policy. */
export const userCreateBody = toStrictSchema(userCreateSchema);

/** Body of `PUT /api/users/:id`: any subset of the user fields, at least one. */
export const userUpdateBody = toStrictSchema(userUpdateSchema);

/** Body of `POST /api/contacts`. */
export const contactCreateBody = toStrictSchema(contactCreateSchema);

// NOTE: the shared update schema takes no null, so a client cannot clear an optional contact
// field such as email. Only tags can be emptied, with [].
/** Body of `PUT /api/contacts/:id`: any subset of the contact fields, at least one. */
export const contactUpdateBody = toStrictSchema(contactUpdateSchema);

/** Body of `POST /api/contacts/bulk`: 1 to 1,000 contacts, checked as in `POST /api/contacts`. */
export const contactBulkBody = toStrictSchema(bulkContactsSchema);

/** Text fields of the multipart body of `POST /api/attachments`. */
export const attachmentFields = toStrictSchema(z.object({ contactId: uuidSchema.optional() }));

/** Query of routes that take no query parameters, so any parameter is rejected by name. */
export const emptyQuery = z.strictObject({});
