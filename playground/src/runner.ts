/**
 * The sandbox frame: loaded in `<iframe sandbox="allow-scripts">` (an opaque origin: no cookies,
 * no storage of the page's origin), with a CSP that forbids all network access. It owns the worker
 * that runs programs. A fresh worker is kept ready so Run starts at once; Stop terminates the
 * running worker immediately.
 *
 * Start-up (session 6): runner.html holds only this script. It starts the worker at once from a
 * tiny bootstrap (a blob URL, which inherits the frame's CSP) and asks the page for the worker's
 * code (`needCode`), which the page's boot.ts has been fetching meanwhile; the code arrives as an
 * ArrayBuffer and is posted to the worker, whose bootstrap evaluates it (`'unsafe-eval'`, which
 * programs need anyway). Only then does the page hear `ready`, so a run message always reaches a
 * worker after its code.
 */
declare const BOOTSTRAP_SOURCE: string;

/** Now on this frame's clock; `performance.timeOrigin` makes it comparable with the page's. */
const scriptAt = performance.now();
const bootUrl = URL.createObjectURL(new Blob([BOOTSTRAP_SOURCE], { type: 'text/javascript' }));

interface Slot {
  readonly worker: Worker;
  used: boolean;
  runId: number;
}

/** The worker's code (UTF-8, from the page), and a blob URL of it for a program's thread workers. */
let code: ArrayBuffer | undefined;
let threadScript: string | undefined;

function toPage(message: unknown, transfer: Transferable[] = []): void {
  // The page's origin is not secret and an opaque origin cannot name it: '*' is required here.
  window.parent.postMessage(message, '*', transfer);
}

function deliver(slot: Slot): void {
  if (code === undefined) return;
  const copy = code.slice(0);
  slot.worker.postMessage({ type: 'brian-ts-code', code: copy, threadScript }, [copy]);
}

function spawn(): Slot {
  const slot: Slot = { worker: new Worker(bootUrl), used: false, runId: -1 };
  deliver(slot);
  slot.worker.onmessage = (event: MessageEvent) => {
    const data = event.data as { type?: unknown; data?: unknown };
    if (data.type === 'ready') {
      // The library is loaded in this worker: for the page's timings only.
      const d = data as Record<string, unknown>;
      toPage({ type: 'workerReady', origin: d['origin'], scriptAt: d['scriptAt'], modulesAt: d['modulesAt'], readyAt: d['readyAt'] });
      return;
    }
    if (slot !== current) return; // a stopped run's last messages
    const transfer = data.data instanceof Uint8Array ? [data.data.buffer as ArrayBuffer] : [];
    toPage(data, transfer);
    // Prepared after a run, not during it: on few cores it would slow the run down.
    if (data.type === 'done' || data.type === 'error') standby ??= spawn();
  };
  slot.worker.onerror = (event: ErrorEvent) => {
    event.preventDefault();
    if (slot !== current) return;
    toPage({ type: 'error', runId: slot.runId, error: { phase: 'worker', chain: [{ name: 'WorkerError', message: event.message || 'the worker failed' }] } });
  };
  return slot;
}

// `current` ran (or runs) the last program and answers its export requests; `standby` is a fresh
// worker that has already loaded the library, so the next Run starts without waiting for it.
let current: Slot = spawn();
let standby: Slot | undefined;
const workerCreatedAt = performance.now();
let codeAt = -1;

function ready(): void {
  toPage({ type: 'ready', origin: performance.timeOrigin, scriptAt, workerCreatedAt, codeAt });
}

function codeArrived(buffer: ArrayBuffer): void {
  code = buffer;
  deliver(current);
  codeAt = performance.now();
  ready();
  // A program's thread workers (startThreads) run the code as their script; made after the first
  // worker has its code, off its critical path.
  setTimeout(() => {
    threadScript = URL.createObjectURL(new Blob([buffer], { type: 'text/javascript' }));
    current.worker.postMessage({ type: 'brian-ts-thread-script', threadScript });
  });
}

window.addEventListener('message', (event: MessageEvent) => {
  if (event.source !== window.parent) return;
  const msg = event.data as { type?: unknown; runId?: unknown; code?: unknown };
  if (code === undefined) {
    if (msg.type === 'code' && msg.code instanceof ArrayBuffer) codeArrived(msg.code);
    return; // until then the page waits for `ready`
  }
  if (msg.type === 'run' && typeof msg.runId === 'number') {
    if (current.used) {
      current.worker.terminate();
      current = standby ?? spawn();
      standby = undefined;
    }
    current.used = true;
    current.runId = msg.runId;
    current.worker.postMessage(msg);
  } else if (msg.type === 'stop') {
    current.worker.terminate();
    current = standby ?? spawn();
    standby = undefined;
    toPage({ type: 'stopped' });
  } else if (msg.type === 'hello') {
    // The page asks in case it missed `ready` (it may load after this frame).
    ready();
  } else if (msg.type === 'export') {
    current.worker.postMessage(msg);
  }
});

toPage({ type: 'needCode' });
