#!/usr/bin/env node
// Builds the reference apps and the demo (turbo skips what is already built), then runs the demo:
// both apps on ephemeral 127.0.0.1 ports, the attack table, the alerts and the audit entries.
// The exit code is the demo's: non-zero when a protection failed or the apps' responses differed.
import { spawnSync } from "node:child_process";
import { resolve } from "node:path";

const root = resolve(import.meta.dirname, "..");

function run(command, args) {
  const result = spawnSync(command, args, { cwd: root, stdio: "inherit" });
  if (result.error !== undefined) throw result.error;
  return result.status ?? 1;
}

console.log("Building the packages the demo needs…");
const built = run("pnpm", [
  "exec",
  "turbo",
  "run",
  "build",
  "--filter=@bulwark/crm-demo...",
  "--output-logs=errors-only",
]);
if (built !== 0) process.exit(built);
process.exit(run(process.execPath, [resolve(root, "apps/crm-demo/dist/demo.js")]));
