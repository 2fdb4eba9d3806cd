/** "Did you mean" for flags and command names: the closest known name within a small edit distance. */

/** Edit distance counting an insertion, deletion, substitution or swap of two neighbours as one edit. */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

/**
 * The known name closest to `given`: the only one it is a prefix of (`--dist` for `--distribution-id`), or
 * the nearest within a third of its length in edits (`--prot` for `--port`). Null when nothing is close.
 */
export function suggestFlag(given: string, known: readonly string[]): string | null {
  const lower = given.toLowerCase();
  const prefixed = known.filter((k) => lower.length >= 2 && k.startsWith(lower));
  if (prefixed.length === 1) return prefixed[0];
  let best: string | null = null;
  let bestDistance = Infinity;
  for (const name of known) {
    const distance = editDistance(lower, name);
    if (distance < bestDistance) {
      best = name;
      bestDistance = distance;
    }
  }
  return best !== null && bestDistance <= Math.max(1, Math.floor(Math.max(lower.length, best.length) / 3)) ? best : null;
}
