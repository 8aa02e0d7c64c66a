import { defineTool, DELETES } from '../define';
import { out } from '../outputs';
import { userId } from '../users/resource';
import { identityId, userIdentities } from './resource';

export const deleteUserIdentityTool = defineTool({
  id: 'zendesk_delete_user_identity',
  name: 'Delete user identity',
  resource: userIdentities.id,
  description:
    'Remove one identity from a user: Zendesk no longer recognises the user by that address, number or account. Cannot be undone (add it again with ' +
    "zendesk_create_user_identity). To correct an identity's value instead use zendesk_update_user_identity; to change the user's email, make another email identity primary.",
  params: {
    userId: userId('Id of the user the identity belongs to, e.g. 12345.'),
    identityId: identityId('Id of the identity to remove, e.g. 77938.'),
  },
  request: (p) => ({ method: 'DELETE', path: ['users', p.userId, 'identities', p.identityId] }),
  outputs: { deleted: out.boolean('True once the identity is removed'), identity_id: out.string('Id of the removed identity') },
  output: (_response, p) => ({ deleted: true, identity_id: String(p.identityId) }),
  result: { kind: 'single' },
  hints: DELETES,
});
