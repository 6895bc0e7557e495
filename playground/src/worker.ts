/**
 * The worker that runs a playground program. It lives inside the sandbox frame (opaque origin, no
 * network by CSP) and is created fresh for every run, so a run never sees the previous one's state
 * and Stop is `worker.terminate()`.
 *
 * The program is TypeScript written exactly as in examples/; the page strips its types and turns its
 * ES imports into `require` calls (transpile.ts), and the program body runs here as an async function
 * (top-level `await fig.save(...)` works) whose `require('brian-ts')` returns the library bundled here.
 *
 * This script is not the worker's own script: the sandbox frame starts each worker from a tiny
 * bootstrap (runner.ts) and sends it this code as text, which the bootstrap evaluates (session 6:
 * the worker's thread starts while the frame is still reading the code).
 * Running user code is the point of the playground; it is confined by the sandbox, not inspected.
 *
 * The library is used through its public API; the worker adapts three things to the page:
 * `figure.save` sends the SVG to the page instead of writing a file, `Network.run` reports its
 * progress (and still honours the program's own `report`), and monitors that took part in a run
 * can be exported as .npz/.csv on request.
 */
import * as brian from '../../src/index.ts';
import { textReport } from '../../src/core/index.ts';
import type { ReportCallback, ReportSpec, RunOptions } from '../../src/index.ts';
import { SOURCE_URL } from './protocol.ts';
import type { ErrorInfo, ErrorLink, FromRunner, MonitorInfo, ProgramPosition } from './protocol.ts';

/** When the modules (brian-ts, Plot, linkedom) had been evaluated: the worker's own set-up starts here. */
const modulesAt = performance.now();

/** Set by the bootstrap (runner.ts): where the code also is as a script, for the program's thread workers. */
const boot = globalThis as { __brianWorkerStart?: number; __brianThreadScript?: unknown };
if (typeof boot.__brianThreadScript === 'string') brian.setThreadScript(boot.__brianThreadScript, 'classic');

// The root tsconfig has no DOM/WebWorker lib (like src/): the little of the worker API used here.
type Transferable = ArrayBuffer;
interface WorkerScope {
  postMessage(message: unknown, transfer?: Transferable[]): void;
  onmessage: ((event: MessageEvent) => void) | null;
}
const scope = globalThis as unknown as WorkerScope;

let runId = 0;
/** Now as an epoch time (ms), comparable across the page, the sandbox frame and this worker. */
const epoch = (): number => performance.timeOrigin + performance.now();
function post(message: FromRunner, transfer?: Transferable[]): void {
  scope.postMessage(message, transfer);
}

// ---------------------------------------------------------------------------------------------
// console and process: output goes to the page.

function formatArg(x: unknown): string {
  if (typeof x === 'string') return x;
  if (x instanceof Error) return `${x.name}: ${x.message}`;
  if (x === null || typeof x !== 'object') return String(x);
  // Quantities, views and arrays print as their String() (Brian2's display); plain objects as JSON.
  const str = String(x);
  if (str !== '[object Object]') return str;
  try {
    return JSON.stringify(x);
  } catch {
    return str;
  }
}

const LEVELS = ['log', 'info', 'warn', 'error'] as const;
for (const level of LEVELS) {
  (console as unknown as Record<string, (...args: unknown[]) => void>)[level] = (...args: unknown[]) =>
    post({ type: 'log', runId, level, text: args.map(formatArg).join(' ') });
}
(console as unknown as Record<string, unknown>)['debug'] = console.log;

// Programs may read process.env (the examples' duration scale does); reports write to stdout.
// No `versions.node`, so the library keeps to its browser paths.
const stdout = { write: (s: string) => (post({ type: 'log', runId, level: 'log', text: s.replace(/\n$/, '') }), true) };
const stderr = { write: (s: string) => (post({ type: 'log', runId, level: 'warn', text: s.replace(/\n$/, '') }), true) };
const env: Record<string, string> = {};
(globalThis as unknown as { process: unknown }).process = { env, stdout, stderr, argv: [] };

// ---------------------------------------------------------------------------------------------
// Figures: `save` shows the figure in the page; figures drawn on but never saved are shown at the end.

