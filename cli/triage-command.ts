/** `triage`: one change to every ticket a search matches, with progress, a summary and a report file. */
import type { Command } from 'commander';
import { TICKET_PRIORITIES, TICKET_STATUSES } from '../tools/params';
import { triageTickets } from '../triage/run';
import { summaryText, writeReport } from '../triage/report';
import { type TriageChanges, TriageError, type TriageReport } from '../triage/types';
import { runCompositeCommand } from './composite-command';
import { UsageError } from './errors';
import type { JsonStyle } from './output';
import { addTargetOptions, type TargetFlags } from './target';

interface TriageFlags extends TargetFlags, JsonStyle {
  query: string;
  set: string[];
  assignee?: string;
  group?: string;
  addTags?: string;
  removeTags?: string;
  comment?: string;
  publicComment?: boolean;
  dryRun?: boolean;
  max?: string;
  markerTag?: string;
  report?: string;
  concurrency?: string;
  json?: boolean;
  progress: boolean;
}

const collect = (value: string, previous: string[]) => [...previous, value];

/** The flag of each triage option, to name it in errors as the user typed it (`maxTickets` → `--max`). */
const TRIAGE_FLAGS: Record<string, string> = {
  query: '--query',
  status: '--set status',
  priority: '--set priority',
  assigneeId: '--assignee',
  groupId: '--group',
  groupName: '--set group',
  addTags: '--add-tags',
  removeTags: '--remove-tags',
  comment: '--comment',
  markerTag: '--marker-tag',
  maxTickets: '--max',
};

function readId(value: string, flag: string): number {
  if (!/^\d+$/.test(value.trim()) || Number(value) < 1 || !Number.isSafeInteger(Number(value))) {
    throw new UsageError(`${flag} must be a numeric id; got "${value}". (Agent names are not looked up: give the id.)`);
  }
  return Number(value);
}

/** A group as typed: digits are its id, anything else its exact name (looked up once, before any change). */
function readGroup(value: string, flag: string): Pick<TriageChanges, 'groupId' | 'groupName'> {
  const text = value.trim();
  if (!text) throw new UsageError(`${flag} needs a group id or the exact name of a group; got "${value}".`);
  return /^\d+$/.test(text) ? { groupId: readId(text, flag), groupName: undefined } : { groupId: undefined, groupName: text };
}

const list = (value: string | undefined) => value?.split(',').map((s) => s.trim()).filter(Boolean);

function positiveInt(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`${flag} must be a whole number of at least 1; got "${value}".`);
  return n;
}

/** `--set key=value` pairs and the dedicated flags → the change. */
export function changesFromFlags(flags: Pick<TriageFlags, 'set' | 'assignee' | 'group' | 'addTags' | 'removeTags' | 'comment' | 'publicComment'>): TriageChanges {
  const changes: TriageChanges = {};
  for (const pair of flags.set ?? []) {
    const eq = pair.indexOf('=');
    if (eq < 1) throw new UsageError(`--set takes key=value, e.g. --set status=pending; got "${pair}".`);
    const key = pair.slice(0, eq).trim().toLowerCase().replace(/-/g, '_');
    const value = pair.slice(eq + 1).trim();
    if (key === 'status') {
      if (!(TICKET_STATUSES as readonly string[]).includes(value)) throw new UsageError(`--set status must be one of ${TICKET_STATUSES.join(', ')}; got "${value}".`);
      changes.status = value as TriageChanges['status'];
    } else if (key === 'priority') {
      if (!(TICKET_PRIORITIES as readonly string[]).includes(value)) throw new UsageError(`--set priority must be one of ${TICKET_PRIORITIES.join(', ')}; got "${value}".`);
      changes.priority = value as TriageChanges['priority'];
    } else if (key === 'assignee' || key === 'assignee_id' || key === 'assigneeid') changes.assigneeId = readId(value, '--set assignee');
    else if (key === 'group' || key === 'group_id' || key === 'groupid') Object.assign(changes, readGroup(value, '--set group'));
    else throw new UsageError(`--set knows status, priority, assignee and group; got "${key}". Tags: --add-tags / --remove-tags; comment: --comment.`);
  }
  if (flags.assignee !== undefined) changes.assigneeId = readId(flags.assignee, '--assignee');
  if (flags.group !== undefined) Object.assign(changes, readGroup(flags.group, '--group'));
  if (flags.addTags !== undefined) changes.addTags = list(flags.addTags);
  if (flags.removeTags !== undefined) changes.removeTags = list(flags.removeTags);
  if (flags.comment !== undefined) changes.comment = flags.comment;
  if (flags.publicComment) changes.commentPublic = true;
  return changes;
}

