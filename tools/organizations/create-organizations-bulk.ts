import { CREATES, defineTool, jobAnswer } from '../define';
import { checkEachItem, needsName, param } from '../params';
import { organizations } from './resource';

const SHAPE = '{"name": "Acme Inc", "domain_names": ["acme.com"]}';

export const createOrganizationsBulkTool = defineTool({
  id: 'zendesk_create_organizations_bulk',
  name: 'Create organizations in bulk',
  resource: organizations.id,
  description:
    'Create many organizations in one background job. Give a JSON array of organization objects, each with a unique "name" (also "domain_names", ' +
    '"details", "notes", "tags", "organization_fields"...). Zendesk takes 100 per job; longer lists are split into several jobs. The answer is the job status; ' +
    'its per-item results say which were created and why others failed (a name already in use, for instance). For one organization use zendesk_create_organization.',
  params: {
    organizations: param.batch(`JSON array of organizations, each with a "name", e.g. [${SHAPE}, {"name": "Globex"}].`, SHAPE),
  },
  check: (p) => checkEachItem('organizations', p.organizations, SHAPE, needsName),
  request: (p) => ({ method: 'POST', path: ['organizations', 'create_many'], body: { organizations: p.organizations } }),
  ...jobAnswer('organizations'),
  hints: CREATES,
});
