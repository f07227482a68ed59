import { type CrmRoute, defineRoute, json } from "../route-table.js";
import { auditQuery } from "../schemas.js";
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
      schemas: { query: auditQuery },
      async handler(context) {
        const { limit, offset, action } = context.query;
        const filter = action === undefined ? {} : { action };
        const [items, total] = await Promise.all([
          services.audit.list({ ...filter, limit, offset }),
          services.audit.count(filter),
        ]);
        return json(200, { items, total, limit, offset });
      },
    }),
  ];
}
