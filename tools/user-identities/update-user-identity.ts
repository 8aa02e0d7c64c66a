import { defined, defineTool, requireOneOf, UPDATES } from '../define';
import { out } from '../outputs';
import { param } from '../params';
import { userId } from '../users/resource';
import { identityId, userIdentities } from './resource';

export const updateUserIdentityTool = defineTool({
  id: 'zendesk_update_user_identity',
  name: 'Update user identity',
  resource: userIdentities.id,
  description:
    'Change one identity of a user: its value (a corrected email address or phone number) and/or whether it is verified; at least one is required. ' +
    'Which identity is primary is changed with zendesk_make_user_identity_primary, not here.',
  params: {
    userId: userId('Id of the user the identity belongs to, e.g. 12345.'),
    identityId: identityId('Id of the identity to change, e.g. 77938.'),
    value: param.text('The new value, e.g. jane@example.com for an email identity.', { example: 'jane@example.com', field: 'identityValue' }),
    verified: param.boolean('Whether the identity is verified: "true" or "false".', { field: 'identityVerified' }),
  },
  check: (p) => requireOneOf(p, ['value', 'verified']),
  request: (p) => ({
    method: 'PUT',
    path: ['users', p.userId, 'identities', p.identityId],
    body: { identity: defined({ value: p.value?.trim(), verified: p.verified }) },
    reads: ['identity.id'],
  }),
  outputs: { identity: userIdentities.record, identity_id: out.number('Id of the identity') },
  output: ({ body }) => ({ identity: body.identity, identity_id: body.identity?.id }),
  result: { kind: 'single' },
  hints: UPDATES,
});
