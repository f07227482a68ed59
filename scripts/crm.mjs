#!/usr/bin/env node
// Builds the reference apps and the demo (turbo skips what is already built), then runs one entry
// of apps/crm-demo with the remaining arguments. `demo` starts both apps on ephemeral 127.0.0.1
// ports and prints the attack table, the alerts and the audit entries. It exits non-zero when a
// protection failed or the apps' responses differed. `start [--framework fastify]` runs one app
// for manual use and prints its URL and the demo logins.
import { spawn, spawnSync } from "node:child_process";
import { resolve } from "node:path";

const ENTRIES = { demo: "demo.js", start: "start.js" };
const root = resolve(import.meta.dirname, "..");
const [command, ...rest] = process.argv.slice(2);

function run(executable, args) {
  const result = spawnSync(executable, args, { cwd: root, stdio: "inherit" });
  if (result.error !== undefined) throw result.error;
  return result.status ?? 1;
}

if (!Object.hasOwn(ENTRIES, command ?? "")) {
  console.error(
    `Usage: node scripts/crm.mjs demo|start [options], got ${JSON.stringify(command)}.`,
  );
  process.exit(2);
}
console.log("Building the reference apps and the demo…");
const built = run("pnpm", [
  "exec",
  "turbo",
  "run",
  "build",
  "--filter=@bulwark/crm-demo...",
  "--output-logs=errors-only",
]);
if (built !== 0) process.exit(built);
// The app runs as a child that this process waits for without blocking. A Ctrl-C (SIGINT to the
// whole process group) or a SIGTERM sent to this pid then reaches the app once, the app shuts
// down gracefully, and this process exits with the app's own exit code.
const app = spawn(
  process.execPath,
  [resolve(root, "apps/crm-demo/dist", ENTRIES[command]), ...rest],
  {
    cwd: root,
    stdio: "inherit",
  },
);
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    // A terminal's Ctrl-C already signalled the app through the process group.
    if (signal === "SIGTERM") app.kill(signal);
  });
}
app.on("exit", (code, signal) => {
  process.exit(code ?? (signal === null ? 1 : 0));
});
