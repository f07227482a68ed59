import { randomUUID } from "node:crypto";
import { createHttpError } from "@bulwark/core";
import type { Kysely } from "kysely";
import type { CrmDatabase, UserRow } from "./database/schema.js";
import { hashPassword } from "./password-hash.js";
import type { Role } from "./permissions.js";
import { isUniqueViolation } from "./unique-violation.js";

/** A user as the API returns it. The password hash never leaves the store. */
export interface PublicUser {
  readonly id: string;
  readonly username: string;
  readonly email: string;
  readonly displayName: string;
  readonly role: Role;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/** Fields of a new user. */
export interface NewUser {
  readonly username: string;
  readonly email: string;
  /** Name shown in the CRM. Defaults to the username. */
  readonly displayName?: string | undefined;
  readonly role: Role;
  readonly password: string;
}

/** Fields a user update may change. Absent fields stay as they are. */
export interface UserUpdate {
  readonly username?: string | undefined;
  readonly email?: string | undefined;
  readonly displayName?: string | undefined;
  readonly role?: Role | undefined;
  readonly password?: string | undefined;
}

/** Turns a stored user row into the public shape. */
export function toPublicUser(row: UserRow): PublicUser {
  return {
    id: row.id,
    username: row.username,
    email: row.email,
    displayName: row.display_name,
    role: row.role as Role,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

// Usernames and emails compare case-insensitively, so "Alice" cannot sit beside "alice".
function normalizeIdentifier(value: string): string {
  return value.trim().toLowerCase();
}

function conflict(): Error {
  return createHttpError("CONFLICT", {
    message: "A user with this username or email already exists. Choose another one.",
  });
}

/** Finds a user row, password hash included, by username in any letter case. */
export async function findUserByUsername(
  db: Kysely<CrmDatabase>,
  username: string,
): Promise<UserRow | undefined> {
  return db
    .selectFrom("users")
    .selectAll()
    .where("username", "=", normalizeIdentifier(username))
    .executeTakeFirst();
}

/** Finds a user row by id. */
export async function findUserById(
  db: Kysely<CrmDatabase>,
  id: string,
): Promise<UserRow | undefined> {
  return db.selectFrom("users").selectAll().where("id", "=", id).executeTakeFirst();
}

/** Lists users by username, with the total count. */
export async function listUsers(
  db: Kysely<CrmDatabase>,
  page: { limit: number; offset: number },
): Promise<{ items: PublicUser[]; total: number }> {
  const [rows, count] = await Promise.all([
    db
      .selectFrom("users")
      .selectAll()
      .orderBy("username")
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    db
      .selectFrom("users")
      .select((eb) => eb.fn.countAll<string>().as("total"))
      .executeTakeFirstOrThrow(),
  ]);
  return { items: rows.map(toPublicUser), total: Number(count.total) };
}

/**
 * Inserts a user with a hashed password. Throws the `CONFLICT` response error when the username
 * or email is taken, whichever letter case it was registered in.
 */
export async function insertUser(
  db: Kysely<CrmDatabase>,
  user: NewUser,
  scryptCost: number,
): Promise<PublicUser> {
  const passwordHash = await hashPassword(user.password, scryptCost);
  try {
    const row = await db
      .insertInto("users")
      .values({
        id: randomUUID(),
        username: normalizeIdentifier(user.username),
        email: normalizeIdentifier(user.email),
        display_name: user.displayName ?? user.username,
        role: user.role,
        password_hash: passwordHash,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toPublicUser(row);
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict();
    throw error;
  }
}

/** Updates a user and returns the new row, or undefined when no user has that id. */
export async function updateUser(
  db: Kysely<CrmDatabase>,
  id: string,
  update: UserUpdate,
  scryptCost: number,
): Promise<PublicUser | undefined> {
  const values = {
    updated_at: new Date(),
    ...(update.username === undefined ? {} : { username: normalizeIdentifier(update.username) }),
    ...(update.email === undefined ? {} : { email: normalizeIdentifier(update.email) }),
    ...(update.displayName === undefined ? {} : { display_name: update.displayName }),
    ...(update.role === undefined ? {} : { role: update.role }),
    ...(update.password === undefined
      ? {}
      : { password_hash: await hashPassword(update.password, scryptCost) }),
  };
  try {
    const row = await db
      .updateTable("users")
      .set(values)
      .where("id", "=", id)
      .returningAll()
      .executeTakeFirst();
    return row === undefined ? undefined : toPublicUser(row);
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict();
    throw error;
  }
}

/** Deletes a user and returns whether one was deleted. */
export async function deleteUser(db: Kysely<CrmDatabase>, id: string): Promise<boolean> {
  const result = await db.deleteFrom("users").where("id", "=", id).executeTakeFirst();
  return result.numDeletedRows > 0n;
}
