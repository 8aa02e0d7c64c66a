import { defineTool, READ_ONLY } from '../define';
import { out } from '../outputs';
import { users, userId } from './resource';

export const getUserTool = defineTool({
  id: 'zendesk_get_user',
  name: 'Get user',
  resource: users.id,
  description:
    'Fetch one user by id, with role, organization, tags and user field values. To find a user by name or email use zendesk_search_users; ' +
    'for the user the credentials belong to use zendesk_get_current_user.',
  params: {
    userId: userId('Id of the user, e.g. 12345.'),
  },
  request: (p) => ({ method: 'GET', path: ['users', p.userId], reads: ['user.id'] }),
  outputs: { user: users.record, user_id: out.number('Id of the user') },
  output: ({ body }) => ({ user: body.user, user_id: body.user?.id }),
  result: { kind: 'single' },
  hints: READ_ONLY,
});
