/**
 * What the reports of composite operations share (bulk triage, offboarding): CSV fields, aligned
 * text tables, and writing a report file whose extension says its format.
 */
import fs from 'node:fs';
import path from 'node:path';

/** One CSV field: quoted when it holds a comma, quote, CR or LF, with quotes doubled (RFC 4180). */
export function csvField(value: unknown): string {
  const text = value === undefined || value === null ? '' : String(value);
  // A leading =, +, - or @ would be run as a formula by spreadsheets.
  const safe = /^[=+\-@]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** CSV text: the header, then one line per row, CRLF line ends. */
export function csvText(header: readonly string[], rows: readonly (readonly unknown[])[]): string {
  const lines = [header.join(','), ...rows.map((row) => row.map(csvField).join(','))];
  return `${lines.join('\r\n')}\r\n`;
}

/**
 * A table with aligned columns; the first row is the header. The first column aligns left and the
 * others right (counts), unless `left` lists more columns to align left (text).
 */
export function table(rows: (string | number)[][], left: readonly number[] = [0]): string {
  const cells = rows.map((row) => row.map(String));
  const widths = cells[0].map((_, i) => Math.max(...cells.map((row) => (row[i] ?? '').length)));
  const line = (row: string[]) => row.map((cell, i) => (left.includes(i) ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ').trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  return [line(cells[0]), rule, ...cells.slice(1).map(line)].join('\n');
}

/** The format a report file's name asks for, or an error naming the flag. */
export function reportFormat(file: string): 'csv' | 'json' {
  const ext = path.extname(file).toLowerCase();
  if (ext !== '.csv' && ext !== '.json') throw new Error(`--report must end in .csv or .json; got "${file}"`);
  return ext === '.csv' ? 'csv' : 'json';
}

/** Writes a report: `.csv` gets the CSV rendering, `.json` the JSON one. */
export function writeReportFile(file: string, render: { csv: () => string; json: () => string }): 'csv' | 'json' {
  const format = reportFormat(file);
  fs.writeFileSync(file, render[format]());
  return format;
}
