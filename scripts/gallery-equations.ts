/**
 * Preloaded by scripts/gallery.ts (`node --import tsx --import ./scripts/gallery-equations.ts`)
 * into each example: records the equations of every group that takes part in a run and writes
 * them, rendered by `Equations.toMarkdown()`, to `equations.md` in the working directory (also
 * from sweep worker threads, which inherit the preload).
 */
import { writeFileSync } from 'node:fs';
import { Equations, Network } from 'brian-ts';

const seen = new Map<string, string>();
const originalRun = Network.prototype.run;
Network.prototype.run = function (this: Network, ...args: Parameters<Network['run']>): void {
  let changed = false;
  for (const obj of this) {
    // The model as the user wrote it: a NeuronGroup's userEquations; a Synapses' equations less the
    // `lastupdate` it adds for event-driven equations.
    const { userEquations, equations } = obj as { userEquations?: unknown; equations?: unknown };
    const given = userEquations ?? equations;
    if (!(given instanceof Equations) || seen.has(obj.name)) continue;
    let eqs: Equations = given;
    if (userEquations === undefined && eqs.has('lastupdate')) eqs = new Equations([...eqs].filter((eq) => eq.varname !== 'lastupdate'));
    if (eqs.size > 0) {
      seen.set(obj.name, eqs.toMarkdown());
      changed = true;
    }
  }
  // Written at once (not at exit): sweep workers are terminated without an exit event.
  if (changed) writeFileSync('equations.md', `${[...seen].map(([name, md]) => `\`${name}\`:\n\n${md}`).join('\n\n')}\n`);
  originalRun.apply(this, args);
};
