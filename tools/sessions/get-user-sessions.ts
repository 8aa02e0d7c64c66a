import { defineTool, READ_ONLY } from '../define';
import { cursorListAnswer, cursorPagingParams, cursorQuery } from '../paging';
import { userId } from '../users/resource';
import { sessions } from './resource';

export const getUserSessionsTool = defineTool({
  id: 'zendesk_get_user_sessions',
  name: 'Get user sessions',
  resource: sessions.id,
  description:
    'List the sessions of one user: each browser where they are signed in to Zendesk, with when they signed in and were last seen, up to 100 ' +
    'per page. Pass paging.after_cursor as pageAfter for the next page. To sign the user out of one session use zendesk_delete_user_session, ' +
    'of all of them zendesk_delete_user_sessions.',
  params: {
    userId: userId('Id of the user whose sessions to list, e.g. 12345.'),
    ...cursorPagingParams,
  },
  request: (p) => ({ method: 'GET', path: ['users', p.userId, 'sessions'], query: cursorQuery(p) }),
  ...cursorListAnswer('sessions', sessions.record!, "The user's sessions of this page"),
  hints: READ_ONLY,
});
