import { type ReceivedResponse, sendRequest } from "@bulwark/conformance/http";

/** A response of the demo, with the parsed JSON body when it is JSON. */
export interface DemoResponse extends ReceivedResponse {
  // biome-ignore lint/suspicious/noExplicitAny: the demo reads parsed JSON bodies by path.
  readonly json: any;
}

/** Request options of `DemoClient.call`. */
export interface DemoCallOptions {
  readonly token?: string;
  /** Body serialised as JSON with `Content-Type: application/json`. */
  readonly json?: unknown;
  /** Raw body sent as written. */
  readonly body?: string;
  readonly headers?: readonly (readonly [name: string, value: string])[];
}

/** Sends the demo's requests to one app on 127.0.0.1 and records every response. */
export interface DemoClient {
  readonly transcript: readonly ReceivedResponse[];
  call(method: string, path: string, options?: DemoCallOptions): Promise<DemoResponse>;
  /** Logs in and returns the bearer token; throws when the login fails. */
  login(username: string, password: string): Promise<string>;
}

function parseJson(response: ReceivedResponse): unknown {
  const type = response.headers["content-type"];
  if (typeof type !== "string" || !type.startsWith("application/json")) return undefined;
  return JSON.parse(response.body);
}

/** Creates a client for the app listening on `port` of 127.0.0.1. */
export function createDemoClient(port: number): DemoClient {
  const transcript: ReceivedResponse[] = [];
  const client: DemoClient = {
    transcript,
    async call(method, path, options = {}) {
      const headers: [string, string][] = [["User-Agent", "bulwark-demo"]];
      if (options.token !== undefined) headers.push(["Authorization", `Bearer ${options.token}`]);
      if (options.json !== undefined || options.body !== undefined) {
        headers.push(["Content-Type", "application/json"]);
      }
      for (const [name, value] of options.headers ?? []) headers.push([name, value]);
      const body = options.json === undefined ? options.body : JSON.stringify(options.json);
      const response = await sendRequest(port, {
        method,
        path,
        headers,
        ...(body === undefined ? {} : { body }),
      });
      transcript.push(response);
      return { ...response, json: parseJson(response) };
    },
    async login(username, password) {
      const response = await client.call("POST", "/api/auth/login", {
        json: { username, password },
      });
      if (response.status !== 200) {
        throw new Error(`Demo login as ${username} failed with status ${response.status}.`);
      }
      return response.json.token as string;
    },
  };
  return client;
}

/** Summarises a run of statuses, such as `401×5 → 429×3`. */
export function summarizeStatuses(statuses: readonly number[]): string {
  const runs: [number, number][] = [];
  for (const status of statuses) {
    const last = runs[runs.length - 1];
    if (last !== undefined && last[0] === status) last[1] += 1;
    else runs.push([status, 1]);
  }
  return runs
    .map(([status, count]) => (count === 1 ? `${status}` : `${status}×${count}`))
    .join(" → ");
}
