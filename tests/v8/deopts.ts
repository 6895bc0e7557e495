/**
 * Reads V8's `--trace-deopt` output (Node 20 through 24 and Chromium print the same `[bailout ...]`
 * line): deopts per function, and each function's most frequent site. A deopt loop is one function
 * deoptimised at every call, hundreds of times, with one reason at one bytecode offset; a few per
 * function are ordinary tier-up churn.
 */

export interface DeoptCount {
  /** The function's name, `(anonymous)` without one. */
  fn: string;
  count: number;
  /** The most frequent site: `N× fn@offset TIER kind: reason`. */
  top: string;
}

const BAILOUT = /\[bailout \(kind: ([^,]+), reason: (.*?)\): begin\. deoptimizing [^<]*<JSFunction (?:([^ >(]+) )?\(sfi[^>]*>, (?:[^<]*<Code (\w+)>, )?opt id \d+, (?:node id \d+, )?bytecode offset (-?\d+)/;

/** The functions deoptimised at least `min` times, most first, and the number of deopts. */
export function countDeopts(trace: string, min = 1): { total: number; functions: DeoptCount[] } {
  const perFn = new Map<string, number>();
  const perSite = new Map<string, { fn: string; count: number }>();
  let total = 0;
  for (const line of trace.split('\n')) {
    const m = BAILOUT.exec(line);
    if (!m) continue;
    total++;
    const fn = m[3] ?? '(anonymous)';
    perFn.set(fn, (perFn.get(fn) ?? 0) + 1);
    const site = `${fn}@${m[5]} ${m[4] ?? '?'} ${m[1]}: ${m[2]}`;
    const s = perSite.get(site) ?? { fn, count: 0 };
    s.count++;
    perSite.set(site, s);
  }
  const functions: DeoptCount[] = [];
  for (const [fn, count] of perFn) {
    if (count < min) continue;
    let top = '';
    let best = 0;
    for (const [site, s] of perSite) if (s.fn === fn && s.count > best) { best = s.count; top = `${s.count}× ${site}`; }
    functions.push({ fn, count, top });
  }
  functions.sort((a, b) => b.count - a.count);
  return { total, functions };
}
