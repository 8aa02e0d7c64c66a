import { defineTool, READ_ONLY } from '../define';
import { out } from '../outputs';
import { userId } from '../users/resource';
import { identityId, userIdentities } from './resource';

export const getUserIdentityTool = defineTool({
  id: 'zendesk_get_user_identity',
  name: 'Get user identity',
  resource: userIdentities.id,
  description:
    'Fetch one identity of a user by its id: its type, value, and whether it is verified and primary. To see all identities of a user use zendesk_get_user_identities.',
  params: {
    userId: userId('Id of the user the identity belongs to, e.g. 12345.'),
    identityId: identityId('Id of the identity, e.g. 77938.'),
  },
  request: (p) => ({ method: 'GET', path: ['users', p.userId, 'identities', p.identityId], reads: ['identity.id'] }),
  outputs: { identity: userIdentities.record, identity_id: out.number('Id of the identity') },
  output: ({ body }) => ({ identity: body.identity, identity_id: body.identity?.id }),
  result: { kind: 'single' },
  hints: READ_ONLY,
});
