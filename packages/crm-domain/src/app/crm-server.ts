/** Address a reference app listens on. */
export interface CrmServerAddress {
  /** Base URL, such as `http://127.0.0.1:3000`. */
  readonly url: string;
  readonly port: number;
}

/** A reference app on its framework: the same shape for Express and Fastify. */
export interface CrmServer {
  /** Starts listening on `port` and `host`; port 0 picks a free port. */
  listen(port: number, host: string): Promise<CrmServerAddress>;
  /**
   * Stops accepting connections, waits for requests in flight, closes idle keep-alive
   * connections and the app's rate-limit stack. Leaves the runtime (database, Redis) open.
   */
  close(): Promise<void>;
}

/** Builds a reference app over a runtime; `createApp` of each app package has this type. */
export type CreateCrmServer<Runtime> = (runtime: Runtime) => CrmServer;

/** Formats the base URL of a listening server, bracketing an IPv6 host. */
export function formatServerUrl(https: boolean, host: string, port: number): string {
  const hostPart = host.includes(":") ? `[${host}]` : host;
  return `${https ? "https" : "http"}://${hostPart}:${port}`;
}
