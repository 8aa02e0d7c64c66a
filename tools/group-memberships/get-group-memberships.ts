import { defineTool, READ_ONLY } from '../define';
import { cursorListAnswer, cursorPagingParams, cursorQuery } from '../paging';
import { param } from '../params';
import { groupMemberships } from './resource';

export const getGroupMembershipsTool = defineTool({
  id: 'zendesk_get_group_memberships',
  name: 'Get group memberships',
  resource: groupMemberships.id,
  description:
    'List group memberships (which agent is in which group, and each agent\'s default group) one page at a time, up to 100 per page: all of them, ' +
    'those of one agent (userId) or those of one group (groupId). Pass paging.after_cursor as pageAfter to get the next page. ' +
    'For the agents of a group as users use zendesk_get_group_users.',
  params: {
    userId: param.numericId('Only the memberships of this agent, e.g. 12345 (not with groupId).', { example: '12345' }),
    groupId: param.numericId('Only the memberships of this group, e.g. 360000123 (not with userId).', { example: '360000123' }),
    ...cursorPagingParams,
  },
  check: (p) =>
    p.userId !== undefined && p.groupId !== undefined
      ? { param: 'groupId', message: 'Give userId or groupId, not both: Zendesk lists the memberships of one agent or of one group.' }
      : undefined,
  request: (p) => ({
    method: 'GET',
    path: p.userId !== undefined ? ['users', p.userId, 'group_memberships'] : p.groupId !== undefined ? ['groups', p.groupId, 'memberships'] : ['group_memberships'],
    query: cursorQuery(p),
  }),
  ...cursorListAnswer('group_memberships', groupMemberships.record, 'The memberships of this page'),
  hints: READ_ONLY,
});