type FigureProto = Record<string, unknown> & { toSVG(): string };
const figureProto = Object.getPrototypeOf(brian.figure()) as FigureProto;
const touched = new Set<FigureProto>();
const saved = new Set<FigureProto>();
for (const key of Object.getOwnPropertyNames(figureProto)) {
  const original = figureProto[key];
  if (key === 'constructor' || typeof original !== 'function') continue;
  figureProto[key] = function (this: FigureProto, ...args: unknown[]) {
    touched.add(this);
    return (original as (...a: unknown[]) => unknown).apply(this, args);
  };
}
let figureCount = 0;
figureProto['save'] = async function (this: FigureProto, path: unknown): Promise<void> {
  if (typeof path !== 'string' || path === '') throw new brian.PlotError('save', 'expected a file path ending in .svg or .png');
  const ext = /\.([^./\\]+)$/.exec(path)?.[1]?.toLowerCase();
  if (ext !== 'svg' && ext !== 'png') {
    throw new brian.PlotError('save', `cannot save to '${path}': unknown format ${ext === undefined ? '(no extension)' : `'.${ext}'`}; use a path ending in .svg or .png`);
  }
  touched.add(this);
  saved.add(this);
  figureCount++;
  post({ type: 'figure', runId, name: path.replace(/^.*[/\\]/, ''), svg: this.toSVG() });
};

function showUnsavedFigures(): void {
  for (const fig of touched) {
    if (saved.has(fig)) continue;
    figureCount++;
    post({ type: 'figure', runId, name: `figure-${figureCount}.svg`, svg: fig.toSVG() });
  }
}

// ---------------------------------------------------------------------------------------------
// Long library calls: the page's watchdog (page.ts) tells a program stuck in its own code ("not
// responding") from one inside a library call that may legitimately take seconds without
// reporting — connecting millions of synapses, compiling a run's code — and says which.

let phaseDepth = 0;
function inPhase<T>(name: string, body: () => T): T {
  if (phaseDepth++ === 0) post({ type: 'phase', runId, name });
  try {
    return body();
  } finally {
    if (--phaseDepth === 0) post({ type: 'phase', runId, name: null });
  }
}

type ConnectFn = (this: brian.Synapses, ...args: unknown[]) => void;
const originalConnect = brian.Synapses.prototype.connect as ConnectFn;
(brian.Synapses.prototype as unknown as { connect: ConnectFn }).connect = function (this: brian.Synapses, ...args: unknown[]): void {
  inPhase(`Synapses.connect of '${this.name}'`, () => originalConnect.apply(this, args));
};

// ---------------------------------------------------------------------------------------------
// Progress: every run reports to the page; the program's own report still gets its calls.

const PROGRESS_PERIOD = brian.ms(50);
const DEFAULT_USER_PERIOD_S = 10;
let runCount = 0;
type RunFn = (this: brian.Network, duration: brian.Quantity, options?: RunOptions) => void;
const originalRun = brian.Network.prototype.run as RunFn;

function userReport(spec: ReportSpec | null | undefined): ReportCallback | null {
  if (spec === undefined || spec === null) return null;
  if (spec === 'text' || spec === 'stdout') return textReport((s) => stdout.write(s));
  if (spec === 'stderr') return textReport((s) => stderr.write(s));
  return spec; // a callback, or something invalid that the library rejects below
}

brian.Network.prototype.run = function (this: brian.Network, duration: brian.Quantity, options: RunOptions = {}): void {
  const spec = options.report;
  if (spec !== undefined && spec !== null && typeof spec !== 'function' && !['text', 'stdout', 'stderr'].includes(spec as string)) {
    // Let the library produce its own error for an invalid report argument.
    originalRun.call(this, duration, options);
    return;
  }
  const user = userReport(spec);
  const userPeriod = options.reportPeriod === undefined ? DEFAULT_USER_PERIOD_S : options.reportPeriod.value;
  let nextUser = 0;
  const run = ++runCount;
  // Until its first report the run prepares (compiles) its objects' code: a phase of its own.
  let preparing = true;
  const report: ReportCallback = (elapsed, completed, start, dur) => {
    if (preparing) {
      preparing = false;
      post({ type: 'phase', runId, name: null });
    }
    post({ type: 'progress', runId, fraction: completed, run });
    if (user === null) return;
    const wall = elapsed.value;
    if (completed === 0 || completed >= 1 || wall >= nextUser) {
      if (completed > 0 && completed < 1) nextUser = wall + userPeriod;
      else if (completed === 0) nextUser = userPeriod;
      user(elapsed, completed, start, dur);
    }
  };
  post({ type: 'phase', runId, name: `preparing run ${run} (generating and compiling its code)` });
  try {
    originalRun.call(this, duration, { ...options, report, reportPeriod: PROGRESS_PERIOD });
  } finally {
    if (preparing) post({ type: 'phase', runId, name: null });
  }
};

// ---------------------------------------------------------------------------------------------
// Monitors: those that took part in a run, exportable on request.

