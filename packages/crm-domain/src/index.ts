export {
  ALLOWED_ATTACHMENT_TYPES,
  type AttachmentMetadata,
  type AttachmentUpload,
  MAX_ATTACHMENT_BYTES,
  sanitizeFilename,
  sniffContentType,
  storeAttachment,
} from "./attachments.js";
export {
  AUDIT_ACTIONS,
  type AuditAction,
  type AuditLog,
  type AuditLogQuery,
  createAuditLog,
  type StoredAuditEntry,
} from "./audit-log.js";
export { type AuthenticatedUser, parseBearerToken, resolveAuthentication } from "./authenticate.js";
export { CONTACT_CSV_COLUMNS, streamContactsCsv } from "./contact-export.js";
export type { Contact, ContactListOptions, ContactUpdate, NewContact } from "./contact-store.js";
export { type Crm, type CrmOptions, createCrm } from "./crm.js";
export { formatCsvField, formatCsvRecord, neutralizeFormula } from "./csv.js";
export {
  type CrmDatabaseHandle,
  type DatabaseOptions,
  openDatabase,
} from "./database/open-database.js";
export type { CrmDatabase } from "./database/schema.js";
export { CRM_ERROR_CODES, CrmError, type CrmErrorCode } from "./errors.js";
export {
  authorizeRoute,
  executeRoute,
  type RouteCaller,
  type RouteInput,
  type RouteServices,
} from "./execute-route.js";
export { DEFAULT_SCRYPT_COST, hashPassword, verifyPassword } from "./password-hash.js";
export {
  hasPermission,
  isRole,
  PERMISSIONS,
  type Permission,
  ROLE_PERMISSIONS,
  ROLES,
  type Role,
} from "./permissions.js";
export type {
  CrmRoute,
  DomainResult,
  EmptyResult,
  JsonResult,
  RateLimitPolicyName,
  RequestFacts,
  RouteAccess,
  RouteBodyType,
  RouteContext,
  RouteMethod,
  RouteSchemas,
  SchemaOutput,
  StreamResult,
  UploadedFile,
} from "./route-table.js";
export { MAX_BULK_CONTACTS, MAX_PAGE_LIMIT } from "./schemas.js";
export { type DemoLogin, type SeedOptions, type SeedResult, seedDevelopmentData } from "./seed.js";
export {
  createTokenService,
  DEFAULT_JWT_AUDIENCE,
  DEFAULT_JWT_ISSUER,
  DEFAULT_TOKEN_LIFETIME_SECONDS,
  type JwtKey,
  type TokenClaims,
  type TokenService,
  type TokenServiceOptions,
} from "./token-service.js";
export type { PublicUser } from "./user-store.js";
