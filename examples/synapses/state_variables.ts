// Set state variable values with a string (using code generation), and show the weight matrix.
// Brian2 original: examples/synapses/state_variables.py
import { startScope, NeuronGroup, Synapses, mV, figure } from 'brian-ts';

startScope();
const G = new NeuronGroup(100, 'v:volt', { threshold: 'v>-50*mV' });
G.v = '(sin(2*pi*i/N) - 70 + 0.25*randn()) * mV';
const space_constant = 200.0;
const S = new Synapses(G, G, 'w : volt', { onPre: 'v += w', namespace: { space_constant } });
S.connect();
S.w['i > j'] = 'exp(-(i - j)**2/space_constant) * mV';

// Generate a matrix for display (row i, column j, as Brian2's w_matrix[S.i[:], S.j[:]] = S.w[:])
const n = G.N;
const wMatrix = new Float64Array(n * n);
const si = S.i.values as Int32Array;
const sj = S.j.values as Int32Array;
const sw = S.w.values as Float64Array;
for (let k = 0; k < sw.length; k++) wMatrix[si[k]! * n + sj[k]!] = sw[k]!;

const fig = figure({ width: 960, height: 480, cols: 2 });
fig.subplot(0, 0);
fig.plot((G.v.values as Float64Array).map((v) => v / 1e-3));
fig.xlabel('Neuron index');
fig.ylabel('v');
fig.subplot(0, 1);
imshow(wMatrix, n);
fig.xlabel('i');
fig.ylabel('j');
fig.title('Synaptic weight');
await fig.save('state_variables.png');

/**
 * matplotlib's imshow (viridis, origin upper-left) drawn as square markers, one series per
 * colour level: brian-ts's figures have no image mark.
 */
function imshow(values: Float64Array, cols: number): void {
  const rows = values.length / cols;
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  const levels = 24;
  const xs: number[][] = Array.from({ length: levels }, () => []);
  const ys: number[][] = Array.from({ length: levels }, () => []);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const f = hi > lo ? (values[r * cols + c]! - lo) / (hi - lo) : 0;
      const level = Math.min(levels - 1, Math.floor(f * levels));
      xs[level]!.push(c);
      ys[level]!.push(r);
    }
  }
  // Side of one cell in points (the plot area is about 340 px wide; cells overlap a little, leaving no gaps).
  const side = (400 / cols) * 0.72;
  for (let level = 0; level < levels; level++) {
    if (xs[level]!.length === 0) continue;
    fig.scatter(xs[level]!, ys[level]!, { marker: 's', size: side * side, color: viridis((level + 0.5) / levels) });
  }
  fig.xlim(-0.5, cols - 0.5);
  fig.ylim(rows - 0.5, -0.5);
}

/** matplotlib's viridis colour map, linearly interpolated between nine of its stops. */
function viridis(f: number): string {
  const stops = [
    [68, 1, 84], [71, 44, 122], [59, 81, 139], [44, 113, 142], [33, 144, 141],
    [39, 173, 129], [92, 200, 99], [170, 220, 50], [253, 231, 37],
  ];
  const x = Math.min(Math.max(f, 0), 1) * (stops.length - 1);
  const k = Math.min(Math.floor(x), stops.length - 2);
  const t = x - k;
  const rgb = stops[k]!.map((a, m) => Math.round(a + (stops[k + 1]![m]! - a) * t));
  return `rgb(${rgb.join(',')})`;
}
