/** Writing an offboarding report: CSV (every step, ticket and membership) or JSON, and the summary as text. */
import { csvText, table, writeReportFile } from '../lib/report';
import type { OffboardReport, OffboardStep } from './types';

export const CSV_HEADER = ['kind', 'id', 'outcome', 'group_id', 'job_id', 'reason', 'subject'] as const;

const stepText = (s: OffboardStep) => (s.error && !s.detail.includes(s.error.message) ? `${s.detail} (${s.error.code}: ${s.error.message})` : s.detail);

/**
 * `kind,id,outcome,group_id,job_id,reason,subject`: one line per step (kind `step`, id the step name,
 * outcome its status), per ticket (`ticket`: group_id is its group before the move) and per group
 * membership (`membership`), CRLF line ends.
 */
export function reportCsv(report: OffboardReport): string {
  return csvText(CSV_HEADER, [
    ...report.steps.map((s) => ['step', s.step, s.status, '', '', stepText(s), '']),
    ...report.tickets.map((t) => ['ticket', t.id, t.outcome, t.groupId, t.jobId, t.reason, t.subject]),
    ...report.memberships.map((m) => ['membership', m.id, m.outcome, m.groupId, m.jobId, m.reason, '']),
  ]);
}

/** The report as JSON, every step, ticket and membership included. */
export function reportJson(report: OffboardReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

/** Writes the report; `.csv` gives CSV, `.json` JSON. */
export function writeReport(file: string, report: OffboardReport): 'csv' | 'json' {
  return writeReportFile(file, { csv: () => reportCsv(report), json: () => reportJson(report) });
}

/** Entries by outcome, e.g. "1500 moved, 2 failed". */
function outcomes(entries: readonly { outcome: string }[]): string {
  const counts = new Map<string, number>();
  for (const e of entries) counts.set(e.outcome, (counts.get(e.outcome) ?? 0) + 1);
  return [...counts].map(([outcome, n]) => `${n} ${outcome.replace(/_/g, ' ')}`).join(', ');
}

/** The summary of a run: every step with what it found and changed, the tickets and memberships by outcome, and what was not done. */
export function summaryText(report: OffboardReport): string {
  const u = report.user;
  const who = [`user ${u.id}`, u.name, u.email ? `<${u.email}>` : null, u.role ? `(${u.role})` : null].filter(Boolean).join(' ');
  const parts = [`Offboarding ${who}${report.dryRun ? ' (dry run)' : ''}`];
  const rows: (string | number)[][] = [['step', 'status', 'found', 'changed', 'detail']];
  for (const s of report.steps) rows.push([s.step, s.status, s.found, s.changed, stepText(s)]);
  parts.push(table(rows, [0, 1, 4]));
  if (report.tickets.length) parts.push(`tickets: ${outcomes(report.tickets)}`);
  if (report.memberships.length) parts.push(`group memberships: ${outcomes(report.memberships)}`);
  const { stats } = report;
  parts.push(`requests ${stats.requests}, 429s seen ${stats.rateLimited}, jobs ${stats.jobs}, time ${(stats.elapsedMs / 1000).toFixed(1)} s`);
  if (report.dryRun) parts.push('Dry run: nothing was changed.');
  if (report.stoppedAt) {
    const notRun = report.steps.filter((s) => s.status === 'not_run').map((s) => s.step);
    parts.push(`Stopped at the ${report.stoppedAt} step${notRun.length ? `; not run: ${notRun.join(', ')}` : ''}.`);
  } else if (!report.dryRun && report.steps.every((s) => s.status === 'unchanged' || s.status === 'skipped')) {
    parts.push('Nothing to change: the user was already offboarded as asked.');
  }
  const problems = [...report.tickets.map((t) => ({ kind: 'ticket', ...t })), ...report.memberships.map((m) => ({ kind: 'membership', ...m }))]
    .filter((e) => e.outcome === 'failed' || e.outcome === 'unknown')
    .slice(0, 5);
  if (problems.length) {
    parts.push('First problems:');
    for (const e of problems) parts.push(`  ${e.kind} ${e.id}: ${e.outcome}: ${e.reason}${e.jobId ? ` (job ${e.jobId})` : ''}`);
  }
  return parts.join('\n');
}
