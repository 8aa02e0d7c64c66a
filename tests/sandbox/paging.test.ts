/** Cursor and offset paging, and the 10,000-record (offset) and 1,000-result (search) limits. */
import { startSandbox, type Sandbox } from '../../sandbox';
import { get, type ApiResponse } from './helpers';

let sb: Sandbox;
beforeAll(async () => {
  sb = await startSandbox({ tickets: 1_234, users: 150, organizations: 25 });
});
afterAll(() => sb?.close());

describe('cursor paging', () => {
  test('walks every ticket exactly once and ends with has_more false', async () => {
    const ids: number[] = [];
    let url: string | null = '/tickets.json?page[size]=100';
    let pages = 0;
    while (url) {
      const r: ApiResponse = await get(sb, url);
      expect(r.status).toBe(200);
      ids.push(...r.body.tickets.map((t: { id: number }) => t.id));
      pages++;
      if (!r.body.meta.has_more) {
        expect(r.body.links.next).toBeNull();
        url = null;
      } else {
        expect(r.body.links.next.startsWith(sb.baseUrl)).toBe(true);
        url = r.body.links.next;
      }
    }
    expect(pages).toBe(13);
    expect(ids).toHaveLength(1_234);
    expect(new Set(ids).size).toBe(1_234);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
  });

  test('sort=-updated_at is ordered and page[before] goes back', async () => {
    const first = await get(sb, '/tickets.json?page[size]=50&sort=-updated_at');
    const second = await get(sb, first.body.links.next);
    const stamps = [...first.body.tickets, ...second.body.tickets].map((t: { updated_at: string }) => t.updated_at);
    expect(stamps).toEqual([...stamps].sort().reverse());
    expect(second.body.links.next).toContain('sort=-updated_at');
    const back = await get(sb, second.body.links.prev);
    expect(back.body.tickets.map((t: { id: number }) => t.id)).toEqual(first.body.tickets.map((t: { id: number }) => t.id));
  });

  test('sort=status orders by status; its cursor is refused for another sort', async () => {
    const p1 = await get(sb, '/tickets.json?page[size]=100&sort=status');
    expect(p1.status).toBe(200);
    const order = ['new', 'open', 'pending', 'hold', 'solved', 'closed'];
    const ranks = p1.body.tickets.map((t: { status: string }) => order.indexOf(t.status));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    const p2 = await get(sb, `/tickets.json?page[size]=100&page[after]=${p1.body.meta.after_cursor}`);
    expect(p2.status).toBe(400); // the cursor belongs to sort=status
  });

  test('page[size] above 100, a bad cursor and an unknown sort are 400', async () => {
    const big = await get(sb, '/tickets.json?page[size]=101');
    expect(big.status).toBe(400);
    expect(big.body.errors[0].code).toBe('InvalidPaginationParameter');
    expect((await get(sb, '/tickets.json?page[size]=10&page[after]=garbage')).status).toBe(400);
    expect((await get(sb, '/tickets.json?page[size]=10&sort=subject')).status).toBe(400);
  });

  test('users and organizations page by cursor too, with filters', async () => {
    const agents: number[] = [];
    let url: string | null = '/users.json?page[size]=5&role=agent';
    while (url) {
      const r: ApiResponse = await get(sb, url);
      agents.push(...r.body.users.map((u: { id: number; role: string }) => (expect(u.role).toBe('agent'), u.id)));
      url = r.body.meta.has_more ? r.body.links.next : null;
    }
    const expected = [...sb.state.users.map.values()].filter((u) => u.role === 'agent').map((u) => u.id);
    expect(agents).toEqual(expected);
    const staff = await get(sb, '/users.json?role[]=agent&role[]=admin&per_page=100');
    expect(staff.body.count).toBe([...sb.state.users.map.values()].filter((u) => u.role !== 'end-user').length);
    const orgs = await get(sb, '/organizations.json?page[size]=10');
    expect(orgs.body.organizations).toHaveLength(10);
    expect(orgs.body.meta.has_more).toBe(true);
  });
});

describe('offset paging', () => {
  test('page/per_page with next_page, previous_page and count', async () => {
    const p1 = await get(sb, '/tickets.json?per_page=100');
    expect(p1.body.count).toBe(1_234);
    expect(p1.body.previous_page).toBeNull();
    const next = new URL(p1.body.next_page);
    expect(`${next.origin}${next.pathname}`).toBe(`${sb.baseUrl}/tickets.json`);
    expect([next.searchParams.get('page'), next.searchParams.get('per_page')]).toEqual(['2', '100']);
    const last = await get(sb, '/tickets.json?page=13&per_page=100');
    expect(last.body.tickets).toHaveLength(34);
    expect(last.body.next_page).toBeNull();
    expect(last.body.previous_page).toContain('page=12');
    const desc = await get(sb, '/tickets.json?per_page=5&sort_by=created_at&sort_order=desc');
    const created = desc.body.tickets.map((t: { created_at: string }) => t.created_at);
    expect(created).toEqual([...created].sort().reverse());
  });

  test('records past the first 10,000 answer 400', async () => {
    expect((await get(sb, '/tickets.json?page=100&per_page=100')).status).toBe(200);
    const over = await get(sb, '/tickets.json?page=101&per_page=100');
    expect(over.status).toBe(400);
    expect(over.body.error.title).toBeDefined();
    expect((await get(sb, '/users.json?page=201&per_page=50')).status).toBe(400);
  });
});

describe('search limits', () => {
  test('page 10 of 100 is the last; page 11 is 422 Search Response Limits', async () => {
    const p10 = await get(sb, `/search.json?query=${encodeURIComponent('type:ticket')}&page=10&per_page=100`);
    expect(p10.status).toBe(200);
    expect(p10.body.count).toBe(1_234);
    expect(p10.body.results).toHaveLength(100);
    // Like Zendesk, next_page still points past the cap; following it fails.
    expect(p10.body.next_page).toContain('page=11');
    const p11 = await get(sb, p10.body.next_page);
    expect(p11.status).toBe(422);
    expect(p11.body.error).toBe('invalid');
    expect(p11.body.description).toMatch(/Search Response Limits/);
  });

  test('per_page above 100 is treated as 100; users search and autocomplete are offset only', async () => {
    const r = await get(sb, `/search.json?query=type:ticket&per_page=500`);
    expect(r.body.results).toHaveLength(100);
    const us = await get(sb, '/users/search.json?query=role:end-user&page[size]=2&per_page=3');
    expect(us.body.users).toHaveLength(3);
    expect(us.body.count).toBeGreaterThan(3);
    expect(us.body.next_page).toContain('page=2');
  });
});
