import { defineTool, READ_ONLY } from '../define';
import { cursorListAnswer, cursorPagingParams, cursorQuery } from '../paging';
import { param, USER_ROLES } from '../params';
import { users } from './resource';

export const getUsersTool = defineTool({
  id: 'zendesk_get_users',
  name: 'Get users',
  resource: users.id,
  description:
    'List the users of the account one page at a time (up to 100 per page), optionally only those with a role or a custom permission set. ' +
    'Pass paging.after_cursor as pageAfter to get the next page. To find users by name, email, phone or external id use zendesk_search_users; ' +
    'to fetch one user whose id you know use zendesk_get_user.',
  params: {
    role: param.choice(USER_ROLES, 'Only users with this role: end-user, agent or admin.'),
    permissionSet: param.numericId('Only agents with this custom role (permission set) id, e.g. 360000123.', { advanced: true, example: '360000123' }),
    ...cursorPagingParams,
  },
  request: (p) => ({
    method: 'GET',
    path: ['users'],
    query: { role: p.role, permission_set: p.permissionSet, ...cursorQuery(p) },
  }),
  ...cursorListAnswer('users', users.record, 'The users of this page'),
  hints: READ_ONLY,
});
