import { CREATES, defineTool } from '../define';
import { out } from '../outputs';
import { organizationFieldParams, param } from '../params';
import { organizationFields } from './organization-fields';
import { organizations } from './resource';

export const createOrganizationTool = defineTool({
  id: 'zendesk_create_organization',
  name: 'Create organization',
  resource: organizations.id,
  description:
    'Create one organization. Its name must be unique in the account: a name already in use is refused by Zendesk (422), so look it up first with ' +
    'zendesk_autocomplete_organizations when unsure. Users whose email matches one of domainNames join it automatically. For many at once use zendesk_create_organizations_bulk.',
  params: {
    name: param.text('Unique name of the organization, e.g. "Acme Inc".', { required: true, example: 'Acme Inc', field: 'organizationName' }),
    ...organizationFieldParams,
  },
  request: (p) => ({ method: 'POST', path: ['organizations'], body: { organization: organizationFields(p) }, reads: ['organization.id'] }),
  outputs: { organization: organizations.record, organization_id: out.number('Id of the new organization') },
  output: ({ body }) => ({ organization: body.organization, organization_id: body.organization?.id }),
  result: { kind: 'single' },
  hints: CREATES,
});
