import { randomBytes } from "node:crypto";
import type { Kysely } from "kysely";
import { insertContacts } from "./contact-store.js";
import type { CrmDatabase } from "./database/schema.js";
import { DEFAULT_SCRYPT_COST } from "./password-hash.js";
import { ROLES, type Role } from "./permissions.js";
import { buildSeedContacts } from "./seed-data.js";
import { insertUser } from "./user-store.js";

/** A demo login created by the seed. The password is shown once, in development only. */
export interface DemoLogin {
  readonly username: string;
  readonly role: Role;
  readonly password: string;
}

/** Options of `seedDevelopmentData`. */
export interface SeedOptions {
  /** Number of contacts to create. Defaults to 200. */
  readonly contactCount?: number;
  /** scrypt cost N of the demo passwords. Defaults to 2^17. */
  readonly scryptCost?: number;
  /** Fixed passwords by role, such as for a scripted demo. Others are generated at random. */
  readonly passwords?: Partial<Record<Role, string>>;
}

/** Result of `seedDevelopmentData`: the demo logins, or `seeded: false` when users existed. */
export type SeedResult =
  | { readonly seeded: true; readonly logins: readonly DemoLogin[]; readonly contactCount: number }
  | { readonly seeded: false };

/**
 * Seeds an empty database for development: one demo user per role, named after the role, and
 * invented contacts owned by the admin. Passwords are random unless given, so a development
 * database never has a password that is printed in this repository. Does nothing when any user
 * exists, which keeps a persistent database's accounts as they are.
 */
export async function seedDevelopmentData(
  db: Kysely<CrmDatabase>,
  options: SeedOptions = {},
): Promise<SeedResult> {
  // NOTE: two processes seeding one empty database at once race here, and the slower one fails
  // with a CONFLICT error on the first demo username.
  const existing = await db.selectFrom("users").select("id").limit(1).executeTakeFirst();
  if (existing !== undefined) return { seeded: false };

  const logins: DemoLogin[] = [];
  let adminId: string | null = null;
  for (const role of ROLES) {
    const password = options.passwords?.[role] ?? randomBytes(18).toString("base64url");
    const user = await insertUser(
      db,
      { username: role, email: `${role}@example.com`, displayName: `Demo ${role}`, role, password },
      options.scryptCost ?? DEFAULT_SCRYPT_COST,
    );
    if (role === "admin") adminId = user.id;
    logins.push({ username: role, role, password });
  }

  const contacts = buildSeedContacts(options.contactCount ?? 200);
  await insertContacts(db, contacts, adminId);
  return { seeded: true, logins, contactCount: contacts.length };
}
