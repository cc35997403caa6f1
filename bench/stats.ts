/** Median and spread of repeated timings, and the table the benchmark prints. */

/** A repeated measurement: its median and the range of the runs, in the unit it names. */
export interface Sample {
  median: number;
  min: number;
  max: number;
  runs: number[];
}

/** Median and range of `values` (at least one). */
export function summarize(values: readonly number[]): Sample {
  if (!values.length) throw new Error('summarize needs at least one value');
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
  return { median, min: sorted[0]!, max: sorted.at(-1)!, runs: [...values] };
}

/** One line of the results: a measurement, its paired baseline and a target, if any. */
export interface ResultRow {
  section: string;
  metric: string;
  unit: string;
  value: Sample | number;
  baseline?: { label: string; value: Sample | number };
  target?: { text: string; met: boolean };
  note?: string;
}

const medianOf = (value: Sample | number): number =>
  typeof value === 'number' ? value : value.median;

/** A number at a sensible precision for its size. */
export function round(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const abs = Math.abs(value);
  if (abs >= 1000) return Math.round(value).toLocaleString('en-US');
  if (abs >= 100) return value.toFixed(0);
  if (abs >= 10) return value.toFixed(1);
  return value.toFixed(2);
}

function formatValue(value: Sample | number): string {
  if (typeof value === 'number') return round(value);
  if (value.runs.length === 1) return round(value.median);
  return `${round(value.median)} (${round(value.min)}–${round(value.max)})`;
}

/** The ratio of a row's value to its baseline's, or `undefined` without a baseline. */
export function ratioOf(row: ResultRow): number | undefined {
  if (!row.baseline) return undefined;
  const base = medianOf(row.baseline.value);
  return base === 0 ? undefined : medianOf(row.value) / base;
}

/** A ratio at two significant digits at least: 0.0043×, 0.52×, 3.05×, 149×. */
export function formatRatio(ratio: number): string {
  if (!Number.isFinite(ratio)) return String(ratio);
  if (ratio >= 100) return `${ratio.toFixed(0)}×`;
  if (ratio >= 0.1) return `${ratio.toFixed(2)}×`;
  return `${ratio.toPrecision(2)}×`;
}

/** The rows as a Markdown table: value with its run range, baseline, ratio, target. */
export function markdownTable(rows: readonly ResultRow[]): string {
  const lines = [
    '| section | metric | value (median, min–max) | baseline | ratio | target |',
    '| --- | --- | --- | --- | --- | --- |',
  ];
  for (const row of rows) {
    const ratio = ratioOf(row);
    const baseline = row.baseline
      ? `${formatValue(row.baseline.value)} ${row.unit} (${row.baseline.label})`
      : '';
    const target = row.target ? `${row.target.met ? 'met' : '**missed**'}: ${row.target.text}` : '';
    const value = `${formatValue(row.value)} ${row.unit}${row.note ? ` (${row.note})` : ''}`;
    lines.push(
      `| ${row.section} | ${row.metric} | ${value} | ${baseline} | ${ratio === undefined ? '' : formatRatio(ratio)} | ${target} |`,
    );
  }
  return lines.join('\n');
}
