import { defined, defineTool } from '../define';
import { out } from '../outputs';
import { param, userFieldParams } from '../params';
import { userFields } from './user-fields';
import { users } from './resource';

export const createOrUpdateUserTool = defineTool({
  id: 'zendesk_create_or_update_user',
  name: 'Create or update user',
  resource: users.id,
  description:
    'Create a user, or update the one that already has the given email address or external id (an upsert): safe to run again with the same input, ' +
    'so it suits onboarding and sync jobs. Give userEmail or externalId (or both); name is needed when the user is new. The output says whether the user was created. ' +
    'For many users at once use zendesk_create_or_update_users_bulk.',
  params: {
    name: param.text('Full name of the user, e.g. "Jane Doe"; needed when the user is new.', { example: 'Jane Doe', field: 'userName' }),
    ...userFieldParams,
    userEmail: param.text("The user's email address, e.g. jane@example.com: the user who has it is updated, otherwise a user is created with it.", {
      example: 'jane@example.com',
    }),
    externalId: param.text('Id of the user in another system, e.g. "crm-4711": the user who has it (in any case) is updated, otherwise a user is created with it.', {
      example: 'crm-4711',
    }),
    skipVerifyEmail: param.boolean('Send no verification email to a new user: "true" or "false".', { advanced: true }),
  },
  check: (p) =>
    p.userEmail === undefined && p.externalId === undefined
      ? { param: 'userEmail', message: 'Give userEmail or externalId (or both): the user to update is found by them, and created when none has them.' }
      : undefined,
  request: (p) => ({
    method: 'POST',
    path: ['users', 'create_or_update'],
    body: { user: { ...userFields(p), ...defined({ external_id: p.externalId, skip_verify_email: p.skipVerifyEmail }) } },
    reads: ['user.id'],
  }),
  outputs: {
    user: users.record,
    user_id: out.number('Id of the user'),
    created: out.boolean('True when the user was created (Zendesk answered 201), false when an existing user was updated (200)'),
  },
  output: ({ status, body }) => ({ user: body.user, user_id: body.user?.id, created: status === 201 }),
  result: { kind: 'single' },
  // The same input twice leaves the same user: the second call finds the first one's.
  hints: { readOnly: false, destructive: false, idempotent: true },
});
