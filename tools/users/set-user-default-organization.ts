import { defineTool, UPDATES } from '../define';
import { out } from '../outputs';
import { param } from '../params';
import { users, userId } from './resource';

const organizationMembershipOutput = out.object(
  'The user\'s membership of the organization, now the default one',
  {
    id: out.number('Membership id'),
    url: out.string('API URL of the membership'),
    user_id: out.number('Id of the user'),
    organization_id: out.number('Id of the organization'),
    organization_name: out.string('Name of the organization'),
    default: out.boolean('Whether it is the user\'s default organization'),
    view_tickets: out.boolean('Whether the user can see all the organization\'s tickets'),
    created_at: out.string('When it was created (ISO 8601)'),
    updated_at: out.string('When it was last updated (ISO 8601)'),
  },
  { ref: 'OrganizationMembership' },
);

export const setUserDefaultOrganizationTool = defineTool({
  id: 'zendesk_set_user_default_organization',
  name: 'Set user default organization',
  resource: users.id,
  description:
    'Make one of the organizations a user belongs to their default organization (the user\'s organization_id, which their new tickets get). ' +
    'The user must already be a member of it (404 otherwise); to move a user to another organization use zendesk_update_user with organizationId.',
  params: {
    userId: userId('Id of the user, e.g. 12345.'),
    organizationId: param.numericId('Id of an organization the user belongs to, e.g. 360001234.', { required: true, example: '360001234' }),
  },
  request: (p) => ({ method: 'PUT', path: ['users', p.userId, 'organizations', p.organizationId, 'make_default'], reads: ['organization_membership.organization_id'] }),
  outputs: {
    organization_membership: organizationMembershipOutput,
    organization_id: out.number('Id of the user\'s default organization now'),
  },
  output: ({ body }) => ({ organization_membership: body.organization_membership, organization_id: body.organization_membership?.organization_id }),
  result: { kind: 'single' },
  hints: UPDATES,
});
