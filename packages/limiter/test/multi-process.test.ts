import { type ChildProcess, spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { createRequire } from "node:module";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { describe, expect, it } from "vitest";
import { startTestRedis } from "./test-redis.js";

const fixtures = join(import.meta.dirname, "fixtures");
const tsxLoader = createRequire(import.meta.url).resolve("tsx");

interface Worker {
  readonly child: ChildProcess;
  readonly lines: AsyncIterator<string>;
}

function startWorker(url: string, keyPrefix: string, count: number): Worker {
  const child = spawn(
    process.execPath,
    ["--import", tsxLoader, join(fixtures, "consume-worker.ts"), url, keyPrefix, String(count)],
    {
      env: { ...process.env, TSX_TSCONFIG_PATH: join(fixtures, "tsconfig.json") },
      stdio: ["pipe", "pipe", "inherit"],
    },
  );
  const stdout = child.stdout;
  if (stdout === null) throw new Error("worker has no stdout");
  return { child, lines: createInterface({ input: stdout })[Symbol.asyncIterator]() };
}

async function nextLine(worker: Worker): Promise<string> {
  const next = await worker.lines.next();
  if (next.done === true) throw new Error(`worker ${worker.child.pid} exited before printing`);
  return next.value;
}

describe("Redis store across processes", () => {
  it("admits exactly points across three processes", async () => {
    const redis = await startTestRedis();
    const keyPrefix = `test:${randomUUID()}`;
    const workers = [0, 1, 2].map(() => startWorker(redis.url, keyPrefix, 200));
    try {
      for (const worker of workers) expect(await nextLine(worker)).toBe("ready");
      for (const worker of workers) worker.child.stdin?.write("go\n");

      const results = await Promise.all(
        workers.map(
          async (worker) =>
            JSON.parse(await nextLine(worker)) as { allowed: number; sources: string[] },
        ),
      );
      const allowed = results.reduce((sum, result) => sum + result.allowed, 0);
      expect(allowed).toBe(100);
      for (const result of results) expect(result.sources).toEqual(["redis"]);
    } finally {
      for (const worker of workers) {
        if (worker.child.exitCode === null) worker.child.kill();
      }
      await redis.stop();
    }
  }, 60_000);
});
