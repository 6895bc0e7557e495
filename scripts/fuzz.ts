/**
 * Long fuzz runs (`npm run fuzz`). Each area contributes named targets (scripts/fuzz/<area>.ts);
 * `npm test` runs the same targets with few inputs.
 *
 *   npm run fuzz                              all targets, 100000 inputs each (scaled down by weight)
 *   npm run fuzz -- --runs 1000000 parsing/   targets whose name starts with "parsing/"
 *   npm run fuzz -- --seed 42 --list
 */
import { pathToFileURL } from 'node:url';
import { parsingFuzzTargets } from './fuzz/parsing.ts';
import { equationsFuzzTargets } from './fuzz/equations.ts';
import { pipelineFuzzTargets } from './fuzz/pipeline.ts';
import type { FuzzTarget } from './fuzz/target.ts';

export type { FuzzTarget } from './fuzz/target.ts';

/** Every fuzz target, in run order. Add new areas' targets here. */
export const FUZZ_TARGETS: readonly FuzzTarget[] = [...parsingFuzzTargets, ...equationsFuzzTargets, ...pipelineFuzzTargets];

function main(argv: readonly string[]): void {
  let runs = 100_000;
  let seed: number | undefined;
  const filters: string[] = [];
  for (let k = 0; k < argv.length; k++) {
    const arg = argv[k]!;
    if (arg === '--runs') runs = Number(argv[++k]);
    else if (arg === '--seed') seed = Number(argv[++k]);
    else if (arg === '--list') {
      for (const t of FUZZ_TARGETS) console.log(`${t.name}\t${t.description}`);
      return;
    } else filters.push(arg);
  }
  if (!Number.isInteger(runs) || runs <= 0) throw new Error('--runs expects a positive integer');
  const selected = FUZZ_TARGETS.filter((t) => filters.length === 0 || filters.some((f) => t.name.startsWith(f)));
  if (selected.length === 0) throw new Error(`no fuzz target matches ${filters.join(', ')}; try --list`);
  seed ??= Date.now() % 2 ** 31;
  console.log(`fuzzing with seed ${seed} (rerun with --seed ${seed})`);
  let total = 0;
  for (const t of selected) {
    const numRuns = Math.max(1, Math.round(runs / (t.weight ?? 1)));
    const began = performance.now();
    t.run({ numRuns, seed });
    total += numRuns;
    console.log(`ok  ${t.name}: ${numRuns} inputs in ${((performance.now() - began) / 1000).toFixed(1)} s`);
  }
  console.log(`all ${selected.length} targets passed (${total} inputs)`);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2));
}
