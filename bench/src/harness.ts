/** One candidate of a comparison: a name and a synchronous or asynchronous operation. */
export interface Candidate {
  readonly name: string;
  /** Runs one operation. A returned promise is awaited before the next operation starts. */
  readonly run: () => unknown;
}

/** Median throughput of one candidate over the rounds of a comparison. */
export interface CandidateResult {
  readonly name: string;
  readonly opsPerSecond: number;
  /** Throughput of each round, in the order run. */
  readonly rounds: readonly number[];
}

/** Options of `compareThroughput`. */
export interface CompareOptions {
  /** Operations per candidate per round. */
  readonly operations: number;
  /** Rounds, interleaved across candidates. At least 3, and the median is reported. */
  readonly rounds?: number;
  /** Operations run once per candidate before timing, for the JIT. Defaults to a tenth of `operations`. */
  readonly warmupOperations?: number;
}

/** Returns the median of the values, or 0 for none. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  if (sorted.length % 2 === 1) return sorted[middle] ?? 0;
  return ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

async function timeOperations(candidate: Candidate, operations: number): Promise<number> {
  const started = process.hrtime.bigint();
  for (let index = 0; index < operations; index += 1) {
    const result = candidate.run();
    if (result instanceof Promise) await result;
  }
  const elapsedNs = Number(process.hrtime.bigint() - started);
  return (operations * 1e9) / elapsedNs;
}

/**
 * Measures candidates in the same process, interleaving rounds (A, B, A, B, ...) so that machine
 * noise hits each candidate alike, and reports each candidate's median operations per second.
 */
export async function compareThroughput(
  candidates: readonly Candidate[],
  options: CompareOptions,
): Promise<CandidateResult[]> {
  const rounds = Math.max(3, options.rounds ?? 5);
  const warmup = options.warmupOperations ?? Math.ceil(options.operations / 10);
  for (const candidate of candidates) await timeOperations(candidate, warmup);

  const perCandidate = candidates.map(() => [] as number[]);
  for (let round = 0; round < rounds; round += 1) {
    for (const [index, candidate] of candidates.entries()) {
      perCandidate[index]?.push(await timeOperations(candidate, options.operations));
    }
  }

  return candidates.map((candidate, index) => ({
    name: candidate.name,
    opsPerSecond: median(perCandidate[index] ?? []),
    rounds: perCandidate[index] ?? [],
  }));
}

/** A printed row: the ratio of a candidate's throughput to the baseline's. */
export interface RatioRow {
  readonly group: string;
  readonly name: string;
  readonly opsPerSecond: number;
  readonly ratioToBaseline: number;
}

/** Turns comparison results into rows with the ratio to the first candidate, the baseline. */
export function toRatioRows(group: string, results: readonly CandidateResult[]): RatioRow[] {
  const baseline = results[0]?.opsPerSecond ?? 1;
  return results.map((result) => ({
    group,
    name: result.name,
    opsPerSecond: result.opsPerSecond,
    ratioToBaseline: result.opsPerSecond / baseline,
  }));
}

/** Prints rows as an aligned text table. */
export function printRows(rows: readonly RatioRow[]): void {
  console.table(
    rows.map((row) => ({
      group: row.group,
      candidate: row.name,
      "ops/s": Math.round(row.opsPerSecond).toLocaleString("en-US"),
      "ratio to baseline": row.ratioToBaseline.toFixed(3),
    })),
  );
}
