/** Bulk triage as an operation of the catalog: a composite that runs many requests and reports each ticket. */
import type { ResourceOperations } from '../contract';
import { defineTool, requireOneOf } from '../tools/define';
import { out } from '../tools/outputs';
import { param, ticketFieldParams } from '../tools/params';
import { tickets } from '../tools/tickets/resource';
import { triageTickets } from './run';
import { type TriageReport, TriageError } from './types';

const CHANGES = ['status', 'priority', 'assigneeId', 'groupId', 'addTags', 'removeTags', 'comment'] as const;

/** The report as the documented outputs (snake_case; per-ticket entries without their snapshots). */
function outputsOf(report: TriageReport) {
  return {
    matched: report.matched,
    updated: report.updated,
    failed: report.failed,
    skipped: report.skipped,
    already_triaged: report.alreadyTriaged,
    would_update: report.wouldUpdate,
    dry_run: report.dryRun,
    ...(report.marker ? { marker_tag: report.marker } : {}),
    query: report.query,
    tickets: report.tickets.map((t) => ({ id: t.id, outcome: t.outcome, reason: t.reason ?? null })),
    sample: report.sample,
    requests: report.stats.requests,
  };
}

export const triageTicketsTool = defineTool({
  id: 'zendesk_triage_tickets',
  name: 'Triage tickets in bulk',
  resource: tickets.id,
  description:
    'Find every ticket matching a search query (no 1,000-result limit) and apply one change to all of them: status, priority, assignee, group, ' +
    'tags added or removed (other tags are kept), and an optional comment. Runs as update jobs of 100 tickets and reports each ticket as ' +
    'updated, failed (with Zendesk\'s reason), skipped (closed, already in the requested state, beyond maxTickets), already_triaged or, in a dry run, would_update. ' +
    'With a comment, a marker tag is added so running the same triage again never comments twice. Use dryRun first to see what would change.',
  params: {
    query: param.text('Zendesk search query for the tickets to change, e.g. "status<solved tags:billing". type:ticket is implied.', {
      required: true,
      example: 'status<solved tags:billing',
      field: 'ticketQuery',
    }),
    status: param.choice(ticketFieldParams.status.enum!, 'New status for every matching ticket.'),
    priority: param.choice(ticketFieldParams.priority.enum!, 'New priority for every matching ticket.'),
    assigneeId: param.numericId('Id of the agent to assign every matching ticket to.'),
    groupId: param.numericId('Id of the group to assign every matching ticket to.'),
    addTags: param.stringList('Comma-separated tags to add to every matching ticket (existing tags are kept).', { example: 'triaged, billing' }),
    removeTags: param.stringList('Comma-separated tags to remove from every matching ticket.', { example: 'new' }),
    comment: param.text('Comment added to every matching ticket (an internal note unless commentPublic is true).', { multiline: true }),
    commentPublic: param.boolean('Whether the comment is public, i.e. emailed to each requester ("true" or "false").', { default: 'false', advanced: true }),
    dryRun: param.boolean('Report what would change without changing anything ("true" or "false").', { default: 'false' }),
    maxTickets: param.integer('Change at most this many tickets; the rest are reported as skipped.', { minimum: 1, default: '10000' }),
    markerTag: param.text('Tag marking triaged tickets, so a rerun skips them. Default with a comment: zb-triage- and a hash of the change.', {
      advanced: true,
      pattern: '^[^\\s,"\']+$',
      example: 'zb-triage-march-billing',
    }),
  },
  check: (p) => requireOneOf(p, CHANGES),
  run: async (p, { connection, options }) => {
    try {
      const report = await triageTickets(connection, {
        query: p.query,
        changes: {
          status: p.status as never,
          priority: p.priority as never,
          assigneeId: p.assigneeId,
          groupId: p.groupId,
          addTags: p.addTags,
          removeTags: p.removeTags,
          comment: p.comment,
          commentPublic: p.commentPublic,
        },
        dryRun: p.dryRun,
        maxTickets: p.maxTickets,
        markerTag: p.markerTag,
        jobs: typeof options.waitForJob === 'object' ? options.waitForJob : undefined,
        onProgress: (event) => {
          if (event.phase === 'update') options.onProgress?.({ done: event.done, total: event.total, jobs: event.jobs, jobsFinished: event.jobsFinished });
        },
      });
      const output = outputsOf(report);
      if (report.failed === 0) return { success: true, output };
      const examples = report.tickets
        .filter((t) => t.outcome === 'failed')
        .slice(0, 3)
        .map((t) => `ticket ${t.id}: ${t.reason}`)
        .join('; ');
      return {
        success: false,
        error: { code: 'job_failed', message: `${report.failed} of ${report.wouldUpdate} tickets failed (${examples}); see output.tickets.`, details: { failed: report.failed, updated: report.updated } },
        output,
      };
    } catch (error) {
      if (error instanceof TriageError) return { success: false, error: error.error };
      throw error;
    }
  },
  outputs: {
    matched: out.number('Tickets the query matches: updated + failed + skipped'),
    updated: out.number('Tickets updated'),
    failed: out.number('Tickets whose update failed (see tickets[].reason)'),
    skipped: out.number('Tickets left as they were: closed, already in the requested state, already triaged, beyond maxTickets, or a dry run'),
    already_triaged: out.number('Of the skipped: tickets that already carry the marker tag from an earlier run'),
    would_update: out.number('Tickets a dry run would update; on a real run, the tickets it tried to update'),
    dry_run: out.boolean('Whether this was a dry run (nothing changed)'),
    marker_tag: out.string('The marker tag added with the change; absent when none is used', { optional: true }),
    query: out.string('The query sent to the search export (type: dropped)'),
    tickets: out.array(
      'One entry per ticket the query matches',
      out.object('Outcome for one ticket', {
        id: out.number('Ticket id'),
        outcome: out.string('updated, failed, skipped, already_triaged (has the marker of an earlier run) or would_update (dry run)'),
        reason: out.string('Why it failed or was skipped'),
      }),
    ),
    sample: out.array(
      'Up to 10 tickets to update (or that a dry run would), with before and after',
      out.object('A ticket before and after the change', {
        id: out.number('Ticket id'),
        subject: out.string('Subject'),
        before: out.json('status, priority, assignee_id, group_id and tags before'),
        after: out.json('status, priority, assignee_id, group_id and tags after'),
        comment: out.boolean('Whether the comment is added'),
      }),
    ),
    requests: out.number('Requests made to Zendesk'),
  },
  output: ({ body }) => body ?? {},
  result: { kind: 'composite' },
  // Not idempotent by nature (a comment), but made so by the marker tag: a rerun skips triaged tickets.
  hints: { readOnly: false, destructive: false, idempotent: true },
});

/** Registered in the catalog among the ticket operations. */
export const triageOperations: ResourceOperations = { resource: tickets, operations: [triageTicketsTool] };
