/**
 * Search syntax against independently computed expectations over the state, and agreement of
 * /search, /search/count and /search/export.
 */
import { startSandbox, type Sandbox } from '../../sandbox';
import type { TicketRecord, UserRecord } from '../../sandbox/types';
import { api, exportIds, get, searchIds } from './helpers';

let sb: Sandbox;
let tickets: TicketRecord[];
let users: UserRecord[];

beforeAll(async () => {
  sb = await startSandbox({ tickets: 3_000, users: 120, organizations: 15, seed: 11, anchorDate: '2025-12-31T00:00:00Z' });
  tickets = [...sb.state.tickets.map.values()];
  users = [...sb.state.users.map.values()];
});
afterAll(() => sb?.close());

const words = (s: string) => ` ${s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim()} `;
const ticketText = (t: TicketRecord) => words(`${t.subject} ${t.description}`);
const ids = (type: string, recs: { id: number }[]) => recs.map((r) => `${type}:${r.id}`).sort();

async function expectTickets(query: string, pred: (t: TicketRecord) => boolean): Promise<void> {
  const expected = ids('ticket', tickets.filter(pred));
  expect(expected.length).toBeGreaterThan(0);
  const count = await get(sb, `/search/count.json?query=${encodeURIComponent(query)}`);
  expect(count.body.count).toBe(expected.length);
  if (expected.length <= 1000) {
    const found = await searchIds(sb, query);
    expect(found.ids.sort()).toEqual(expected);
  }
  const exported = await exportIds(sb, query.replace(/\btype:ticket\b/, '').trim() || '*', 'ticket');
  expect(exported.sort()).toEqual(expected);
}

describe('ticket keywords', () => {
  const STATUS = ['new', 'open', 'pending', 'hold', 'solved', 'closed'];
  test.each([
    ['status:open', (t: TicketRecord) => t.status === 'open'],
    ['status<solved', (t: TicketRecord) => STATUS.indexOf(t.status) < 4],
    ['status>=solved', (t: TicketRecord) => STATUS.indexOf(t.status) >= 4],
    ['type:ticket -status:closed -status:solved', (t: TicketRecord) => !['closed', 'solved'].includes(t.status)],
    ['priority>normal', (t: TicketRecord) => t.priority === 'high' || t.priority === 'urgent'],
    ['priority:none type:ticket', (t: TicketRecord) => t.priority === null],
    ['ticket_type:incident', (t: TicketRecord) => t.type === 'incident'],
    ['type:ticket tags:vip', (t: TicketRecord) => t.tags.includes('vip')],
    ['type:ticket tags:vip tags:urgent', (t: TicketRecord) => t.tags.includes('vip') || t.tags.includes('urgent')],
    ['tag:ref*', (t: TicketRecord) => t.tags.some((x) => x.startsWith('ref'))],
    ['tags:billing status:open', (t: TicketRecord) => t.tags.includes('billing') && t.status === 'open'],
    ['assignee:none type:ticket', (t: TicketRecord) => t.assignee_id === null],
    ['type:ticket created>2025-06-30', (t: TicketRecord) => t.created_at >= '2025-07-01T00:00:00Z'],
    ['type:ticket created>=2025-06-30', (t: TicketRecord) => t.created_at >= '2025-06-30T00:00:00Z'],
    ['type:ticket created<2025-03-01', (t: TicketRecord) => t.created_at < '2025-03-01T00:00:00Z'],
    ['type:ticket created<=2025-03-01', (t: TicketRecord) => t.created_at < '2025-03-02T00:00:00Z'],
    ['created:2025-07-04', (t: TicketRecord) => t.created_at.startsWith('2025-07-04')],
    ['type:ticket updated>2025-12-01T12:00:00Z', (t: TicketRecord) => t.updated_at >= '2025-12-01T12:00:01Z'],
    ['refund', (t: TicketRecord) => ticketText(t).includes(' refund')],
    ['refun', (t: TicketRecord) => ticketText(t).includes(' refun')],
    ['refun*', (t: TicketRecord) => ticketText(t).includes(' refun')],
    ['"refund yet"', (t: TicketRecord) => ticketText(t).includes(' refund yet ')],
    ['type:ticket -refund', (t: TicketRecord) => !ticketText(t).includes(' refund')],
    ['subject:invoice', (t: TicketRecord) => words(t.subject).includes(' invoice')],
    ['description:"two weeks ago"', (t: TicketRecord) => words(t.description).includes(' two weeks ago ')],
    ['shipping status:pending priority:high', (t: TicketRecord) => ticketText(t).includes(' shipping') && t.status === 'pending' && t.priority === 'high'],
  ])('%s', (query, pred) => expectTickets(query, pred));

  test('references: requester, assignee, group and organization by name, email or id', async () => {
    const requester = users.find((u) => u.role === 'end-user' && tickets.some((t) => t.requester_id === u.id))!;
    await expectTickets(`requester:${requester.email}`, (t) => t.requester_id === requester.id);
    await expectTickets(`requester_id:${requester.id}`, (t) => t.requester_id === requester.id);
    const agent = users.find((u) => u.role !== 'end-user' && tickets.some((t) => t.assignee_id === u.id))!;
    await expectTickets(`assignee:"${agent.name}"`, (t) => t.assignee_id !== null && sb.state.user(t.assignee_id)!.name === agent.name);
    await expectTickets(`assignee_id:${agent.id}`, (t) => t.assignee_id === agent.id);
    const billing = [...sb.state.groups.map.values()].find((g) => g.name === 'Billing')!;
    await expectTickets('group:Billing', (t) => t.group_id === billing.id);
    await expectTickets(`group_id:${billing.id}`, (t) => t.group_id === billing.id);
    const org = sb.state.organization(tickets.find((t) => t.organization_id !== null)!.organization_id!)!;
    const sameName = [...sb.state.organizations.map.values()].filter((o) => words(o.name).includes(` ${words(org.name).trim()} `)).map((o) => o.id);
    await expectTickets(`type:ticket organization:"${org.name}"`, (t) => t.organization_id !== null && sameName.includes(t.organization_id));
    await expectTickets(`type:ticket organization_id:${org.id}`, (t) => t.organization_id === org.id);
    const ext = tickets.find((t) => t.external_id)!;
    await expectTickets(`type:ticket external_id:${ext.external_id}`, (t) => t.external_id === ext.external_id);
  });
});

