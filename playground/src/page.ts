/**
 * The playground page: a CodeMirror 6 editor holding a brian-ts program, Run/Stop, progress,
 * console, figures (SVG, downloadable as SVG and PNG), monitor downloads (.npz, CSV), error
 * markers, share links and "download as .ts".
 *
 * The page never runs a program itself. Programs go to the sandbox frame (runner.html in
 * `<iframe sandbox="allow-scripts">`: an opaque origin without the page's cookies or storage, no
 * network by CSP) only when Run is pressed. What comes back is treated as untrusted data: each
 * message's shape is checked, text goes in as text, and figures are shown as `<img>` of an SVG
 * blob, in which no script runs.
 */
import { EditorView, basicSetup } from 'codemirror';
import { javascript } from '@codemirror/lang-javascript';
import { lintGutter, setDiagnostics } from '@codemirror/lint';
import { EditorSelection } from '@codemirror/state';
import { keymap } from '@codemirror/view';
import { EXAMPLES } from 'playground:examples';
import { locateError } from './locate.ts';
import { modelStringHighlight } from './model-highlight.ts';
import type { ErrorInfo, ErrorLink, FromRunner, MonitorInfo, StartTimings, ToRunner } from './protocol.ts';
import { decodeShare, encodeShare, ShareLinkError } from './share.ts';
import { transpile } from './transpile.ts';

function byId<T extends HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (el === null) throw new Error(`the page has no #${id}`);
  return el as T;
}

const ui = {
  examples: byId<HTMLSelectElement>('examples'),
  durationScale: byId<HTMLInputElement>('duration-scale'),
  run: byId<HTMLButtonElement>('run'),
  stop: byId<HTMLButtonElement>('stop'),
  share: byId<HTMLButtonElement>('share'),
  download: byId<HTMLButtonElement>('download'),
  progress: byId<HTMLProgressElement>('progress'),
  status: byId<HTMLSpanElement>('status'),
  notice: byId<HTMLDivElement>('notice'),
  watchdog: byId<HTMLDivElement>('watchdog'),
  shareBox: byId<HTMLDivElement>('share-box'),
  shareLink: byId<HTMLInputElement>('share-link'),
  editor: byId<HTMLElement>('editor'),
  error: byId<HTMLDivElement>('error'),
  figures: byId<HTMLDivElement>('figures'),
  monitors: byId<HTMLDivElement>('monitors'),
  monitorList: byId<HTMLUListElement>('monitor-list'),
  console: byId<HTMLPreElement>('console'),
};

/** Timings and state for the browser tests (read-only information, no control). */
const probe = {
  firstFigureAt: -1,
  lastRun: { id: 0, startedAt: 0, endedAt: 0, outcome: '' },
  errorLocation: null as null | { line: number; column: number; how: string },
  figures: [] as { name: string; svg: string }[],
  stoppedAckAt: -1,
  /**
   * The watchdog of the last run: when it said "not responding" (-1: never), when it said "still
   * busy in a library call" (-1: never), the longest silence (ms).
   */
  watchdog: { shownAt: -1, busyShownAt: -1, maxSilenceMs: 0 },
  sandboxReadyAt: -1,
  workerReadyAt: -1,
  /** The first worker's own clock: its script started / brian-ts was ready (ms after its creation). */
  workerStart: { scriptAt: -1, modulesAt: -1, readyAt: -1 },
  /**
   * The start-up on this page's clock (ms since navigation start), from the sandbox frame's and the
   * first worker's own clocks: runner script started, first worker created, its code posted, the
   * worker began evaluating it, modules evaluated, worker ready; run pressed, program started in
   * the worker (bench/playground/load.bench.ts prints them).
   */
  phases: {} as Record<string, number>,
  program: (): string => program(),
};
(window as unknown as { playground: typeof probe }).playground = probe;

// ---------------------------------------------------------------------------------------------
// Editor

