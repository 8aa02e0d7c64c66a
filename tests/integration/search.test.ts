/** Search operations against the sandbox over HTTP: the export to the end, and the count agreeing with it. */
import {
  distinct,
  expectEveryOperationOf,
  ok,
  organizations,
  run,
  tickets,
  useIntegrationSandbox,
  walkCursor,
} from './harness';
useIntegrationSandbox();

describe('paging to the end', () => {
  it('zendesk_search (export): pageAfter to the end, agreeing with zendesk_search_count and the state', async () => {
    const expected = tickets().filter((t) => ['new', 'open', 'pending', 'hold'].includes(t.status));
    const { items, pages } = await walkCursor('zendesk_search', 'results', { query: 'status<solved', filterType: 'ticket', perPage: '50' });
    expect(pages).toBeGreaterThanOrEqual(Math.ceil(expected.length / 50));
    expect(items).toHaveLength(expected.length);
    expect(distinct(items)).toEqual(new Set(expected.map((t) => t.id)));
    expect(items.every((t) => ['new', 'open', 'pending', 'hold'].includes((t as unknown as { status: string }).status))).toBe(true);

    const count = ok(await run('zendesk_search_count', { query: 'type:ticket status<solved' }));
    expect(count.count).toBe(expected.length);

    // A type: term that says what filterType says is dropped, not sent.
    const all = ok(await run('zendesk_search', { query: 'type:ticket status<solved', filterType: 'ticket', perPage: '100' }, { all: true }));
    expect(distinct(all.results)).toEqual(distinct(items));
  });
});

describe('search', () => {
  it('zendesk_search and zendesk_search_count agree for the same query', async () => {
    const query = 'tags:billing status:open status:pending';
    const expected = tickets().filter((t) => t.tags.includes('billing') && (t.status === 'open' || t.status === 'pending'));
    expect(expected.length).toBeGreaterThan(0);
    const found = ok(await run('zendesk_search', { query, filterType: 'ticket' }, { all: true }));
    const count = ok(await run('zendesk_search_count', { query: `type:ticket ${query}` }));
    expect(found.results).toHaveLength(count.count);
    expect(distinct(found.results)).toEqual(new Set(expected.map((t) => t.id)));

    const orgs = ok(await run('zendesk_search', { query: 'name:Brightline*', filterType: 'organization' }, { all: true }));
    const orgCount = ok(await run('zendesk_search_count', { query: 'type:organization name:Brightline*' }));
    expect(orgs.results.length).toBe(orgCount.count);
    expect(orgs.results.length).toBe(organizations().filter((o) => o.name.startsWith('Brightline')).length);
  });
});

expectEveryOperationOf('search');
