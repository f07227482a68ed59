// SQLSTATE 23505 is unique_violation in PostgreSQL; node-postgres and PGlite both expose it as `code`.
const UNIQUE_VIOLATION = "23505";

/** Returns whether a database error is a unique-constraint violation. */
export function isUniqueViolation(error: unknown): boolean {
  return (
    typeof error === "object" &&
    error !== null &&
    (error as { code?: unknown }).code === UNIQUE_VIOLATION
  );
}
