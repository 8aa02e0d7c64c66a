import { defineTool, READ_ONLY } from '../define';
import { out } from '../outputs';
import { param, USER_ROLES } from '../params';
import { users } from './resource';

export const countUsersTool = defineTool({
  id: 'zendesk_count_users',
  name: 'Count users',
  resource: users.id,
  description:
    'Count the users of the account, optionally only those with a role or a custom role (permission set). The count is approximate above 100,000 ' +
    '(Zendesk refreshes it daily; refreshed_at says when). To list the users use zendesk_get_users.',
  params: {
    role: param.choice(USER_ROLES, 'Only users with this role: end-user, agent or admin.'),
    permissionSet: param.numericId('Only agents with this custom role (permission set) id, e.g. 360000123.', { advanced: true, example: '360000123' }),
  },
  request: (p) => ({ method: 'GET', path: ['users', 'count'], query: { role: p.role, permission_set: p.permissionSet }, reads: ['count.value'] }),
  outputs: {
    count: out.number('How many users match'),
    refreshed_at: out.string('When Zendesk last counted them (ISO 8601); null while a large count is being refreshed'),
  },
  output: ({ body }) => ({ count: body.count.value, refreshed_at: body.count.refreshed_at }),
  result: { kind: 'single' },
  hints: READ_ONLY,
});
