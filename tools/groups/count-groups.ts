import { defineTool, READ_ONLY } from '../define';
import { out } from '../outputs';
import { groups } from './resource';

export const countGroupsTool = defineTool({
  id: 'zendesk_count_groups',
  name: 'Count groups',
  resource: groups.id,
  description:
    'Count the groups of the account. Above 100,000 Zendesk counts approximately, refreshed daily (refreshed_at says when; it may be null meanwhile).',
  params: {},
  request: () => ({ method: 'GET', path: ['groups', 'count'], reads: ['count.value'] }),
  outputs: {
    count: out.number('Number of groups'),
    refreshed_at: out.string('When the count was last refreshed (ISO 8601); absent while a large count is being refreshed', { optional: true }),
  },
  output: ({ body }) => ({ count: body.count?.value, ...(typeof body.count?.refreshed_at === 'string' ? { refreshed_at: body.count.refreshed_at } : {}) }),
  result: { kind: 'single' },
  hints: READ_ONLY,
});