type Exportable = brian.StateMonitor | brian.SpikeMonitor | brian.EventMonitor | brian.PopulationRateMonitor;
const monitors: Exportable[] = [];
const wrapped = new Set<unknown>();
for (const cls of [brian.StateMonitor, brian.SpikeMonitor, brian.EventMonitor, brian.PopulationRateMonitor] as unknown as { prototype: object }[]) {
  let owner: object | null = cls.prototype;
  while (owner !== null && !Object.hasOwn(owner, 'beforeRun')) owner = Object.getPrototypeOf(owner) as object | null;
  if (owner === null || wrapped.has(owner)) continue;
  wrapped.add(owner);
  const slot = owner as { beforeRun: (this: Exportable, ...args: unknown[]) => unknown };
  const original = slot.beforeRun;
  slot.beforeRun = function (this: Exportable, ...args: unknown[]) {
    if (!monitors.includes(this)) monitors.push(this);
    return original.apply(this, args);
  };
}

function monitorKind(m: Exportable): string {
  if (m instanceof brian.StateMonitor) return 'StateMonitor';
  if (m instanceof brian.PopulationRateMonitor) return 'PopulationRateMonitor';
  if (m instanceof brian.SpikeMonitor) return 'SpikeMonitor';
  return 'EventMonitor';
}

function exportMonitor(id: number, format: 'npz' | 'csv', forRun: number): void {
  const m = monitors[id];
  try {
    if (m === undefined) throw new Error(`no monitor ${id}`);
    const name = `${m.name.replace(/[^A-Za-z0-9_-]/g, '_')}.${format}`;
    if (format === 'npz') {
      const bytes = brian.encodeNpz(m);
      post({ type: 'export', runId: forRun, monitor: id, format, data: bytes, name }, [bytes.buffer as ArrayBuffer]);
    } else {
      post({ type: 'export', runId: forRun, monitor: id, format, data: brian.encodeCsv(m), name });
    }
  } catch (e) {
    post({ type: 'exportError', runId: forRun, message: e instanceof Error ? `${e.name}: ${e.message}` : String(e) });
  }
}

// ---------------------------------------------------------------------------------------------
// Running the program.

const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor as new (...args: string[]) => (...a: unknown[]) => Promise<void>;

/** How many lines the engine puts before the body of a `new AsyncFunction` (measured, not assumed). */
const LINE_OFFSET = (() => {
  let stack = '';
  // The body runs synchronously up to its first await, so the callback sees the stack at once.
  void new AsyncFunction('cb', `cb(new Error('x').stack)\n//# sourceURL=${SOURCE_URL}`)((s: unknown) => (stack = String(s)));
  const line = framesIn(stack)[0]?.line;
  return line === undefined ? 2 : line - 1;
})();

/** Frames of a V8 stack inside the program, innermost first (line/column as the engine reports them). */
function framesIn(stack: string): ProgramPosition[] {
  const out: ProgramPosition[] = [];
  const re = new RegExp(`${SOURCE_URL.replace('.', '\\.')}:(\\d+):(\\d+)`, 'g');
  for (const m of stack.matchAll(re)) out.push({ line: Number(m[1]), column: Number(m[2]) });
  return out;
}

function toProgram(p: ProgramPosition | undefined): ProgramPosition | undefined {
  if (p === undefined) return undefined;
  const line = p.line - LINE_OFFSET;
  return line >= 1 ? { line, column: p.column } : undefined;
}

const LINK_FIELDS = ['source', 'offset', 'length', 'line', 'column', 'variable'] as const;

function describe(error: unknown, phase: ErrorInfo['phase']): ErrorInfo {
  const chain: ErrorLink[] = [];
  let current: unknown = error;
  const seen = new Set<unknown>();
  while (current !== undefined && current !== null && !seen.has(current) && chain.length < 8) {
    seen.add(current);
    if (current instanceof Error) {
      // In the bundle every frame is in one blob file, so the library cannot tell where in the
      // program an object was created unless the frame is the program's; drop a useless site.
      const message = current.message.replace(/\nObject was created here: (?![^\n]*program\.ts)[^\n]*/, '');
      const link: Record<string, unknown> = { name: current.name, message };
      for (const key of LINK_FIELDS) {
        const v = (current as unknown as Record<string, unknown>)[key];
        if ((key === 'source' || key === 'variable') && typeof v === 'string') link[key] = v;
        else if (key !== 'source' && key !== 'variable' && typeof v === 'number' && Number.isFinite(v)) link[key] = v;
      }
      chain.push(link as unknown as ErrorLink);
      current = current.cause;
    } else {
      chain.push({ name: 'Error', message: String(current) });
      break;
    }
  }
  if (chain.length === 0) chain.push({ name: 'Error', message: String(error) });
  let frame: ProgramPosition | undefined;
  let createdAt: ProgramPosition | undefined;
  if (phase !== 'transpile') {
    for (const e of seen) {
      if (!(e instanceof Error)) continue;
      frame ??= toProgram(framesIn(e.stack ?? '')[0]);
      const created = /Object was created here: [^\n]*/.exec(e.message)?.[0];
      if (created !== undefined) createdAt ??= toProgram(framesIn(created)[0]);
    }
  }
  return { phase, chain, ...(frame === undefined ? {} : { frame }), ...(createdAt === undefined ? {} : { createdAt }) };
}

