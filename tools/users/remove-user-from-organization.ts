import { defineTool, DELETES } from '../define';
import { out } from '../outputs';
import { param } from '../params';
import { users, userId } from './resource';

export const removeUserFromOrganizationTool = defineTool({
  id: 'zendesk_remove_user_from_organization',
  name: 'Remove user from organization',
  resource: users.id,
  description:
    'Remove a user from one of their organizations. Zendesk also takes that organization off the user\'s working tickets (not yet solved) of it. ' +
    'When it was the user\'s default organization, another of theirs (or none) becomes the default. The user and the organization themselves are kept.',
  params: {
    userId: userId('Id of the user, e.g. 12345.'),
    organizationId: param.numericId('Id of the organization to remove the user from, e.g. 360001234.', { required: true, example: '360001234' }),
  },
  request: (p) => ({ method: 'DELETE', path: ['users', p.userId, 'organizations', p.organizationId] }),
  outputs: {
    removed: out.boolean('True once the user is no longer a member of the organization'),
    user_id: out.string('Id of the user'),
    organization_id: out.string('Id of the organization'),
  },
  output: (_response, p) => ({ removed: true, user_id: String(p.userId), organization_id: String(p.organizationId) }),
  result: { kind: 'single' },
  hints: DELETES,
});
