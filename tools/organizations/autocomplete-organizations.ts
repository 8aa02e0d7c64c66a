import { defineTool, READ_ONLY } from '../define';
import { offsetListAnswer, offsetPagingParams, offsetQuery } from '../paging';
import { param } from '../params';
import { organizations } from './resource';

export const autocompleteOrganizationsTool = defineTool({
  id: 'zendesk_autocomplete_organizations',
  name: 'Autocomplete organizations',
  resource: organizations.id,
  description:
    'Find organizations whose name starts with the given text (case-insensitive), e.g. "acm" finds "Acme Inc". Pages are numbered (page 1, 2, ...), ' +
    'up to 100 organizations each. Use it to turn a company name into an organization id; to list all organizations use zendesk_get_organizations.',
  params: {
    name: param.text('The beginning of the organization name, e.g. "acme".', { required: true, example: 'acme', field: 'organizationNamePrefix' }),
    ...offsetPagingParams,
  },
  request: (p) => ({
    method: 'GET',
    path: ['organizations', 'autocomplete'],
    query: { name: p.name, ...offsetQuery(p) },
  }),
  ...offsetListAnswer('organizations', organizations.record, 'The organizations of this page', 10000),
  hints: READ_ONLY,
});
