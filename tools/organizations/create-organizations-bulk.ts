import { CREATES, defineTool } from '../define';
import { jobOutputs } from '../outputs';
import { jobResult } from '../pages';
import { checkEachItem, credentialParams, param } from '../params';

const SHAPE = '{"name": "Acme Inc", "domain_names": ["acme.com"]}';

export const createOrganizationsBulkTool = defineTool({
  id: 'zendesk_create_organizations_bulk',
  name: 'Create organizations in bulk',
  resource: 'organizations',
  description:
    'Create many organizations in one background job. Give a JSON array of organization objects, each with a unique "name" (also "domain_names", ' +
    '"details", "notes", "tags", "organization_fields"...). Zendesk takes 100 per job; longer lists are split into several jobs. The answer is the job status; ' +
    'its per-item results say which were created and why others failed (a name already in use, for instance). For one organization use zendesk_create_organization.',
  params: {
    ...credentialParams,
    organizations: param.jsonArray(`JSON array of organizations, each with a "name", e.g. [${SHAPE}, {"name": "Globex"}].`, {
      required: true,
      multiline: true,
      perRequestLimit: 100,
      example: `[${SHAPE}]`,
    }),
  },
  check: (p) =>
    checkEachItem('organizations', p.organizations, SHAPE, (organization) =>
      typeof organization.name === 'string' && organization.name.trim() !== '' ? undefined : 'needs a "name" (text)',
    ),
  request: (p) => ({ method: 'POST', path: ['organizations', 'create_many'], body: { organizations: p.organizations } }),
  outputs: jobOutputs,
  output: ({ body }) => jobResult(body),
  result: { kind: 'job', batchParam: 'organizations' },
  hints: CREATES,
});
