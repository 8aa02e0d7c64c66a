import { defineTool, UPDATES } from '../define';
import { out } from '../outputs';
import { param } from '../params';
import { users, userId } from './resource';

export const suspendUserTool = defineTool({
  id: 'zendesk_suspend_user',
  name: 'Suspend user',
  resource: users.id,
  description:
    'Suspend a user, or lift the suspension with suspended "false". A suspended user cannot sign in, and tickets they submit go to the suspended tickets; ' +
    'their existing tickets stay. Offboarding that should keep the record, unlike zendesk_delete_user.',
  params: {
    userId: userId('Id of the user to suspend, e.g. 12345.'),
    suspended: param.boolean('"true" suspends the user, "false" lifts the suspension.', { default: 'true' }),
  },
  request: (p) => ({ method: 'PUT', path: ['users', p.userId], body: { user: { suspended: p.suspended } }, reads: ['user.id'] }),
  outputs: {
    user: users.record,
    user_id: out.number('Id of the user'),
    suspended: out.boolean('Whether the user is now suspended'),
  },
  output: ({ body }) => ({ user: body.user, user_id: body.user?.id, suspended: body.user?.suspended }),
  result: { kind: 'single' },
  hints: UPDATES,
});
