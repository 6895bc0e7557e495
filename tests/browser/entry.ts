/**
 * Browser entry for tests/browser/plot.test.ts, bundled with esbuild (platform browser, ESM).
 * It uses the public API exactly as a page would: a tiny simulation, a line plot with units and
 * a raster of the simulation's spikes, put into the page as inline SVG. The page's `data-status`
 * says whether it worked (or carries the error), so `--dump-dom` shows failures.
 */
import { figure, plotRaster, NeuronGroup, SpikeMonitor, Network, mV, ms } from 'brian-ts';

// The project compiles without the DOM lib; this is the little of it the entry uses.
interface PageBody {
  innerHTML: string;
  setAttribute(name: string, value: string): void;
}
const body = (globalThis as unknown as { document: { body: PageBody } }).document.body;

try {
  // Top panel: a line with units on both axes ('-r': a red solid line).
  const t = ms(Array.from({ length: 200 }, (_, k) => k * 0.5));
  const v = mV(Array.from({ length: 200 }, (_, k) => -60 + 10 * Math.sin(k / 10)));
  const fig = figure({ width: 640, height: 480, rows: 2 });
  fig.subplot(0, 0).plot(t, v, '-r').xlabel('Time (ms)').ylabel('v (mV)').title('browser');

  // Bottom panel: a raster of 20 neurons with graded drive, simulated in the page.
  const G = new NeuronGroup(20, 'dv/dt = (v0 - v)/tau : volt\nv0 : volt', {
    threshold: 'v > -50*mV',
    reset: 'v = -60*mV',
    method: 'exact',
    namespace: { tau: ms(10) },
  });
  G.v = mV(-60);
  G.v0 = '-55*mV + i*mV';
  const M = new SpikeMonitor(G);
  new Network(G, M).run(ms(100));
  plotRaster(M, { axes: fig.subplot(1, 0) });

  body.innerHTML = fig.toSVG();
  body.setAttribute('data-spikes', String(M.numSpikes));
  body.setAttribute('data-status', 'ok');
} catch (e) {
  body.setAttribute('data-status', `error: ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`);
}
