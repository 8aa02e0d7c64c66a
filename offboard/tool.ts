/** Offboarding as an operation of the catalog: a composite that runs every step and reports each one. */
import type { ResourceOperations, ToolError } from '../contract';
import { defineTool } from '../tools/define';
import { out } from '../tools/outputs';
import { param } from '../tools/params';
import { users } from '../tools/users/resource';
import { offboardInputProblem } from './plan';
import { offboardUser } from './run';
import { OffboardError, type OffboardReport } from './types';

const stepOf = (report: OffboardReport, name: string) => report.steps.find((s) => s.step === name)!;
const count = (entries: readonly { outcome: string }[], outcome: string) => entries.filter((e) => e.outcome === outcome).length;

/** The report as the documented outputs (snake_case). */
function outputsOf(report: OffboardReport) {
  const done = (name: string) => stepOf(report, name).status === 'done';
  const erased = report.alreadyErased;
  const ticketStep = stepOf(report, 'tickets');
  return {
    user_id: report.user.id,
    user: report.user,
    dry_run: report.dryRun,
    completed: report.completed,
    // Absent rather than null when there is nothing to say.
    ...(report.stoppedAt ? { stopped_at: report.stoppedAt } : {}),
    ...(report.reassignTo.groupId !== null ? { reassign_group_id: report.reassignTo.groupId } : {}),
    ...(report.reassignTo.agentId !== null ? { reassign_agent_id: report.reassignTo.agentId } : {}),
    steps: report.steps.map((s) => ({ ...s, error: s.error ? { code: s.error.code, message: s.error.message } : null })),
    sessions_ended: stepOf(report, 'sign_out').changed,
    suspended: report.user.suspended || done('suspend'),
    tickets_found: ticketStep.status === 'not_run' ? 0 : ticketStep.found,
    tickets_moved: count(report.tickets, 'moved'),
    tickets_failed: count(report.tickets, 'failed'),
    tickets_unknown: count(report.tickets, 'unknown'),
    memberships_removed: count(report.memberships, 'removed'),
    deleted: erased || !report.user.active || done('delete'),
    permanently_deleted: erased || done('permanently_delete'),
    tickets: report.tickets.map((t) => ({ id: t.id, outcome: t.outcome, reason: t.reason ?? null, job_id: t.jobId ?? null, group_id: t.groupId })),
    memberships: report.memberships.map((m) => ({ id: m.id, group_id: m.groupId, outcome: m.outcome, reason: m.reason ?? null, job_id: m.jobId ?? null })),
    requests: report.stats.requests,
  };
}

/** The call's error when a step stopped the run: that step's error, saying what was and was not done. */
function stoppedError(report: OffboardReport): ToolError {
  const stopped = stepOf(report, report.stoppedAt!);
  const error = stopped.error ?? { code: 'unexpected_response' as const, message: stopped.detail };
  const done = report.steps.filter((s) => s.status === 'done').map((s) => s.step);
  const notRun = report.steps.filter((s) => s.status === 'not_run').map((s) => s.step);
  return {
    ...error,
    message:
      `Offboarding user ${report.user.id} stopped at the ${stopped.step} step (${stopped.status}): ${error.message} ` +
      `Done: ${done.length ? done.join(', ') : 'nothing'}. Not run: ${notRun.length ? notRun.join(', ') : 'nothing'}` +
      `${notRun.some((s) => s === 'delete' || s === 'permanently_delete') ? ' (the user was not deleted)' : ''}. See output.steps and output.tickets.`,
  };
}

