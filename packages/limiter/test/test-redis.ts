import { startRedisServer } from "@bulwark-test/support";

/** A Redis for one test file, and how to release it. */
export interface TestRedis {
  readonly url: string;
  stop(): Promise<void>;
}

/**
 * Returns BULWARK_TEST_REDIS_URL when set, else starts a private redis-server on 127.0.0.1 that
 * `stop()` ends. Tests call `stop()` in `afterAll`, because a server started by a test worker is
 * not ended when the worker exits.
 */
export async function startTestRedis(): Promise<TestRedis> {
  const fromEnvironment = process.env.BULWARK_TEST_REDIS_URL;
  if (fromEnvironment !== undefined && fromEnvironment !== "") {
    return { url: fromEnvironment, stop: async () => {} };
  }
  const server = await startRedisServer();
  return { url: server.url, stop: () => server.stop() };
}
