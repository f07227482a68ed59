import { randomBytes } from "node:crypto";
import type { SecurityEvent } from "@bulwark/core";
import { createLoginGuard, type LoginGuard } from "@bulwark/limiter";
import { parseRequest } from "@bulwark/schemas";
import { getSharedRedisUrl } from "@bulwark-test/support";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCrm } from "../src/index.js";
import {
  createTestCrm,
  JWT_SECRET,
  PASSWORDS,
  TEST_SCRYPT_COST,
  type TestCrm,
} from "./crm-harness.js";

// Two CRM instances over one database, each with its own guard on one Redis, as two app
// processes behind a load balancer would run.
describe("login guard on Redis", () => {
  const keyPrefix = `crm-test-${randomBytes(4).toString("hex")}`;
  const guardEvents: SecurityEvent[] = [];
  let client: Redis;
  let guards: LoginGuard[];
  let harness: TestCrm;

  beforeAll(async () => {
    client = new Redis(await getSharedRedisUrl(), { lazyConnect: true });
    await client.connect();
    const events = { publish: (event: SecurityEvent) => guardEvents.push(event) };
    const createGuard = () =>
      createLoginGuard({ redis: client, keyPrefix, maxConsecutiveFailures: 3, events });
    guards = [createGuard(), createGuard()];
    harness = await createTestCrm({ loginGuard: guards[0] as LoginGuard });
  });

  afterAll(async () => {
    await harness?.close();
    for (const guard of guards ?? []) await guard.close();
    const keys = await client.keys(`${keyPrefix}*`);
    if (keys.length > 0) await client.del(...keys);
    client?.disconnect();
  });

  it("uses the injected guard", () => {
    expect(harness.crm.loginGuard).toBe(guards[0]);
  });

  it("shares the lock across instances", async () => {
    const clientIp = "198.51.100.40";
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const response = await harness.call("POST", "/api/auth/login", {
        body: { username: "agent", password: "guess-number-x" },
        clientIp,
      });
      expect(response.status).toBe(401);
    }
    expect(await client.keys(`${keyPrefix}*`)).not.toHaveLength(0);

    const second = createCrm({
      database: harness.database,
      jwt: { keys: [{ version: 1, secret: JWT_SECRET }] },
      scryptCost: TEST_SCRYPT_COST,
      loginGuard: guards[1] as LoginGuard,
    });
    const login = second.routes.find((route) => route.path === "/api/auth/login")!;
    const caller = await second.authorize(login, undefined);
    const { body } = parseRequest(
      { body: login.schemas.body! },
      {
        body: { username: "agent", password: PASSWORDS.agent },
      },
    );
    await expect(
      second.execute(login, { caller, body, clientIp, requestId: undefined, userAgent: undefined }),
    ).rejects.toMatchObject({ code: "RATE_LIMITED", status: 429 });
    await second.close();

    // The injected guard publishes account.locked through its own publisher, once.
    const locks = guardEvents.filter((event) => event.type === "account.locked");
    expect(locks).toHaveLength(1);
    expect(locks[0]).toMatchObject({ clientIp: "198.51.100.40", details: { username: "agent" } });
    expect(harness.events.map((event) => event.type)).not.toContain("account.locked");
  });

  it("leaves an injected guard open", async () => {
    await harness.crm.close();
    const decision = await guards[0]!.check({ username: "viewer", clientIp: "198.51.100.41" });
    expect(decision.allowed).toBe(true);
  });
});