export function registerTriageCommand(program: Command): void {
  const triage = program
    .command('triage')
    .description('Apply one change to every ticket a search matches (status, priority, assignee, group, tags, comment), with a per-ticket report')
    .requiredOption('--query <query>', 'Zendesk search syntax for the tickets, e.g. "status<solved tags:billing" (type:ticket is implied)')
    .option('--set <key=value>', 'status=<status>, priority=<priority>, assignee=<id> or group=<id or exact group name>; repeatable', collect, [])
    .option('--assignee <id>', 'assign every ticket to this agent id')
    .option('--group <id or name>', 'assign every ticket to this group (its id, or its exact name, looked up once before any change)')
    .option('--add-tags <tags>', 'comma-separated tags to add (existing tags are kept)')
    .option('--remove-tags <tags>', 'comma-separated tags to remove')
    .option('--comment <text>', 'comment added to every ticket (an internal note unless --public-comment); adds the marker tag')
    .option('--public-comment', 'make the comment public (emailed to each requester)')
    .option('--dry-run', 'show what would change (count and a sample, before -> after) and change nothing')
    .option('--max <n>', 'change at most this many tickets; the rest are reported as skipped (default 10000)')
    .option('--marker-tag <tag>', 'tag marking triaged tickets so a rerun leaves them alone (default with --comment: zb-triage-<hash of the change>)')
    .option('--report <file>', 'write the per-ticket outcome (updated, failed, skipped, already_triaged, would_update) to a .csv (id,outcome,reason,subject) or .json file')
    .option('--concurrency <n>', 'update jobs in flight at once (default 5; Zendesk allows 30 per account)')
    .option('--json', 'print the whole report as JSON on stdout instead of the summary table')
    .option('--no-progress', 'no progress output on stderr')
    .option('--pretty', 'with --json: indented JSON')
    .option('--compact', 'with --json: one-line JSON');
  addTargetOptions(triage).addHelpText(
    'after',
    `
How it works: every matching ticket is listed through the search export (no 1,000-result limit), then
changed through update_many jobs of 100 tickets, a few in flight at once; each ticket is reported as
updated, failed (with Zendesk's reason), skipped (closed, already in the requested state, beyond --max),
already_triaged (it carries the marker tag of an earlier run) or, with --dry-run, would_update.
Nothing is written until the search has finished.
With --comment, the marker tag is added in the same update; tickets carrying it are listed in the
report and left alone, so running the same triage again comments on no ticket twice.

Progress goes to stderr (bars on a terminal, lines otherwise); the summary to stdout.
Exit codes: 0 all done, 1 some tickets failed or the search failed, 2 bad usage.

Examples:
  zendesk-blocks triage --query 'status<solved tags:billing' --set priority=high --group 360001 \\
      --add-tags triaged --comment 'Routed to Billing' --dry-run
  zendesk-blocks triage --query 'status:new created<2024-01-01' --set status=pending --report out.csv
  zendesk-blocks triage --query 'tags:refund status<solved' --set group=Billing --dry-run
  zendesk-blocks triage --sandbox --sandbox-tickets 5000 --query 'status<solved tags:refund' --add-tags refund-queue`,
  );
  triage.action(async (flags: TriageFlags, command: Command) => {
    const changes = changesFromFlags(flags);
    const maxTickets = positiveInt(flags.max, '--max');
    const concurrency = positiveInt(flags.concurrency, '--concurrency');
    await runCompositeCommand<TriageReport>(flags, command, {
      run: (target, progress) =>
        triageTickets(target, {
          query: flags.query,
          changes,
          dryRun: flags.dryRun,
          maxTickets,
          markerTag: flags.markerTag,
          jobs: concurrency ? { concurrency } : undefined,
          onProgress: (event) => progress.triage(event),
        }),
      failure: TriageError,
      flags: TRIAGE_FLAGS,
      writeReport,
      contents: (report) => `${report.tickets.length} ticket(s)`,
      summary: summaryText,
      succeeded: (report) => report.failed === 0,
    });
  });
}
