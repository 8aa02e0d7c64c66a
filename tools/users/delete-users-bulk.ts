import { defineTool, DELETES, jobAnswer } from '../define';
import { users } from './resource';
import { userListParams, userListProblem } from './user-lists';

export const deleteUsersBulkTool = defineTool({
  id: 'zendesk_delete_users_bulk',
  name: 'Delete users in bulk',
  resource: users.id,
  description:
    'Delete many users in background jobs, by their ids or by their external ids (give exactly one of userIds and externalIds). Zendesk soft-deletes: the users ' +
    'become inactive and can no longer sign in; their tickets stay. Zendesk takes 100 users per job; longer lists are split into several jobs. The answer is the ' +
    'job status, with a result per user. For one user use zendesk_delete_user.',
  params: userListParams('of the users to delete', { perRequestLimit: 100 }),
  check: userListProblem,
  request: (p) => ({ method: 'DELETE', path: ['users', 'destroy_many'], query: p.userIds ? { ids: p.userIds } : { external_ids: p.externalIds } }),
  ...jobAnswer(['userIds', 'externalIds']),
  hints: DELETES,
});
