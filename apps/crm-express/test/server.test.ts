import { describeCrmServer } from "@bulwark/conformance";
import {
  getTestDatabaseUrl,
  hasPostgresServer,
  POSTGRES_SKIP_REASON,
  startRedisServer,
  stopTestDatabaseServer,
} from "@bulwark-test/support";
import { afterAll } from "vitest";
import { createApp } from "../src/index.js";

const hasPostgres = hasPostgresServer();
if (!hasPostgres) console.warn(`Skipping the PostgreSQL smoke test. ${POSTGRES_SKIP_REASON}`);
afterAll(() => stopTestDatabaseServer());

describeCrmServer("crm-express", createApp, {
  startRedis: startRedisServer,
  getDatabaseUrl: getTestDatabaseUrl,
  postgresSkipReason: POSTGRES_SKIP_REASON,
  hasPostgres,
});
