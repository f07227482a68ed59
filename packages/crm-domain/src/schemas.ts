import { z } from "zod";
import { AUDIT_ACTIONS } from "./audit-log.js";
import { ROLES } from "./permissions.js";

// NOTE: these schemas stand in for the shared ones of @bulwark/schemas until that package lands.

/** Maximum rows one list request returns. */
export const MAX_PAGE_LIMIT = 100;
const DEFAULT_PAGE_LIMIT = 20;
const MAX_OFFSET = 1_000_000;
/** Maximum contacts one bulk request creates. */
export const MAX_BULK_CONTACTS = 1000;

/** Route parameters of `/:id` routes. Ids are UUIDs, so other text never reaches a query. */
export const idParamsSchema = z.strictObject({ id: z.uuid() });

/** Paging query: `limit` 1 to 100 (default 20) and `offset` from 0. */
export const pageQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(MAX_PAGE_LIMIT).default(DEFAULT_PAGE_LIMIT),
  offset: z.coerce.number().int().min(0).max(MAX_OFFSET).default(0),
});

/** Contact list query: paging plus an optional search text `q` of up to 100 characters. */
export const contactListQuerySchema = pageQuerySchema.extend({
  q: z.string().trim().max(100).optional(),
});

/** Audit list query: paging plus an optional `action` filter. */
export const auditQuerySchema = pageQuerySchema.extend({
  action: z.enum(AUDIT_ACTIONS).optional(),
});

/**
 * Login body. Lengths are bounded so hashing cost does not grow with the input. The username is
 * trimmed and must not be blank, because the login guard counts failures per username.
 */
export const loginBodySchema = z.strictObject({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(256),
});

const username = z
  .string()
  .regex(/^[A-Za-z0-9._-]{3,32}$/, "Use 3 to 32 letters, digits, dots, hyphens or underscores.");
const email = z.email().max(254);
const displayName = z.string().trim().min(1).max(100);
const password = z.string().min(12).max(256);

/** Body of `POST /api/users`. */
export const userCreateBodySchema = z.strictObject({
  username,
  email,
  displayName,
  role: z.enum(ROLES),
  password,
});

/** Body of `PUT /api/users/:id`: any subset of the changeable fields, at least one. */
export const userUpdateBodySchema = z
  .strictObject({
    email: email.optional(),
    displayName: displayName.optional(),
    role: z.enum(ROLES).optional(),
    password: password.optional(),
  })
  .refine((value) => Object.keys(value).length > 0, "Send at least one field to change.");

const optionalText = (max: number) => z.string().trim().max(max).nullable().optional();

/** Body of `POST /api/contacts` and each entry of a bulk request. */
export const contactCreateBodySchema = z.strictObject({
  firstName: z.string().trim().min(1).max(100),
  lastName: z.string().trim().min(1).max(100),
  email: email.nullable().optional(),
  phone: optionalText(40),
  company: optionalText(200),
  notes: optionalText(5000),
});

/** Body of `PUT /api/contacts/:id`: any subset of the contact fields, at least one. */
export const contactUpdateBodySchema = contactCreateBodySchema
  .partial()
  .refine((value) => Object.keys(value).length > 0, "Send at least one field to change.");

/** Body of `POST /api/contacts/bulk`: 1 to 1,000 contacts. */
export const contactBulkBodySchema = z.strictObject({
  contacts: z.array(contactCreateBodySchema).min(1).max(MAX_BULK_CONTACTS),
});

/** Text fields of the multipart body of `POST /api/attachments`. */
export const attachmentFieldsSchema = z.strictObject({
  contactId: z.uuid().optional(),
});

/** Route input that takes nothing. */
export const emptySchema = z.strictObject({});
