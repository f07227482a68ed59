export {
  type CrmAppConfig,
  type CrmTlsOptions,
  crmAppEnvSchema,
  loadCrmAppConfig,
  readTlsOptions,
} from "./app/app-config.js";
export {
  type CrmRuntime,
  type CrmRuntimeOptions,
  createCrmRuntime,
  STACK_POLICIES,
  selectRoutePolicies,
} from "./app/crm-runtime.js";
export {
  type CreateCrmServer,
  type CrmServer,
  type CrmServerAddress,
  formatServerUrl,
} from "./app/crm-server.js";
export { createHttpsRedirect, type HttpsRedirect } from "./app/https-redirect.js";
export { type RunCrmAppOptions, runCrmApp } from "./app/run-app.js";
export { handleShutdownSignals, SHUTDOWN_SIGNALS } from "./app/shutdown.js";
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
