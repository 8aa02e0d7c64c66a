import { defineTool, READ_ONLY } from '../define';
import { out } from '../outputs';
import { param } from '../params';
import { search } from './resource';

export const searchCountTool = defineTool({
  id: 'zendesk_search_count',
  name: 'Search count',
  resource: search.id,
  description:
    'Count the records a Zendesk search query matches, without fetching them: e.g. how many open urgent tickets there are. ' +
    'The query may name the type ("type:ticket status:open"); without one, tickets, users, organizations and groups are all counted. ' +
    'To get the records themselves use zendesk_search.',
  params: {
    query: param.text('Zendesk search syntax, e.g. "type:ticket status:open priority:urgent".', { required: true, example: 'type:ticket status:open', field: 'searchQuery' }),
  },
  request: (p) => ({ method: 'GET', path: ['search', 'count'], query: { query: p.query }, reads: ['count'] }),
  outputs: { count: out.number('How many records match the query') },
  output: ({ body }) => ({ count: body.count }),
  result: { kind: 'single' },
  hints: READ_ONLY,
});
