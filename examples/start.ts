/**
 * `npm start`: the main demo. Prints a tour of the language layer (examples/demo.ts), then runs the
 * seed programs from examples/seed/ unchanged, with `out/` as their working directory, so their
 * figures land in `out/`.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const outDir = fileURLToPath(new URL('../out/', import.meta.url));
mkdirSync(outDir, { recursive: true });

function runScript(script: string, cwd: string): boolean {
  const result = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(new URL(script, import.meta.url))], {
    cwd,
    stdio: 'inherit',
  });
  return result.status === 0;
}

let ok = runScript('./demo.ts', root);
const seedDir = fileURLToPath(new URL('./seed/', import.meta.url));
for (const program of readdirSync(seedDir).filter((f) => /^seed-\d.*\.ts$/.test(f)).sort()) {
  console.log(`\n== examples/seed/${program} ==`);
  const passed = runScript(`./seed/${program}`, outDir);
  ok &&= passed;
  const prefix = /^seed-\d+/.exec(program)![0];
  const figures = readdirSync(outDir).filter((f) => f.startsWith(`${prefix}-`));
  console.log(passed ? `figures: ${figures.map((f) => `out/${f}`).join(', ')}` : `${program} failed`);
}
process.exit(ok ? 0 : 1);
