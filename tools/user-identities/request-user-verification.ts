import { defineTool } from '../define';
import { out } from '../outputs';
import { userId } from '../users/resource';
import { identityId, userIdentities } from './resource';

export const requestUserVerificationTool = defineTool({
  id: 'zendesk_request_user_verification',
  name: 'Request user verification',
  resource: userIdentities.id,
  description:
    'Send the user an email with a link to confirm that an email identity is theirs; the identity becomes verified once they follow it. Each call sends another email. ' +
    'To mark an identity verified without asking the user, use zendesk_verify_user_identity.',
  params: {
    userId: userId('Id of the user the identity belongs to, e.g. 12345.'),
    identityId: identityId('Id of the email identity to confirm, e.g. 77938.'),
  },
  // Zendesk answers 200 without content; sending it twice would send two emails.
  request: (p) => ({ method: 'PUT', path: ['users', p.userId, 'identities', p.identityId, 'request_verification'], emptyAnswer: true, idempotent: false }),
  outputs: { requested: out.boolean('True once Zendesk has accepted to send the email'), identity_id: out.string('Id of the identity') },
  output: (_response, p) => ({ requested: true, identity_id: String(p.identityId) }),
  result: { kind: 'single' },
  hints: { readOnly: false, destructive: false, idempotent: false },
});
