#!/usr/bin/env node
// The main job until the demo exists: builds every package and prints what was built, with
// each package's entry points and sizes.
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, resolve } from "node:path";

const root = resolve(import.meta.dirname, "..");
execFileSync("pnpm", ["build"], { cwd: root, stdio: "inherit" });

console.log("\nBuilt packages:");
for (const folder of ["packages", "apps"]) {
  const base = join(root, folder);
  if (!existsSync(base)) continue;
  for (const name of readdirSync(base).sort()) {
    const manifestPath = join(base, name, "package.json");
    const dist = join(base, name, "dist");
    if (!existsSync(manifestPath) || !existsSync(dist)) continue;
    const manifest = JSON.parse(readFileSync(manifestPath, "utf8"));
    const files = readdirSync(dist).filter((file) => !file.endsWith(".map"));
    const bytes = files.reduce((sum, file) => sum + statSync(join(dist, file)).size, 0);
    console.log(`  ${manifest.name}@${manifest.version}  ${files.join(" ")}  (${bytes} bytes)`);
  }
}
