/** Small pure helpers shared by the tables: the median and quartiles, number and table formatting. */

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export function ratio(value: number, baseline: number): string {
  return `${(value / baseline).toFixed(2)}x`;
}

/** Significant digits suited to a figure shown "for orientation": 3 significant, no exponent. */
export function num(value: number, digits = 3): string {
  if (!Number.isFinite(value)) return String(value);
  if (value === 0) return '0';
  const magnitude = Math.floor(Math.log10(Math.abs(value)));
  const decimals = Math.max(0, digits - 1 - magnitude);
  return value.toFixed(Math.min(decimals, 10));
}

export function pass(ok: boolean): string {
  return ok ? 'yes' : '**NO**';
}

export interface Table {
  title: string;
  /** Plain-language lines printed under the title: what is measured and against what. */
  notes: string[];
  header: string[];
  rows: string[][];
  /** Lines after the table: verdicts against the targets. */
  footer?: string[];
}

export function markdownTable(table: Table): string {
  const line = (cells: string[]) => `| ${cells.map((c) => c.replace(/\|/g, '\\|')).join(' | ')} |`;
  return [
    `## ${table.title}`,
    '',
    ...table.notes.flatMap((n) => [n, '']),
    line(table.header),
    line(table.header.map(() => '---')),
    ...table.rows.map(line),
    '',
    ...(table.footer ?? []).flatMap((n) => [n, '']),
  ].join('\n');
}

/** The q-quantile (0..1) by linear interpolation between the closest ranks; the IQR's quartiles. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}
