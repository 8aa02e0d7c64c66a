/** Writing a triage report: per-ticket CSV or JSON, and the summary as lines of text. */
import { csvField, csvText, table, writeReportFile } from '../lib/report';
import type { TicketSnapshot, TriageReport } from './types';

export { csvField, table };

/** `id,outcome,reason,subject`, one line per ticket (outcome: updated, failed, skipped, already_triaged, would_update), CRLF line ends. */
export function reportCsv(report: TriageReport): string {
  return csvText(['id', 'outcome', 'reason', 'subject'], report.tickets.map((t) => [t.id, t.outcome, t.reason, t.subject]));
}

/** The report as JSON, every ticket included. */
export function reportJson(report: TriageReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

/** Writes the per-ticket report; `.csv` gives CSV, `.json` JSON. */
export function writeReport(file: string, report: TriageReport): 'csv' | 'json' {
  return writeReportFile(file, { csv: () => reportCsv(report), json: () => reportJson(report) });
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
    if (t.outcome !== 'skipped' || !t.reason) continue;
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
