import { CREATES, defineTool, jobAnswer } from '../define';
import { checkEachItem, needsName, param } from '../params';
import { users } from './resource';

const SHAPE = '{"name": "Jane Doe", "email": "jane@example.com"}';

export const createUsersBulkTool = defineTool({
  id: 'zendesk_create_users_bulk',
  name: 'Create users in bulk',
  resource: users.id,
  description:
    'Create many users in one background job. Give a JSON array of user objects, each with at least a "name" (also "email", "role", "phone", ' +
    '"organization_id", "tags", "user_fields"...). Zendesk takes 100 users per job; longer lists are split into several jobs. The answer is the job status; ' +
    'its per-item results say which users were created and why others failed (a duplicate email, for instance). For one user use zendesk_create_user.',
  params: {
    users: param.batch(`JSON array of users, each with a "name", e.g. [${SHAPE}, {"name": "Raj Patel", "role": "agent"}].`, SHAPE),
  },
  check: (p) => checkEachItem('users', p.users, SHAPE, needsName),
  request: (p) => ({ method: 'POST', path: ['users', 'create_many'], body: { users: p.users } }),
  ...jobAnswer('users'),
  hints: CREATES,
});
