import { defineTool } from '../define';
import { out } from '../outputs';
import { param } from '../params';
import { users, userId } from './resource';

export const mergeUsersTool = defineTool({
  id: 'zendesk_merge_users',
  name: 'Merge users',
  resource: users.id,
  description:
    'Merge a duplicate end user into another: the user given by userId is merged into targetUserId and deleted; its requested tickets, email addresses ' +
    'and other identities move to the target. Only end users can be merged: Zendesk refuses agents and admins, users who requested more than 10,000 tickets ' +
    'and users created by sharing agreements. Cannot be undone. To find duplicates use zendesk_search_users.',
  params: {
    userId: userId('Id of the end user to merge away (it is deleted), e.g. 12345.'),
    targetUserId: param.numericId('Id of the end user that remains and receives the tickets and identities, e.g. 12346.', { required: true, example: '12346' }),
  },
  check: (p) =>
    p.userId === p.targetUserId ? { param: 'targetUserId', message: 'targetUserId must differ from userId: a user cannot be merged into itself.' } : undefined,
  // A merge is not replayed after a lost answer: the source may already be gone.
  request: (p) => ({ method: 'PUT', path: ['users', p.userId, 'merge'], body: { user: { id: p.targetUserId } }, idempotent: false, reads: ['user.id'] }),
  outputs: {
    user: users.record,
    user_id: out.number('Id of the user that remains'),
    merged_user_id: out.string('Id of the user merged away, now deleted'),
  },
  output: ({ body }, p) => ({ user: body.user, user_id: body.user?.id, merged_user_id: String(p.userId) }),
  result: { kind: 'single' },
  hints: { readOnly: false, destructive: true, idempotent: false },
});
