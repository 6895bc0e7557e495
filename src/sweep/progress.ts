/**
 * A progress bar with an ETA on a stream (stderr): redrawn in place on a terminal, otherwise a
 * line every `period` seconds and at the end (so logs of Slurm jobs stay readable).
 */
/** Where progress goes: a terminal or a log. */
export interface ProgressStream {
  write(text: string): unknown;
  readonly isTTY?: boolean | undefined;
  readonly columns?: number | undefined;
}

/** `1:02:03`, `4:05`. */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '?';
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${sec}` : `${m}:${sec}`;
}

/** Counts finished points and draws the bar. */
export class ProgressBar {
  private done = 0;
  private failed = 0;
  private readonly t0 = performance.now();
  private lastLine = -Infinity;
  private readonly stream: ProgressStream;
  private readonly total: number;
  private readonly skipped: number;
  private readonly period: number;

  /** `total` points to run now (after `skipped` finished earlier). */
  constructor(stream: ProgressStream, total: number, skipped: number, period = 10) {
    this.stream = stream;
    this.total = total;
    this.skipped = skipped;
    this.period = period;
    if (skipped > 0) stream.write(`${skipped} point${skipped === 1 ? '' : 's'} already finished in the output folder, skipped\n`);
    this.draw(false);
  }

  /** The text of the bar now. */
  text(): string {
    const elapsed = (performance.now() - this.t0) / 1000;
    const finished = this.done + this.failed;
    const eta = finished === 0 ? NaN : (elapsed / finished) * (this.total - finished);
    const width = 24;
    const filled = this.total === 0 ? width : Math.round((finished / this.total) * width);
    const failed = this.failed > 0 ? `, ${this.failed} failed` : '';
    return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${finished}/${this.total} points${failed}, ${formatDuration(elapsed)} elapsed, ETA ${finished === this.total ? '0:00' : formatDuration(eta)}`;
  }

  /** One point finished. */
  tick(ok: boolean): void {
    if (ok) this.done++;
    else this.failed++;
    this.draw(false);
  }

  private draw(final: boolean): void {
    if (this.stream.isTTY === true) {
      this.stream.write(`\r${this.text()}\u001b[K${final ? '\n' : ''}`);
      return;
    }
    const now = performance.now();
    if (final || now - this.lastLine >= this.period * 1000) {
      this.lastLine = now;
      this.stream.write(`${this.text()}\n`);
    }
  }

  /** Draws the final state (`note`: e.g. 'interrupted'). */
  finish(note?: string): void {
    this.draw(true);
    if (note !== undefined) this.stream.write(`${note}\n`);
  }
}