const runKeys = keymap.of([{ key: 'Mod-Enter', run: () => (startRun(), true) }]);
const editor = new EditorView({
  parent: ui.editor,
  doc: EXAMPLES[0]?.source ?? '',
  extensions: [runKeys, basicSetup, lintGutter(), javascript({ typescript: true }), modelStringHighlight],
});

function program(): string {
  return editor.state.doc.toString();
}

function setProgram(text: string): void {
  editor.dispatch({ changes: { from: 0, to: editor.state.doc.length, insert: text }, selection: EditorSelection.cursor(0) });
  editor.dispatch(setDiagnostics(editor.state, []));
}

for (const [k, ex] of EXAMPLES.entries()) {
  const option = document.createElement('option');
  option.value = String(k);
  option.textContent = `${ex.group} / ${ex.title}`;
  ui.examples.append(option);
}
ui.examples.addEventListener('change', () => {
  const ex = EXAMPLES[Number(ui.examples.value)];
  if (ex !== undefined) setProgram(ex.source);
});

// ---------------------------------------------------------------------------------------------
// Share links and downloads

function notice(text: string | null): void {
  ui.notice.hidden = text === null;
  ui.notice.textContent = text ?? '';
}

function loadFromFragment(): void {
  try {
    const shared = decodeShare(location.hash);
    if (shared === undefined) return;
    setProgram(shared);
    ui.examples.selectedIndex = -1;
    notice('This program came from a share link. It runs only when you press Run, inside a sandbox without access to this page.');
  } catch (e) {
    const why = e instanceof ShareLinkError ? e.message : 'The share link cannot be read.';
    notice(`${why} The editor keeps its current program.`);
  }
}

ui.share.addEventListener('click', () => {
  const url = `${location.href.replace(/#.*$/, '')}#${encodeShare(program())}`;
  history.replaceState(null, '', url);
  ui.shareBox.hidden = false;
  ui.shareLink.value = url;
  ui.shareLink.select();
  navigator.clipboard?.writeText(url).then(
    () => setStatus('Share link copied to the clipboard.'),
    () => setStatus('Share link ready (copy it from the box).'),
  );
});