export const offboardUserTool = defineTool({
  id: 'zendesk_offboard_user',
  name: 'Offboard user',
  resource: users.id,
  description:
    'Offboard a user who leaves (or is compromised) in one repeatable run. The user (userId or userEmail) and the reassign target are checked ' +
    'before any change. Then, in order: suspend the user and end their sessions; move every unsolved ticket assigned to them to ' +
    'reassignToGroupId and/or reassignToAgentId (a group alone leaves them unassigned there), with comment as an internal note; remove their group ' +
    'memberships; only if asked, delete the user, and with permanentlyDelete erase them for good (cannot be undone). Each step checks the state ' +
    'first, so a rerun changes nothing. A failed step stops the later ones (nothing is deleted after it); output.steps says what each step ' +
    'found and changed, output.tickets each ticket. Try dryRun first.',
  params: {
    userId: param.numericId('Id of the user to offboard, e.g. 12345. Give this or userEmail.', { example: '12345' }),
    userEmail: param.text('Primary email of the user to offboard, e.g. jane@example.com (looked up once, before any change). Give this or userId.', {
      example: 'jane@example.com',
    }),
    reassignToGroupId: param.numericId("Id of the group the user's unsolved tickets move to; alone, the tickets are left unassigned in that group.", {
      example: '360000123',
    }),
    reassignToAgentId: param.numericId("Id of the agent the user's unsolved tickets are assigned to; with reassignToGroupId, the agent must be in that group.", {
      example: '360000111',
    }),
    comment: param.text('Internal note added to every reassigned ticket, e.g. "Jane left: reassigned to the Billing team." Needs a reassign target.', {
      multiline: true,
    }),
    signOut: param.boolean('End every session of the user ("true" or "false").', { default: 'true' }),
    suspend: param.boolean('Suspend the user so they cannot sign in again ("true" or "false").', { default: 'true' }),
    removeFromGroups: param.boolean("Remove the user from every group, i.e. delete an agent's group memberships (\"true\" or \"false\").", { default: 'true' }),
    deleteUser: param.boolean('Delete the user once the steps before succeeded ("true" or "false"); Zendesk keeps the record, inactive.', { default: 'false' }),
    permanentlyDelete: param.boolean('Also erase the deleted user for good, as GDPR requires ("true" or "false"); needs deleteUser. CANNOT be undone.', {
      default: 'false',
      advanced: true,
    }),
    dryRun: param.boolean('Report what each step would do without changing anything ("true" or "false").', { default: 'false' }),
  },
  check: (p) => offboardInputProblem(p),
  readOnlyFor: (p) => p.dryRun === true,
  run: async (p, { connection, options }) => {
    try {
      const report = await offboardUser(connection, {
        userId: p.userId,
        userEmail: p.userEmail,
        reassignToGroupId: p.reassignToGroupId,
        reassignToAgentId: p.reassignToAgentId,
        comment: p.comment,
        signOut: p.signOut,
        suspend: p.suspend,
        removeFromGroups: p.removeFromGroups,
        deleteUser: p.deleteUser,
        permanentlyDelete: p.permanentlyDelete,
        dryRun: p.dryRun,
        jobs: typeof options.waitForJob === 'object' ? options.waitForJob : undefined,
        onProgress: (event) => {
          if (event.phase === 'jobs') options.onProgress?.({ done: event.done, total: event.total, jobs: event.jobs, jobsFinished: event.jobsFinished });
        },
      });
      const output = outputsOf(report);
      return report.completed ? { success: true, output } : { success: false, error: stoppedError(report), output };
    } catch (error) {
      if (error instanceof OffboardError) return { success: false, error: error.error };
      throw error;
    }
  },
  outputs: {
    user_id: out.number('Id of the user'),
    user: out.object('The user as found before any change', {
      id: out.number('User id'),
      name: out.string('Name'),
      email: out.string('Primary email address'),
      role: out.string('Role: end-user, agent or admin'),
      active: out.boolean('False when the user was already deleted'),
      suspended: out.boolean('Whether the user was already suspended'),
    }),
    dry_run: out.boolean('Whether this was a dry run (nothing changed)'),
    completed: out.boolean('True when every step ended done, unchanged, would_change or skipped'),
    stopped_at: out.string('The step that failed or whose outcome is unknown (the steps after it did not run); absent when none', { optional: true }),
    reassign_group_id: out.number('The group the tickets move to; absent when not given', { optional: true }),
    reassign_agent_id: out.number('The agent the tickets are assigned to; absent when not given', { optional: true }),
    steps: out.array(
      'Every step in the order they run: suspend, sign_out, tickets, memberships, delete, permanently_delete',
      out.object('One step', {
        step: out.string('suspend, sign_out, tickets, memberships, delete or permanently_delete'),
        status: out.string(
          'done (changed what it found), unchanged (nothing to do: already so), would_change (dry run), skipped (not asked), ' +
            'failed, unknown (a change may or may not have been applied) or not_run (an earlier step failed)',
        ),
        found: out.number('What its check found still to do: sessions, 1 for a user not yet suspended or deleted, tickets, memberships'),
        changed: out.number('How many of those it changed'),
        detail: out.string('What it found and did, in words'),
        error: out.object('Why it failed or is unknown; null otherwise', { code: out.string('Error code'), message: out.string('What went wrong') }),
      }),
    ),
    sessions_ended: out.number('Sessions this run ended'),
    suspended: out.boolean('Whether the user is suspended after the run (by this run or an earlier one; a dry run changes nothing)'),
    tickets_found: out.number('Unsolved tickets assigned to the user when the ticket step checked'),
    tickets_moved: out.number('Tickets moved to the reassign target'),
    tickets_failed: out.number('Tickets Zendesk refused to move (see tickets[].reason)'),
    tickets_unknown: out.number('Tickets whose move has an unknown outcome (its job could not be followed): check them before running again'),
    memberships_removed: out.number('Group memberships removed'),
    deleted: out.boolean('Whether the user is deleted after the run'),
    permanently_deleted: out.boolean('Whether the user is erased for good after the run'),
    tickets: out.array(
      'Every ticket the search for the user\'s unsolved assigned tickets listed, in its order',
      out.object('Outcome for one ticket', {
        id: out.number('Ticket id'),
        outcome: out.string(
          'moved, failed, unknown (its job could not be followed), would_move (dry run), not_moved (no reassign target) or skipped (no longer an unsolved ticket of the user)',
        ),
        reason: out.string('Why it failed, is unknown, or was not moved'),
        job_id: out.string('The job that moved it (or tried to)'),
        group_id: out.number('Its group before the move'),
      }),
    ),
    memberships: out.array(
      'Every group membership of the user, when the memberships step ran',
      out.object('Outcome for one membership', {
        id: out.number('Group membership id'),
        group_id: out.number('Id of the group'),
        outcome: out.string('removed, failed, unknown (its job could not be followed) or would_remove (dry run)'),
        reason: out.string('Why it failed or is unknown'),
        job_id: out.string('The job that removed it (or tried to)'),
      }),
    ),
    requests: out.number('Requests made to Zendesk'),
  },
  output: ({ body }) => body ?? {},
  result: { kind: 'composite' },
  // Every step checks the state first: a second run changes nothing. Deleting (and erasing) is destructive.
  hints: { readOnly: false, destructive: true, idempotent: true },
});

/** Registered in the catalog among the user operations. */
export const offboardOperations: ResourceOperations = { resource: users, operations: [offboardUserTool] };
