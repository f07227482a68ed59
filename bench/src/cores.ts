import { readdirSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { RatioRow } from "./harness.js";

/** A core benchmark module in `src/cores`: `run` returns its rows, each group's baseline first. */
interface CoreBenchmark {
  run(args?: readonly string[]): Promise<RatioRow[]>;
}

/**
 * Runs the core benchmarks in `src/cores` in file-name order, all of them or those whose file name
 * starts with `prefix`, and returns their rows. `args` goes to each module's `run`.
 */
export async function runCoreBenchmarks(
  prefix: string | undefined,
  args: readonly string[] = [],
): Promise<RatioRow[]> {
  const folder = join(import.meta.dirname, "cores");
  const rows: RatioRow[] = [];
  for (const file of readdirSync(folder).sort()) {
    if (!file.endsWith(".ts")) continue;
    if (prefix !== undefined && !file.startsWith(prefix)) continue;
    const module = (await import(pathToFileURL(join(folder, file)).href)) as CoreBenchmark;
    console.error(`running ${file}`);
    rows.push(...(await module.run(args)));
  }
  return rows;
}
