import { defineTool, jobResult } from '../define';
import { jobOutputs, out } from '../outputs';
import { param } from '../params';
import { tickets } from './resource';

export const mergeTicketsTool = defineTool({
  id: 'zendesk_merge_tickets',
  name: 'Merge tickets',
  resource: tickets.id,
  description:
    'Merge source tickets into a target ticket in a background job: the sources are closed with a note pointing at the target, ' +
    'and their comments are linked into it. Cannot be undone. A source may not be the target.',
  params: {
    targetTicketId: param.numericId('Id of the ticket that remains.', { required: true, example: '12345' }),
    sourceTicketIds: param.idList('Comma-separated ids of the tickets merged into the target.', { required: true, example: '12346, 12347' }),
    targetComment: param.text('Comment added to the target ticket after the merge.', { multiline: true }),
  },
  check: (p) =>
    p.sourceTicketIds.includes(p.targetTicketId)
      ? { param: 'sourceTicketIds', message: `sourceTicketIds must not contain the target ticket ${p.targetTicketId}.` }
      : undefined,
  request: (p) => ({
    method: 'POST',
    path: ['tickets', p.targetTicketId, 'merge'],
    // Zendesk wants the comment as a plain string, not a comment object.
    body: { ids: p.sourceTicketIds, ...(p.targetComment === undefined ? {} : { target_comment: p.targetComment }) },
  }),
  outputs: { ...jobOutputs, target_ticket_id: out.string('Id of the target ticket') },
  output: ({ body }, p) => ({ ...jobResult(body), target_ticket_id: String(p.targetTicketId) }),
  result: { kind: 'job' },
  hints: { readOnly: false, destructive: true, idempotent: false },
});
