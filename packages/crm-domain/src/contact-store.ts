import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import type { ContactRow, CrmDatabase } from "./database/schema.js";

/** A contact as the API returns it. */
export interface Contact {
  readonly id: string;
  readonly firstName: string;
  readonly lastName: string;
  readonly email: string | null;
  readonly phone: string | null;
  readonly company: string | null;
  readonly title: string | null;
  readonly notes: string | null;
  readonly tags: readonly string[];
  readonly ownerId: string | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/** Fields of a new contact. */
export interface NewContact {
  readonly firstName: string;
  readonly lastName: string;
  readonly email?: string | null | undefined;
  readonly phone?: string | null | undefined;
  readonly company?: string | null | undefined;
  readonly title?: string | null | undefined;
  readonly notes?: string | null | undefined;
  readonly tags?: readonly string[] | undefined;
}

/** Fields a contact update may change. Absent fields stay as they are; null clears one. */
export type ContactUpdate = {
  readonly [K in keyof NewContact]?: NewContact[K] | undefined;
};

/** Options of `listContacts`. */
export interface ContactListOptions {
  readonly limit: number;
  readonly offset: number;
  /** Text searched in names, email and company, case-insensitively. */
  readonly q?: string | undefined;
}

/** Turns a stored contact row into the public shape. */
export function toContact(row: ContactRow): Contact {
  return {
    id: row.id,
    firstName: row.first_name,
    lastName: row.last_name,
    email: row.email,
    phone: row.phone,
    company: row.company,
    title: row.title,
    notes: row.notes,
    tags: row.tags,
    ownerId: row.owner_id,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function toRow(contact: NewContact, ownerId: string | null, now: Date) {
  return {
    id: randomUUID(),
    first_name: contact.firstName,
    last_name: contact.lastName,
    email: contact.email ?? null,
    phone: contact.phone ?? null,
    company: contact.company ?? null,
    title: contact.title ?? null,
    notes: contact.notes ?? null,
    tags: [...(contact.tags ?? [])],
    owner_id: ownerId,
    created_at: now,
    updated_at: now,
  };
}

/**
 * Escapes the LIKE wildcards `%` and `_` and the escape character itself, so a search for "50%"
 * matches that text and not every row. PostgreSQL's default LIKE escape character is `\`.
 */
export function escapeLikePattern(text: string): string {
  return text.replace(/[\\%_]/g, (character) => `\\${character}`);
}

/** Lists contacts newest first, optionally filtered by a search text, with the total count. */
export async function listContacts(
  db: Kysely<CrmDatabase>,
  options: ContactListOptions,
): Promise<{ items: Contact[]; total: number }> {
  let query = db.selectFrom("contacts");
  const q = options.q?.trim();
  if (q !== undefined && q !== "") {
    // The pattern is a bound parameter, so the search text is never part of the SQL.
    const pattern = `%${escapeLikePattern(q)}%`;
    query = query.where((eb) =>
      eb.or([
        eb("first_name", "ilike", pattern),
        eb("last_name", "ilike", pattern),
        eb("email", "ilike", pattern),
        eb("company", "ilike", pattern),
      ]),
    );
  }

  const [rows, count] = await Promise.all([
    query
      .selectAll()
      .orderBy("created_at", "desc")
      .orderBy("id", "desc")
      .limit(options.limit)
      .offset(options.offset)
      .execute(),
    query.select((eb) => eb.fn.countAll<string>().as("total")).executeTakeFirstOrThrow(),
  ]);
  return { items: rows.map(toContact), total: Number(count.total) };
}

/** Finds a contact by id. */
export async function findContact(
  db: Kysely<CrmDatabase>,
  id: string,
): Promise<Contact | undefined> {
  const row = await db.selectFrom("contacts").selectAll().where("id", "=", id).executeTakeFirst();
  return row === undefined ? undefined : toContact(row);
}

/** Inserts one contact owned by `ownerId`. */
export async function insertContact(
  db: Kysely<CrmDatabase>,
  contact: NewContact,
  ownerId: string | null,
): Promise<Contact> {
  const row = await db
    .insertInto("contacts")
    .values(toRow(contact, ownerId, new Date()))
    .returningAll()
    .executeTakeFirstOrThrow();
  return toContact(row);
}

/**
 * Inserts many contacts in one transaction, so either every contact is stored or none is. The
 * caller bounds the count; rows go in batches of 250 to keep each statement's parameter list
 * well under PostgreSQL's limit of 65,535 bound parameters.
 */
export async function insertContacts(
  db: Kysely<CrmDatabase>,
  contacts: readonly NewContact[],
  ownerId: string | null,
): Promise<Contact[]> {
  const batchSize = 250;
  const now = new Date();
  return db.transaction().execute(async (transaction) => {
    const inserted: Contact[] = [];
    for (let start = 0; start < contacts.length; start += batchSize) {
      const rows = contacts
        .slice(start, start + batchSize)
        .map((contact) => toRow(contact, ownerId, now));
      const stored = await transaction.insertInto("contacts").values(rows).returningAll().execute();
      inserted.push(...stored.map(toContact));
    }
    return inserted;
  });
}

/** Updates a contact and returns it, or undefined when no contact has that id. */
export async function updateContact(
  db: Kysely<CrmDatabase>,
  id: string,
  update: ContactUpdate,
): Promise<Contact | undefined> {
  const row = await db
    .updateTable("contacts")
    .set({
      updated_at: new Date(),
      ...(update.firstName === undefined ? {} : { first_name: update.firstName }),
      ...(update.lastName === undefined ? {} : { last_name: update.lastName }),
      ...(update.email === undefined ? {} : { email: update.email }),
      ...(update.phone === undefined ? {} : { phone: update.phone }),
      ...(update.company === undefined ? {} : { company: update.company }),
      ...(update.title === undefined ? {} : { title: update.title }),
      ...(update.notes === undefined ? {} : { notes: update.notes }),
      ...(update.tags === undefined ? {} : { tags: [...update.tags] }),
    })
    .where("id", "=", id)
    .returningAll()
    .executeTakeFirst();
  return row === undefined ? undefined : toContact(row);
}

/** Deletes a contact and returns whether one was deleted. */
export async function deleteContact(db: Kysely<CrmDatabase>, id: string): Promise<boolean> {
  const result = await db.deleteFrom("contacts").where("id", "=", id).executeTakeFirst();
  return result.numDeletedRows > 0n;
}

/**
 * Yields every contact in creation order, reading `batchSize` rows per query with keyset paging on
 * (created_at, id). Memory stays bounded by one batch whatever the table size, and the same code
 * runs on node-postgres and PGlite, which has no server-side cursor.
 */
export async function* iterateContacts(
  db: Kysely<CrmDatabase>,
  batchSize = 500,
): AsyncGenerator<Contact> {
  let after: { createdAt: Date; id: string } | undefined;
  while (true) {
    let query = db.selectFrom("contacts").selectAll();
    if (after !== undefined) {
      const cursor = after;
      query = query.where((eb) =>
        eb.or([
          eb("created_at", ">", cursor.createdAt),
          eb.and([eb("created_at", "=", cursor.createdAt), eb("id", ">", cursor.id)]),
        ]),
      );
    }
    const rows = await query.orderBy("created_at").orderBy("id").limit(batchSize).execute();
    for (const row of rows) yield toContact(row);
    if (rows.length < batchSize) return;
    const last = rows.at(-1)!;
    after = { createdAt: last.created_at, id: last.id };
  }
}
