import { randomUUID } from "node:crypto";
import { type SecurityEvent, toErrorResponse } from "@bulwark/core";
import type { LoginGuard } from "@bulwark/limiter";
import { createRequestValidator, type RequestValidator } from "@bulwark/schemas";
import {
  type Crm,
  type CrmDatabaseHandle,
  type CrmRoute,
  createCrm,
  type DomainResult,
  openDatabase,
  type Role,
  type RouteSchemas,
  seedDevelopmentData,
  type UploadedFile,
} from "../src/index.js";

/** Low scrypt cost that keeps the suite fast; production code uses the default. */
export const TEST_SCRYPT_COST = 2 ** 14;
export const JWT_SECRET = "test-secret-that-is-at-least-32-bytes-long";
export const PASSWORDS: Record<Role, string> = {
  admin: "admin-password-123",
  manager: "manager-password-123",
  agent: "agent-password-123",
  viewer: "viewer-password-123",
};

/** Response of `TestCrm.call`, rendered the way an app renders it. */
export interface TestResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  // biome-ignore lint/suspicious/noExplicitAny: tests read parsed JSON bodies by path.
  readonly body: any;
  readonly text: string;
}

export interface CallOptions {
  readonly token?: string;
  readonly body?: unknown;
  /** Text fields and file of a multipart body, as an app's multipart parser delivers them. */
  readonly multipart?: {
    readonly fields: Readonly<Record<string, string>>;
    readonly file: UploadedFile | undefined;
  };
  readonly clientIp?: string;
}

export interface TestCrm {
  readonly crm: Crm;
  readonly database: CrmDatabaseHandle;
  readonly events: SecurityEvent[];
  call(method: string, target: string, options?: CallOptions): Promise<TestResponse>;
  login(role: Role): Promise<string>;
  close(): Promise<void>;
}

function matchRoute(routes: readonly CrmRoute[], method: string, path: string) {
  for (const route of routes) {
    if (route.method !== method) continue;
    const pattern = route.path.split("/");
    const actual = path.split("/");
    if (pattern.length !== actual.length) continue;
    const params: Record<string, string> = {};
    const matches = pattern.every((segment, index) => {
      const value = actual[index]!;
      if (segment.startsWith(":")) {
        params[segment.slice(1)] = decodeURIComponent(value);
        return true;
      }
      return segment === value;
    });
    if (matches) return { route, params };
  }
  return undefined;
}

function parseQuery(query: string): Record<string, string | string[]> {
  const result: Record<string, string | string[]> = {};
  for (const [key, value] of new URLSearchParams(query)) {
    const existing = result[key];
    if (existing === undefined) result[key] = value;
    else result[key] = Array.isArray(existing) ? [...existing, value] : [existing, value];
  }
  return result;
}

async function render(run: () => Promise<DomainResult>): Promise<TestResponse> {
  try {
    const result = await run();
    if (result.kind === "empty")
      return { status: result.status, headers: {}, body: undefined, text: "" };
    if (result.kind === "json") {
      const text = JSON.stringify(result.body);
      const headers = Object.fromEntries(result.headers ?? []);
      return { status: result.status, headers, body: JSON.parse(text), text };
    }
    let text = "";
    for await (const chunk of result.body) text += chunk;
    return {
      status: result.status,
      headers: Object.fromEntries(result.headers),
      body: undefined,
      text,
    };
  } catch (error) {
    const response = toErrorResponse(error);
    if (response.status === 500) throw error;
    return {
      status: response.status,
      headers: Object.fromEntries(response.headers),
      body: JSON.parse(response.body),
      text: response.body,
    };
  }
}

/**
 * Opens a CRM with one seeded user per role, as an app would wire it: in-memory PGlite unless
 * `databaseUrl` is given, and the default login guard unless one is injected.
 */
export async function createTestCrm(
  options: { loginGuard?: LoginGuard; databaseUrl?: string; contactCount?: number } = {},
): Promise<TestCrm> {
  const database = await openDatabase({ databaseUrl: options.databaseUrl });
  await seedDevelopmentData(database.db, {
    scryptCost: TEST_SCRYPT_COST,
    passwords: PASSWORDS,
    contactCount: options.contactCount ?? 20,
  });
  const events: SecurityEvent[] = [];
  const crm = createCrm({
    database,
    jwt: { keys: [{ version: 1, secret: JWT_SECRET }] },
    events: { publish: (event) => events.push(event) },
    scryptCost: TEST_SCRYPT_COST,
    ...(options.loginGuard === undefined ? {} : { loginGuard: options.loginGuard }),
  });

  // One validator per route, created once, as the adapters' validate(route.schemas) does.
  const validators = new Map<CrmRoute, RequestValidator<RouteSchemas>>(
    crm.routes.map((route) => [route, createRequestValidator(route.schemas)]),
  );

  // The order an app runs per request, after its rate limits: authorize, validate, execute.
  const call: TestCrm["call"] = (method, target, callOptions = {}) => {
    const [path = "", query = ""] = target.split("?");
    const matched = matchRoute(crm.routes, method, path);
    if (matched === undefined) throw new Error(`no route for ${method} ${path}`);
    const { route, params } = matched;
    const authorization =
      callOptions.token === undefined ? undefined : `Bearer ${callOptions.token}`;
    return render(async () => {
      const caller = await crm.authorize(route, authorization);
      const parsed = validators.get(route)!.parse({
        params,
        query: parseQuery(query),
        body: callOptions.multipart?.fields ?? callOptions.body,
      });
      return crm.execute(route, {
        caller,
        ...parsed,
        file: callOptions.multipart?.file,
        clientIp: callOptions.clientIp ?? "127.0.0.1",
        requestId: randomUUID(),
        userAgent: "crm-domain-tests",
      });
    });
  };

  const login = async (role: Role) => {
    const response = await call("POST", "/api/auth/login", {
      body: { username: role, password: PASSWORDS[role] },
    });
    if (response.status !== 200) throw new Error(`login as ${role} failed with ${response.status}`);
    return response.body.token as string;
  };

  const close = async () => {
    await crm.close();
    await database.close();
  };
  return { crm, database, events, call, login, close };
}
