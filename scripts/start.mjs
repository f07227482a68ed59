#!/usr/bin/env node
// Builds the reference apps, then runs one for manual use: `pnpm start` runs the Express app,
// `pnpm start --framework fastify` the Fastify one. It prints its URL and the demo logins.
import { spawnSync } from "node:child_process";
import { resolve } from "node:path";

const root = resolve(import.meta.dirname, "..");

function run(command, args) {
  const result = spawnSync(command, args, { cwd: root, stdio: "inherit" });
  if (result.error !== undefined) throw result.error;
  return result.status ?? 1;
}

console.log("Building the reference apps…");
const built = run("pnpm", [
  "exec",
  "turbo",
  "run",
  "build",
  "--filter=@bulwark/crm-demo...",
  "--output-logs=errors-only",
]);
if (built !== 0) process.exit(built);
process.exit(
  run(process.execPath, [resolve(root, "apps/crm-demo/dist/start.js"), ...process.argv.slice(2)]),
);
