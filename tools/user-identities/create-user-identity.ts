import { CREATES, defined, defineTool } from '../define';
import { out } from '../outputs';
import { param } from '../params';
import { userId } from '../users/resource';
import { CREATABLE_IDENTITY_TYPES, isEmailAddress, userIdentities } from './resource';

export const createUserIdentityTool = defineTool({
  id: 'zendesk_create_user_identity',
  name: 'Create user identity',
  resource: userIdentities.id,
  description:
    'Add an identity to a user: another email address, a phone number, or a Twitter, Facebook or Google account, so Zendesk recognises the user by it. ' +
    "An email address another user already has is refused (422). With primary, the new identity becomes the primary one of its type (a primary email becomes the user's email). " +
    'Zendesk sends a verification email for a new email identity unless verified or skipVerifyEmail is set.',
  params: {
    userId: userId('Id of the user to add the identity to, e.g. 12345.'),
    type: param.choice(CREATABLE_IDENTITY_TYPES, 'Kind of identity: email, phone_number, twitter, facebook, google or agent_forwarding.', {
      required: true,
      example: 'email',
      field: 'identityType',
    }),
    value: param.text('The identity itself: an email address for email, a phone number such as +1 555 0100 for phone_number, a screen name for twitter.', {
      required: true,
      example: 'jane@example.com',
      field: 'identityValue',
    }),
    verified: param.boolean('Whether the identity is marked verified at once: "true" or "false".', { field: 'identityVerified' }),
    primary: param.boolean("Whether it becomes the primary identity of its type (a primary email becomes the user's email): \"true\" or \"false\".", {
      field: 'identityPrimary',
    }),
    skipVerifyEmail: param.boolean('Send no verification email for a new email address: "true" or "false".', { advanced: true }),
  },
  check: (p) =>
    p.type === 'email' && !isEmailAddress(p.value.trim())
      ? { param: 'value', message: `value must be an address such as jane@example.com when type is "email"; got "${p.value.slice(0, 60)}"` }
      : undefined,
  request: (p) => ({
    method: 'POST',
    path: ['users', p.userId, 'identities'],
    body: { identity: defined({ type: p.type, value: p.value.trim(), verified: p.verified, primary: p.primary, skip_verify_email: p.skipVerifyEmail }) },
    reads: ['identity.id'],
  }),
  outputs: { identity: userIdentities.record, identity_id: out.number('Id of the new identity') },
  output: ({ body }) => ({ identity: body.identity, identity_id: body.identity?.id }),
  result: { kind: 'single' },
  hints: CREATES,
});
