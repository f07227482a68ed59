import { defineConfig } from "vitest/config";

// Each workspace package with a vitest.config.ts is one project. Tests import
// @bulwark/* from source through the alias in vitest.shared.ts, so they need no build.
export default defineConfig({
  test: {
    globalSetup: ["./test-support/global-setup.ts"],
    projects: ["packages/*/vitest.config.ts", "apps/*/vitest.config.ts"],
  },
});
