// Runs every core benchmark in bench/src/cores and prints one table of ratios.
// Each module there exports `run(): Promise<RatioRow[]>`, with its baseline candidate first.
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { printRows, type RatioRow } from "./harness.js";

const folder = join(import.meta.dirname, "cores");
const only = process.argv[2];
const rows: RatioRow[] = [];

for (const file of readdirSync(folder).sort()) {
  if (!file.endsWith(".ts")) continue;
  if (only !== undefined && !file.startsWith(only)) continue;
  const module = (await import(pathToFileURL(join(folder, file)).href)) as {
    run: () => Promise<RatioRow[]>;
  };
  console.error(`running ${file}`);
  rows.push(...(await module.run()));
}

printRows(rows);
