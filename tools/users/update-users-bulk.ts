import { defineTool, jobAnswer, UPDATES } from '../define';
import { checkEachItem, param } from '../params';
import { isRecordId } from './user-fields';
import { users } from './resource';

const SHAPE = '{"id": 12345, "role": "agent"}';

export const updateUsersBulkTool = defineTool({
  id: 'zendesk_update_users_bulk',
  name: 'Update users in bulk',
  resource: users.id,
  description:
    'Change many users in one background job, each in its own way: give a JSON array of user objects, each with the numeric "id" of the user ' +
    'and the fields to change ("name", "role", "organization_id", "tags" (replacing), "user_fields"...). Zendesk takes 100 users per job; longer lists ' +
    'are split into several jobs. The answer is the job status with per-item results. For one user use zendesk_update_user.',
  params: {
    users: param.batch(`JSON array of changes, each with the numeric "id" of its user, e.g. [${SHAPE}, {"id": 12346, "tags": ["vip"]}].`, SHAPE),
  },
  check: (p) =>
    checkEachItem('users', p.users, SHAPE, (user) => {
      if (user.id === undefined) return 'needs the numeric "id" of the user to change';
      return isRecordId(user.id) ? undefined : `has "id": ${JSON.stringify(user.id)?.slice(0, 40)}, which is not a numeric user id`;
    }),
  request: (p) => ({ method: 'PUT', path: ['users', 'update_many'], body: { users: p.users } }),
  ...jobAnswer('users'),
  hints: UPDATES,
});
