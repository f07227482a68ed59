import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { connect as tlsConnect } from "node:tls";
import type { CreateCrmServer, CrmRuntime } from "@bulwark/crm-domain";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AUTH_LIMIT_MESSAGE } from "../cases-rate-limit.js";
import { sendRequest } from "../http-client.js";
import { CRM_TEST_PASSWORDS, startCrmApp } from "./start-crm-app.js";
import type { RunningCrmApp } from "./types.js";

/** Services the server suite needs from the test environment. */
export interface CrmServerServices {
  /** Starts a private, empty Redis server on 127.0.0.1. */
  startRedis(): Promise<{ readonly url: string; stop(): Promise<void> }>;
  /** Returns a PostgreSQL server URL, or undefined when none is available. */
  getDatabaseUrl(): Promise<string | undefined>;
  /** Reason the PostgreSQL smoke test prints when it skips. */
  readonly postgresSkipReason: string;
  /** Whether a PostgreSQL server is available, decided before the tests are collected. */
  readonly hasPostgres: boolean;
}

const OPENSSL_HINT =
  "openssl was not found on PATH; it creates the test certificate. Install it (Debian: apt-get install -y openssl).";

/** Creates a self-signed certificate for 127.0.0.1 in a new folder and returns the file paths. */
function createTestCertificate(): { certFile: string; keyFile: string; cert: Buffer } {
  const folder = mkdtempSync(join(tmpdir(), "crm-tls-"));
  const certFile = join(folder, "cert.pem");
  const keyFile = join(folder, "key.pem");
  try {
    execFileSync(
      "openssl",
      [
        "req",
        "-x509",
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:prime256v1",
        "-nodes",
        "-days",
        "1",
        "-subj",
        "/CN=127.0.0.1",
        "-addext",
        "subjectAltName=IP:127.0.0.1",
        "-keyout",
        keyFile,
        "-out",
        certFile,
      ],
      { stdio: "ignore" },
    );
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") throw new Error(OPENSSL_HINT);
    throw error;
  }
  return { certFile, keyFile, cert: readFileSync(certFile) };
}

function getOverHttps(port: number, path: string, ca: Buffer) {
  return new Promise<{ status: number; headers: Record<string, unknown> }>((resolve, reject) => {
    const req = httpsRequest({ host: "127.0.0.1", port, path, ca, agent: false }, (res) => {
      res.resume();
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers }));
    });
    req.on("error", reject);
    req.end();
  });
}

function handshakeWithTls12(port: number, ca: Buffer): Promise<string> {
  return new Promise((resolve) => {
    const socket = tlsConnect({ host: "127.0.0.1", port, ca, maxVersion: "TLSv1.2" }, () => {
      socket.end();
      resolve("connected");
    });
    socket.on("error", (error: NodeJS.ErrnoException) => resolve(error.code ?? "error"));
  });
}

/**
 * Defines the tests of a reference app as a server. They cover HTTPS with TLS 1.3 at minimum and
 * HSTS, the HTTP-to-HTTPS redirect behind a trusted proxy and graceful close of requests in
 * flight. They also check rate limits shared by two instances through Redis, and run a smoke test
 * on a PostgreSQL server.
 *
 * @example
 * describeCrmServer("crm-express", createApp, services);
 */
