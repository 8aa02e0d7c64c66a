import { defineTool, requireOneOf, UPDATES } from '../define';
import { out } from '../outputs';
import { organizationFieldParams, param } from '../params';
import { ORGANIZATION_CHANGES, organizationFields } from './organization-fields';
import { organizations, organizationId } from './resource';

export const updateOrganizationTool = defineTool({
  id: 'zendesk_update_organization',
  name: 'Update organization',
  resource: organizations.id,
  description:
    'Change one organization. Only the fields you set are changed; domainNames and tags given here replace the current lists. ' +
    'A new name must not be used by another organization (422). At least one change is required.',
  params: {
    organizationId: organizationId('Id of the organization to change, e.g. 360001234.'),
    name: param.text('New unique name, e.g. "Acme Inc".', { example: 'Acme Inc', field: 'organizationName' }),
    ...organizationFieldParams,
    domainNames: param.stringList('Comma-separated email domains, e.g. "acme.com, acme.io"; they replace the current domains.', { example: 'acme.com, acme.io' }),
    tags: param.stringList('Comma-separated tags, e.g. "enterprise, emea"; they replace the current tags.', { example: 'enterprise, emea', field: 'organizationTags' }),
  },
  check: (p) => requireOneOf(p, ORGANIZATION_CHANGES),
  request: (p) => ({ method: 'PUT', path: ['organizations', p.organizationId], body: { organization: organizationFields(p) }, reads: ['organization.id'] }),
  outputs: { organization: organizations.record, organization_id: out.number('Id of the organization') },
  output: ({ body }) => ({ organization: body.organization, organization_id: body.organization?.id }),
  result: { kind: 'single' },
  hints: UPDATES,
});
