import { defineTool, jobAnswer } from '../define';
import { checkEachItem, param } from '../params';
import { users } from './resource';

const SHAPE = '{"email": "jane@example.com", "name": "Jane Doe"}';

/** An item names the user it matches: a non-blank email, or an external id. */
function namesItsUser(user: Record<string, unknown>): string | undefined {
  const email = typeof user.email === 'string' && user.email.trim() !== '';
  const externalId = (typeof user.external_id === 'string' && user.external_id.trim() !== '') || typeof user.external_id === 'number';
  return email || externalId ? undefined : 'needs an "email" or an "external_id" to find or create the user by';
}

export const createOrUpdateUsersBulkTool = defineTool({
  id: 'zendesk_create_or_update_users_bulk',
  name: 'Create or update users in bulk',
  resource: users.id,
  description:
    'Create or update many users in background jobs (an upsert): each user object is matched by its "email" or "external_id"; the matching user is updated, ' +
    'or a new one is created (a new one needs a "name"). Other fields: "role", "phone", "organization_id", "tags", "user_fields"... Zendesk takes 100 users per job; ' +
    'longer lists are split into several jobs. The answer is the job status; its per-item results say which users were created or updated and why others failed. ' +
    'Bulk imports may have to be enabled on the account (403 otherwise). For one user use zendesk_create_or_update_user.',
  params: {
    users: param.batch(`JSON array of users, each with an "email" or "external_id" to match, e.g. [${SHAPE}, {"external_id": "crm-4711", "name": "Raj Patel"}].`, SHAPE),
  },
  check: (p) => checkEachItem('users', p.users, SHAPE, namesItsUser),
  request: (p) => ({ method: 'POST', path: ['users', 'create_or_update_many'], body: { users: p.users } }),
  ...jobAnswer('users'),
  // Matching by email or external id, a rerun updates the users the first run created.
  hints: { readOnly: false, destructive: false, idempotent: true },
});
