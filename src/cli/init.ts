/**
 * `brian-ts init <dir>`: a ready user project — package.json (`"type": "module"`, so top-level
 * `await` works; a dependency on brian-ts; tsx, TypeScript and Node's types for running and
 * checking), a strict tsconfig.json (`strict`, `noUncheckedIndexedAccess`) and an example model
 * that uses the README's idioms and type-checks under it.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join, relative, resolve, sep } from 'node:path';
import { CliError } from './errors.ts';

/** What `brian-ts init` needs to know. */
export interface InitOptions {
  /** The project folder (created when missing). */
  readonly dir: string;
  /** The version spec of the brian-ts dependency (default: this installation; see {@link defaultBrianTsSpec}). */
  readonly brianTs?: string;
}

/** The package.json fields of brian-ts that the new project copies. */
interface Manifest {
  readonly version?: string;
  readonly devDependencies?: Readonly<Record<string, string>>;
}

/**
 * The dependency spec that points at this brian-ts: `^<version>` when it is installed from a
 * registry (it lives under node_modules), otherwise the checkout itself (`file:<relative path>`),
 * so that `npx brian-ts init` from a clone gives a project that installs without a registry.
 */
export function defaultBrianTsSpec(root: string, projectDir: string, version: string): string {
  if (root.split(sep).includes('node_modules')) return `^${version}`;
  const rel = relative(projectDir, root).split(sep).join('/');
  return `file:${rel === '' ? '.' : rel}`;
}

/** A valid npm package name from the folder name. */
export function projectName(dir: string): string {
  const name = basename(resolve(dir))
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^[._-]+/, '')
    .slice(0, 214);
  return name === '' ? 'brian-ts-model' : name;
}

const TSCONFIG = {
  compilerOptions: {
    target: 'ES2022',
    lib: ['ES2022'],
    module: 'NodeNext',
    moduleResolution: 'NodeNext',
    strict: true,
    noUncheckedIndexedAccess: true,
    verbatimModuleSyntax: true,
    skipLibCheck: true,
    types: ['node'],
    noEmit: true,
  },
  include: ['*.ts'],
};

/** The example model: the README's idioms, written to type-check under the strict tsconfig above. */
const MODEL = `// A leaky integrate-and-fire neuron driven above threshold: its membrane potential and spikes.
// Run it with \`npm start\` (figure in model.png); check the types with \`npm run typecheck\`.
import { Equations, NeuronGroup, SpikeMonitor, StateMonitor, figure, mV, ms, run, startScope } from 'brian-ts';

startScope();
const eqs = new Equations('dv/dt = (v0 - v)/tau : volt (unless refractory)');
console.log(eqs.toMarkdown()); // the model, in Markdown with LaTeX maths

const G = new NeuronGroup(1, eqs, {
  threshold: 'v > -50*mV',
  reset: 'v = -60*mV',
  refractory: ms(5),
  method: 'exact',
  namespace: { v0: mV(-40), tau: ms(10) },
});
G.v = mV(-70);

const M = new StateMonitor(G, 'v', { record: true });
const spikes = new SpikeMonitor(G);
run(ms(100));

// M.v[0] is the recording of neuron 0; M.v.get(k) is the checked access for any index.
const v = M.v[0].in(mV);
console.log(\`\${spikes.numSpikes} spikes, first at \${String(spikes.t[0])}; v ranges from \${Math.min(...v).toFixed(1)} to \${Math.max(...v).toFixed(1)} mV\`);

const fig = figure();
fig.plot(M.t.in(ms), v);
fig.xlabel('Time (ms)');
fig.ylabel('v (mV)');
await fig.save('model.png');
`;

const README = (name: string): string => `# ${name}

A spiking-network model with brian-ts (Brian2's simulator in TypeScript).

\`\`\`sh
npm install          # brian-ts, tsx (runs TypeScript directly) and TypeScript
npm start            # runs model.ts; the figure is written to model.png
npm run typecheck    # strict type check (tsconfig.json)
\`\`\`

\`package.json\` has \`"type": "module"\`: brian-ts is an ES module, and \`await fig.save(…)\` at the top
level of a script needs a module.
`;

/** Creates the project; returns the paths written (relative to the project folder). */
export function initProject(options: InitOptions, root: string): string[] {
  const dir = resolve(options.dir);
  if (existsSync(dir) && !readdirSync(dir, { withFileTypes: true }).every((e) => e.isDirectory() || e.name.startsWith('.'))) {
    // Only an empty folder (or one holding folders and dot files, such as .git) is filled.
    const files = readdirSync(dir).filter((f) => !f.startsWith('.'));
    throw new CliError(`'${options.dir}' is not empty (${files.slice(0, 5).join(', ')}${files.length > 5 ? ', …' : ''}); brian-ts init only fills a new or empty folder.`, 1);
  }
  let manifest: Manifest;
  try {
    manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Manifest;
  } catch (e) {
    throw new CliError(`cannot read brian-ts's package.json in ${root}: ${(e as Error).message}`, 1);
  }
  const version = manifest.version ?? '0.0.0';
  const dev = manifest.devDependencies ?? {};
  const name = projectName(dir);
  const packageJson = {
    name,
    version: '0.1.0',
    private: true,
    type: 'module',
    scripts: { start: 'tsx model.ts', typecheck: 'tsc -p .' },
    dependencies: { 'brian-ts': options.brianTs ?? defaultBrianTsSpec(root, dir, version) },
    devDependencies: {
      '@types/node': dev['@types/node'] ?? '*',
      tsx: dev['tsx'] ?? '^4',
      typescript: dev['typescript'] ?? '*',
    },
  };
  const files: [string, string][] = [
    ['package.json', `${JSON.stringify(packageJson, null, 2)}\n`],
    ['tsconfig.json', `${JSON.stringify(TSCONFIG, null, 2)}\n`],
    ['model.ts', MODEL],
    ['README.md', README(name)],
    ['.gitignore', 'node_modules/\n*.png\n'],
  ];
  mkdirSync(dir, { recursive: true });
  for (const [file, text] of files) writeFileSync(join(dir, file), text, { flag: 'wx' });
  return files.map(([file]) => file);
}
