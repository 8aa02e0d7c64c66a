/** `offboard`: lock a user out, move their unsolved tickets, remove their groups, delete them if asked; with progress, a summary and a report file. */
import type { Command } from 'commander';
import { summaryText, writeReport } from '../offboard/report';
import { offboardUser } from '../offboard/run';
import { OffboardError, type OffboardOptions, type OffboardReport } from '../offboard/types';
import { runCompositeCommand } from './composite-command';
import { UsageError } from './errors';
import type { JsonStyle } from './output';
import { addTargetOptions, type TargetFlags } from './target';

interface OffboardFlags extends TargetFlags, JsonStyle {
  user: string;
  reassignToGroup?: string;
  reassignToAgent?: string;
  comment?: string;
  signOut: boolean;
  suspend: boolean;
  removeFromGroups: boolean;
  delete?: boolean;
  permanentlyDelete?: boolean;
  dryRun?: boolean;
  report?: string;
  concurrency?: string;
  json?: boolean;
  progress: boolean;
}

/** The flag of each option, to name it in errors as the user typed it (`reassignToGroupId` → `--reassign-to-group`). */
const OFFBOARD_FLAGS: Record<string, string> = {
  userId: '--user',
  userEmail: '--user',
  reassignToGroupId: '--reassign-to-group',
  reassignToAgentId: '--reassign-to-agent',
  comment: '--comment',
  signOut: '--no-sign-out',
  suspend: '--no-suspend',
  removeFromGroups: '--no-remove-from-groups',
  deleteUser: '--delete',
  permanentlyDelete: '--permanently-delete',
  dryRun: '--dry-run',
};

function readId(value: string, flag: string, what: string): number {
  const text = value.trim();
  if (!/^\d+$/.test(text) || Number(text) < 1 || !Number.isSafeInteger(Number(text))) throw new UsageError(`${flag} must be the numeric id of ${what}; got "${value}".`);
  return Number(text);
}

/** `--user` as typed: digits are the user's id, an address with @ their primary email (looked up once, before any change). */
export function userFromFlag(value: string): Pick<OffboardOptions, 'userId' | 'userEmail'> {
  const text = value.trim();
  if (/^\d+$/.test(text)) return { userId: readId(text, '--user', 'a user') };
  if (text.includes('@')) return { userEmail: text };
  throw new UsageError(`--user takes the user's id (e.g. 12345) or primary email (e.g. jane@example.com); got "${value}".`);
}

function positiveInt(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`${flag} must be a whole number of at least 1; got "${value}".`);
  return n;
}

/** The flags as offboarding options (the checks across options are the library's, named back as flags). */
export function optionsFromFlags(flags: OffboardFlags): OffboardOptions {
  return {
    ...userFromFlag(flags.user),
    reassignToGroupId: flags.reassignToGroup === undefined ? undefined : readId(flags.reassignToGroup, '--reassign-to-group', 'a group'),
    reassignToAgentId: flags.reassignToAgent === undefined ? undefined : readId(flags.reassignToAgent, '--reassign-to-agent', 'an agent'),
    comment: flags.comment,
    signOut: flags.signOut,
    suspend: flags.suspend,
    removeFromGroups: flags.removeFromGroups,
    deleteUser: flags.delete === true,
    permanentlyDelete: flags.permanentlyDelete === true,
    dryRun: flags.dryRun === true,
  };
}

export function registerOffboardCommand(program: Command): void {
  const offboard = program
    .command('offboard')
    .description('Offboard a user in one repeatable run: suspend, sign out, move their unsolved tickets, remove their groups, delete if asked; a report of every step')
    .requiredOption('--user <id or email>', "the user to offboard: their id, or their primary email (looked up once, before any change)")
    .option('--reassign-to-group <id>', "move the user's unsolved tickets to this group (alone: unassigned in that group)")
    .option('--reassign-to-agent <id>', "assign the user's unsolved tickets to this agent (with --reassign-to-group: an agent of that group)")
    .option('--comment <text>', 'internal note added to every reassigned ticket, in the same update')
    .option('--no-sign-out', 'keep the user\'s sessions (default: end them all)')
    .option('--no-suspend', 'do not suspend the user (default: suspend)')
    .option('--no-remove-from-groups', "keep the user's group memberships (default: remove them)")
    .option('--delete', 'delete the user once every step before succeeded (Zendesk keeps the record, inactive)')
    .option('--permanently-delete', 'with --delete: also erase the user for good (GDPR). Cannot be undone')
    .option('--dry-run', 'show what each step would do and change nothing')
    .option('--report <file>', 'write every step, ticket and group membership with its outcome to a .csv (kind,id,outcome,group_id,job_id,reason,subject) or .json file')
    .option('--concurrency <n>', 'update jobs in flight at once (default 5; Zendesk allows 30 per account)')
    .option('--json', 'print the whole report as JSON on stdout instead of the summary')
    .option('--no-progress', 'no progress output on stderr')
    .option('--pretty', 'with --json: indented JSON')
    .option('--compact', 'with --json: one-line JSON');
  addTargetOptions(offboard).addHelpText(
    'after',
    `
How it works: the user (and the reassign target) are looked up first; an unknown or ambiguous user, or a
target that cannot take the tickets, stops the run before anything changes. Then, in this order:
  suspend       suspend the user, so they cannot sign in again
  sign_out      end every session of the user
  tickets       move every unsolved ticket assigned to the user (search export: all of them) with
                update jobs of 100; --comment is added to each as an internal note
  memberships   remove the user from every group
  delete        only with --delete; then permanently_delete, only with --permanently-delete
Every step checks the state first (already suspended, no session, no ticket left...), so running the
same command again changes nothing and says so. A step that fails, or whose outcome is unknown, stops the
steps after it: nothing is deleted after a failure, and the report says exactly what was and was not done.

Progress goes to stderr (bars on a terminal, lines otherwise); the summary to stdout.
Exit codes: 0 every step done (or nothing to do), 1 a step failed or its outcome is unknown, 2 bad usage
(an unknown user included).

Examples:
  zendesk-blocks offboard --user jane@acme.com --reassign-to-group 360001 --comment 'Jane left: reassigned' --dry-run
  zendesk-blocks offboard --user 12345 --reassign-to-group 360001 --reassign-to-agent 360002 --report offboard.csv
  zendesk-blocks offboard --user 12345 --reassign-to-group 360001 --delete`,
  );
  offboard.action(async (flags: OffboardFlags, command: Command) => {
    const options = optionsFromFlags(flags);
    const concurrency = positiveInt(flags.concurrency, '--concurrency');
    await runCompositeCommand<OffboardReport>(flags, command, {
      run: (target, progress) =>
        offboardUser(target, { ...options, jobs: concurrency ? { concurrency } : undefined, onProgress: (event) => progress.offboard(event) }),
      failure: OffboardError,
      flags: OFFBOARD_FLAGS,
      writeReport,
      contents: (report) => `${report.steps.length} step(s), ${report.tickets.length} ticket(s), ${report.memberships.length} membership(s)`,
      summary: summaryText,
      succeeded: (report) => report.completed,
    });
  });
}
