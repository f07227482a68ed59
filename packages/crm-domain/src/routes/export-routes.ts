import { streamContactsCsv } from "../contact-export.js";
import { type CrmRoute, defineRoute } from "../route-table.js";
import { emptyQuery } from "../schemas.js";
import { type CrmServices, recordAudit } from "./services.js";

/** Creates the streamed CSV export of all contacts. */
export function createExportRoutes(services: CrmServices): CrmRoute[] {
  return [
    defineRoute({
      method: "GET",
      path: "/api/exports/contacts.csv",
      access: "contacts:export",
      rateLimits: ["api", "expensive"],
      bodyType: "none",
      schemas: { query: emptyQuery },
      async handler(context) {
        // The export is audited when it starts: a client that drops the connection midway has
        // still read part of the data.
        await recordAudit(context, { action: "contacts.exported", targetType: "contact" });
        return {
          kind: "stream",
          status: 200,
          headers: [
            ["Content-Type", "text/csv; charset=utf-8"],
            ["Content-Disposition", 'attachment; filename="contacts.csv"'],
            ["Cache-Control", "no-store"],
          ],
          body: streamContactsCsv(services.db),
        };
      },
    }),
  ];
}
