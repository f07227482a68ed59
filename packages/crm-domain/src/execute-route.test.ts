import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { createAuditLog } from "./audit-log.js";
import { type Crm, createCrm } from "./crm.js";
import { type CrmDatabaseHandle, openDatabase } from "./database/open-database.js";
import {
  authorizeRoute,
  executeRoute,
  type RouteCaller,
  type RouteServices,
} from "./execute-route.js";
import { type CrmRoute, defineRoute, json } from "./route-table.js";
import { createTokenService } from "./token-service.js";

let database: CrmDatabaseHandle;
let crm: Crm;

function findRoute(method: string, path: string): CrmRoute {
  const route = crm.routes.find((entry) => entry.method === method && entry.path === path);
  if (route === undefined) throw new Error(`no route ${method} ${path}`);
  return route;
}

const FACTS = { clientIp: "192.0.2.5", requestId: undefined, userAgent: undefined };

beforeAll(async () => {
  database = await openDatabase();
  crm = createCrm({
    database,
    jwt: { keys: [{ version: 1, secret: "a-test-secret-that-is-32-bytes-or-more" }] },
    scryptCost: 2 ** 14,
  });
});
afterAll(async () => {
  await crm?.close();
  await database?.close();
});

describe("executeRoute", () => {
  it("runs a public route's handler", async () => {
    const health = findRoute("GET", "/api/health");
    const caller = await crm.authorize(health, undefined);
    expect(caller.user).toBeUndefined();
    await expect(crm.execute(health, { caller, ...FACTS })).resolves.toMatchObject({
      kind: "json",
      status: 200,
    });
  });

  it("rejects a caller built by hand", async () => {
    const health = findRoute("GET", "/api/health");
    const forged: RouteCaller = { route: health, user: undefined };
    await expect(crm.execute(health, { caller: forged, ...FACTS })).rejects.toMatchObject({
      code: "ERR_CRM_INVALID_CALLER",
    });
  });

  it("rejects a caller of another route", async () => {
    const health = findRoute("GET", "/api/health");
    const users = findRoute("GET", "/api/users");
    const caller = await crm.authorize(health, undefined);
    await expect(
      crm.execute(users, { caller, query: { limit: 20, offset: 0 }, ...FACTS }),
    ).rejects.toMatchObject({ code: "ERR_CRM_INVALID_CALLER" });
  });

  it("drops parts without a schema", async () => {
    const services: RouteServices = {
      db: database.db,
      tokens: createTokenService({ keys: [{ version: 1, secret: "b".repeat(32) }] }),
      audit: createAuditLog(database.db),
      events: { publish: () => {} },
    };
    const echo = defineRoute({
      method: "POST",
      path: "/echo",
      access: "public",
      rateLimits: [],
      bodyType: "json",
      schemas: { query: z.object({ q: z.string() }) },
      handler: async (context) =>
        json(200, { body: context.body, query: context.query, params: context.params }),
    });
    const caller = await authorizeRoute(echo, services, undefined);
    const result = await executeRoute(echo, services, {
      caller,
      query: { q: "kept" },
      body: { injected: true },
      params: { id: "x" },
      ...FACTS,
    });
    expect(result).toMatchObject({ kind: "json", body: { query: { q: "kept" } } });
    expect((result as { body: Record<string, unknown> }).body.body).toBeUndefined();
    expect((result as { body: Record<string, unknown> }).body.params).toBeUndefined();
  });
});

describe("authorizeRoute", () => {
  it.each<[string, string | string[] | undefined]>([
    ["missing header", undefined],
    ["malformed token", "Bearer not-a-token"],
    ["two headers", ["Bearer a.b.c", "Bearer d.e.f"]],
  ])("rejects %s with 401", async (_label, authorization) => {
    await expect(
      crm.authorize(findRoute("GET", "/api/users"), authorization),
    ).rejects.toMatchObject({ code: "UNAUTHORIZED", status: 401 });
  });
});
