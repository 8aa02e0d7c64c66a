import { defineResource } from '../define';
import { out } from '../outputs';
import { param } from '../param';

export const sessionOutput = out.object(
  'The session',
  {
    id: out.number('Session id'),
    user_id: out.number('Id of the user signed in with it'),
    authenticated_at: out.string('When the user signed in (ISO 8601)'),
    last_seen_at: out.string('About when it was last used (ISO 8601; not updated on every request)'),
    url: out.string('API URL of the session'),
  },
  { ref: 'Session' },
);

/** A user's browser sessions: where they are signed in to Zendesk, and signing them out. */
export const sessions = defineResource({ id: 'sessions', title: 'Sessions', singular: 'session', record: sessionOutput });

/** The session an operation acts on. */
export const sessionId = (description: string) => param.numericId(description, { required: true, example: '14' });
