import { defineTool, READ_ONLY } from '../define';
import { userOutput } from '../outputs';
import { cursorListAnswer, cursorPagingParams, cursorQuery } from '../paging';
import { groups, groupId } from './resource';

export const getGroupUsersTool = defineTool({
  id: 'zendesk_get_group_users',
  name: 'Get group users',
  resource: groups.id,
  description:
    'List the agents who are members of a group, one page at a time (up to 100 per page). Pass paging.after_cursor as pageAfter to get the next page. ' +
    'To see the memberships themselves (their ids, which one is an agent\'s default) use zendesk_get_group_memberships with groupId.',
  params: {
    groupId: groupId('Id of the group whose agents to list, e.g. 360000123.'),
    ...cursorPagingParams,
  },
  request: (p) => ({ method: 'GET', path: ['groups', p.groupId, 'users'], query: cursorQuery(p) }),
  ...cursorListAnswer('users', userOutput, 'The agents of this page'),
  hints: READ_ONLY,
});
