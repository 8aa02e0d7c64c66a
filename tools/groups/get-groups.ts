import { defineTool, READ_ONLY } from '../define';
import { cursorListAnswer, cursorPagingParams, cursorQuery } from '../paging';
import { param } from '../params';
import { groups } from './resource';

export const getGroupsTool = defineTool({
  id: 'zendesk_get_groups',
  name: 'Get groups',
  resource: groups.id,
  description:
    'List the groups (teams tickets are routed to) one page at a time, up to 100 per page; deleted groups are listed too, with deleted: true. ' +
    'Set assignableOnly to list only the groups a ticket can be assigned to. Pass paging.after_cursor as pageAfter to get the next page. ' +
    'For one group use zendesk_get_group; for its agents, zendesk_get_group_users.',
  params: {
    assignableOnly: param.boolean('Only the groups tickets can be assigned to (deleted groups left out): "true" or "false".', { default: 'false' }),
    ...cursorPagingParams,
  },
  request: (p) => ({ method: 'GET', path: p.assignableOnly ? ['groups', 'assignable'] : ['groups'], query: cursorQuery(p) }),
  ...cursorListAnswer('groups', groups.record, 'The groups of this page'),
  hints: READ_ONLY,
});
