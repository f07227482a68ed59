import { hasRedisServer, startRedisServer } from "./redis-server.js";

/**
 * Starts one redis-server for the whole Vitest run when BULWARK_TEST_REDIS_URL is unset and the
 * binary is on PATH, and exports its URL to the test workers, which are started after this runs.
 * Stopping it here, in the main Vitest process, means a killed worker cannot leak the server.
 */
export default async function setup(): Promise<(() => Promise<void>) | undefined> {
  const configured = process.env.BULWARK_TEST_REDIS_URL;
  if ((configured !== undefined && configured !== "") || !hasRedisServer()) return undefined;

  const server = await startRedisServer();
  process.env.BULWARK_TEST_REDIS_URL = server.url;
  return async () => {
    await server.stop();
  };
}
