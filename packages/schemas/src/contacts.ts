import { z } from "zod";
import { boundedString } from "./bounded-string.js";
import { emailSchema } from "./common-schemas.js";
import { rejectEmptyUpdate } from "./object-checks.js";

/** Length bounds of contact fields, in characters (code points), and the list sizes. */
export const CONTACT_LIMITS = {
  name: 100,
  phone: 32,
  company: 200,
  title: 100,
  notes: 10_000,
  tag: 50,
  tags: 50,
  bulk: 1000,
} as const;

/** Digits with an optional leading `+` and the separators people type: space, `(`, `)`, `-`, `.`. */
const PHONE_PATTERN = /^\+?\(?[0-9][0-9 ().-]*$/;

/** Schema of a phone number as people write it, such as `+1 (555) 010-0199`. Not normalised. */
export const phoneSchema = boundedString({ minLength: 3, maxLength: CONTACT_LIMITS.phone }).check(
  (context) => {
    if (!PHONE_PATTERN.test(context.value)) {
      context.issues.push({
        code: "custom",
        params: {
          reason: "invalid_pattern",
          rule: "may contain only digits, spaces, a leading +, and ( ) - .",
        },
        input: context.value,
      });
    }
  },
);

const contactShape = {
  firstName: boundedString({ minLength: 1, maxLength: CONTACT_LIMITS.name }),
  lastName: boundedString({ minLength: 1, maxLength: CONTACT_LIMITS.name }),
  email: emailSchema.optional(),
  phone: phoneSchema.optional(),
  company: boundedString({ maxLength: CONTACT_LIMITS.company }).optional(),
  title: boundedString({ maxLength: CONTACT_LIMITS.title }).optional(),
  notes: boundedString({ maxLength: CONTACT_LIMITS.notes }).optional(),
  tags: z
    .array(boundedString({ minLength: 1, maxLength: CONTACT_LIMITS.tag }))
    .max(CONTACT_LIMITS.tags)
    .optional(),
};

/**
 * New contact. `firstName` and `lastName` (1 to 100 characters) are required. `email` (at most
 * 254), `phone` (3 to 32), `company` (200), `title` (100), `notes` (10,000) and `tags` (up to 50
 * tags of 1 to 50 characters) are optional.
 */
export const contactCreateSchema = z.object(contactShape);

/** Contact update: the fields of a new contact, each optional, with at least one given. */
export const contactUpdateSchema = z.object(contactShape).partial().superRefine(rejectEmptyUpdate);

/**
 * Bulk import body `{ contacts: [...] }` with 1 to 1,000 new contacts. The count is checked
 * before any contact is, so an oversized array is rejected without validating its entries.
 */
export const bulkContactsSchema = z.object({
  contacts: z
    .array(z.unknown())
    .min(1)
    .max(CONTACT_LIMITS.bulk, { abort: true })
    .pipe(z.array(contactCreateSchema)),
});
