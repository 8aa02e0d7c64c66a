import { defineTool, DELETES } from '../define';
import { out } from '../outputs';
import { userId } from '../users/resource';
import { sessionId, sessions } from './resource';

export const deleteUserSessionTool = defineTool({
  id: 'zendesk_delete_user_session',
  name: 'Delete user session',
  resource: sessions.id,
  description:
    'Sign a user out of one session (one browser where they are signed in), by its id from zendesk_get_user_sessions. Their other sessions ' +
    'stay; to sign them out everywhere use zendesk_delete_user_sessions.',
  params: {
    userId: userId('Id of the user the session belongs to, e.g. 12345.'),
    sessionId: sessionId('Id of the session to end, e.g. 14 (from zendesk_get_user_sessions).'),
  },
  // Zendesk answers 204 with nothing.
  request: (p) => ({ method: 'DELETE', path: ['users', p.userId, 'sessions', p.sessionId] }),
  outputs: {
    deleted: out.boolean('True once the session is ended'),
    user_id: out.number('Id of the user'),
    session_id: out.number('Id of the ended session'),
  },
  output: (_response, p) => ({ deleted: true, user_id: p.userId, session_id: p.sessionId }),
  result: { kind: 'single' },
  hints: DELETES,
});
