/** Progress reporting for long runs, with Brian2's text format (`brian2/core/network.py::TextReport`). */
import { Quantity } from '../units/index.ts';

/** A progress callback: elapsed wall time, fraction completed (0 … 1), start time and duration of the run. */
export type ReportCallback = (elapsed: Quantity, completed: number, start: Quantity, duration: Quantity) => void;

/** `'text'`/`'stdout'` print to stdout, `'stderr'` to stderr, or a callback. */
export type ReportSpec = 'text' | 'stdout' | 'stderr' | ReportCallback;

/** Brian2's `_format_time`: `3h 25m 45s`, `2m 3s`, `12s`, `< 1s`. */
export function formatTime(seconds: number): string {
  const divisors = [24 * 60 * 60, 60 * 60, 60, 1];
  const letters = ['d', 'h', 'm', 's'];
  let remaining = seconds;
  let text = '';
  divisors.forEach((divisor, k) => {
    const n = Math.trunc(remaining / divisor);
    remaining -= n * divisor;
    if (n > 0 || text.length > 0) {
      if (text.length > 0) text += ' ';
      text += `${n}${letters[k]!}`;
    }
  });
  return text.length === 0 ? '< 1s' : text;
}

/** Python's `round` (half to even) for the estimated remaining time. */
function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/** Brian2's `TextReport`: writes the start line, then progress lines with the estimated time left. */
export function textReport(write: (line: string) => void): ReportCallback {
  return (elapsed, completed, start, duration) => {
    if (completed === 0) {
      write(`Starting simulation at t=${String(start)} for a duration of ${String(duration)}\n`);
      return;
    }
    const t = String(new Quantity(completed * duration.value, duration.dim));
    const percent = Math.trunc(completed * 100);
    let msg = `${t} (${percent}%) simulated in ${formatTime(elapsed.value)}`;
    if (completed < 1) {
      const remaining = roundHalfEven(((1 - completed) / completed) * elapsed.value);
      msg += `, estimated ${formatTime(remaining)} remaining.\n`;
    } else {
      msg += '\n';
    }
    write(msg);
  };
}
