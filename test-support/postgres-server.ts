import { spawnSync } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { findFreePort } from "./redis-server.js";

const POSTGRES_ROOT = "/usr/lib/postgresql";

/** Reason the real-PostgreSQL suites give when they skip. */
export const POSTGRES_SKIP_REASON =
  "No PostgreSQL server: set BULWARK_TEST_DATABASE_URL, or install Debian's postgresql package (apt-get install -y postgresql) so tests can start a private server.";

/** Returns the newest Debian PostgreSQL bin folder, such as /usr/lib/postgresql/15/bin, if any. */
export function findPostgresBin(): string | undefined {
  if (!existsSync(POSTGRES_ROOT)) return undefined;
  const versions = readdirSync(POSTGRES_ROOT)
    .filter((name) => existsSync(join(POSTGRES_ROOT, name, "bin", "initdb")))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] === undefined ? undefined : join(POSTGRES_ROOT, versions[0], "bin");
}

// PostgreSQL refuses to run as root, so as root the server runs as the postgres system user.
function asServerUser(command: string): [string, string[]] {
  return process.getuid?.() === 0 ? ["su", ["postgres", "-c", command]] : ["sh", ["-c", command]];
}

function runAsServerUser(command: string): void {
  const [file, args] = asServerUser(command);
  const result = spawnSync(file, args, { encoding: "utf8" });
  if (result.status !== 0) {
    throw new Error(`PostgreSQL command failed (${command}): ${result.stderr || result.stdout}`);
  }
}

let stopPrivateServer: (() => void) | undefined;

async function startPrivateServer(bin: string): Promise<string> {
  const dataDir = mkdtempSync(join(tmpdir(), "bulwark-test-pg-"));
  if (process.getuid?.() === 0) {
    const user = spawnSync("id", ["-u", "postgres"], { encoding: "utf8" });
    const group = spawnSync("id", ["-g", "postgres"], { encoding: "utf8" });
    chownSync(dataDir, Number(user.stdout.trim()), Number(group.stdout.trim()));
  }
  const port = await findFreePort();
  runAsServerUser(`${bin}/initdb -D '${dataDir}' -A trust -U postgres >/dev/null`);
  // listen_addresses keeps the server on loopback; the socket goes into the private data folder.
  runAsServerUser(
    `${bin}/pg_ctl -D '${dataDir}' -l '${dataDir}/server.log' -w -o "-p ${port} -c listen_addresses=127.0.0.1 -k '${dataDir}' -c fsync=off" start >/dev/null`,
  );

  let stopped = false;
  stopPrivateServer = () => {
    if (stopped) return;
    stopped = true;
    const [file, args] = asServerUser(`${bin}/pg_ctl -D '${dataDir}' -m immediate stop`);
    spawnSync(file, args, { stdio: "ignore" });
    rmSync(dataDir, { recursive: true, force: true });
  };
  // A fallback only: test workers that are killed do not run exit handlers, so suites call
  // stopTestDatabaseServer in afterAll.
  process.once("exit", () => stopPrivateServer?.());
  return `postgres://postgres@127.0.0.1:${port}/postgres`;
}

let shared: Promise<string | undefined> | undefined;

/**
 * Returns the URL of a PostgreSQL server for tests: BULWARK_TEST_DATABASE_URL when set (as .ci/run
 * sets it), else a private server on 127.0.0.1 started once per test process from Debian's
 * binaries, else undefined so the suite can skip with `POSTGRES_SKIP_REASON`. Tests that share it
 * create their own database, and call `stopTestDatabaseServer` in `afterAll`.
 */
export function getTestDatabaseUrl(): Promise<string | undefined> {
  const fromEnvironment = process.env.BULWARK_TEST_DATABASE_URL;
  if (fromEnvironment !== undefined && fromEnvironment !== "")
    return Promise.resolve(fromEnvironment);
  const bin = findPostgresBin();
  if (bin === undefined) return Promise.resolve(undefined);
  shared ??= startPrivateServer(bin);
  return shared;
}

/** Stops the private server that `getTestDatabaseUrl` started, if any. A configured server stays up. */
export function stopTestDatabaseServer(): void {
  stopPrivateServer?.();
  stopPrivateServer = undefined;
  shared = undefined;
}

/** Returns whether a PostgreSQL server is available to tests, configured or startable. */
export function hasPostgresServer(): boolean {
  const fromEnvironment = process.env.BULWARK_TEST_DATABASE_URL;
  return (
    (fromEnvironment !== undefined && fromEnvironment !== "") || findPostgresBin() !== undefined
  );
}
