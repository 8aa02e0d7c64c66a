import { batchedAnswer, defineTool, DELETES } from '../define';
import { param } from '../params';
import { sessions } from './resource';

export const logoutUsersBulkTool = defineTool({
  id: 'zendesk_logout_users_bulk',
  name: 'Sign out users in bulk',
  resource: sessions.id,
  description:
    'Sign many users out everywhere at once: every session of each user is ended. Zendesk takes 100 ids per request; longer lists are sent as ' +
    'several requests, one after another, and the answer lists every id by outcome (succeeded_ids, failed_ids, unknown_ids) with each request. ' +
    'Admins only. For one user use zendesk_delete_user_sessions.',
  params: {
    userIds: param.idList('Comma-separated ids of the users to sign out, e.g. "111, 222, 333".', { required: true, perRequestLimit: 100, example: '111, 222, 333' }),
  },
  request: (p) => ({
    method: 'POST',
    path: ['users', 'logout_many'],
    query: { ids: p.userIds },
    // Zendesk answers 202 with nothing; signing a user out twice does no more, so a lost answer may be replayed.
    emptyAnswer: true,
    idempotent: true,
  }),
  ...batchedAnswer('userIds', 'signed out'),
  hints: DELETES,
});
