import { defineTool, UPDATES } from '../define';
import { out } from '../outputs';
import { userId } from '../users/resource';
import { identityId, userIdentities } from './resource';

export const verifyUserIdentityTool = defineTool({
  id: 'zendesk_verify_user_identity',
  name: 'Verify user identity',
  resource: userIdentities.id,
  description:
    'Mark one identity of a user as verified, without asking the user. To ask the user to confirm an email address instead, use zendesk_request_user_verification.',
  params: {
    userId: userId('Id of the user the identity belongs to, e.g. 12345.'),
    identityId: identityId('Id of the identity to mark verified, e.g. 77938.'),
  },
  request: (p) => ({ method: 'PUT', path: ['users', p.userId, 'identities', p.identityId, 'verify'], reads: ['identity.id'] }),
  outputs: { identity: userIdentities.record, identity_id: out.number('Id of the identity') },
  output: ({ body }) => ({ identity: body.identity, identity_id: body.identity?.id }),
  result: { kind: 'single' },
  hints: UPDATES,
});
