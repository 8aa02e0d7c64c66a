import { defineTool, READ_ONLY } from '../define';
import { out, userOutput } from '../outputs';
import { credentialParams, param } from '../params';

export const getUserTool = defineTool({
  id: 'zendesk_get_user',
  name: 'Get user',
  resource: 'users',
  description:
    'Fetch one user by id, with role, organization, tags and user field values. To find a user by name or email use zendesk_search_users; ' +
    'for the user the credentials belong to use zendesk_get_current_user.',
  params: {
    ...credentialParams,
    userId: param.numericId('Id of the user, e.g. 12345.', { required: true, example: '12345' }),
  },
  request: (p) => ({ method: 'GET', path: ['users', p.userId] }),
  outputs: { user: userOutput, user_id: out.number('Id of the user') },
  output: ({ body }) => ({ user: body.user, user_id: body.user?.id }),
  result: { kind: 'single' },
  hints: READ_ONLY,
});
