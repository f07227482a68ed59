import { randomBytes } from "node:crypto";
import { isDeepStrictEqual } from "node:util";
import { normalizeCrmTranscript } from "@bulwark/conformance/http";
import { type Logger, NOOP_LOGGER, type SecurityEvent } from "@bulwark/core";
import {
  type CreateCrmServer,
  type CrmRuntime,
  createCrmRuntime,
  loadCrmAppConfig,
  type Role,
  type StoredAuditEntry,
} from "@bulwark/crm-domain";
import { createApp as createExpressApp } from "@bulwark/crm-express";
import { createApp as createFastifyApp } from "@bulwark/crm-fastify";
import { createCallbackSink } from "@bulwark/monitor";
import { ATTACKS, type Attack, type AttackResult } from "./attacks.js";
import { createDemoClient } from "./demo-client.js";

/** The two reference apps, by the name the demo prints. */
export const FRAMEWORKS = { express: createExpressApp, fastify: createFastifyApp } as const;
export type FrameworkName = keyof typeof FRAMEWORKS;

/** One row of the demo's table. */
export interface AttackRow {
  readonly attack: string;
  readonly expected: string;
  readonly results: Readonly<Record<FrameworkName, AttackResult>>;
  /**
   * Whether both apps sent the same statuses, headers and bodies once ids, tokens and times are
   * normalised.
   */
  readonly identical: boolean;
}

/** Everything the demo found, for printing and for its exit code. */
export interface DemoReport {
  readonly rows: readonly AttackRow[];
  readonly alerts: Readonly<Record<FrameworkName, readonly SecurityEvent[]>>;
  readonly audit: Readonly<Record<FrameworkName, readonly StoredAuditEntry[]>>;
  /** True when every protection held in both apps and both apps sent identical responses. */
  readonly passed: boolean;
}

/** Options of `runDemo`. */
export interface RunDemoOptions {
  /** Receives a line per step while the demo runs. */
  readonly progress?: (line: string) => void;
  /** Logger of both apps, such as pino writing to a file. */
  readonly logger?: Logger;
  /** Audit entries to report per app. Defaults to 8. */
  readonly auditEntries?: number;
  /** scrypt cost of the demo users. Defaults to the CRM's production cost. */
  readonly scryptCost?: number;
}

interface FrameworkRuntime {
  readonly runtime: CrmRuntime;
  readonly events: SecurityEvent[];
  readonly passwords: Record<Role, string>;
}

async function startRuntime(options: RunDemoOptions): Promise<FrameworkRuntime> {
  const events: SecurityEvent[] = [];
  // A fresh random key per run; the demo never reads JWT_SECRET from the environment.
  const config = loadCrmAppConfig({
    NODE_ENV: "development",
    JWT_SECRET: randomBytes(32).toString("base64url"),
  });
  const runtime = await createCrmRuntime(config, {
    logger: options.logger ?? NOOP_LOGGER,
    seed: { contactCount: 25 },
    ...(options.scryptCost === undefined ? {} : { scryptCost: options.scryptCost }),
    sinks: [createCallbackSink({ onEvent: (event) => void events.push(event) })],
  });
  if (!runtime.seed.seeded)
    throw new Error("The demo database was not empty, so no demo users exist.");
  const passwords = Object.fromEntries(
    runtime.seed.logins.map((login) => [login.role, login.password]),
  ) as Record<Role, string>;
  return { runtime, events, passwords };
}

/**
 * Runs one attack against one app. Each attack gets a new HTTP app over the same runtime, so its
 * rate-limit counters start empty and one attack's 429s never hide the next one's protection,
 * while the database, the login guard and the monitor keep everything that happened.
 */
async function runAttack(
  attack: Attack,
  createApp: CreateCrmServer<CrmRuntime>,
  framework: FrameworkRuntime,
) {
  const server = createApp(framework.runtime);
  const { port } = await server.listen(0, "127.0.0.1");
  try {
    const client = createDemoClient(port);
    const result = await attack.run({
      client,
      passwords: framework.passwords,
      events: async () => {
        await framework.runtime.monitor.flush();
        return framework.events;
      },
    });
    return { result, transcript: client.transcript };
  } finally {
    await server.close();
  }
}

/**
 * Starts both reference apps on the embedded database and in-memory limiter, on ephemeral ports of
 * 127.0.0.1, runs every attack against both, and returns the table rows, the alerts the monitors
 * raised and the latest audit entries.
 */
export async function runDemo(options: RunDemoOptions = {}): Promise<DemoReport> {
  const progress = options.progress ?? (() => {});
  progress("Starting both apps (embedded PostgreSQL, in-memory limiter, demo data)…");
  const runtimes = {
    express: await startRuntime(options),
    fastify: await startRuntime(options),
  } satisfies Record<FrameworkName, FrameworkRuntime>;

  try {
    const rows: AttackRow[] = [];
    for (const [index, attack] of ATTACKS.entries()) {
      const express = await runAttack(attack, FRAMEWORKS.express, runtimes.express);
      const fastify = await runAttack(attack, FRAMEWORKS.fastify, runtimes.fastify);
      const identical =
        express.result.outcome === fastify.result.outcome &&
        isDeepStrictEqual(
          normalizeCrmTranscript(express.transcript),
          normalizeCrmTranscript(fastify.transcript),
        );
      const held = express.result.protected && fastify.result.protected;
      progress(
        `[${index + 1}/${ATTACKS.length}] ${attack.name}: ${held ? "held" : "FAILED"}${identical ? "" : ", frameworks DIFFER"}`,
      );
      rows.push({
        attack: attack.name,
        expected: attack.expected,
        results: { express: express.result, fastify: fastify.result },
        identical,
      });
    }

    const limit = options.auditEntries ?? 8;
    const alerts = {} as Record<FrameworkName, readonly SecurityEvent[]>;
    const audit = {} as Record<FrameworkName, readonly StoredAuditEntry[]>;
    for (const name of Object.keys(runtimes) as FrameworkName[]) {
      await runtimes[name].runtime.monitor.flush();
      alerts[name] = runtimes[name].runtime.recentAlerts();
      audit[name] = await runtimes[name].runtime.crm.audit.list({ limit });
    }
    const passed = rows.every(
      (row) => row.identical && row.results.express.protected && row.results.fastify.protected,
    );
    return { rows, alerts, audit, passed };
  } finally {
    await runtimes.express.runtime.close();
    await runtimes.fastify.runtime.close();
  }
}
