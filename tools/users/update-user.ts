import { defineTool, requireOneOf, UPDATES } from '../define';
import { out } from '../outputs';
import { param, userFieldParams } from '../params';
import { USER_CHANGES, userFields } from './user-fields';
import { users, userId } from './resource';

export const updateUserTool = defineTool({
  id: 'zendesk_update_user',
  name: 'Update user',
  resource: users.id,
  description:
    'Change one user. Only the fields you set are changed; tags given here replace the user\'s tags, and an email address is added to the user ' +
    'as another email identity (the primary one stays). At least one change is required. To change many users at once use zendesk_update_users_bulk.',
  params: {
    userId: userId('Id of the user to change, e.g. 12345.'),
    name: param.text('New full name, e.g. "Jane Doe".', { example: 'Jane Doe', field: 'userName' }),
    ...userFieldParams,
    userEmail: param.text('An email address to add to the user, e.g. jane@example.com (added as another identity).', { example: 'jane@example.com', field: 'userEmailToAdd' }),
    tags: param.stringList('Comma-separated tags, e.g. "vip, beta"; they replace the user\'s tags.', { example: 'vip, beta', field: 'userTags' }),
  },
  check: (p) => requireOneOf(p, USER_CHANGES),
  request: (p) => ({ method: 'PUT', path: ['users', p.userId], body: { user: userFields(p) }, reads: ['user.id'] }),
  outputs: { user: users.record, user_id: out.number('Id of the user') },
  output: ({ body }) => ({ user: body.user, user_id: body.user?.id }),
  result: { kind: 'single' },
  hints: UPDATES,
});
