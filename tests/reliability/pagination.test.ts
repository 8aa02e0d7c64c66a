/** Full pagination: stops at the end, at maxItems or at the search window, and never hides an error. */
import nock from 'nock';
import { executeTool, iteratePages } from '../../catalog';
import { ZendeskToolError } from '../../lib/executor';
import { credentials, forbidNetwork, resetNock, zendesk } from '../helpers';

const users = (from: number, count: number) => Array.from({ length: count }, (_, i) => ({ id: from + i, name: `User ${from + i}` }));
const NO_RETRY = { retry: { maxAttempts: 1 } };

beforeAll(forbidNetwork);
afterEach(() => {
  const pending = nock.pendingMocks();
  resetNock();
  expect(pending).toEqual([]);
});

/** An offset users search that always claims a next page, as a query with 5,000 matches would. */
function endlessUserSearch(pages: number) {
  for (let page = 1; page <= pages; page += 1) {
    zendesk()
      .get('/api/v2/users/search')
      .query({ query: 'role:end-user', per_page: '100', ...(page > 1 ? { page: String(page) } : {}) })
      .reply(200, { users: users(page * 1000, 100), next_page: `https://acme.zendesk.com/api/v2/users/search?page=${page + 1}`, count: 5000 });
  }
}

it('stops an offset search at the 1,000-result window and says the result is truncated', async () => {
  endlessUserSearch(10);
  const result = await executeTool('zendesk_search_users', { ...credentials, query: 'role:end-user' }, { all: true, maxItems: 5000 });
  expect(result.success).toBe(true);
  if (!result.success) return;
  expect(result.output.users).toHaveLength(1000);
  expect(result.output.metadata).toMatchObject({ total_returned: 1000, has_more: true, truncated: true });
  expect(result.warnings?.[0]).toContain('at most 1000 results');
});

it('asks a cursor list for no more than maxItems, so the cursor resumes exactly after the last item', async () => {
  zendesk()
    .get('/api/v2/users')
    .query({ 'page[size]': '100' })
    .reply(200, { users: users(1, 100), meta: { has_more: true, after_cursor: 'c1' } })
    .get('/api/v2/users')
    .query({ 'page[size]': '50', 'page[after]': 'c1' })
    .reply(200, { users: users(101, 50), meta: { has_more: true, after_cursor: 'c2' } });
  const result = await executeTool('zendesk_get_users', credentials, { all: true, maxItems: 150 });
  expect(result).toMatchObject({ success: true, output: { paging: { after_cursor: 'c2', has_more: true }, metadata: { total_returned: 150, truncated: true } } });
});

it('reads every page to the end and reports a complete list', async () => {
  zendesk()
    .get('/api/v2/organizations')
    .query({ 'page[size]': '100' })
    .reply(200, { organizations: users(1, 100), meta: { has_more: true, after_cursor: 'o1' } })
    .get('/api/v2/organizations')
    .query({ 'page[size]': '100', 'page[after]': 'o1' })
    .reply(200, { organizations: users(101, 3), meta: { has_more: false, after_cursor: null } });
  const result = await executeTool('zendesk_get_organizations', credentials, { all: true });
  expect(result).toMatchObject({ success: true, output: { metadata: { total_returned: 103, has_more: false, truncated: false } } });
  expect(result.success && result.warnings).toBeUndefined();
});

it('turns an error mid-way into an error, never a partial list presented as complete', async () => {
  zendesk()
    .get('/api/v2/users')
    .query(true)
    .reply(200, { users: users(1, 100), meta: { has_more: true, after_cursor: 'c1' } })
    .get('/api/v2/users')
    .query(true)
    .reply(429, 'slow down', { 'Retry-After': '900' });
  const result = await executeTool('zendesk_get_users', { ...credentials, subdomain: 'acme' }, { all: true, ...NO_RETRY });
  expect(result).toMatchObject({ success: false, error: { code: 'rate_limited', retryAfter: 900 } });
  expect('output' in result).toBe(false);
});

it('streams pages through the async iterator and throws the tool error at the failing page', async () => {
  nock('https://stream.zendesk.com')
    .get('/api/v2/tickets')
    .query(true)
    .reply(200, { tickets: users(1, 100), meta: { has_more: true, after_cursor: 't1' } })
    .get('/api/v2/tickets')
    .query(true)
    .reply(500, { error: 'InternalError' });
  const seen: number[] = [];
  const iterate = async () => {
    for await (const page of iteratePages('zendesk_get_tickets', { ...credentials, subdomain: 'stream' }, NO_RETRY)) seen.push((page.tickets as unknown[]).length);
  };
  await expect(iterate()).rejects.toBeInstanceOf(ZendeskToolError);
  expect(seen).toEqual([100]);
});
