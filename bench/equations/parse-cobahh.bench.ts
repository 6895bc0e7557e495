/**
 * Question: how long do parsing and unit-checking the COBAHH example's equations take, warm,
 * in brian-ts and in Brian2 2.5.1 (`Equations(...)` + `check_units`)? Target: < 1 ms in brian-ts.
 *
 * Method: a plain timing loop (warm-up, then N timed iterations, median and minimum), with a
 * result sink so the work cannot be optimised away. Each iteration builds `new Equations(src)`
 * from a fresh string and runs `checkUnits` with COBAHH's namespace. Brian2 is timed by
 * bench/equations/parse_cobahh_brian2.py in the same command (it defeats Brian2's string cache
 * the same way). Run: node --import tsx bench/equations/parse-cobahh.bench.ts [iterations]
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { checkUnits, Equations } from '../../src/equations/index.ts';
import { constantSymbol } from '../../src/inference/index.ts';
import type { NamespaceValue } from '../../src/inference/index.ts';
import { lookupUnit } from '../../src/units/index.ts';
import type { Quantity } from '../../src/units/index.ts';
import { COBAHH } from '../models/cobahh.ts';


const u = (name: string): ((x: number) => Quantity) => {
  const unit = lookupUnit(name);
  if (unit === undefined) throw new Error(`unknown unit ${name}`);
  return (x) => unit(x);
};
const [mV, ms, siemens, msiemens, ufarad, cm2, um2] = ['mV', 'ms', 'siemens', 'msiemens', 'ufarad', 'cm2', 'um2'].map(u) as [
  (x: number) => Quantity, (x: number) => Quantity, (x: number) => Quantity, (x: number) => Quantity, (x: number) => Quantity, (x: number) => Quantity, (x: number) => Quantity,
];
const area = um2(20000);
const perArea = (q: Quantity): Quantity => q.div(cm2(1)).times(area) as Quantity;
const values: Record<string, Quantity> = {
  Cm: perArea(ufarad(1)), gl: perArea(siemens(5e-5)), El: mV(-60), EK: mV(-90), ENa: mV(50),
  g_na: perArea(msiemens(100)), g_kd: perArea(msiemens(30)), VT: mV(-63), taue: ms(5), taui: ms(10), Ee: mV(0), Ei: mV(-80),
};
const namespace: Record<string, NamespaceValue> = Object.fromEntries(
  Object.entries(values).map(([k, q]) => [k, constantSymbol(q.value, q.dim)]),
);

function timeBrianTs(iterations: number): { median: number; min: number; sink: number } {
  let sink = 0;
  const times: number[] = [];
  for (let k = 0; k < iterations + 200; k++) {
    const source = `${COBAHH}\n# ${k}`;
    const t0 = performance.now();
    const eqs = new Equations(source);
    checkUnits(eqs, { namespaces: [namespace] });
    const t1 = performance.now();
    sink += eqs.size;
    if (k >= 200) times.push((t1 - t0) * 1000);
  }
  times.sort((a, b) => a - b);
  return { median: times[times.length >> 1]!, min: times[0]!, sink };
}

function timeBrian2(iterations: number): { median: number; min: number } | undefined {
  const script = fileURLToPath(new URL('./parse_cobahh_brian2.py', import.meta.url));
  const r = spawnSync('/usr/bin/python3', [script, String(Math.max(50, Math.round(iterations / 10)))], { input: COBAHH, encoding: 'utf8' });
  if (r.status !== 0) {
    console.error(`Brian2 timing failed (is python3-brian installed?):\n${r.stderr}`);
    return undefined;
  }
  const line = r.stdout.trim().split('\n').at(-1)!;
  const { median_us, min_us } = JSON.parse(line) as { median_us: number; min_us: number };
  return { median: median_us, min: min_us };
}

const iterations = Number(process.argv[2] ?? 2000);
const ts = timeBrianTs(iterations);
const py = timeBrian2(iterations);
const fmt = (us: number): string => (us >= 1000 ? `${(us / 1000).toFixed(2)} ms` : `${us.toFixed(1)} µs`);
console.log('COBAHH equations: parse + unit check, warm');
console.log('| implementation | median | min |');
console.log('| --- | --- | --- |');
console.log(`| brian-ts (Node ${process.versions.node}) | ${fmt(ts.median)} | ${fmt(ts.min)} |`);
if (py !== undefined) {
  console.log(`| Brian2 2.5.1 (CPython) | ${fmt(py.median)} | ${fmt(py.min)} |`);
  console.log(`ratio (Brian2 / brian-ts, medians): ${(py.median / ts.median).toFixed(0)}x`);
}
if (ts.sink < 0) console.log(ts.sink); // keeps the results observable
