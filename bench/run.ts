/**
 * Runs every benchmark (`bench/<area>/<question>.bench.ts`), or those whose path contains one of
 * the command-line filters: `npm run bench -- equations`. Each benchmark prints its own table,
 * side by side with Brian2 where it has a reference. Benchmarks are not tests: nothing here fails
 * on slow timings.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const benchDir = fileURLToPath(new URL('.', import.meta.url));

function findBenchmarks(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((entry) => {
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) return findBenchmarks(path);
      return entry.endsWith('.bench.ts') ? [path] : [];
    });
}

const filters = process.argv.slice(2);
const benchmarks = findBenchmarks(benchDir).filter(
  (path) => filters.length === 0 || filters.some((filter) => path.includes(filter)),
);
if (benchmarks.length === 0) {
  console.error(`No benchmark matches ${filters.join(', ')}.`);
  process.exit(1);
}
let failures = 0;
for (const path of benchmarks) {
  console.log(`\n## ${relative(benchDir, path)}`);
  const result = spawnSync(process.execPath, ['--import', 'tsx', path], { stdio: 'inherit' });
  if (result.status !== 0) failures++;
}
process.exit(failures === 0 ? 0 : 1);
