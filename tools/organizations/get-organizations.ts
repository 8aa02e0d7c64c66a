import { defineTool, READ_ONLY } from '../define';
import { listOutputs, organizationOutput } from '../outputs';
import { cursorPage } from '../pages';
import { credentialParams, cursorPagingParams } from '../params';

export const getOrganizationsTool = defineTool({
  id: 'zendesk_get_organizations',
  name: 'Get organizations',
  resource: 'organizations',
  description:
    'List the organizations of the account one page at a time (up to 100 per page). Pass paging.after_cursor as pageAfter to get the next page. ' +
    'To find organizations by the start of their name use zendesk_autocomplete_organizations; by other conditions, zendesk_search with filterType organization.',
  params: {
    ...credentialParams,
    ...cursorPagingParams,
  },
  request: (p) => ({ method: 'GET', path: ['organizations'], query: { 'page[size]': p.perPage, 'page[after]': p.pageAfter } }),
  outputs: listOutputs('organizations', organizationOutput, 'The organizations of this page'),
  output: ({ body }) => cursorPage('organizations', body.organizations, body),
  result: { kind: 'cursor-list', itemsKey: 'organizations' },
  hints: READ_ONLY,
});
