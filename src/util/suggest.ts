/**
 * Close-match suggestions for misspelled names (Brian2's `SpellChecker`): words one edit away
 * (delete, transpose, replace, insert) if there are any, otherwise words two edits away.
 */

/** Optimal-string-alignment distance (Levenshtein plus adjacent transpositions), capped at `limit + 1`. */
export function editDistance(a: string, b: string, limit = 2): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, r) => Array.from({ length: cols }, (_, c) => (r === 0 ? c : c === 0 ? r : 0)));
  for (let r = 1; r < rows; r++) {
    for (let c = 1; c < cols; c++) {
      const cost = a[r - 1] === b[c - 1] ? 0 : 1;
      let best = Math.min(d[r - 1]![c]! + 1, d[r]![c - 1]! + 1, d[r - 1]![c - 1]! + cost);
      if (r > 1 && c > 1 && a[r - 1] === b[c - 2] && a[r - 2] === b[c - 1]) best = Math.min(best, d[r - 2]![c - 2]! + 1);
      d[r]![c] = best;
    }
  }
  return Math.min(d[a.length]![b.length]!, limit + 1);
}

/**
 * The known words closest to `word`: those at distance 1 if any, else those at distance 2,
 * sorted alphabetically; empty when nothing is that close.
 * @example suggestNames('vv', ['v', 'w', 'tau'])   // ['v']
 */
export function suggestNames(word: string, known: Iterable<string>): string[] {
  const one: string[] = [];
  const two: string[] = [];
  for (const candidate of new Set(known)) {
    if (candidate === word) continue;
    const d = editDistance(word, candidate);
    // Replacing every character of a short name is not a "close" match ('x' is not a typo of 'v').
    if (d >= Math.max(word.length, candidate.length)) continue;
    if (d === 1) one.push(candidate);
    else if (d === 2) two.push(candidate);
  }
  return (one.length > 0 ? one : two).sort();
}
