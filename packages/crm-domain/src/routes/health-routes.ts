import { createHttpError } from "@bulwark/core";
import { sql } from "kysely";
import { type CrmRoute, defineRoute, json } from "../route-table.js";
import type { CrmServices } from "./services.js";

/** Creates the health check, which is public, not rate limited, and returns 503 without a database. */
export function createHealthRoutes(services: CrmServices): CrmRoute[] {
  return [
    defineRoute({
      method: "GET",
      path: "/api/health",
      access: "public",
      rateLimits: [],
      bodyType: "none",
      schemas: {},
      async handler() {
        try {
          await sql`select 1`.execute(services.db);
        } catch (error) {
          services.logger.error({ err: error }, "Health check could not reach the database");
          throw createHttpError("SERVICE_UNAVAILABLE", { cause: error });
        }
        return json(200, { status: "ok" });
      },
    }),
  ];
}
