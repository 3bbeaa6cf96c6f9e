// npm run bench — runs every bench/*.bench.ts and prints one table. Figures, not pass/fail.
import { readdirSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import type { Row } from './lib.ts';

const only = process.argv[2];
const files = readdirSync('bench')
  .filter((f) => f.endsWith('.bench.ts') && (!only || f.includes(only)))
  .sort();
const rows: Row[] = [];
for (const file of files) {
  process.stderr.write(`running ${file}…\n`);
  const mod = (await import(pathToFileURL(`bench/${file}`).href)) as { run: () => Promise<Row[]> };
  rows.push(...(await mod.run()));
}
const widths = ['benchmark', 'figure', 'value', 'note'].map((k) => Math.max(k.length, ...rows.map((r) => String(r[k as keyof Row] ?? '').length)));
const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ');
console.log(line(['benchmark', 'figure', 'value', 'note']));
console.log(widths.map((w) => '-'.repeat(w)).join('  '));
for (const r of rows) console.log(line([r.benchmark, r.figure, r.value, r.note ?? '']));
process.exit(0);
