import { sendRequest } from "../http-client.js";
import type { ReceivedResponse } from "../types.js";
import { CRM_TEST_PASSWORDS } from "./start-crm-app.js";
import type { CrmResponse, CrmSession, RunningCrmApp } from "./types.js";

function parseBody(response: ReceivedResponse): unknown {
  const type = response.headers["content-type"];
  if (typeof type !== "string" || !type.startsWith("application/json")) return undefined;
  return JSON.parse(response.body);
}

/** Creates a session on a running app; `transcript` receives every response in order. */
export function createCrmSession(app: RunningCrmApp, transcript: ReceivedResponse[]): CrmSession {
  const session: CrmSession = {
    app,
    async call(method, path, options = {}) {
      const headers: [string, string][] = [];
      if (options.token !== undefined) headers.push(["Authorization", `Bearer ${options.token}`]);
      if (options.json !== undefined) headers.push(["Content-Type", "application/json"]);
      for (const [name, value] of options.headers ?? []) headers.push([name, value]);
      const body = options.json === undefined ? options.body : JSON.stringify(options.json);
      const response = await sendRequest(app.port, {
        method,
        path,
        headers,
        ...(body === undefined ? {} : { body }),
      });
      transcript.push(response);
      return { ...response, json: parseBody(response) } satisfies CrmResponse;
    },
    async login(role) {
      const response = await session.call("POST", "/api/auth/login", {
        json: { username: role, password: CRM_TEST_PASSWORDS[role] },
      });
      if (response.status !== 200) {
        throw new Error(`Login as ${role} failed with status ${response.status}: ${response.body}`);
      }
      return response.json.token as string;
    },
  };
  return session;
}