function download(name: string, data: BlobPart, type: string): void {
  const url = URL.createObjectURL(new Blob([data], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

ui.download.addEventListener('click', () => {
  const ex = EXAMPLES[Number(ui.examples.value)];
  download(ex === undefined ? 'program.ts' : `${ex.title.replace(/[^A-Za-z0-9_.-]/g, '_')}.ts`, program(), 'text/typescript');
});

// ---------------------------------------------------------------------------------------------
// The sandbox

const frame = byId<HTMLIFrameElement>('sandbox');
let sandboxReady = false;
let running = false;
let runId = 0;
let monitorsOfRun = 0;

function toRunner(message: ToRunner): void {
  frame.contentWindow?.postMessage(message, '*');
}

function setStatus(text: string): void {
  ui.status.textContent = text;
}

function updateButtons(): void {
  ui.run.disabled = !sandboxReady || running;
  ui.stop.disabled = !running;
}

function clearOutput(): void {
  for (const img of ui.figures.querySelectorAll('img')) URL.revokeObjectURL(img.src);
  ui.figures.replaceChildren();
  ui.console.replaceChildren();
  ui.monitorList.replaceChildren();
  ui.monitors.hidden = true;
  ui.error.hidden = true;
  ui.error.replaceChildren();
  ui.progress.value = 0;
  probe.figures = [];
  probe.errorLocation = null;
  editor.dispatch(setDiagnostics(editor.state, []));
}

function startRun(): void {
  if (!sandboxReady || running) return;
  clearOutput();
  running = true;
  runId++;
  probe.lastRun = { id: runId, startedAt: performance.now(), endedAt: 0, outcome: 'running' };
  probe.phases['runPressed'] ??= probe.lastRun.startedAt;
  probe.watchdog = { shownAt: -1, busyShownAt: -1, maxSilenceMs: 0 };
  setStatus('Running…');
  updateButtons();
  // The TypeScript is stripped here (parsing only; nothing of it runs in the page).
  const js = transpile(program());
  if (!js.ok) {
    showError(js.error);
    finishRun('error', 'Stopped with an error.');
    return;
  }
  const scale = Number(ui.durationScale.value);
  toRunner({ type: 'run', code: js.code, runId, durationScale: scale > 0 && scale <= 1 ? scale : 1 });
}

/** Another context's time (its `performance.timeOrigin` + `at` ms) on this page's clock, if valid. */
function onPageClock(t: Partial<StartTimings>, at: number | undefined): number | undefined {
  const origin = Number(t.origin);
  const ms = Number(at);
  return Number.isFinite(origin) && Number.isFinite(ms) && ms >= 0 ? origin + ms - performance.timeOrigin : undefined;
}

function notePhases(t: Partial<StartTimings>, names: Partial<Record<keyof StartTimings, string>>): void {
  for (const [key, name] of Object.entries(names) as [keyof StartTimings, string][]) {
    const at = onPageClock(t, key === 'origin' ? 0 : t[key]);
    if (at !== undefined) probe.phases[name] ??= at;
  }
}

function finishRun(outcome: string, status: string): void {
  running = false;
  disarmWatchdog();
  probe.lastRun = { ...probe.lastRun, endedAt: performance.now(), outcome };
  setStatus(status);
  updateButtons();
}

ui.run.addEventListener('click', startRun);
ui.stop.addEventListener('click', () => {
  if (!running) return;
  toRunner({ type: 'stop' });
  finishRun('stopped', 'Stopped.');
});

// ---------------------------------------------------------------------------------------------
// The watchdog. A running program's worker sends progress (every 50 ms of Network.run), console
// output, figures, and a heartbeat each second while the program awaits. A worker that sends
// nothing for WATCHDOG_MS is stuck in synchronous code that never yields: an endless loop, or a
// heap so full that the engine stalls (Chromium then neither throws nor ends the worker). Only the
// page can tell, so it says so; Stop still works (it terminates the worker from the sandbox
// frame). The message goes away if the worker speaks again (a long synchronous step that ends).
// The worker names the library calls that may take long without reporting (`phase`: connecting
// millions of synapses, compiling a run); silence inside one gets a milder message naming it.

const WATCHDOG_MS = 5000;
let lastHeard = 0;
let watchdogTimer: ReturnType<typeof setInterval> | undefined;
/** The library call the program is in (from the worker's `phase` messages), if any. */
let phase: string | null = null;

/** Armed when the worker has started the program (a fresh worker may take seconds to load). */
function armWatchdog(): void {
  lastHeard = performance.now();
  phase = null;
  watchdogTimer ??= setInterval(checkWatchdog, 250);
}

function disarmWatchdog(): void {
  if (watchdogTimer !== undefined) clearInterval(watchdogTimer);
  watchdogTimer = undefined;
  noteSilence(performance.now());
  ui.watchdog.hidden = true;
}

function noteSilence(now: number): void {
  if (lastHeard > 0) probe.watchdog.maxSilenceMs = Math.max(probe.watchdog.maxSilenceMs, now - lastHeard);
}

function heardFromWorker(): void {
  if (watchdogTimer === undefined) return;
  const now = performance.now();
  noteSilence(now);
  lastHeard = now;
  if (!ui.watchdog.hidden) {
    ui.watchdog.hidden = true;
    setStatus('Running…');
  }
}

function checkWatchdog(): void {
  const silent = performance.now() - lastHeard;
  if (!running || silent < WATCHDOG_MS) return;
  const seconds = Math.floor(silent / 1000);
  const busy = phase !== null;
  ui.watchdog.textContent = busy
    ? `Still busy after ${seconds} s in ${phase}: a large model takes a while. If it never ends, it may be out of memory — press Stop to end it.`
    : `The program is not responding: nothing from it for ${seconds} s — an endless loop, or out of memory. Press Stop to end it.`;
  ui.watchdog.classList.toggle('busy', busy);
  if (!ui.watchdog.hidden) return;
  ui.watchdog.hidden = false;
  if (busy) probe.watchdog.busyShownAt = performance.now();
  else probe.watchdog.shownAt = performance.now();
  setStatus(busy ? 'Busy…' : 'Not responding.');
}

function appendConsole(level: string, text: string): void {
  const line = document.createElement('span');
  line.className = level;
  line.textContent = `${text}\n`;
  ui.console.append(line);
  ui.console.scrollTop = ui.console.scrollHeight;
}

function showFigure(name: string, svg: string): void {
  if (probe.firstFigureAt < 0) probe.firstFigureAt = performance.now();
  probe.figures.push({ name, svg });
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
  const box = document.createElement('div');
  box.className = 'figure';
  const img = document.createElement('img');
  img.alt = name;
  img.src = url;
  const caption = document.createElement('div');
  caption.className = 'caption';
  const title = document.createElement('span');
  title.textContent = name;
  const base = name.replace(/\.(png|svg)$/i, '');
  const svgButton = document.createElement('button');
  svgButton.textContent = 'SVG';
  svgButton.className = 'download-svg';
  svgButton.addEventListener('click', () => download(`${base}.svg`, `<?xml version="1.0" encoding="UTF-8"?>\n${svg}\n`, 'image/svg+xml'));
  const pngButton = document.createElement('button');
  pngButton.textContent = 'PNG';
  pngButton.className = 'download-png';
  pngButton.addEventListener('click', () => void downloadPng(img, `${base}.png`));
  caption.append(title, svgButton, pngButton);
  box.append(img, caption);
  ui.figures.append(box);
}

/** PNG through a canvas in the page, at twice the figure's size (as `fig.save('x.png')` in Node). */
async function downloadPng(img: HTMLImageElement, name: string): Promise<void> {
  await img.decode();
  const scale = 2;
  const canvas = document.createElement('canvas');
  canvas.width = img.naturalWidth * scale;
  canvas.height = img.naturalHeight * scale;
  const ctx = canvas.getContext('2d');
  if (ctx === null) return;
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
  if (blob !== null) download(name, blob, 'image/png');
}

function showMonitors(list: readonly MonitorInfo[]): void {
  ui.monitorList.replaceChildren();
  ui.monitors.hidden = list.length === 0;
  monitorsOfRun = runId;
  for (const m of list) {
    const li = document.createElement('li');
    li.dataset['monitor'] = m.name;
    const label = document.createElement('span');
    label.textContent = `${m.name} (${m.kind}) `;
    li.append(label);
    for (const format of ['npz', 'csv'] as const) {
      const b = document.createElement('button');
      b.textContent = format === 'npz' ? '.npz' : 'CSV';
      b.className = `download-${format}`;
      b.addEventListener('click', () => toRunner({ type: 'export', runId: monitorsOfRun, monitor: m.id, format }));
      li.append(b);
    }
    ui.monitorList.append(li);
  }
}

function showError(info: ErrorInfo): void {
  ui.error.hidden = false;
  ui.error.replaceChildren();
  const where = locateError(program(), info);
  const head = document.createElement('div');
  const what = info.phase === 'transpile' ? 'The program does not parse' : info.phase === 'worker' ? 'The worker failed' : 'The program stopped with an error';
  head.textContent = `${what}${where === undefined ? '' : ` (line ${where.line}, column ${where.column})`}:`;
  ui.error.append(head);
  info.chain.forEach((link: ErrorLink, k: number) => {
    const row = document.createElement('div');
    const name = document.createElement('span');
    name.className = 'error-name';
    name.textContent = `${k > 0 ? 'caused by ' : ''}${link.name}: `;
    row.append(name, document.createTextNode(link.message));
    ui.error.append(row);
  });
  if (where === undefined) return;
  probe.errorLocation = { line: where.line, column: where.column, how: where.how };
  ui.error.dataset['line'] = String(where.line);
  const doc = editor.state.doc;
  const line = doc.line(Math.min(Math.max(1, where.line), doc.lines));
  const from = Math.min(line.from + Math.max(0, where.column - 1), line.to);
  const to = Math.min(Math.max(from + where.length, from + 1), doc.length);
  const first = info.chain[0];
  editor.dispatch(setDiagnostics(editor.state, [{ from, to: Math.max(to, from), severity: 'error', message: first === undefined ? 'error' : `${first.name}: ${first.message}` }]));
  editor.dispatch({ effects: EditorView.scrollIntoView(from, { y: 'center' }) });
}

function isString(x: unknown): x is string {
  return typeof x === 'string';
}

function isErrorInfo(x: unknown): x is ErrorInfo {
  const e = x as ErrorInfo | null;
  return typeof e === 'object' && e !== null && Array.isArray(e.chain) && e.chain.every((l) => typeof l === 'object' && l !== null && isString(l.name) && isString(l.message));
}

window.addEventListener('message', (event: MessageEvent) => {
  if (event.source !== frame.contentWindow) return;
  const msg = event.data as FromRunner;
  if (typeof msg !== 'object' || msg === null || !isString(msg.type)) return;
  if (msg.type === 'workerReady') {
    if (probe.workerReadyAt < 0) {
      probe.workerReadyAt = performance.now();
      probe.workerStart = { scriptAt: Number(msg.scriptAt), modulesAt: Number(msg.modulesAt), readyAt: Number(msg.readyAt) };
      notePhases(msg, { origin: 'workerCreated', scriptAt: 'workerEvalStart', modulesAt: 'workerModules', readyAt: 'workerReady' });
    }
    return;
  }
  if (msg.type === 'ready') {
    if (probe.sandboxReadyAt < 0) probe.sandboxReadyAt = performance.now();
    notePhases(msg, { scriptAt: 'runnerScript', workerCreatedAt: 'runnerWorkerCreated', codeAt: 'runnerCodePosted' });
    sandboxReady = true;
    if (!running) setStatus('Ready. Press Run (Ctrl-Enter).');
    updateButtons();
    return;
  }
  if (msg.type === 'stopped') {
    probe.stoppedAckAt = performance.now();
    return;
  }
  if (!('runId' in msg) || msg.runId !== runId) return; // a previous run's late messages
  if (msg.type === 'started') {
    armWatchdog();
    const at = typeof msg.at === 'number' ? msg.at - performance.timeOrigin : undefined;
    if (at !== undefined) probe.phases['programStarted'] ??= at;
  } else heardFromWorker();
  switch (msg.type) {
    case 'started':
    case 'heartbeat':
      break;
    case 'phase':
      phase = isString(msg.name) ? msg.name.slice(0, 200) : null;
      break;
    case 'log':
      if (isString(msg.text)) appendConsole(isString(msg.level) ? msg.level : 'log', msg.text);
      break;
    case 'progress':
      if (typeof msg.fraction === 'number' && msg.fraction >= 0 && msg.fraction <= 1) {
        ui.progress.value = msg.fraction;
        if (running) setStatus(`Running… run ${msg.run}: ${Math.floor(msg.fraction * 100)} %`);
      }
      break;
    case 'figure':
      if (isString(msg.name) && isString(msg.svg)) showFigure(msg.name, msg.svg);
      break;
    case 'monitors':
      if (Array.isArray(msg.monitors)) showMonitors(msg.monitors.filter((m) => typeof m?.id === 'number' && isString(m.name) && isString(m.kind)));
      break;
    case 'done':
      finishRun('done', `Done in ${(Number(msg.ms) / 1000).toFixed(2)} s.`);
      break;
    case 'error':
      if (isErrorInfo(msg.error)) showError(msg.error);
      if (running) finishRun('error', 'Stopped with an error.');
      break;
    case 'export':
      if (isString(msg.name) && (isString(msg.data) || msg.data instanceof Uint8Array)) {
        download(msg.name, msg.data as BlobPart, msg.format === 'npz' ? 'application/octet-stream' : 'text/csv');
      }
      break;
    case 'exportError':
      if (isString(msg.message)) setStatus(`Export failed: ${msg.message}`);
      break;
  }
});

updateButtons();
toRunner({ type: 'hello' });
loadFromFragment();
window.addEventListener('hashchange', loadFromFragment);
