import type { SecurityEvent } from "@bulwark/core";
import {
  type CreateCrmServer,
  type CrmRuntime,
  createCrmRuntime,
  loadCrmAppConfig,
  type Role,
} from "@bulwark/crm-domain";
import { createCallbackSink } from "@bulwark/monitor";
import type { RunningCrmApp } from "./types.js";

/** Passwords of the demo users in CRM conformance apps. */
export const CRM_TEST_PASSWORDS: Readonly<Record<Role, string>> = {
  admin: "admin-test-password-1",
  manager: "manager-test-password-1",
  agent: "agent-test-password-1",
  viewer: "viewer-test-password-1",
};

/** scrypt cost of conformance apps: the lowest the CRM accepts, to keep the suite fast. */
const TEST_SCRYPT_COST = 2 ** 14;

/** Environment of a conformance app, read through the apps' own configuration loader. */
const TEST_ENV = {
  NODE_ENV: "test",
  JWT_SECRET: "k3Yq8vZ2pW7rT1mN5bX9cF4hJ6dL0sGa",
  PORT: "0",
} as const;

/** Options of `startCrmApp`. */
export interface StartCrmAppOptions {
  /** Extra environment variables, such as `DATABASE_URL`. */
  readonly env?: Readonly<Record<string, string>>;
}

/**
 * Starts a reference app for the CRM conformance cases: a fresh runtime on an in-memory PGlite
 * database (or `env.DATABASE_URL`) seeded with the four demo users and no contacts, and the app
 * from `createApp` listening on an ephemeral port of 127.0.0.1.
 *
 * @example
 * describeCrmConformance("crm-express", () => startCrmApp(createApp));
 */
export async function startCrmApp(
  createApp: CreateCrmServer<CrmRuntime>,
  options: StartCrmAppOptions = {},
): Promise<RunningCrmApp> {
  const events: SecurityEvent[] = [];
  const config = loadCrmAppConfig({ ...TEST_ENV, ...options.env });
  const runtime = await createCrmRuntime(config, {
    scryptCost: TEST_SCRYPT_COST,
    seed: { contactCount: 0, passwords: CRM_TEST_PASSWORDS },
    sinks: [createCallbackSink({ onEvent: (event) => void events.push(event) })],
  });
  const server = createApp(runtime);
  try {
    const { port } = await server.listen(0, "127.0.0.1");
    return {
      port,
      events,
      flushEvents: () => runtime.monitor.flush(),
      close: async () => {
        await server.close();
        await runtime.close();
      },
    };
  } catch (error) {
    await runtime.close();
    throw error;
  }
}
