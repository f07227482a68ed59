import { defineConfig } from "tsup";

export default defineConfig({
  entry: ["src/index.ts", "src/demo.ts", "src/start.ts"],
  format: ["esm"],
  dts: { entry: "src/index.ts" },
  clean: true,
  sourcemap: true,
  target: "node22",
  // The conformance package ships TypeScript source only, so its HTTP client is bundled in.
  noExternal: ["@bulwark/conformance"],
});
