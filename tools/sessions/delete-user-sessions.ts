import { defineTool, DELETES } from '../define';
import { out } from '../outputs';
import { userId } from '../users/resource';
import { sessions } from './resource';

export const deleteUserSessionsTool = defineTool({
  id: 'zendesk_delete_user_sessions',
  name: 'Delete all user sessions',
  resource: sessions.id,
  description:
    'Sign one user out everywhere: end every session they have, in every browser. They can sign in again unless they are suspended or ' +
    'deleted. For many users at once use zendesk_logout_users_bulk; to end one session only, zendesk_delete_user_session.',
  params: {
    userId: userId('Id of the user to sign out everywhere, e.g. 12345.'),
  },
  // Zendesk answers 204 with nothing.
  request: (p) => ({ method: 'DELETE', path: ['users', p.userId, 'sessions'] }),
  outputs: {
    signed_out: out.boolean('True once every session of the user is ended'),
    user_id: out.number('Id of the user'),
  },
  output: (_response, p) => ({ signed_out: true, user_id: p.userId }),
  result: { kind: 'single' },
  hints: DELETES,
});
