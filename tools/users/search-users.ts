import { defineTool, READ_ONLY } from '../define';
import { offsetListAnswer, offsetPagingParams, offsetQuery } from '../paging';
import { param } from '../params';
import { users } from './resource';

export const searchUsersTool = defineTool({
  id: 'zendesk_search_users',
  name: 'Search users',
  resource: users.id,
  description:
    'Find users by a search query (part of a name, an email address, a phone number, or Zendesk search syntax such as "role:agent") ' +
    'or by the exact external id from another system; give query, externalId or both. Pages are numbered (page 1, 2, ...), up to 100 users each; ' +
    'Zendesk serves at most 1,000 results per query, so narrow the query when more match. To list every user, or all users of a role, use zendesk_get_users.',
  params: {
    query: param.text('What to look for: a name, an email address, a phone number or search syntax, e.g. "jane@example.com" or "role:agent tags:vip".', {
      example: 'jane@example.com',
      field: 'userQuery',
    }),
    externalId: param.text('The exact external id of the user in another system, e.g. "crm-4711" (no search syntax).', { example: 'crm-4711' }),
    ...offsetPagingParams,
  },
  check: (p) =>
    p.query === undefined && p.externalId === undefined
      ? { param: 'query', message: 'Give query (a name, email or search syntax, e.g. "jane@example.com") or externalId (e.g. "crm-4711"): one of them is required.' }
      : undefined,
  request: (p) => ({
    method: 'GET',
    path: ['users', 'search'],
    query: { query: p.query, external_id: p.externalId, ...offsetQuery(p) },
  }),
  ...offsetListAnswer('users', users.record, 'The users of this page', 1000),
  hints: READ_ONLY,
});
