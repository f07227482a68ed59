import { BulwarkError } from "@bulwark/core";

/** Error codes that @bulwark/crm-domain throws to developers, with what each one means. */
export const CRM_ERROR_CODES = {
  ERR_CRM_INVALID_OPTIONS:
    "createCrm options are invalid: an unknown key or a value of the wrong type.",
  ERR_CRM_INVALID_JWT_KEYS:
    "jwt.keys must list at least one key, each with a unique version and a secret of 32 bytes or more.",
  ERR_CRM_INVALID_SCRYPT_COST: "scryptCost must be a power of two from 2^14 to 2^20.",
  ERR_CRM_INVALID_PASSWORD_HASH:
    "A stored password hash is not in the scrypt format this package writes.",
  ERR_CRM_INVALID_AUDIT_QUERY:
    "An audit log query or purge cut-off has an unknown key or a value out of range.",
  ERR_CRM_INVALID_CALLER:
    "executeRoute got a caller that authorizeRoute did not return for that route.",
  ERR_CRM_MIGRATION_FAILED: "A database migration failed at start-up.",
} as const;

export type CrmErrorCode = keyof typeof CRM_ERROR_CODES;

/** Error thrown by @bulwark/crm-domain for invalid options and failed start-up steps. */
export class CrmError extends BulwarkError {
  declare readonly code: CrmErrorCode;

  constructor(code: CrmErrorCode, message: string, options: { cause?: unknown } = {}) {
    super(code, message, options);
  }
}

/** Creates a `CrmError`, in the shape `checkOptionsObject` expects. */
export function createCrmError(code: string, message: string): CrmError {
  return new CrmError(code as CrmErrorCode, message);
}
