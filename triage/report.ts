/** Writing a triage report: per-ticket CSV or JSON, and the summary as lines of text. */
import fs from 'node:fs';
import path from 'node:path';
import type { TicketSnapshot, TriageReport } from './types';

/** One CSV field: quoted when it holds a comma, quote, CR or LF, with quotes doubled (RFC 4180). */
export function csvField(value: unknown): string {
  const text = value === undefined || value === null ? '' : String(value);
  // A leading =, +, - or @ would be run as a formula by spreadsheets.
  const safe = /^[=+\-@]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** `id,outcome,reason,subject`, one line per ticket, CRLF line ends. */
export function reportCsv(report: TriageReport): string {
  const lines = ['id,outcome,reason,subject'];
  for (const t of report.tickets) lines.push([t.id, t.outcome, t.reason, t.subject].map(csvField).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

/** The report as JSON, every ticket included. */
export function reportJson(report: TriageReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

/** Writes the per-ticket report; `.csv` gives CSV, `.json` JSON. */
export function writeReport(file: string, report: TriageReport): 'csv' | 'json' {
  const ext = path.extname(file).toLowerCase();
  if (ext !== '.csv' && ext !== '.json') throw new Error(`--report must end in .csv or .json; got "${file}"`);
  fs.writeFileSync(file, ext === '.csv' ? reportCsv(report) : reportJson(report));
  return ext === '.csv' ? 'csv' : 'json';
}

/** A table with aligned columns; the first row is the header. */
export function table(rows: (string | number)[][]): string {
  const cells = rows.map((row) => row.map(String));
  const widths = cells[0].map((_, i) => Math.max(...cells.map((row) => (row[i] ?? '').length)));
  const line = (row: string[]) => row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ').trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  return [line(cells[0]), rule, ...cells.slice(1).map(line)].join('\n');
}

const fmt = (s: TicketSnapshot) =>
  `${s.status ?? '-'}/${s.priority ?? '-'} assignee ${s.assignee_id ?? '-'} group ${s.group_id ?? '-'} [${s.tags.join(' ')}]`;

/** The summary of a run: counts, requests, 429s, time, and for a dry run a sample of before → after. */
export function summaryText(report: TriageReport): string {
  const rows: (string | number)[][] = report.dryRun
    ? [['', 'tickets'], ['matched', report.matched], ['would update', report.wouldUpdate], ['would skip', report.skipped - report.wouldUpdate]]
    : [['', 'tickets'], ['matched', report.matched], ['updated', report.updated], ['failed', report.failed], ['skipped', report.skipped]];
  if (report.alreadyTriaged) rows.push(['  already triaged', report.alreadyTriaged]);
  const reasons = new Map<string, number>();
  for (const t of report.tickets) {
    if (t.outcome !== 'skipped' || !t.reason || t.reason.startsWith('already triaged') || t.reason.startsWith('dry run')) continue;
    const key = t.reason.replace(/\s*\(.*$/, '').replace(/:.*$/, '');
    reasons.set(key, (reasons.get(key) ?? 0) + 1);
  }
  for (const [reason, n] of reasons) rows.push([`  ${reason}`, n]);
  rows.push(['requests', report.stats.requests], ['429s seen', report.stats.rateLimited], ['update jobs', report.stats.jobs], ['time', `${(report.stats.elapsedMs / 1000).toFixed(1)} s`]);
  const parts = [table(rows)];
  parts.push(`marker tag: ${report.marker ?? '(none)'}    query sent: ${report.query}`);
  if (report.dryRun) {
    parts.push(`Dry run: nothing was changed. ${report.wouldUpdate} ticket(s) would be updated.`);
    for (const s of report.sample) parts.push(`  #${s.id} ${s.subject.slice(0, 50)}\n      ${fmt(s.before)}\n   -> ${fmt(s.after)}${s.comment ? ' + comment' : ''}`);
  }
  const failures = report.tickets.filter((t) => t.outcome === 'failed').slice(0, 5);
  if (failures.length) {
    parts.push('First failures:');
    for (const t of failures) parts.push(`  #${t.id}: ${t.reason}`);
  }
  return parts.join('\n');
}
