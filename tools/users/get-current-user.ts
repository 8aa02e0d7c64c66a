import { defineTool, READ_ONLY } from '../define';
import { out } from '../outputs';
import { users } from './resource';

export const getCurrentUserTool = defineTool({
  id: 'zendesk_get_current_user',
  name: 'Get current user',
  resource: users.id,
  description:
    'Fetch the user whose credentials make the call (GET /users/me): a quick way to check that the credentials work and to learn ' +
    'the caller\'s id and role. Credentials Zendesk does not accept are reported as an authentication error, never as an anonymous user.',
  params: {},
  // No `reads`: verify below says what an answer without a user's id means.
  request: () => ({ method: 'GET', path: ['users', 'me'] }),
  // With bad credentials /users/me may answer 200 with an anonymous user whose id is null.
  verify: ({ body }) =>
    typeof body?.user?.id === 'number'
      ? undefined
      : 'Zendesk answered with an anonymous user: the credentials were not accepted. Check the email, the API token (or access token) and the subdomain.',
  outputs: { user: users.record, user_id: out.number('Id of the user the credentials belong to') },
  output: ({ body }) => ({ user: body.user, user_id: body.user?.id }),
  result: { kind: 'single' },
  hints: READ_ONLY,
});
