import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig, type ViteUserConfig } from "vitest/config";

const root = fileURLToPath(new URL(".", import.meta.url));

/**
 * Maps every `@bulwark/<name>` workspace package and app, and the shared test helpers, to
 * TypeScript source.
 */
function buildSourceAliases(): Record<string, string> {
  const aliases: Record<string, string> = {};
  for (const folder of ["packages", "apps"]) {
    if (!existsSync(join(root, folder))) continue;
    for (const name of readdirSync(join(root, folder))) {
      const entry = join(root, folder, name, "src", "index.ts");
      if (existsSync(entry)) aliases[`@bulwark/${name}`] = entry;
    }
  }
  aliases["@bulwark-test/support"] = join(root, "test-support", "index.ts");
  return aliases;
}

/** Creates a package's vitest project config that resolves workspace packages from source. */
export function definePackageConfig(name: string, overrides: ViteUserConfig["test"] = {}) {
  return defineConfig({
    resolve: { alias: buildSourceAliases() },
    test: {
      name,
      include: ["src/**/*.test.ts", "test/**/*.test.ts"],
      testTimeout: 20_000,
      hookTimeout: 60_000,
      ...overrides,
    },
  });
}
