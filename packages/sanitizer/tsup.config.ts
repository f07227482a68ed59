import { defineConfig } from "tsup";

export default defineConfig({
  entry: ["src/index.ts"],
  format: ["esm", "cjs"],
  dts: true,
  clean: true,
  sourcemap: true,
  target: "node22",
  // The CJS build needs import.meta.url for createRequire in src/rich-text.ts.
  shims: true,
});
