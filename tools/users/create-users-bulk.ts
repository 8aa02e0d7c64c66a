import { CREATES, defineTool } from '../define';
import { jobOutputs } from '../outputs';
import { jobResult } from '../pages';
import { checkEachItem, credentialParams, param } from '../params';

const SHAPE = '{"name": "Jane Doe", "email": "jane@example.com"}';

export const createUsersBulkTool = defineTool({
  id: 'zendesk_create_users_bulk',
  name: 'Create users in bulk',
  resource: 'users',
  description:
    'Create many users in one background job. Give a JSON array of user objects, each with at least a "name" (also "email", "role", "phone", ' +
    '"organization_id", "tags", "user_fields"...). Zendesk takes 100 users per job; longer lists are split into several jobs. The answer is the job status; ' +
    'its per-item results say which users were created and why others failed (a duplicate email, for instance). For one user use zendesk_create_user.',
  params: {
    ...credentialParams,
    users: param.jsonArray(`JSON array of users, each with a "name", e.g. [${SHAPE}, {"name": "Raj Patel", "role": "agent"}].`, {
      required: true,
      multiline: true,
      perRequestLimit: 100,
      example: `[${SHAPE}]`,
    }),
  },
  check: (p) =>
    checkEachItem('users', p.users, SHAPE, (user) =>
      typeof user.name === 'string' && user.name.trim() !== '' ? undefined : 'needs a "name" (text)',
    ),
  request: (p) => ({ method: 'POST', path: ['users', 'create_many'], body: { users: p.users } }),
  outputs: jobOutputs,
  output: ({ body }) => jobResult(body),
  result: { kind: 'job', batchParam: 'users' },
  hints: CREATES,
});
