import { CREATES, defineTool } from '../define';
import { out } from '../outputs';
import { param, userFieldParams } from '../params';
import { userFields } from './user-fields';
import { users } from './resource';

export const createUserTool = defineTool({
  id: 'zendesk_create_user',
  name: 'Create user',
  resource: users.id,
  description:
    'Create one user: an end user (customer) by default, or an agent or admin with role. Only name is required; an email address that another ' +
    'user already has is refused by Zendesk (422). To create many users at once use zendesk_create_users_bulk; to find an existing user first use zendesk_search_users.',
  params: {
    name: param.text('Full name of the user, e.g. "Jane Doe".', { required: true, example: 'Jane Doe', field: 'userName' }),
    ...userFieldParams,
  },
  request: (p) => ({ method: 'POST', path: ['users'], body: { user: userFields(p) }, reads: ['user.id'] }),
  outputs: { user: users.record, user_id: out.number('Id of the new user') },
  output: ({ body }) => ({ user: body.user, user_id: body.user?.id }),
  result: { kind: 'single' },
  hints: CREATES,
});
