import type { SecurityEvent } from "@bulwark/core";
import type { Role } from "@bulwark/crm-domain";
import type { ReceivedResponse } from "../types.js";

/** A reference CRM app listening on 127.0.0.1 with known demo passwords. */
export interface RunningCrmApp {
  readonly port: number;
  /** Security events the app's monitor received, in order, alerts included. */
  readonly events: readonly SecurityEvent[];
  /** Waits until the monitor has handled every published event. */
  flushEvents(): Promise<void>;
  close(): Promise<void>;
}

/** Starts a fresh reference app on an empty in-memory database seeded with `CRM_TEST_PASSWORDS`. */
export type StartCrmApp = () => Promise<RunningCrmApp>;

/** A response of a CRM case, with the parsed JSON body when it is JSON. */
export interface CrmResponse extends ReceivedResponse {
  // biome-ignore lint/suspicious/noExplicitAny: cases read parsed JSON bodies by path.
  readonly json: any;
}

/** Request options of `CrmSession.call`. */
export interface CrmCallOptions {
  /** Bearer token sent as `Authorization`. */
  readonly token?: string;
  /** Body serialised as JSON with `Content-Type: application/json`. */
  readonly json?: unknown;
  /** Raw body, sent as written with the given headers. */
  readonly body?: string | Buffer;
  readonly headers?: readonly (readonly [name: string, value: string])[];
}

/** Sends requests to one app and records every response for the differential comparison. */
export interface CrmSession {
  readonly app: RunningCrmApp;
  call(method: string, path: string, options?: CrmCallOptions): Promise<CrmResponse>;
  /** Logs in as the demo user of a role and returns the bearer token. */
  login(role: Role): Promise<string>;
}

/** A named sequence of CRM requests with its checks, run against one fresh app. */
export interface CrmCase {
  readonly name: string;
  run(session: CrmSession): Promise<void>;
}
