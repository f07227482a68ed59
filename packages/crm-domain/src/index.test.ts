import { describe, expect, it } from "vitest";
import * as crmDomain from "./index.js";

describe("@bulwark/crm-domain exports", () => {
  it("matches the public list exactly", () => {
    expect(Object.keys(crmDomain).sort()).toEqual([
      "ALLOWED_ATTACHMENT_TYPES",
      "AUDIT_ACTIONS",
      "CONTACT_CSV_COLUMNS",
      "CRM_ERROR_CODES",
      "CrmError",
      "DEFAULT_JWT_AUDIENCE",
      "DEFAULT_JWT_ISSUER",
      "DEFAULT_SCRYPT_COST",
      "DEFAULT_TOKEN_LIFETIME_SECONDS",
      "MAX_ATTACHMENT_BYTES",
      "MAX_BULK_CONTACTS",
      "MAX_PAGE_LIMIT",
      "PERMISSIONS",
      "ROLES",
      "ROLE_PERMISSIONS",
      "authorizeRoute",
      "createAuditLog",
      "createCrm",
      "createTokenService",
      "executeRoute",
      "formatCsvField",
      "formatCsvRecord",
      "hasPermission",
      "hashPassword",
      "isRole",
      "neutralizeFormula",
      "openDatabase",
      "parseBearerToken",
      "resolveAuthentication",
      "sanitizeFilename",
      "seedDevelopmentData",
      "sniffContentType",
      "storeAttachment",
      "streamContactsCsv",
      "verifyPassword",
    ]);
  });
});
