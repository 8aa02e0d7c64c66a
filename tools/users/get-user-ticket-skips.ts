import { defineTool, READ_ONLY } from '../define';
import { describedAs, out, ticketOutput } from '../outputs';
import { cursorListAnswer, cursorPagingParams, cursorQuery } from '../paging';
import { param } from '../params';
import { users, userId } from './resource';

const ticketSkip = out.object(
  'A ticket the agent skipped',
  {
    id: out.number('Skip id'),
    ticket_id: out.number('Id of the skipped ticket'),
    user_id: out.number('Id of the agent who skipped it'),
    reason: out.string('Why the agent skipped it'),
    created_at: out.string('When it was skipped (ISO 8601)'),
    updated_at: out.string('When the skip last changed (ISO 8601)'),
    ticket: describedAs(ticketOutput, 'The skipped ticket'),
  },
  { ref: 'TicketSkip' },
);

export const getUserTicketSkipsTool = defineTool({
  id: 'zendesk_get_user_ticket_skips',
  name: 'Get user ticket skips',
  resource: users.id,
  description:
    'List the tickets an agent skipped in guided mode (play mode), each with the reason given and the ticket itself, up to 100 per page; ' +
    'archived tickets are left out. Pass paging.after_cursor as pageAfter for the next page.',
  params: {
    userId: userId('Id of the agent, e.g. 12345.'),
    sortOrder: param.choice(['asc', 'desc'], 'Order of the skips: asc (oldest first, the default) or desc (newest first).', { advanced: true, field: 'skipsSortOrder' }),
    ...cursorPagingParams,
  },
  request: (p) => ({ method: 'GET', path: ['users', p.userId, 'skips'], query: { sort_order: p.sortOrder, ...cursorQuery(p) } }),
  ...cursorListAnswer('skips', ticketSkip, 'The skips of this page'),
  hints: READ_ONLY,
});
