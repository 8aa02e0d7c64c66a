import { defineTool, UPDATES } from '../define';
import { out } from '../outputs';
import { userId } from '../users/resource';
import { identityId, userIdentities } from './resource';

export const makeUserIdentityPrimaryTool = defineTool({
  id: 'zendesk_make_user_identity_primary',
  name: 'Make user identity primary',
  resource: userIdentities.id,
  description:
    "Make one identity the primary identity of its type. Making an email identity primary makes its address the user's email; the former primary address " +
    'stays as another identity. The answer lists all the identities of the user.',
  params: {
    userId: userId('Id of the user the identity belongs to, e.g. 12345.'),
    identityId: identityId('Id of the identity to make primary, e.g. 77938.'),
  },
  request: (p) => ({ method: 'PUT', path: ['users', p.userId, 'identities', p.identityId, 'make_primary'], reads: ['identities[]'] }),
  outputs: {
    identity: userIdentities.record,
    identities: out.array('Every identity of the user, after the change', userIdentities.record),
  },
  output: ({ body }, p) => ({ identity: body.identities.find((i: { id?: unknown }) => i?.id === p.identityId), identities: body.identities }),
  result: { kind: 'single' },
  hints: UPDATES,
});
