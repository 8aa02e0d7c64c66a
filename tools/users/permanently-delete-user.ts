import { defineTool, DELETES } from '../define';
import { out } from '../outputs';
import { users, userId } from './resource';

const deletedUser = out.object(
  'The deleted user as Zendesk held it',
  {
    id: out.number('User id'),
    url: out.string('API URL of the deleted user'),
    name: out.string('Name'),
    email: out.string('Primary email address'),
    phone: out.string('Phone number'),
    role: out.string('Role: end-user, agent or admin'),
    organization_id: out.number('Id of the default organization'),
    locale: out.string('Locale, e.g. en-US'),
    time_zone: out.string('Time zone'),
    active: out.boolean('Always false: the user is deleted'),
    created_at: out.string('When it was created (ISO 8601)'),
    updated_at: out.string('When it was last updated (ISO 8601)'),
  },
  { ref: 'DeletedUser' },
);

export const permanentlyDeleteUserTool = defineTool({
  id: 'zendesk_permanently_delete_user',
  name: 'Permanently delete user',
  resource: users.id,
  description:
    'Permanently delete a user who is already deleted (zendesk_delete_user first): Zendesk erases all of their personal information, as GDPR ' +
    'requires. This CANNOT be undone: the information cannot be recovered. Zendesk refuses a user who is not deleted yet. Zendesk ' +
    'allows 700 permanent deletions per 10 minutes; zendesk_get_user_compliance_deletion_statuses follows the erasure product by product.',
  params: {
    userId: userId('Id of the deleted user to erase for good, e.g. 12345.'),
  },
  // Never replayed after a lost answer: a repeat would answer not_found and hide that the first one worked.
  request: (p) => ({ method: 'DELETE', path: ['deleted_users', p.userId], reads: ['deleted_user'], idempotent: false }),
  outputs: {
    permanently_deleted: out.boolean('True once Zendesk accepted the permanent deletion'),
    user_id: out.number('Id of the user'),
    deleted_user: deletedUser,
  },
  output: ({ body }, p) => ({ permanently_deleted: true, user_id: p.userId, deleted_user: body?.deleted_user }),
  result: { kind: 'single' },
  hints: DELETES,
});
