import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { createServer } from "node:net";
import { setTimeout as delay } from "node:timers/promises";

/** A redis-server process owned by one test file, on 127.0.0.1 and a free port. */
export interface RedisServerHandle {
  readonly port: number;
  readonly url: string;
  /** Stops the server process and waits for it to exit. */
  stop(): Promise<void>;
  /** Starts the server again on the same port. */
  start(): Promise<void>;
}

const INSTALL_HINT =
  "redis-server was not found on PATH. Install it (Debian: apt-get install -y redis-server) or run the tests through .ci/run.";

/** Returns whether a redis-server binary is on PATH. */
export function hasRedisServer(): boolean {
  return spawnSync("redis-server", ["--version"], { stdio: "ignore" }).status === 0;
}

/** Returns a TCP port on 127.0.0.1 that was free a moment ago. */
export async function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => {
        if (address === null || typeof address === "string") reject(new Error("no port assigned"));
        else resolve(address.port);
      });
    });
  });
}

async function waitForPort(port: number, timeoutMs: number): Promise<void> {
  const { connect } = await import("node:net");
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, "127.0.0.1");
      socket.once("connect", () => {
        socket.destroy();
        resolve(true);
      });
      socket.once("error", () => resolve(false));
    });
    if (open) return;
    await delay(25);
  }
  throw new Error(`redis-server did not accept connections on port ${port} within ${timeoutMs} ms`);
}

/**
 * Starts a private redis-server on 127.0.0.1 with persistence off. Throws with an install hint
 * when the binary is missing, so a test that needs Redis fails instead of passing silently.
 */
export async function startRedisServer(): Promise<RedisServerHandle> {
  if (!hasRedisServer()) throw new Error(INSTALL_HINT);
  const port = await findFreePort();
  let child: ChildProcess | undefined;

  const start = async () => {
    child = spawn(
      "redis-server",
      ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
      { stdio: "ignore" },
    );
    await waitForPort(port, 10_000);
  };

  const stop = async () => {
    const running = child;
    child = undefined;
    if (running === undefined || running.exitCode !== null) return;
    const exited = new Promise((resolve) => running.once("exit", resolve));
    running.kill("SIGKILL");
    await exited;
  };

  await start();
  process.once("exit", () => child?.kill("SIGKILL"));
  return { port, url: `redis://127.0.0.1:${port}`, start, stop };
}

let shared: Promise<string> | undefined;

/**
 * Returns the URL of a Redis server that tests may share: BULWARK_TEST_REDIS_URL when set (as
 * .ci/run sets it), else a private server started once per test process. Tests that share it must
 * use their own key prefixes.
 */
export function getSharedRedisUrl(): Promise<string> {
  const fromEnvironment = process.env.BULWARK_TEST_REDIS_URL;
  if (fromEnvironment !== undefined && fromEnvironment !== "")
    return Promise.resolve(fromEnvironment);
  shared ??= startRedisServer().then((handle) => handle.url);
  return shared;
}
