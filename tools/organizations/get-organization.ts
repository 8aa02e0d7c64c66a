import { defineTool, READ_ONLY } from '../define';
import { out } from '../outputs';
import { organizations, organizationId } from './resource';

export const getOrganizationTool = defineTool({
  id: 'zendesk_get_organization',
  name: 'Get organization',
  resource: organizations.id,
  description:
    'Fetch one organization by id, with its domains, tags and organization field values. To find an organization by name use zendesk_autocomplete_organizations.',
  params: {
    organizationId: organizationId('Id of the organization, e.g. 360001234.'),
  },
  request: (p) => ({ method: 'GET', path: ['organizations', p.organizationId], reads: ['organization.id'] }),
  outputs: { organization: organizations.record, organization_id: out.number('Id of the organization') },
  output: ({ body }) => ({ organization: body.organization, organization_id: body.organization?.id }),
  result: { kind: 'single' },
  hints: READ_ONLY,
});
