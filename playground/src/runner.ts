/**
 * The sandbox frame: loaded in `<iframe sandbox="allow-scripts">` (an opaque origin: no cookies,
 * no storage of the page's origin), with a CSP that forbids all network access. It owns the worker
 * that runs programs: the worker's code is embedded in this script (so the sandbox fetches
 * nothing) and started from a blob URL, which inherits the frame's CSP. A fresh worker is kept
 * ready so Run starts at once; Stop terminates the running worker immediately.
 */
declare const WORKER_SOURCE: string;

const workerUrl = URL.createObjectURL(new Blob([WORKER_SOURCE], { type: 'text/javascript' }));

interface Slot {
  readonly worker: Worker;
  used: boolean;
  runId: number;
}

function toPage(message: unknown, transfer: Transferable[] = []): void {
  // The page's origin is not secret and an opaque origin cannot name it: '*' is required here.
  window.parent.postMessage(message, '*', transfer);
}

function spawn(): Slot {
  const slot: Slot = { worker: new Worker(workerUrl), used: false, runId: -1 };
  slot.worker.onmessage = (event: MessageEvent) => {
    const data = event.data as { type?: unknown; data?: unknown };
    if (data.type === 'ready') {
      // The library is loaded in this worker: for the page's timings only.
      toPage({ type: 'workerReady', scriptAt: (data as { scriptAt?: unknown }).scriptAt, modulesAt: (data as { modulesAt?: unknown }).modulesAt, readyAt: (data as { readyAt?: unknown }).readyAt });
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

window.addEventListener('message', (event: MessageEvent) => {
  if (event.source !== window.parent) return;
  const msg = event.data as { type?: unknown; runId?: unknown };
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
    // The page asks in case it missed the message below (it may load after this frame).
    toPage({ type: 'ready' });
  } else if (msg.type === 'export') {
    current.worker.postMessage(msg);
  }
});

toPage({ type: 'ready' });
