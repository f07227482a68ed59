import { type CrmRoute, defineRoute, json } from "../route-table.js";
import { auditQuerySchema } from "../schemas.js";
import type { CrmServices } from "./services.js";

/** Creates the audit log reader, newest entries first. */
export function createAuditRoutes(services: CrmServices): CrmRoute[] {
  return [
    defineRoute({
      method: "GET",
      path: "/api/audit",
      access: "audit:read",
      rateLimits: ["api"],
      bodyType: "none",
      schemas: { query: auditQuerySchema },
      async handler(context) {
        const page = await services.audit.list(context.query);
        return json(200, { ...page, limit: context.query.limit, offset: context.query.offset });
      },
    }),
  ];
}
