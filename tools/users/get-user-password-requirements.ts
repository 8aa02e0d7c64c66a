import { defineTool, READ_ONLY } from '../define';
import { out } from '../outputs';
import { users, userId } from './resource';

export const getUserPasswordRequirementsTool = defineTool({
  id: 'zendesk_get_user_password_requirements',
  name: 'Get user password requirements',
  resource: users.id,
  description:
    "List the rules a new password of a user must meet under the account's password policy, in words (e.g. \"must be at least 5 characters\"). " +
    'Check them before setting a password with zendesk_set_user_password.',
  params: {
    userId: userId('Id of the user, e.g. 12345.'),
  },
  request: (p) => ({ method: 'GET', path: ['users', p.userId, 'password', 'requirements'], reads: ['requirements[]'] }),
  outputs: {
    requirements: out.array('The rules, one sentence each', out.string('One rule, e.g. "must be at least 5 characters"')),
    user_id: out.number('Id of the user'),
  },
  output: ({ body }, p) => ({ requirements: body.requirements, user_id: p.userId }),
  result: { kind: 'single' },
  hints: READ_ONLY,
});