export function describeCrmServer(
  name: string,
  createApp: CreateCrmServer<CrmRuntime>,
  services: CrmServerServices,
): void {
  describe(`${name} server`, () => {
    it("serves TLS 1.3 with HSTS", async () => {
      const { certFile, keyFile, cert } = createTestCertificate();
      const app = await startCrmApp(createApp, {
        env: { TLS_CERT_FILE: certFile, TLS_KEY_FILE: keyFile },
      });
      try {
        const response = await getOverHttps(app.port, "/api/health", cert);
        expect(response.status).toBe(200);
        expect(response.headers["strict-transport-security"]).toMatch(/^max-age=\d+/);
        expect(await handshakeWithTls12(app.port, cert)).not.toBe("connected");
      } finally {
        await app.close();
      }
    });

    it("redirects plain HTTP behind proxy", async () => {
      const app = await startCrmApp(createApp, {
        env: { TRUST_PROXY: "loopback", HTTPS_REDIRECT: "true" },
      });
      try {
        const plain = await sendRequest(app.port, {
          method: "GET",
          path: "/api/health?probe=1",
          headers: [["X-Forwarded-Host", "ignored.example"]],
        });
        expect(plain.status).toBe(308);
        expect(plain.headers.location).toBe(`https://127.0.0.1:${app.port}/api/health?probe=1`);
        expect(plain.headers["x-frame-options"]).toBe("DENY");

        const write = await sendRequest(app.port, {
          method: "POST",
          path: "/api/auth/login",
          headers: [["Content-Type", "application/json"]],
          body: "{}",
        });
        expect(write.status).toBe(400);
        expect(JSON.parse(write.body)).toMatchObject({ code: "BAD_REQUEST" });

        const proxied = await sendRequest(app.port, {
          method: "GET",
          path: "/api/health",
          headers: [["X-Forwarded-Proto", "https"]],
        });
        expect(proxied.status).toBe(200);
        expect(proxied.headers["strict-transport-security"]).toMatch(/^max-age=\d+/);
      } finally {
        await app.close();
      }
    });

    it("finishes requests in flight on close", async () => {
      const app = await startCrmApp(createApp);
      let closed = false;
      try {
        const body = JSON.stringify({ username: "admin", password: CRM_TEST_PASSWORDS.admin });
        const response = new Promise<number>((resolve, reject) => {
          const req = httpRequest(
            {
              host: "127.0.0.1",
              port: app.port,
              method: "POST",
              path: "/api/auth/login",
              headers: { "content-type": "application/json", "content-length": body.length },
            },
            (res) => {
              res.resume();
              res.on("end", () => resolve(res.statusCode ?? 0));
            },
          );
          req.on("error", reject);
          // Half the body now; the rest after the app has begun to close.
          req.write(body.slice(0, 10));
          setTimeout(() => {
            closing = app.close().then(() => {
              closed = true;
            });
            setTimeout(() => req.end(body.slice(10)), 200);
          }, 200);
        });
        let closing: Promise<void> | undefined;
        expect(await response).toBe(200);
        await closing;
        expect(closed).toBe(true);
        const refused = await sendRequest(app.port, { method: "GET", path: "/api/health" }).catch(
          (error: NodeJS.ErrnoException) => error.code,
        );
        expect(refused).toBe("ECONNREFUSED");
      } finally {
        if (!closed) await app.close();
      }
    });

    it("shares limits through Redis", async () => {
      const redis = await services.startRedis();
      const apps: RunningCrmApp[] = [];
      try {
        apps.push(await startCrmApp(createApp, { env: { REDIS_URL: redis.url } }));
        apps.push(await startCrmApp(createApp, { env: { REDIS_URL: redis.url } }));
        const statuses: number[] = [];
        let last = "";
        for (let attempt = 0; attempt < 6; attempt += 1) {
          // Alternates between the two instances, as a load balancer would.
          const app = apps[attempt % 2] as RunningCrmApp;
          const response = await sendRequest(app.port, {
            method: "POST",
            path: "/api/auth/login",
            headers: [["Content-Type", "application/json"]],
            body: JSON.stringify({ username: "viewer", password: `wrong-password-${attempt}` }),
          });
          statuses.push(response.status);
          last = response.body;
        }
        expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
        expect(JSON.parse(last)).toEqual({ message: AUTH_LIMIT_MESSAGE, code: "RATE_LIMITED" });
      } finally {
        for (const app of apps) await app.close();
        await redis.stop();
      }
    });

    describe.skipIf(!services.hasPostgres)(`on PostgreSQL (${services.postgresSkipReason})`, () => {
      let serverUrl: string;
      let databaseName: string | undefined;
      let app: RunningCrmApp | undefined;

      beforeAll(async () => {
        const url = await services.getDatabaseUrl();
        if (url === undefined) throw new Error(services.postgresSkipReason);
        serverUrl = url;
        databaseName = `crm_app_${randomBytes(6).toString("hex")}`;
        await withClient(serverUrl, (client) => client.query(`create database ${databaseName}`));
        const databaseUrl = new URL(serverUrl);
        databaseUrl.pathname = `/${databaseName}`;
        app = await startCrmApp(createApp, { env: { DATABASE_URL: databaseUrl.toString() } });
      });

      afterAll(async () => {
        await app?.close();
        if (databaseName !== undefined) {
          await withClient(serverUrl, (client) =>
            client.query(`drop database if exists ${databaseName}`),
          );
        }
      });

      it("logs in and stores a contact", async () => {
        const port = (app as RunningCrmApp).port;
        const login = await sendRequest(port, {
          method: "POST",
          path: "/api/auth/login",
          headers: [["Content-Type", "application/json"]],
          body: JSON.stringify({ username: "agent", password: CRM_TEST_PASSWORDS.agent }),
        });
        expect(login.status).toBe(200);
        const token = JSON.parse(login.body).token as string;
        const created = await sendRequest(port, {
          method: "POST",
          path: "/api/contacts",
          headers: [
            ["Authorization", `Bearer ${token}`],
            ["Content-Type", "application/json"],
          ],
          body: JSON.stringify({ firstName: "Ada", lastName: "Lovelace", notes: "1=1 OR 'a'='a'" }),
        });
        expect(created.status).toBe(201);
        const id = JSON.parse(created.body).contact.id as string;
        const read = await sendRequest(port, {
          method: "GET",
          path: `/api/contacts/${id}`,
          headers: [["Authorization", `Bearer ${token}`]],
        });
        expect(JSON.parse(read.body).contact.notes).toBe("1=1 OR 'a'='a'");
      });
    });
  });
}

async function withClient<T>(url: string, run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}
