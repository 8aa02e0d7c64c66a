/** Seed data: deterministic, realistic in shape, and quick to build at 100,000 tickets. */
import { startSandbox, type Sandbox } from '../../sandbox';
import { get } from './helpers';

const anchorDate = '2025-06-15T00:00:00Z';

function snapshot(sb: Sandbox): string {
  const s = sb.state;
  return JSON.stringify([[...s.tickets.map.values()], [...s.users.map.values()], [...s.organizations.map.values()], [...s.groups.map.values()]]);
}

test('the same seed gives the same data; another seed does not', async () => {
  const [a, b, c] = await Promise.all([
    startSandbox({ seed: 5, tickets: 400, anchorDate }),
    startSandbox({ seed: 5, tickets: 400, anchorDate }),
    startSandbox({ seed: 6, tickets: 400, anchorDate }),
  ]);
  try {
    expect(snapshot(a)).toBe(snapshot(b));
    expect(snapshot(a)).not.toBe(snapshot(c));
    // Answers are identical apart from the port in URLs.
    const strip = (t: string) => t.replace(/127\.0\.0\.1:\d+/g, 'HOST');
    expect(strip((await get(a, '/tickets.json?per_page=50')).text)).toBe(strip((await get(b, '/tickets.json?per_page=50')).text));
  } finally {
    await Promise.all([a.close(), b.close(), c.close()]);
  }
});

test('records look like a real account', async () => {
  const sb = await startSandbox({ tickets: 2_000, users: 100, organizations: 20, groups: 8, anchorDate });
  try {
    const s = sb.state;
    const users = [...s.users.map.values()];
    const tickets = [...s.tickets.map.values()];
    expect(users[0]).toMatchObject({ id: 360000000001, email: 'admin@sandbox.zendesk.test', role: 'admin' });
    expect(users.filter((u) => u.role !== 'end-user').length).toBeGreaterThanOrEqual(2);
    expect(new Set(users.map((u) => u.email)).size).toBe(users.length);
    expect(s.organizations.size).toBe(20);
    expect(new Set([...s.organizations.map.values()].map((o) => o.name.toLowerCase())).size).toBe(20);
    expect([...s.groups.map.values()].map((g) => g.name)).toEqual(expect.arrayContaining(['Support', 'Billing', 'Technical']));
    expect(tickets[0].id).toBe(1);
    expect(tickets.at(-1)!.id).toBe(2_000);
    // Ids rise with created_at, everything within the year before the anchor.
    const created = tickets.map((t) => t.created_at);
    expect(created).toEqual([...created].sort());
    expect(created[0] >= '2024-06-15T00:00:00Z').toBe(true);
    expect(created.at(-1)! <= anchorDate).toBe(true);
    for (const t of tickets) {
      expect(t.updated_at >= t.created_at).toBe(true);
      expect(s.user(t.requester_id)!.role).toBe('end-user');
      if (t.assignee_id !== null) expect(s.user(t.assignee_id)!.role).not.toBe('end-user');
      if (t.status === 'new') expect(t.assignee_id).toBeNull();
    }
    const byStatus = (st: string) => tickets.filter((t) => t.status === st).length / tickets.length;
    expect(byStatus('solved')).toBeGreaterThan(byStatus('hold'));
    for (const st of ['new', 'open', 'pending', 'hold', 'solved', 'closed']) expect(byStatus(st)).toBeGreaterThan(0.02);
    const tags = new Set(tickets.flatMap((t) => t.tags));
    for (const tag of ['billing', 'refund', 'bug', 'login', 'shipping', 'feature-request', 'vip', 'urgent']) expect(tags.has(tag)).toBe(true);
    expect(new Set(tickets.map((t) => t.subject)).size).toBeGreaterThan(100);
    const withOrg = users.filter((u) => u.organization_id !== null)[0];
    const org = s.organization(withOrg.organization_id!)!;
    expect(withOrg.email!.endsWith(`@${org.domain_names[0]}`)).toBe(true);
  } finally {
    await sb.close();
  }
});

test('100,000 tickets seed in a few seconds and stay quick to search and page', async () => {
  const t0 = performance.now();
  const sb = await startSandbox({ tickets: 100_000, users: 1_000, organizations: 100 });
  const seedMs = performance.now() - t0;
  try {
    console.log(`seeded 100,000 tickets in ${seedMs.toFixed(0)} ms`);
    expect(sb.state.tickets.size).toBe(100_000);
    expect(seedMs).toBeLessThan(8_000); // ~1–2.5 s on an idle 2-core machine; slack for a busy one
    let t = performance.now();
    const count = await get(sb, `/search/count.json?query=${encodeURIComponent('type:ticket status<solved refund')}`);
    const firstSearchMs = performance.now() - t;
    expect(count.body.count).toBeGreaterThan(1000);
    t = performance.now();
    await get(sb, `/search/count.json?query=${encodeURIComponent('type:ticket tags:vip -status:closed')}`);
    const searchMs = performance.now() - t;
    console.log(`search over 100,000 tickets: first ${firstSearchMs.toFixed(0)} ms (builds the text index), then ${searchMs.toFixed(0)} ms`);
    expect(searchMs).toBeLessThan(2_000);
    const deep = await get(sb, '/tickets.json?page[size]=100&sort=-updated_at');
    t = performance.now();
    const next = await get(sb, deep.body.links.next);
    expect(next.body.tickets).toHaveLength(100);
    expect(performance.now() - t).toBeLessThan(1_000);
  } finally {
    await sb.close();
  }
});
