export {
  type BoundedStringOptions,
  boundedString,
  countCodePoints,
} from "./bounded-string.js";
export {
  contactListQuerySchema,
  emailSchema,
  idParamsSchema,
  MAX_EMAIL_LENGTH,
  MAX_SEARCH_LENGTH,
  PAGINATION,
  paginationQuerySchema,
  ROLES,
  type Role,
  roleSchema,
  uuidSchema,
} from "./common-schemas.js";
export {
  bulkContactsSchema,
  CONTACT_LIMITS,
  contactCreateSchema,
  contactUpdateSchema,
  phoneSchema,
} from "./contacts.js";
export {
  ENV_GROUPS,
  type EnvConfig,
  envSchema,
  getJwtSecretVersion,
  JWT_SECRET_MIN_LENGTH,
  jwtEnvSchema,
  jwtSecretSchema,
} from "./env-schema.js";
export {
  SCHEMAS_ERROR_CODES,
  SCHEMAS_WARNING_CODES,
  SchemasError,
  type SchemasErrorCode,
  type SchemasWarningCode,
} from "./errors.js";
export { formatFieldPath } from "./field-path.js";
export { type FormatIssuesOptions, formatIssues, MAX_FIELD_ERRORS } from "./format-issues.js";
export { buildIssueMessage } from "./issue-message.js";
export {
  JwtKey,
  type JwtKeyRing,
  type JwtKeyRingOptions,
  jwtKeyRing,
} from "./jwt-key-ring.js";
export { type Environment, loadConfig } from "./load-config.js";
export {
  createLoginSchema,
  type LoginSchemaOptions,
  loginSchema,
  USERNAME_LENGTH,
} from "./login.js";
export {
  createPasswordSchema,
  isCommonPassword,
  PASSWORD_LENGTH,
  type PasswordSchemaOptions,
  passwordSchema,
  rejectPasswordEqualToUsername,
} from "./password-policy.js";
export { coerceQueryValues, type QueryInput, readQueryInput } from "./query-values.js";
export {
  getErrorMap,
  REQUEST_PART_NAMING,
  REQUEST_PARTS,
  type RequestPart,
  type RequestPartNaming,
} from "./request-parts.js";
export {
  createRequestValidator,
  parseRequest,
  type RequestInput,
  type RequestSchemas,
  type RequestValidationResult,
  type RequestValidator,
  type RequestValidatorOptions,
  type ValidatedRequest,
  validateRequest,
} from "./request-validator.js";
export { isZodSchema, toStrictSchema } from "./schema-shape.js";
export {
  createUserCreateSchema,
  createUserUpdateSchema,
  MAX_DISPLAY_NAME_LENGTH,
  type UserSchemaOptions,
  userCreateSchema,
  usernameSchema,
  userUpdateSchema,
} from "./users.js";
export {
  type PartValidationResult,
  type ValidatePartOptions,
  validatePart,
} from "./validate-part.js";
