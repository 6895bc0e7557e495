/**
 * The page's first script (index.html's <head>, before the sandbox frame exists): it fetches the
 * worker's code (worker.js, ≈ 1.3 MB: brian-ts, Plot, linkedom; preloaded by index.html) while the
 * browser starts the sandbox frame's process, and hands it over when the frame asks for it.
 * The sandbox has no network (its CSP) and an opaque origin, so the code comes from the page, as
 * an ArrayBuffer the frame takes over (session 6: the code used to be inside runner.html, which
 * the frame then had to receive and parse before it could start the worker).
 */
const code: Promise<ArrayBuffer> = fetch('worker.js').then((response) => {
  if (!response.ok) throw new Error(`worker.js: HTTP ${response.status}`);
  return response.arrayBuffer();
});
// Reported on the page once the message handler sees it fail (the status line is not parsed yet).
code.catch((e: unknown) => {
  const show = (): void => {
    const status = document.getElementById('status');
    if (status !== null) status.textContent = `The simulator's code could not be loaded (${e instanceof Error ? e.message : String(e)}). Reload the page.`;
  };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', show);
  else show();
});

let handedOver = false;
window.addEventListener('message', (event: MessageEvent) => {
  const frame = document.getElementById('sandbox') as HTMLIFrameElement | null;
  if (handedOver || frame === null || event.source !== frame.contentWindow) return;
  if ((event.data as { type?: unknown } | null)?.type !== 'needCode') return;
  handedOver = true;
  void code.then((buffer) => frame.contentWindow?.postMessage({ type: 'code', code: buffer }, '*', [buffer]));
});
