import { defineTool, READ_ONLY } from '../define';
import { cursorListAnswer, cursorPagingParams, cursorQuery } from '../paging';
import { organizations } from './resource';

export const getOrganizationsTool = defineTool({
  id: 'zendesk_get_organizations',
  name: 'Get organizations',
  resource: organizations.id,
  description:
    'List the organizations of the account one page at a time (up to 100 per page). Pass paging.after_cursor as pageAfter to get the next page. ' +
    'To find organizations by the start of their name use zendesk_autocomplete_organizations; by other conditions, zendesk_search with filterType organization.',
  params: {
    ...cursorPagingParams,
  },
  request: (p) => ({ method: 'GET', path: ['organizations'], query: cursorQuery(p) }),
  ...cursorListAnswer('organizations', organizations.record, 'The organizations of this page'),
  hints: READ_ONLY,
});
