// Entry point of `pnpm bench`. Until the HTTP benchmarks exist it runs the core benchmarks.
await import("./run-core.js");
