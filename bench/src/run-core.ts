// Entry point of `bench:core [prefix] [...args]`: runs the core benchmarks in src/cores and prints
// one table of ratios. The arguments after the prefix go to each module's `run`.
import { runCoreBenchmarks } from "./cores.js";
import { printRows } from "./harness.js";

printRows(await runCoreBenchmarks(process.argv[2], process.argv.slice(3)));
