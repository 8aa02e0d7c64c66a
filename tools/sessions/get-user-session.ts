import { defineTool, READ_ONLY } from '../define';
import { out } from '../outputs';
import { userId } from '../users/resource';
import { sessionId, sessions } from './resource';

/** Zendesk's reference gives `session` as a list of one; an object is read the same way. */
function sessionOf(body: any): Record<string, unknown> {
  const session = Array.isArray(body?.session) ? body.session[0] : body?.session;
  if (typeof session !== 'object' || session === null || session.id === undefined || session.id === null) {
    throw new Error("Zendesk's answer holds no session with an id");
  }
  return session;
}

export const getUserSessionTool = defineTool({
  id: 'zendesk_get_user_session',
  name: 'Get user session',
  resource: sessions.id,
  description:
    "Fetch one session of a user by its id: when they signed in with it and when it was last seen. Session ids come from zendesk_get_user_sessions.",
  params: {
    userId: userId('Id of the user the session belongs to, e.g. 12345.'),
    sessionId: sessionId('Id of the session, e.g. 14 (from zendesk_get_user_sessions).'),
  },
  request: (p) => ({ method: 'GET', path: ['users', p.userId, 'sessions', p.sessionId], reads: ['session'] }),
  outputs: { session: sessions.record!, session_id: out.number('Id of the session') },
  output: ({ body }) => {
    const session = sessionOf(body);
    return { session, session_id: session.id };
  },
  result: { kind: 'single' },
  hints: READ_ONLY,
});
