import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig, type ViteUserConfig } from "vitest/config";

const root = fileURLToPath(new URL(".", import.meta.url));

/** Escapes a package name for an exact-match pattern. */
function exactly(specifier: string): RegExp {
  return new RegExp(`^${specifier.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}$`);
}

/**
 * Maps every `@bulwark/<name>` workspace package and app, and the shared test helpers, to
 * TypeScript source. Each alias matches one specifier exactly, so a subpath export such as
 * `@bulwark/conformance/http` resolves through its own entry in the package's `exports`.
 */
function buildSourceAliases(): { find: RegExp; replacement: string }[] {
  const aliases: { find: RegExp; replacement: string }[] = [];
  for (const folder of ["packages", "apps"]) {
    if (!existsSync(join(root, folder))) continue;
    for (const name of readdirSync(join(root, folder))) {
      const base = join(root, folder, name);
      const entry = join(base, "src", "index.ts");
      if (existsSync(entry))
        aliases.push({ find: exactly(`@bulwark/${name}`), replacement: entry });
      for (const [subpath, target] of listSourceSubpaths(base)) {
        aliases.push({ find: exactly(`@bulwark/${name}/${subpath}`), replacement: target });
      }
    }
  }
  aliases.push({
    find: exactly("@bulwark-test/support"),
    replacement: join(root, "test-support", "index.ts"),
  });
  return aliases;
}

/** Lists the subpath exports of a package that point at TypeScript source, such as `./http`. */
function listSourceSubpaths(base: string): [string, string][] {
  const manifestPath = join(base, "package.json");
  if (!existsSync(manifestPath)) return [];
  const exportsField = (JSON.parse(readFileSync(manifestPath, "utf8")) as { exports?: unknown })
    .exports;
  if (typeof exportsField !== "object" || exportsField === null) return [];
  return Object.entries(exportsField).flatMap(([key, target]) =>
    key.startsWith("./") && typeof target === "string" && target.endsWith(".ts")
      ? [[key.slice(2), join(base, target)] as [string, string]]
      : [],
  );
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
