import type { Kysely } from "kysely";
import { iterateContacts } from "./contact-store.js";
import { formatCsvRecord } from "./csv.js";
import type { CrmDatabase } from "./database/schema.js";

/** Header row of the contact export, in column order. */
export const CONTACT_CSV_COLUMNS = [
  "id",
  "first_name",
  "last_name",
  "email",
  "phone",
  "company",
  "title",
  "notes",
  "tags",
  "owner_id",
  "created_at",
  "updated_at",
] as const;

/**
 * Yields the contact export as CSV text chunks: the header row, then about 100 records per chunk.
 * Contacts are read in batches, so memory stays bounded whatever the table size, and every cell
 * passes through the formula neutralisation of `formatCsvField`.
 */
export async function* streamContactsCsv(
  db: Kysely<CrmDatabase>,
  recordsPerChunk = 100,
): AsyncGenerator<string> {
  yield formatCsvRecord(CONTACT_CSV_COLUMNS);
  let chunk = "";
  let count = 0;
  for await (const contact of iterateContacts(db)) {
    chunk += formatCsvRecord([
      contact.id,
      contact.firstName,
      contact.lastName,
      contact.email,
      contact.phone,
      contact.company,
      contact.title,
      contact.notes,
      // Tags share one cell, which formatCsvField neutralises like any other.
      contact.tags.join("; "),
      contact.ownerId,
      contact.createdAt,
      contact.updatedAt,
    ]);
    count += 1;
    if (count === recordsPerChunk) {
      yield chunk;
      chunk = "";
      count = 0;
    }
  }
  if (chunk !== "") yield chunk;
}
