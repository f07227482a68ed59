import { randomUUID } from "node:crypto";
import { once } from "node:events";
import { Redis } from "ioredis";
import { describe, expect, it } from "vitest";
import { AUTH_LIMIT_MESSAGE, RATE_LIMIT_ROUTES } from "./cases-rate-limit.js";
import { sendRequest } from "./http-client.js";
import type { CreateApp, RunningApp } from "./types.js";

/**
 * Defines a test that starts one app per entry of `apps` at the same time, all on one Redis store,
 * and sends login attempts to them in turn. The five allowed attempts are shared, so the sixth
 * gets 429 from whichever app receives it. `getRedisUrl` returns the URL of a running Redis;
 * each run uses a fresh key prefix, so runs never see each other's counters.
 *
 * @example
 * describeSharedStore("express and fastify", { express, fastify }, getSharedRedisUrl);
 */
export function describeSharedStore(
  name: string,
  apps: Readonly<Record<string, CreateApp>>,
  getRedisUrl: () => Promise<string>,
): void {
  describe(`${name} shared store`, () => {
    it("shares the login limit across apps", async () => {
      const url = await getRedisUrl();
      const keyPrefix = `bulwark-conformance-${randomUUID()}`;
      const running: RunningApp[] = [];
      const clients: Redis[] = [];
      try {
        // One connected client per app, as separate processes would have. "closed" responds with 503
        // on a store failure, so a request can never pass on a per-process fallback counter. The
        // store timeout is raised from its 100 ms default so a loaded CI machine is not a failure.
        for (const createApp of Object.values(apps)) {
          const client = new Redis(url, { lazyConnect: false });
          clients.push(client);
          if (client.status !== "ready") await once(client, "ready");
          const options = {
            rateLimit: {
              redis: client,
              keyPrefix,
              onStoreError: "closed" as const,
              storeTimeoutMs: 5_000,
            },
          };
          running.push(await createApp({ options, routes: RATE_LIMIT_ROUTES }));
        }
        expect(running.length).toBeGreaterThanOrEqual(2);

        const statuses: number[] = [];
        const remaining: unknown[] = [];
        let last = "";
        for (let attempt = 0; attempt < 7; attempt += 1) {
          const app = running[attempt % running.length] as RunningApp;
          const response = await sendRequest(app.port, {
            method: "POST",
            path: "/api/auth/login",
            headers: [["Content-Type", "application/json"]],
            body: '{"username":"alice","password":"wrong"}',
          });
          statuses.push(response.status);
          remaining.push(response.headers["ratelimit-remaining"]);
          last = response.body;
        }

        expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429]);
        expect(remaining).toEqual(["4", "3", "2", "1", "0", "0", "0"]);
        expect(JSON.parse(last)).toEqual({ message: AUTH_LIMIT_MESSAGE, code: "RATE_LIMITED" });
      } finally {
        await Promise.all(running.map((app) => app.close()));
        await Promise.all(clients.map((client) => client.quit()));
      }
    });
  });
}
