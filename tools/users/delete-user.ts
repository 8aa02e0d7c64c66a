import { defineTool, DELETES } from '../define';
import { out } from '../outputs';
import { users, userId } from './resource';

export const deleteUserTool = defineTool({
  id: 'zendesk_delete_user',
  name: 'Delete user',
  resource: users.id,
  description:
    'Delete one user. Zendesk soft-deletes: the user becomes inactive and can no longer sign in, their tickets stay; an admin can permanently ' +
    'delete them later. To change a user instead use zendesk_update_user.',
  params: {
    userId: userId('Id of the user to delete, e.g. 12345.'),
  },
  request: (p) => ({ method: 'DELETE', path: ['users', p.userId], reads: ['user'] }),
  outputs: { deleted: out.boolean('True once the user is deleted (inactive)'), user_id: out.string('Id of the deleted user') },
  // Zendesk answers 200 with the user, now inactive; only a user still said to be active is not deleted.
  output: ({ body }, p) => ({ deleted: body?.user?.active !== true, user_id: String(p.userId) }),
  result: { kind: 'single' },
  hints: DELETES,
});
