import { defineTool, READ_ONLY } from '../define';
import { listOutputs, organizationOutput } from '../outputs';
import { offsetPage } from '../pages';
import { credentialParams, offsetPagingParams, param } from '../params';

export const autocompleteOrganizationsTool = defineTool({
  id: 'zendesk_autocomplete_organizations',
  name: 'Autocomplete organizations',
  resource: 'organizations',
  description:
    'Find organizations whose name starts with the given text (case-insensitive), e.g. "acm" finds "Acme Inc". Pages are numbered (page 1, 2, ...), ' +
    'up to 100 organizations each. Use it to turn a company name into an organization id; to list all organizations use zendesk_get_organizations.',
  params: {
    ...credentialParams,
    name: param.text('The beginning of the organization name, e.g. "acme".', { required: true, example: 'acme' }),
    ...offsetPagingParams,
  },
  request: (p) => ({
    method: 'GET',
    path: ['organizations', 'autocomplete'],
    query: { name: p.name, per_page: p.perPage, page: p.page },
  }),
  outputs: listOutputs('organizations', organizationOutput, 'The organizations of this page'),
  output: ({ body }) => offsetPage('organizations', body.organizations, body),
  result: { kind: 'offset-list', itemsKey: 'organizations', window: 10000 },
  hints: READ_ONLY,
});
