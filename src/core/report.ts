/** Progress reporting for long runs, with Brian2's text format (`brian2/core/network.py::TextReport`). */
import { Quantity } from '../units/index.ts';
import { NetworkError } from './errors.ts';
import { environment, showValue } from '../util/index.ts';
import type { Env } from '../util/index.ts';

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
      write(`Starting simulation at t=${showValue(start)} for a duration of ${showValue(duration)}\n`);
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

/**
 * A text report for long runs only: nothing is printed until the first periodic report (a run
 * lasting longer than the report period); then the start line, progress lines and the end line.
 */
export function longRunReport(write: (line: string) => void): ReportCallback {
  const text = textReport(write);
  let pendingStart: Parameters<ReportCallback> | undefined;
  let started = false;
  return (elapsed, completed, start, duration) => {
    if (completed === 0) {
      pendingStart = [elapsed, completed, start, duration];
      started = false;
      return;
    }
    if (completed >= 1 && !started) return;
    if (!started && pendingStart !== undefined) text(...pendingStart);
    started = true;
    text(elapsed, completed, start, duration);
  };
}


/**
 * The report a run uses when given no `report` option: from the environment variable
 * `BRIAN_TS_REPORT` (`stdout`/`text` or `stderr`: report runs longer than the report period;
 * unset, empty or `none`: no report). The `brian-ts` command line sets it for the scripts it runs.
 */
export function environmentReport(env: Env = environment()): ReportCallback | null {
  const spec = env['BRIAN_TS_REPORT'];
  if (spec === undefined || spec === '' || spec === 'none') return null;
  if (spec === 'stdout' || spec === 'text') return longRunReport((s) => process.stdout.write(s));
  if (spec === 'stderr') return longRunReport((s) => process.stderr.write(s));
  throw new NetworkError(`The environment variable BRIAN_TS_REPORT must be 'stdout', 'stderr' or 'none', got '${spec}'.`);
}

/** The report period in seconds from `BRIAN_TS_REPORT_PERIOD`, if set (a positive number). */
export function environmentReportPeriod(env: Env = environment()): number | undefined {
  const text = env['BRIAN_TS_REPORT_PERIOD'];
  if (text === undefined || text === '') return undefined;
  const value = /^\s*[+]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/.test(text) ? Number(text) : NaN;
  if (!(value > 0) || !Number.isFinite(value)) {
    throw new NetworkError(`The environment variable BRIAN_TS_REPORT_PERIOD must be a positive number of seconds, got '${text}'.`);
  }
  return value;
}
