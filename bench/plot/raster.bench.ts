/**
 * Question: how long does a raster plot of 10^6 spikes take, from monitor data to SVG text and
 * to PNG bytes? Target (issue 5): under 2 s. Also 10^4 and 10^5 spikes, for the scaling.
 *
 * Method: synthetic spikes (Poisson-like: uniform times in 1 s, neuron indices uniform over 1000
 * neurons, from a fixed linear congruential generator, sorted by time as a SpikeMonitor records
 * them) passed to `plotRaster` through its structural monitor interface. Timed per size, in one
 * process, after one warm-up figure: `plotRaster(M).toSVG()` (Observable Plot axes + one path of
 * 2 px squares) and `toPNG()` (resvg at scale 2 with the bundled font, i.e. what `save('.png')`
 * writes). Median of 3 repetitions. Run: node --import tsx bench/plot/raster.bench.ts
 */
import { plotRaster, figure } from '../../src/plot/index.ts';
import type { RasterSource } from '../../src/plot/index.ts';

function spikes(n: number, neurons: number): RasterSource {
  let state = 12345;
  const next = (): number => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state / 2 ** 32;
  };
  const t_ = new Float64Array(n);
  for (let k = 0; k < n; k++) t_[k] = next();
  t_.sort();
  const i = new Int32Array(n);
  for (let k = 0; k < n; k++) i[k] = Math.floor(next() * neurons);
  return { name: 'spikemonitor', t_, i };
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

await figure().plot([1, 2, 3], '.k').toPNG(); // warm-up: module loading, font parsing
console.log('| spikes | SVG ms | SVG size | PNG ms | PNG size | total ms |');
console.log('| --- | --- | --- | --- | --- | --- |');
for (const n of [10_000, 100_000, 1_000_000]) {
  const M = spikes(n, 1000);
  const svgTimes: number[] = [];
  const pngTimes: number[] = [];
  let svgSize = 0;
  let pngSize = 0;
  for (let rep = 0; rep < 3; rep++) {
    const t0 = performance.now();
    const fig = plotRaster(M);
    const svg = fig.toSVG();
    const t1 = performance.now();
    // toPNG renders the SVG again; time only the rendering part by subtracting a second toSVG.
    const png = await fig.toPNG();
    const t2 = performance.now();
    svgTimes.push(t1 - t0);
    pngTimes.push(t2 - t1 - (t1 - t0));
    svgSize = svg.length;
    pngSize = png.length;
  }
  const s = median(svgTimes);
  const p = median(pngTimes);
  console.log(`| ${n.toLocaleString('en')} | ${s.toFixed(0)} | ${(svgSize / 1024).toFixed(0)} KiB | ${p.toFixed(0)} | ${(pngSize / 1024).toFixed(0)} KiB | ${(s + p).toFixed(0)} |`);
}
