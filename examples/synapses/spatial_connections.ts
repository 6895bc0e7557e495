// Spatial connection patterns from string expressions: deterministic (distance) and stochastic (Gaussian).
// Brian2 original: examples/synapses/spatial_connections.py
import { startScope, NeuronGroup, Synapses, umetre, figure } from 'brian-ts';

startScope();
const rows = 20;
const cols = 20;
const grid_dist = umetre(25);
const G = new NeuronGroup(rows * cols, `x : meter
y : meter`, { namespace: { rows, cols, grid_dist } });
// initialize the grid positions
G.x = '(i // rows) * grid_dist - rows/2.0 * grid_dist';
G.y = '(i % rows) * grid_dist - cols/2.0 * grid_dist';

// Deterministic connections
const distance = umetre(120);
const S_deterministic = new Synapses(G, G);
S_deterministic.connect({ condition: 'sqrt((x_pre - x_post)**2 + (y_pre - y_post)**2) < distance', namespace: { distance } });

// Random connections (no self-connections)
const S_stochastic = new Synapses(G, G);
S_stochastic.connect({ condition: 'i != j', p: '1.5 * exp(-((x_pre-x_post)**2 + (y_pre-y_post)**2)/(2*(60*umeter)**2))' });

const x = G.x.in(umetre) as Float64Array;
const y = G.y.in(umetre) as Float64Array;
const fig = figure({ width: 1200, height: 600, cols: 2 });

// Show the connections for some neurons in different colors
for (const color of ['g', 'b', 'm']) {
  const neuronIdx = Math.floor(Math.random() * rows * cols);
  [S_deterministic, S_stochastic].forEach((S, panel) => {
    fig.subplot(0, panel);
    // Brian2 draws an open circle (mfc='none'); brian-ts markers are filled
    fig.plot([x[neuronIdx]!], [y[neuronIdx]!], `o${color}`, { alpha: 0.5 });
    const targets = S.j.at(neuronIdx, null) as { values: Float64Array };
    fig.plot(Array.from(targets.values, (j) => x[j]!), Array.from(targets.values, (j) => y[j]!), `${color}.`);
  });
}

['determininstic connections', 'random connections'].forEach((t, idx) => {
  fig.subplot(0, idx);
  fig.xlim((-rows / 2.0) * grid_dist.in(umetre), (rows / 2.0) * grid_dist.in(umetre));
  fig.ylim((-cols / 2.0) * grid_dist.in(umetre), (cols / 2.0) * grid_dist.in(umetre));
  fig.title(t);
  fig.xlabel('x');
  fig.ylabel('y');
});
await fig.save('spatial_connections.png');
