import { Equations, addRefractoriness } from './src/equations/index.ts';
import { printStatements } from './src/parsing/index.ts';
import { applyStateUpdater } from './src/stateupdaters/index.ts';
const show = (model: string, m: string | string[] = ['exact','euler','heun'], refr = false) => {
  let eqs = new Equations(model);
  if (refr) eqs = addRefractoriness(eqs);
  try {
    const r = applyStateUpdater(eqs, undefined, m, { groupName: 'neurongroup' });
    console.log(`--- ${m} -> ${r.method} ${r.info ?? ''}\n${printStatements(r.statements)}`);
  } catch (e) { console.log(`--- ${m} ERR ${(e as Error).name}: ${(e as Error).message}`); }
};
show('dv/dt = (v0 - v)/tau : volt');
show('dv/dt = (v0 - v)/tau : volt (unless refractory)', ['exact'], true);
show('dv/dt = (ge - v)/tau : volt\ndge/dt = -ge/taue : volt');
show('dv/dt = (ge - v)/tau : volt\ndge/dt = -ge/tau : volt');
show('dv/dt = (ge + gi - (v - El))/taum : volt (unless refractory)\ndge/dt = -ge/taue : volt\ndgi/dt = -gi/taui : volt', ['exact'], true);
show('dv/dt = -v**2/tau : 1');
show('dv/dt = sin(2*pi*t/ms)/tau : 1');
show('dv/dt = -v/tau : 1', 'rk4');
show('dv/dt = -v/tau + w/tau: 1\ndw/dt = -w/tau2 : 1', 'rk2');
show('dv/dt = -v/tau + sigma*xi/sqrt(tau): 1');
show('dv/dt = -v/tau + v*sigma*xi/sqrt(tau): 1');
show('dv/dt = -v/tau + v*sigma*xi/sqrt(tau): 1', 'milstein');
show('dv/dt = -v/tau + sigma*xi_1/sqrt(tau) + sigma*xi_2/sqrt(tau): 1\ndw/dt = -w/tau + s*xi_2/sqrt(tau) : 1', 'heun');
show('dm/dt = alpha*(1-m) - beta*m : 1\ndv/dt = (gna*m**3*(ENa - v) + gl*(El - v))/C : volt', 'exponential_euler');
show('dv/dt = I/C : volt');
show('dv/dt = -w/tau : 1\ndw/dt = v/tau : 1');