describe('other types', () => {
  test('users: role, name, email, external_id, organization', async () => {
    const agents = ids('user', users.filter((u) => u.role === 'agent'));
    expect((await searchIds(sb, 'type:user role:agent')).ids.sort()).toEqual(agents);
    const someone = users.find((u) => u.role === 'end-user' && u.external_id && u.organization_id)!;
    const first = someone.name.split(' ')[0];
    expect((await searchIds(sb, `type:user name:${first}`)).ids.sort()).toEqual(ids('user', users.filter((u) => words(u.name).includes(` ${first.toLowerCase()}`))));
    expect((await searchIds(sb, `type:user email:${someone.email}`)).ids).toEqual([`user:${someone.id}`]);
    expect((await searchIds(sb, `type:user external_id:${someone.external_id}`)).ids).toEqual([`user:${someone.id}`]);
    const inOrg = ids('user', users.filter((u) => u.organization_id === someone.organization_id));
    expect((await searchIds(sb, `type:user organization_id:${someone.organization_id}`)).ids.sort()).toEqual(inOrg);
    // A free word searches names and emails.
    expect((await searchIds(sb, `type:user ${someone.email}`)).ids).toContain(`user:${someone.id}`);
  });

  test('organizations and groups by name; no type searches every type', async () => {
    const org = [...sb.state.organizations.map.values()][0];
    const word = org.name.split(' ')[0];
    const orgs = (await searchIds(sb, `type:organization name:${word}`)).ids;
    expect(orgs).toContain(`organization:${org.id}`);
    expect((await searchIds(sb, 'type:group name:Billing')).ids).toHaveLength(1);
    const mixed = await searchIds(sb, 'billing');
    const types = new Set(mixed.ids.map((x) => x.split(':')[0]));
    expect(types.has('ticket')).toBe(true);
    expect(types.has('group')).toBe(true);
    const r = await get(sb, '/search.json?query=billing&per_page=5');
    expect(r.body.results.every((x: { result_type: string }) => ['ticket', 'user', 'organization', 'group'].includes(x.result_type))).toBe(true);
  });
});

describe('search, count and export agree', () => {
  test.each(['status:pending', 'login -status:closed', 'tags:urgent', 'created<2025-02-01', 'shipping'])('%s', async (q) => {
    const count = (await get(sb, `/search/count.json?query=${encodeURIComponent(q)}`)).body.count as number;
    const searched = await searchIds(sb, q);
    expect(searched.count).toBe(count);
    const exported: string[] = [];
    for (const type of ['ticket', 'user', 'organization', 'group']) exported.push(...(await exportIds(sb, q, type, 100)));
    expect(exported).toHaveLength(count);
    if (count <= 1000) expect(searched.ids.sort()).toEqual(exported.sort());
  });
});

describe('ordering and errors', () => {
  test('sort_by and sort_order; export is newest first', async () => {
    const asc = await get(sb, `/search.json?query=${encodeURIComponent('type:ticket status:open')}&sort_by=created_at&sort_order=asc`);
    const stamps = asc.body.results.map((t: { created_at: string }) => t.created_at);
    expect(stamps).toEqual([...stamps].sort());
    const viaQuery = await get(sb, `/search.json?query=${encodeURIComponent('type:ticket status:open order_by:created sort:asc')}`);
    expect(viaQuery.body.results.map((t: { id: number }) => t.id)).toEqual(asc.body.results.map((t: { id: number }) => t.id));
    const ex = await get(sb, '/search/export.json?query=status:open&filter[type]=ticket&page[size]=50');
    const ex2 = ex.body.results.map((t: { created_at: string }) => t.created_at);
    expect(ex2).toEqual([...ex2].sort().reverse());
  });

  test('export refuses a type: term, a missing filter[type] and page[size] over 1000', async () => {
    const typed = await get(sb, '/search/export.json?query=type:ticket%20status:open&filter[type]=ticket');
    expect(typed.status).toBe(400);
    expect(typed.body.error).toBe('invalid');
    expect((await get(sb, '/search/export.json?query=status:open')).status).toBe(400);
    expect((await get(sb, '/search/export.json?query=status:open&filter[type]=ticket&page[size]=1001')).status).toBe(400);
    expect((await get(sb, '/search.json')).status).toBe(400);
  });

  test('new records are searchable at once; relative dates work', async () => {
    const made = await api(sb, 'POST', '/tickets.json', { ticket: { subject: 'Zebra crossing sign broken', comment: { body: 'x' } } });
    const found = await searchIds(sb, 'zebra created>1hours');
    expect(found.ids).toEqual([`ticket:${made.body.ticket.id}`]);
    expect((await searchIds(sb, 'zebra created<1hours')).ids).toEqual([]);
    await api(sb, 'PUT', `/tickets/${made.body.ticket.id}.json`, { ticket: { subject: 'Giraffe' } });
    expect((await searchIds(sb, 'zebra')).ids).toEqual([]);
  });
});