/** The examples' helper module (examples/_duration.ts): the page's "duration ×" scales runs. */
function durationModule(): unknown {
  const durationScale = Number(env['BRIAN_TS_DURATION_SCALE'] ?? '1');
  return { durationScale, scaled: <T extends { times(x: number): T }>(d: T): T => (durationScale === 1 ? d : d.times(durationScale)) };
}

/** The helper as the examples import it from any folder depth ('./', '../', '../../'). */
const DURATION_MODULE = /^(?:\.\/|(?:\.\.\/)+)_duration\.ts$/;

function requireFor(name: unknown): unknown {
  if (name === 'brian-ts') return brian;
  if (typeof name === 'string' && DURATION_MODULE.test(name)) return durationModule();
  throw new brian.BrianError(`The playground provides only the module 'brian-ts'; the program imports '${String(name)}'.`);
}

/** Runs the program's JavaScript (the page transpiled it: transpile.ts). */
async function runProgram(code: string): Promise<void> {
  const started = performance.now();
  let body: (...a: unknown[]) => Promise<void>;
  try {
    body = new AsyncFunction('require', 'exports', 'module', `${code}\n//# sourceURL=${SOURCE_URL}`);
  } catch (e) {
    post({ type: 'error', runId, error: describe(e, 'transpile') });
    return;
  }
  try {
    const module = { exports: {} };
    await body(requireFor, module.exports, module);
    showUnsavedFigures();
  } catch (e) {
    showUnsavedFigures();
    post({ type: 'monitors', runId, monitors: monitorList() });
    post({ type: 'error', runId, error: describe(e, 'run') });
    return;
  }
  post({ type: 'monitors', runId, monitors: monitorList() });
  post({ type: 'done', runId, ms: performance.now() - started });
}

function monitorList(): MonitorInfo[] {
  return monitors.map((m, id) => ({ id, name: m.name, kind: monitorKind(m) }));
}

/** Period of the heartbeat while a program runs (well under the page's watchdog's 5 s). */
const HEARTBEAT_MS = 1000;
let ran = false;
// A thread Web Worker of a program's multi-threaded run (startThreads) runs this same script: the
// library serves its jobs; the program runner stays off.
if (!brian.isThreadWorker()) scope.onmessage = (event: MessageEvent) => {
  const msg = event.data as { type?: unknown; code?: unknown; threadScript?: unknown; runId?: unknown; monitor?: unknown; format?: unknown; durationScale?: unknown };
  if (msg.type === 'run' && typeof msg.code === 'string' && typeof msg.runId === 'number' && !ran) {
    ran = true;
    runId = msg.runId;
    if (typeof msg.durationScale === 'number' && msg.durationScale > 0 && msg.durationScale !== 1) env['BRIAN_TS_DURATION_SCALE'] = String(msg.durationScale);
    post({ type: 'started', runId, at: epoch() });
    // The page's watchdog hears this whenever the program leaves the event loop free (it awaits);
    // a program that never does sends progress (Network.run) or nothing (an endless loop).
    const beat = setInterval(() => post({ type: 'heartbeat', runId }), HEARTBEAT_MS);
    void runProgram(msg.code).finally(() => clearInterval(beat));
  } else if (msg.type === 'brian-ts-thread-script' && typeof msg.threadScript === 'string') {
    brian.setThreadScript(msg.threadScript, 'classic');
  } else if (msg.type === 'export' && typeof msg.monitor === 'number' && (msg.format === 'npz' || msg.format === 'csv') && typeof msg.runId === 'number') {
    exportMonitor(msg.monitor, msg.format, msg.runId);
  }
};

// Unhandled rejections of the program (e.g. a floating `fig.save()` promise) are shown too.
(globalThis as unknown as { addEventListener(t: string, f: (e: { reason: unknown }) => void): void }).addEventListener('unhandledrejection', (e) => {
  post({ type: 'error', runId, error: describe(e.reason, 'run') });
});

// Timings of the worker's start, on its own clock (ms since it was created) and as epoch times
// (the page puts them on its clock): the bootstrap began evaluating the code at `scriptAt`,
// the modules were evaluated at `modulesAt`, this set-up was done at `readyAt`.
if (!brian.isThreadWorker()) {
  post({ type: 'ready', origin: performance.timeOrigin, scriptAt: boot.__brianWorkerStart ?? -1, modulesAt, readyAt: performance.now() });
}
