/**
 * Every documented operation through the shared executor against the real sandbox over HTTP (no nock):
 * one success per operation with its output validated and its effect checked in the sandbox state,
 * paging to the end, jobs to completion with per-item failures, and the error paths.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { executeTool, type ExecuteOptions, type ToolResult } from '../../lib/executor';
import { type Sandbox, startSandbox } from '../../sandbox';
import { expectValidOutput } from '../helpers';

const SPEC_PATH = join(__dirname, '..', '..', '..', 'shared', 'spec', 'zendesk-operations.json');
const specIds: string[] = (JSON.parse(readFileSync(SPEC_PATH, 'utf8')) as { operations: { id: string }[] }).operations.map((o) => o.id);

let sandbox: Sandbox;
let auth: { email: string; apiToken: string; subdomain: string };

/** Tool ids that succeeded at least once (output validated), and every tool id called. */
const succeeded = new Set<string>();
const called = new Set<string>();

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, tickets: 600, users: 60, organizations: 25, jobDelayMs: 10, seed: 3 });
  const { email, apiToken, subdomain } = sandbox.credentials;
  auth = { email, apiToken, subdomain };
}, 30_000);

afterAll(() => sandbox?.close());

/** Calls an operation with the sandbox credentials as string params; every success is schema-checked. */
async function run(toolId: string, params: Record<string, string> = {}, options: ExecuteOptions = {}, credentials: Record<string, string> = auth): Promise<ToolResult> {
  called.add(toolId);
  const result = await executeTool(toolId, { ...credentials, ...params }, { baseUrl: sandbox.baseUrl, ...options });
  if (result.success) {
    expectValidOutput(toolId, result.output);
    succeeded.add(toolId);
  }
  return result;
}

/** The output of a result that must have succeeded; a failure shows its error. */
function ok(result: ToolResult): Record<string, any> {
  if (!result.success) throw new Error(`expected success, got ${JSON.stringify(result.error)}`);
  return result.output;
}

/** The error of a result that must have failed. */
function err(result: ToolResult) {
  if (result.success) throw new Error(`expected failure, got success: ${JSON.stringify(result.output).slice(0, 300)}`);
  return result.error;
}

const tickets = () => [...sandbox.state.tickets.map.values()];
const users = () => [...sandbox.state.users.map.values()];
const organizations = () => [...sandbox.state.organizations.map.values()];

/** Tickets that are not closed and that nobody else in this file touches: each caller takes its own slice. */
let ticketCursor = 0;
function freshTickets(n: number, accept: (t: ReturnType<typeof tickets>[number]) => boolean = () => true) {
  const pool = tickets().filter((t) => t.status !== 'closed' && accept(t));
  const taken = pool.slice(ticketCursor, ticketCursor + n);
  ticketCursor += n;
  if (taken.length < n) throw new Error(`not enough tickets left for a test (${taken.length} < ${n})`);
  return taken;
}

const endUser = () => users().find((u) => u.role === 'end-user' && u.active && u.organization_id !== null) ?? users().find((u) => u.role === 'end-user')!;

/** Walks a cursor list page by page with pageAfter; returns the items and the number of pages. */
async function walkCursor(toolId: string, itemsKey: string, params: Record<string, string>) {
  const items: { id: number }[] = [];
  let pageAfter: string | undefined;
  let pages = 0;
  for (;;) {
    const output = ok(await run(toolId, { ...params, ...(pageAfter ? { pageAfter } : {}) }));
    pages += 1;
    items.push(...output[itemsKey]);
    expect(output.metadata.total_returned).toBe(output[itemsKey].length);
    if (!output.paging.has_more) {
      expect(output.paging.after_cursor).toBeNull();
      break;
    }
    expect(typeof output.paging.after_cursor).toBe('string');
    pageAfter = output.paging.after_cursor;
    if (pages > 1000) throw new Error('paging never ended');
  }
  return { items, pages };
}

/** Walks an offset list with page=1,2,... until has_more is false. */
async function walkOffset(toolId: string, itemsKey: string, params: Record<string, string>) {
  const items: { id: number }[] = [];
  let pages = 0;
  for (let page = 1; ; page += 1) {
    const output = ok(await run(toolId, { ...params, page: String(page) }));
    pages += 1;
    items.push(...output[itemsKey]);
    if (!output.paging.has_more) break;
    expect(typeof output.paging.next_page).toBe('string');
    if (pages > 200) throw new Error('paging never ended');
  }
  return { items, pages };
}

const distinct = (items: { id: number }[]) => new Set(items.map((i) => i.id));

describe('reads', () => {
  it('zendesk_get_current_user: the sandbox admin who owns the credentials', async () => {
    const output = ok(await run('zendesk_get_current_user'));
    expect(output.user_id).toBe(sandbox.state.ownerId);
    expect(output.user).toMatchObject({ id: sandbox.state.ownerId, email: sandbox.credentials.email, role: 'admin', active: true });
  });

  it('zendesk_get_ticket: one ticket as the state holds it', async () => {
    const ticket = tickets()[0];
    const output = ok(await run('zendesk_get_ticket', { ticketId: String(ticket.id) }));
    expect(output.ticket_id).toBe(ticket.id);
    expect(output.ticket).toMatchObject({ id: ticket.id, subject: ticket.subject, status: ticket.status, tags: ticket.tags, requester_id: ticket.requester_id });
  });

  it('zendesk_get_user: one user as the state holds it', async () => {
    const user = endUser();
    const output = ok(await run('zendesk_get_user', { userId: String(user.id) }));
    expect(output.user_id).toBe(user.id);
    expect(output.user).toMatchObject({ id: user.id, name: user.name, email: user.email, role: user.role });
  });

  it('zendesk_get_organization: one organization as the state holds it', async () => {
    const org = organizations()[3];
    const output = ok(await run('zendesk_get_organization', { organizationId: String(org.id) }));
    expect(output.organization_id).toBe(org.id);
    expect(output.organization).toMatchObject({ id: org.id, name: org.name, domain_names: org.domain_names });
  });

  it('zendesk_get_tickets with filters: exactly the matching tickets of the state', async () => {
    const output = ok(await run('zendesk_get_tickets', { status: 'open', priority: 'high', perPage: '20' }, { all: true }));
    const expected = tickets().filter((t) => t.status === 'open' && t.priority === 'high').map((t) => t.id);
    expect(expected.length).toBeGreaterThan(0);
    expect([...distinct(output.tickets)].sort((a, b) => a - b)).toEqual(expected.sort((a, b) => a - b));
    expect(output.metadata).toMatchObject({ total_returned: expected.length, truncated: false });
  });
});

describe('paging to the end', () => {
  it('zendesk_get_tickets: 50 per page with pageAfter to the last page, then all: true', async () => {
    const { items, pages } = await walkCursor('zendesk_get_tickets', 'tickets', { perPage: '50' });
    const size = sandbox.state.tickets.size;
    expect(pages).toBe(Math.ceil(size / 50));
    expect(items).toHaveLength(size);
    expect(distinct(items).size).toBe(size);

    const all = ok(await run('zendesk_get_tickets', { perPage: '50' }, { all: true }));
    expect(all.tickets).toHaveLength(size);
    expect(distinct(all.tickets)).toEqual(distinct(items));
    expect(all.metadata).toMatchObject({ total_returned: size, has_more: false, truncated: false });
    expect(all.paging.has_more).toBe(false);
  });

  it('zendesk_get_tickets filtered by type, assignee and organization: exactly the matching tickets', async () => {
    const sample = tickets().find((t) => t.assignee_id !== null && t.organization_id !== null && t.type !== null)!;
    const cases: [Record<string, string>, (t: ReturnType<typeof tickets>[number]) => boolean][] = [
      [{ type: sample.type! }, (t) => t.type === sample.type],
      [{ assigneeId: String(sample.assignee_id) }, (t) => t.assignee_id === sample.assignee_id],
      [{ organizationId: String(sample.organization_id) }, (t) => t.organization_id === sample.organization_id],
      [{ status: 'hold', type: 'problem' }, (t) => t.status === 'hold' && t.type === 'problem'],
    ];
    for (const [filters, match] of cases) {
      const { items } = await walkCursor('zendesk_get_tickets', 'tickets', { ...filters, perPage: '50' });
      const expected = tickets().filter(match).map((t) => t.id);
      expect({ filters, ids: [...distinct(items)].sort((a, b) => a - b) }).toEqual({ filters, ids: expected.sort((a, b) => a - b) });
      expect(items).toHaveLength(expected.length);
    }
  });

  it('zendesk_get_tickets sorted by -id: the newest first', async () => {
    const output = ok(await run('zendesk_get_tickets', { sort: '-id', perPage: '5' }));
    const newest = tickets().map((t) => t.id).sort((a, b) => b - a).slice(0, 5);
    expect(output.tickets.map((t: { id: number }) => t.id)).toEqual(newest);
    expect(output.paging.has_more).toBe(true);
  });

  it('zendesk_get_tickets with all: true and maxItems stops there and says it is truncated', async () => {
    const result = await run('zendesk_get_tickets', { perPage: '50' }, { all: true, maxItems: 120 });
    const output = ok(result);
    expect(output.tickets).toHaveLength(120);
    expect(distinct(output.tickets).size).toBe(120);
    expect(output.metadata).toMatchObject({ total_returned: 120, truncated: true });
    expect(result.success && result.warnings?.join(' ')).toMatch(/maxItems=120/);
  });

  it('zendesk_get_users: every active user once, page by page and with all: true', async () => {
    const active = users().filter((u) => u.active).length;
    const { items, pages } = await walkCursor('zendesk_get_users', 'users', { perPage: '50' });
    expect(pages).toBe(Math.ceil(active / 50));
    expect(items).toHaveLength(active);
    expect(distinct(items).size).toBe(active);

    const all = ok(await run('zendesk_get_users', { perPage: '50' }, { all: true }));
    expect(distinct(all.users)).toEqual(distinct(items));
    expect(all.metadata).toMatchObject({ total_returned: active, truncated: false });

    const agents = ok(await run('zendesk_get_users', { role: 'agent', perPage: '50' }, { all: true }));
    expect(agents.users.map((u: { role: string }) => u.role).every((r: string) => r === 'agent')).toBe(true);
    expect(agents.users).toHaveLength(users().filter((u) => u.active && u.role === 'agent').length);
  });

  it('zendesk_get_organizations: every organization once, page by page and with all: true', async () => {
    const size = sandbox.state.organizations.size;
    const fifty = await walkCursor('zendesk_get_organizations', 'organizations', { perPage: '50' });
    expect(distinct(fifty.items).size).toBe(size);
    const { items, pages } = await walkCursor('zendesk_get_organizations', 'organizations', { perPage: '10' });
    expect(pages).toBe(Math.ceil(size / 10));
    expect(distinct(items).size).toBe(size);
    expect(items).toHaveLength(size);

    const all = ok(await run('zendesk_get_organizations', { perPage: '10' }, { all: true }));
    expect(distinct(all.organizations)).toEqual(distinct(items));
    expect(all.metadata).toMatchObject({ total_returned: size, truncated: false });
  });

  it('zendesk_search_users: offset pages with page=1,2,... to the end, and all: true', async () => {
    const expected = users().filter((u) => u.active && u.role === 'end-user');
    const { items, pages } = await walkOffset('zendesk_search_users', 'users', { query: 'role:end-user', perPage: '10' });
    expect(pages).toBe(Math.ceil(expected.length / 10));
    expect(items).toHaveLength(expected.length);
    expect(distinct(items)).toEqual(new Set(expected.map((u) => u.id)));

    const all = ok(await run('zendesk_search_users', { query: 'role:end-user', perPage: '10' }, { all: true }));
    expect(distinct(all.users)).toEqual(distinct(items));
    expect(all.metadata).toMatchObject({ total_returned: expected.length, truncated: false });
  });

  it('zendesk_autocomplete_organizations: offset pages of names starting with the prefix', async () => {
    const expected = organizations().filter((o) => o.name.toLowerCase().startsWith('b'));
    expect(expected.length).toBeGreaterThan(2);
    const { items, pages } = await walkOffset('zendesk_autocomplete_organizations', 'organizations', { name: 'B', perPage: '2' });
    expect(pages).toBe(Math.ceil(expected.length / 2));
    expect(distinct(items)).toEqual(new Set(expected.map((o) => o.id)));
    expect(items.every((o) => (o as unknown as { name: string }).name.toLowerCase().startsWith('b'))).toBe(true);

    const all = ok(await run('zendesk_autocomplete_organizations', { name: 'b', perPage: '2' }, { all: true }));
    expect(distinct(all.organizations)).toEqual(distinct(items));
  });

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

describe('tickets', () => {
  it('zendesk_create_ticket: the description is the first comment, the subject derived from it', async () => {
    const requester = endUser();
    const description = 'The invoice PDF for March is blank\nWhen I open the invoice from the billing page the PDF has no content at all.';
    const output = ok(
      await run('zendesk_create_ticket', {
        description,
        priority: 'high',
        type: 'incident',
        tags: 'billing, pdf',
        requesterId: String(requester.id),
        customFields: '{"360001234": "gold", "360001235": "2024-03-31"}',
      }),
    );
    const id = output.ticket_id as number;
    expect(output.ticket).toMatchObject({ id, subject: 'The invoice PDF for March is blank', priority: 'high', type: 'incident' });
    const stored = sandbox.state.ticket(id)!;
    expect(stored).toMatchObject({ subject: 'The invoice PDF for March is blank', priority: 'high', type: 'incident', requester_id: requester.id });
    expect(stored.tags).toEqual(expect.arrayContaining(['billing', 'pdf']));
    expect(stored.custom_fields).toEqual(expect.arrayContaining([{ id: 360001234, value: 'gold' }, { id: 360001235, value: '2024-03-31' }]));
    const comments = sandbox.state.commentsFor(id);
    expect(comments).toHaveLength(1);
    expect(comments[0].body).toBe(description);

    // An explicit subject is kept as given.
    const titled = ok(await run('zendesk_create_ticket', { subject: 'Printer on fire', description: 'Smoke everywhere' }));
    expect(sandbox.state.ticket(titled.ticket_id)).toMatchObject({ subject: 'Printer on fire', requester_id: sandbox.state.ownerId });
    expect(sandbox.state.commentsFor(titled.ticket_id)[0].body).toBe('Smoke everywhere');

    // A long first line is cut on a word boundary, at most 80 characters with the ellipsis.
    const long = 'Since the upgrade last night every export of the quarterly report times out after two minutes and the scheduled email never arrives\nDetails follow.';
    const cut = ok(await run('zendesk_create_ticket', { description: long }));
    const subject = sandbox.state.ticket(cut.ticket_id)!.subject;
    expect(subject.length).toBeLessThanOrEqual(80);
    expect(subject.endsWith('…')).toBe(true);
    expect(long.startsWith(subject.slice(0, -1))).toBe(true);
    expect(long[subject.length - 1]).toBe(' ');
    expect(sandbox.state.commentsFor(cut.ticket_id)[0].body).toBe(long);
  });

  it('zendesk_create_ticket / zendesk_get_ticket: checkbox, number and multi-select custom field values give schema-valid outputs', async () => {
    // Zendesk's OAS (TicketFieldValueInput.value): string | number | boolean | string[], by field type.
    const customFields = '{"360002001": true, "360002002": 42.5, "360002003": ["emea", "apac"], "360002004": null}';
    const result = await executeTool('zendesk_create_ticket', { ...auth, description: 'Checkbox, number and multi-select fields', customFields }, { baseUrl: sandbox.baseUrl });
    const output = ok(result);
    expect(sandbox.state.ticket(output.ticket_id)!.custom_fields).toEqual(
      expect.arrayContaining([
        { id: 360002001, value: true },
        { id: 360002002, value: 42.5 },
        { id: 360002003, value: ['emea', 'apac'] },
      ]),
    );
    expectValidOutput('zendesk_create_ticket', output);
    expectValidOutput('zendesk_get_ticket', ok(await executeTool('zendesk_get_ticket', { ...auth, ticketId: String(output.ticket_id) }, { baseUrl: sandbox.baseUrl })));
  });

  it('zendesk_update_ticket: changes the fields and adds the comment', async () => {
    const [ticket] = freshTickets(1);
    const before = sandbox.state.commentsFor(ticket.id).length;
    const output = ok(
      await run('zendesk_update_ticket', {
        ticketId: String(ticket.id),
        comment: 'We are looking into it.',
        status: 'pending',
        priority: 'urgent',
        customFields: '[{"id": 360001234, "value": "silver"}]',
      }),
    );
    expect(output.ticket_id).toBe(ticket.id);
    expect(output.ticket).toMatchObject({ id: ticket.id, status: 'pending', priority: 'urgent' });
    const comments = sandbox.state.commentsFor(ticket.id);
    expect(comments).toHaveLength(before + 1);
    expect(comments.at(-1)).toMatchObject({ body: 'We are looking into it.', public: true });
    expect(sandbox.state.ticket(ticket.id)).toMatchObject({ status: 'pending', priority: 'urgent' });
    expect(sandbox.state.ticket(ticket.id)!.custom_fields).toContainEqual({ id: 360001234, value: 'silver' });
  });

  it('zendesk_update_tickets_bulk: adds the tags and keeps the existing ones', async () => {
    const chosen = freshTickets(3, (t) => t.tags.length > 0);
    const tagsBefore = new Map(chosen.map((t) => [t.id, [...t.tags]]));
    const result = await run('zendesk_update_tickets_bulk', { ticketIds: chosen.map((t) => t.id).join(', '), tags: 'escalated, q3-review', priority: 'high' }, { waitForJob: true });
    const output = ok(result);
    expect(output.job_status.status).toBe('completed');
    expect(output.job_status.results).toHaveLength(3);
    expect(output.job_status.results.every((r: { success: boolean }) => r.success)).toBe(true);
    for (const t of chosen) {
      const stored = sandbox.state.ticket(t.id)!;
      expect(stored.tags).toEqual(expect.arrayContaining([...tagsBefore.get(t.id)!, 'escalated', 'q3-review']));
      expect(stored.priority).toBe('high');
    }
  });

  it('zendesk_update_tickets_bulk without waiting: answers the queued job', async () => {
    const chosen = freshTickets(2);
    const output = ok(await run('zendesk_update_tickets_bulk', { ticketIds: chosen.map((t) => t.id).join(','), tags: 'queued-check' }));
    expect(typeof output.job_id).toBe('string');
    expect(output.job_status.id).toBe(output.job_id);
    expect(sandbox.state.job(output.job_id)).toBeDefined();
  });

  it('zendesk_update_tickets_bulk with an unknown id: job_failed, the failing item reported with its index', async () => {
    const chosen = freshTickets(2);
    const ids = [chosen[0].id, 987654, chosen[1].id];
    const result = await run('zendesk_update_tickets_bulk', { ticketIds: ids.join(','), status: 'open', tags: 'partial-run' }, { waitForJob: true });
    const error = err(result);
    expect(error.code).toBe('job_failed');
    expect(error.message).toMatch(/1 of 3 items failed/);
    expect(error.message).toContain('987654');
    const output = (result as { output?: Record<string, any> }).output!;
    expect(output).toBeDefined();
    expectValidOutput('zendesk_update_tickets_bulk', output);
    const results = output.job_status.results as { id: number; index: number; success: boolean; error?: string }[];
    expect(results).toHaveLength(3);
    expect(results.find((r) => r.id === 987654)).toMatchObject({ index: 1, success: false });
    expect(results.filter((r) => r.success).map((r) => r.index).sort()).toEqual([0, 2]);
    for (const t of chosen) expect(sandbox.state.ticket(t.id)!.tags).toContain('partial-run');
  });

  it('zendesk_update_tickets_bulk with 150 ids: two jobs, every item reported with indexes 0..149', async () => {
    const chosen = freshTickets(150);
    const jobsBefore = sandbox.state.jobs.size;
    const progress: number[] = [];
    const result = await run(
      'zendesk_update_tickets_bulk',
      { ticketIds: chosen.map((t) => t.id).join(','), tags: 'batch-150' },
      { onProgress: (p) => progress.push(p.done), waitForJob: { pollIntervalMs: 50 } },
    );
    const output = ok(result);
    expect(sandbox.state.jobs.size - jobsBefore).toBe(2);
    expect(output.job_status.id.split(',')).toHaveLength(2);
    expect(output.job_status.status).toBe('completed');
    expect(output.job_status.total).toBe(150);
    const results = output.job_status.results as { id: number; index: number; success: boolean }[];
    expect(results.map((r) => r.index)).toEqual(chosen.map((_, i) => i));
    expect(results.map((r) => r.id)).toEqual(chosen.map((t) => t.id));
    expect(results.every((r) => r.success)).toBe(true);
    for (const t of chosen) expect(sandbox.state.ticket(t.id)!.tags).toContain('batch-150');
    expect(progress.at(-1)).toBe(150);
  });

  it('zendesk_update_tickets_bulk splits a long input even without waitForJob', async () => {
    const chosen = freshTickets(101);
    const output = ok(await run('zendesk_update_tickets_bulk', { ticketIds: chosen.map((t) => t.id).join(','), priority: 'low' }, { waitForJob: { pollIntervalMs: 50 } }));
    expect(output.job_status.results).toHaveLength(101);
    expect(chosen.every((t) => sandbox.state.ticket(t.id)!.priority === 'low')).toBe(true);
  });

  it('zendesk_update_tickets_bulk: an unknown id in the second job is reported at its own index', async () => {
    const chosen = freshTickets(149);
    const ids = chosen.map((t) => t.id);
    ids.splice(120, 0, 876543);
    const result = await run('zendesk_update_tickets_bulk', { ticketIds: ids.join(','), tags: 'second-chunk' }, { waitForJob: { pollIntervalMs: 50 } });
    const error = err(result);
    expect(error.code).toBe('job_failed');
    expect(error.message).toMatch(/1 of 150 items failed: item 120 \(id 876543\)/);
    const output = (result as { output?: Record<string, any> }).output!;
    expectValidOutput('zendesk_update_tickets_bulk', output);
    const results = output.job_status.results as { id: number; index: number; success: boolean }[];
    expect(results.map((r) => r.index)).toEqual(ids.map((_, i) => i));
    expect(results.filter((r) => !r.success)).toEqual([expect.objectContaining({ id: 876543, index: 120 })]);
    for (const t of chosen) expect(sandbox.state.ticket(t.id)!.tags).toContain('second-chunk');
  });

  it('zendesk_create_tickets_bulk with 150 items: two jobs, a failing item reported at its own index', async () => {
    const before = sandbox.state.tickets.size;
    const input = Array.from({ length: 150 }, (_, i) => ({ subject: `Imported ${i}`, description: `Imported ticket number ${i}`, priority: i === 120 ? 'extreme' : 'normal' }));
    const result = await run('zendesk_create_tickets_bulk', { tickets: JSON.stringify(input) }, { waitForJob: { pollIntervalMs: 50 } });
    const error = err(result);
    expect(error.code).toBe('job_failed');
    expect(error.message).toMatch(/1 of 150 items failed: item 120/);
    const output = (result as { output?: Record<string, any> }).output!;
    expectValidOutput('zendesk_create_tickets_bulk', output);
    expect(output.job_status.id.split(',')).toHaveLength(2);
    const results = output.job_status.results as { id?: number; index: number; success?: boolean; error?: string }[];
    expect(results.map((r) => r.index)).toEqual(input.map((_, i) => i));
    expect(results[120]).toMatchObject({ success: false, error: 'TicketCreateFailed' });
    expect(sandbox.state.tickets.size - before).toBe(149);
    results.forEach((r, i) => {
      if (i === 120) return;
      expect(sandbox.state.ticket(r.id!)!.subject).toBe(`Imported ${i}`);
    });
  });

  it('zendesk_create_tickets_bulk: waits for the job, and the tickets exist', async () => {
    const before = sandbox.state.tickets.size;
    const input = [
      { subject: 'Bulk one', comment: { body: 'First bulk ticket' }, priority: 'low' },
      { subject: 'Bulk two', description: 'Second bulk ticket', tags: ['imported'] },
      { subject: 'Bulk three', comment: { body: 'Third bulk ticket' }, type: 'question' },
    ];
    const output = ok(await run('zendesk_create_tickets_bulk', { tickets: JSON.stringify(input) }, { waitForJob: true }));
    expect(output.job_status.status).toBe('completed');
    const results = output.job_status.results as { id: number; index: number }[];
    expect(results.map((r) => r.index)).toEqual([0, 1, 2]);
    expect(sandbox.state.tickets.size - before).toBe(3);
    results.forEach((r, i) => {
      const stored = sandbox.state.ticket(r.id)!;
      expect(stored.subject).toBe(input[i].subject);
      expect(sandbox.state.commentsFor(r.id)[0].body).toBe(input[i].comment?.body ?? input[i].description);
    });
    expect(sandbox.state.ticket(results[1].id)!.tags).toContain('imported');
    expect(sandbox.state.ticket(results[2].id)!.type).toBe('question');
  });

  it('zendesk_merge_tickets: closes the sources and comments on the target', async () => {
    const [target, ...sources] = freshTickets(3);
    const targetComments = sandbox.state.commentsFor(target.id).length;
    const output = ok(
      await run(
        'zendesk_merge_tickets',
        { targetTicketId: String(target.id), sourceTicketIds: sources.map((s) => s.id).join(', '), targetComment: 'Merged duplicates of this request.' },
        { waitForJob: true },
      ),
    );
    expect(output.target_ticket_id).toBe(String(target.id));
    expect(output.job_status.status).toBe('completed');
    for (const s of sources) {
      const stored = sandbox.state.ticket(s.id)!;
      expect(stored.status).toBe('closed');
      expect(stored.tags).toContain('closed_by_merge');
    }
    const comments = sandbox.state.commentsFor(target.id);
    expect(comments.length).toBe(targetComments + 1);
    expect(comments.at(-1)!.body).toBe('Merged duplicates of this request.');
    expect(sandbox.state.ticket(target.id)!.status).not.toBe('closed');

    // Merging a closed source again fails as a job: reported as job_failed with the job's output.
    const again = await run('zendesk_merge_tickets', { targetTicketId: String(target.id), sourceTicketIds: String(sources[0].id) }, { waitForJob: true });
    expect(err(again).code).toBe('job_failed');
  });

  it('zendesk_delete_ticket: 204 mapped to deleted: true, the ticket gone', async () => {
    const [ticket] = freshTickets(1);
    const before = sandbox.state.tickets.size;
    const output = ok(await run('zendesk_delete_ticket', { ticketId: String(ticket.id) }));
    expect(output).toEqual({ deleted: true, ticket_id: String(ticket.id) });
    expect(sandbox.state.ticket(ticket.id)).toBeUndefined();
    expect(sandbox.state.deletedTickets.has(ticket.id)).toBe(true);
    expect(sandbox.state.tickets.size).toBe(before - 1);
    expect(err(await run('zendesk_get_ticket', { ticketId: String(ticket.id) })).code).toBe('not_found');
  });
});

describe('users', () => {
  const newEmail = 'maria.okafor@customer.example';
  let createdId: number;

  it('zendesk_create_user: the fields as given', async () => {
    const org = organizations()[1];
    const output = ok(
      await run('zendesk_create_user', {
        name: 'Maria Okafor',
        userEmail: newEmail,
        role: 'end-user',
        phone: '+44 20 7946 0018',
        organizationId: String(org.id),
        verified: 'true',
        tags: 'vip, beta',
      }),
    );
    createdId = output.user_id;
    expect(output.user).toMatchObject({ id: createdId, name: 'Maria Okafor', email: newEmail });
    expect(sandbox.state.users.get(createdId)).toMatchObject({
      name: 'Maria Okafor',
      email: newEmail,
      role: 'end-user',
      phone: '+44 20 7946 0018',
      organization_id: org.id,
      verified: true,
      tags: ['vip', 'beta'],
      active: true,
    });
  });

  it('zendesk_update_user: the fields change, a new email becomes a secondary identity', async () => {
    const output = ok(
      await run('zendesk_update_user', {
        userId: String(createdId),
        name: 'Maria Okafor-Lee',
        phone: '+44 20 7946 0099',
        tags: 'gold',
        userEmail: 'maria@work.example',
        customFields: '{"plan": "gold"}',
      }),
    );
    expect(output.user_id).toBe(createdId);
    const stored = sandbox.state.users.get(createdId)!;
    expect(stored).toMatchObject({ name: 'Maria Okafor-Lee', phone: '+44 20 7946 0099', tags: ['gold'], email: newEmail });
    expect(stored.secondary_emails).toContain('maria@work.example');
    expect(stored.user_fields).toMatchObject({ plan: 'gold' });
  });

  it('zendesk_search_users: by query and by externalId', async () => {
    const byName = ok(await run('zendesk_search_users', { query: 'Okafor-Lee' }));
    expect(byName.users.map((u: { id: number }) => u.id)).toContain(createdId);

    const byEmail = ok(await run('zendesk_search_users', { query: `email:${newEmail}` }));
    expect(byEmail.users.map((u: { id: number }) => u.id)).toEqual([createdId]);

    // The form's own example: a bare email address as the query.
    const byBareEmail = ok(await run('zendesk_search_users', { query: newEmail }));
    expect(byBareEmail.users.map((u: { id: number }) => u.id)).toEqual([createdId]);

    const withExternal = users().find((u) => u.external_id !== null && u.active)!;
    const byExternal = ok(await run('zendesk_search_users', { externalId: withExternal.external_id! }));
    expect(byExternal.users.map((u: { id: number }) => u.id)).toEqual([withExternal.id]);
    expect(byExternal.paging.has_more).toBe(false);
  });

  it('zendesk_create_users_bulk: waits for the job, and the users exist', async () => {
    const input = [
      { name: 'Bulk User One', email: 'bulk.one@customer.example' },
      { name: 'Bulk User Two', email: 'bulk.two@customer.example', role: 'agent' },
    ];
    const output = ok(await run('zendesk_create_users_bulk', { users: JSON.stringify(input) }, { waitForJob: true }));
    expect(output.job_status.status).toBe('completed');
    const results = output.job_status.results as { id: number; index: number }[];
    expect(results.map((r) => r.index)).toEqual([0, 1]);
    results.forEach((r, i) => expect(sandbox.state.users.get(r.id)).toMatchObject({ name: input[i].name, email: input[i].email, active: true }));
    expect(sandbox.state.users.get(results[1].id)!.role).toBe('agent');
  });

  it('zendesk_create_users_bulk with a duplicate email: job_failed naming the item', async () => {
    const input = [{ name: 'Fresh Person', email: 'fresh.person@customer.example' }, { name: 'Copy', email: newEmail }];
    const result = await run('zendesk_create_users_bulk', { users: JSON.stringify(input) }, { waitForJob: true });
    const error = err(result);
    expect(error.code).toBe('job_failed');
    const results = (result as { output?: Record<string, any> }).output!.job_status.results as { index: number; success?: boolean }[];
    expect(results.find((r) => r.index === 1)).toMatchObject({ success: false });
    expect(error.message).toMatch(/item 1/);
  });

  it('zendesk_update_users_bulk: each user changed its own way', async () => {
    const [a, b] = users().filter((u) => u.role === 'end-user' && u.active).slice(-2);
    const output = ok(
      await run('zendesk_update_users_bulk', { users: JSON.stringify([{ id: a.id, tags: ['renewal'] }, { id: b.id, phone: '+1 555 0100' }]) }, { waitForJob: true }),
    );
    expect(output.job_status.status).toBe('completed');
    expect(output.job_status.results.map((r: { index: number }) => r.index)).toEqual([0, 1]);
    expect(sandbox.state.users.get(a.id)!.tags).toEqual(['renewal']);
    expect(sandbox.state.users.get(b.id)!.phone).toBe('+1 555 0100');
  });

  it('zendesk_update_users_bulk with an unknown id: job_failed, the item reported at its index', async () => {
    const [a] = users().filter((u) => u.role === 'end-user' && u.active).slice(-3);
    const result = await run('zendesk_update_users_bulk', { users: JSON.stringify([{ id: 360000999998, name: 'Ghost' }, { id: a.id, notes: 'x', phone: '+1 555 0101' }]) }, { waitForJob: true });
    const error = err(result);
    expect(error.code).toBe('job_failed');
    const results = (result as { output?: Record<string, any> }).output!.job_status.results;
    expect(results).toEqual([expect.objectContaining({ id: 360000999998, index: 0, success: false }), expect.objectContaining({ id: a.id, index: 1, success: true })]);
    expect(sandbox.state.users.get(a.id)!.phone).toBe('+1 555 0101');
  });

  it('zendesk_delete_user: the user becomes inactive and leaves the list', async () => {
    const activeBefore = users().filter((u) => u.active).length;
    const output = ok(await run('zendesk_delete_user', { userId: String(createdId) }));
    expect(output).toEqual({ deleted: true, user_id: String(createdId) });
    expect(sandbox.state.users.get(createdId)!.active).toBe(false);
    const all = ok(await run('zendesk_get_users', {}, { all: true }));
    expect(all.users).toHaveLength(activeBefore - 1);
    expect(all.users.map((u: { id: number }) => u.id)).not.toContain(createdId);
  });
});

describe('organizations', () => {
  let createdId: number;

  it('zendesk_create_organization: the fields as given', async () => {
    const output = ok(
      await run('zendesk_create_organization', {
        name: 'Northwind Traders',
        domainNames: 'northwind.example, northwind.test',
        details: 'Wholesale food distributor',
        notes: 'Renewal in Q4',
        tags: 'enterprise, emea',
        customFields: '{"tier": "platinum"}',
      }),
    );
    createdId = output.organization_id;
    expect(output.organization).toMatchObject({ id: createdId, name: 'Northwind Traders' });
    expect(sandbox.state.organizations.get(createdId)).toMatchObject({
      name: 'Northwind Traders',
      domain_names: ['northwind.example', 'northwind.test'],
      details: 'Wholesale food distributor',
      notes: 'Renewal in Q4',
      tags: ['enterprise', 'emea'],
      organization_fields: { tier: 'platinum' },
    });
  });

  it('zendesk_update_organization: the fields change, lists replaced', async () => {
    const output = ok(await run('zendesk_update_organization', { organizationId: String(createdId), notes: 'Renewed', tags: 'enterprise', domainNames: 'northwind.example' }));
    expect(output.organization_id).toBe(createdId);
    expect(sandbox.state.organizations.get(createdId)).toMatchObject({ name: 'Northwind Traders', notes: 'Renewed', tags: ['enterprise'], domain_names: ['northwind.example'] });
  });

  it('zendesk_autocomplete_organizations finds the new organization by its prefix', async () => {
    const output = ok(await run('zendesk_autocomplete_organizations', { name: 'northw' }));
    expect(output.organizations.map((o: { id: number }) => o.id)).toEqual([createdId]);
  });

  it('zendesk_create_organizations_bulk: waits for the job, and the organizations exist', async () => {
    const input = [{ name: 'Contoso Ltd', domain_names: ['contoso.example'] }, { name: 'Fabrikam Inc' }];
    const output = ok(await run('zendesk_create_organizations_bulk', { organizations: JSON.stringify(input) }, { waitForJob: true }));
    expect(output.job_status.status).toBe('completed');
    const results = output.job_status.results as { id: number; index: number }[];
    expect(results.map((r) => r.index)).toEqual([0, 1]);
    results.forEach((r, i) => expect(sandbox.state.organizations.get(r.id)!.name).toBe(input[i].name));
    expect(sandbox.state.organizations.get(results[0].id)!.domain_names).toEqual(['contoso.example']);
  });

  it('422: renaming an organization to a name in use, the field in the message', async () => {
    const taken = organizations().find((o) => o.id !== createdId)!.name;
    const error = err(await run('zendesk_update_organization', { organizationId: String(createdId), name: taken }));
    expect(error).toMatchObject({ code: 'validation_failed', status: 422 });
    expect(error.message).toMatch(/name: /);
    expect(sandbox.state.organizations.get(createdId)!.name).toBe('Northwind Traders');
  });

  it('zendesk_delete_organization: 204 mapped to deleted: true, the organization gone', async () => {
    const output = ok(await run('zendesk_delete_organization', { organizationId: String(createdId) }));
    expect(output).toEqual({ deleted: true, organization_id: String(createdId) });
    expect(sandbox.state.organizations.get(createdId)).toBeUndefined();
    expect(err(await run('zendesk_get_organization', { organizationId: String(createdId) })).code).toBe('not_found');
  });
});

describe('errors against the sandbox', () => {
  it('401: a wrong token is unauthorized, and the token never shows', async () => {
    const wrong = { ...auth, apiToken: 'not-the-right-token' };
    for (const toolId of ['zendesk_get_current_user', 'zendesk_get_tickets', 'zendesk_create_ticket']) {
      const error = err(await run(toolId, toolId === 'zendesk_create_ticket' ? { description: 'x' } : {}, { retry: { maxAttempts: 1 } }, wrong));
      expect(error).toMatchObject({ code: 'unauthorized', status: 401 });
      expect(error.message).toMatch(/Couldn't authenticate you/);
      expect(JSON.stringify(error)).not.toContain('not-the-right-token');
    }
  });

  it('404: unknown ticket, user and organization ids are not_found', async () => {
    for (const [toolId, params] of [
      ['zendesk_get_ticket', { ticketId: '9999999' }],
      ['zendesk_update_ticket', { ticketId: '9999999', comment: 'anyone there?' }],
      ['zendesk_delete_ticket', { ticketId: '9999999' }],
      ['zendesk_get_user', { userId: '360000999999' }],
      ['zendesk_update_user', { userId: '360000999999', name: 'Nobody' }],
      ['zendesk_delete_user', { userId: '360000999999' }],
      ['zendesk_get_organization', { organizationId: '360000599999' }],
      ['zendesk_update_organization', { organizationId: '360000599999', notes: 'x' }],
      ['zendesk_delete_organization', { organizationId: '360000599999' }],
    ] as const) {
      const error = err(await run(toolId, params));
      expect({ toolId, code: error.code, status: error.status }).toEqual({ toolId, code: 'not_found', status: 404 });
      expect(error.message).toMatch(/RecordNotFound/);
    }
  });

  it('422: a duplicate user email, with the field in the message', async () => {
    const taken = endUser().email!;
    const before = sandbox.state.users.size;
    const error = err(await run('zendesk_create_user', { name: 'Second Copy', userEmail: taken }));
    expect(error).toMatchObject({ code: 'validation_failed', status: 422 });
    expect(error.message).toMatch(/RecordInvalid/);
    expect(error.message).toMatch(/email: /);
    expect((error.details as any).details.email[0].error).toBe('DuplicateValue');
    expect(sandbox.state.users.size).toBe(before);
  });

  it('422: a duplicate organization name, with the field in the message', async () => {
    const taken = organizations()[0].name;
    const before = sandbox.state.organizations.size;
    const error = err(await run('zendesk_create_organization', { name: `  ${taken.toUpperCase()}` }));
    expect(error).toMatchObject({ code: 'validation_failed', status: 422 });
    expect(error.message).toMatch(/name: /);
    expect((error.details as any).details.name[0].error).toBe('DuplicateValue');
    expect(sandbox.state.organizations.size).toBe(before);
  });

  it('422: an invalid requesterId on create_ticket, nothing created', async () => {
    const before = sandbox.state.tickets.size;
    const error = err(await run('zendesk_create_ticket', { description: 'On behalf of nobody', requesterId: '360000999999' }));
    expect(error).toMatchObject({ code: 'validation_failed', status: 422 });
    expect(error.message).toMatch(/requester_id: /);
    expect(sandbox.state.tickets.size).toBe(before);
  });

  it('invalid_input: refused before any request is made', async () => {
    const cases: [string, Record<string, string>, string][] = [
      ['zendesk_get_ticket', { ticketId: '12a' }, 'ticketId'],
      ['zendesk_get_ticket', { ticketId: '1/../../users/5' }, 'ticketId'],
      ['zendesk_get_tickets', { perPage: '500' }, 'perPage'],
      ['zendesk_get_tickets', { status: 'open', sort: 'id' }, 'sort'],
      ['zendesk_create_ticket', { subject: 'No body' }, 'description'],
      ['zendesk_create_ticket', { description: 'x', customFields: '{not json' }, 'customFields'],
      // Nothing to change: the first of the changeable params is named.
      ['zendesk_update_ticket', { ticketId: '5' }, 'subject'],
      ['zendesk_update_tickets_bulk', { ticketIds: '1, two, 3', status: 'open' }, 'ticketIds'],
      ['zendesk_merge_tickets', { targetTicketId: '5', sourceTicketIds: '4, 5' }, 'sourceTicketIds'],
      ['zendesk_create_users_bulk', { users: '[{"email": "x@y.example"}]' }, 'users'],
      ['zendesk_update_users_bulk', { users: '[{"id": "12", "name": "x"}]' }, 'users'],
      ['zendesk_create_organizations_bulk', { organizations: '{"name": "x"}' }, 'organizations'],
      ['zendesk_search_users', {}, 'query'],
      ['zendesk_search', { query: 'status:open', filterType: 'ticket', subdomain: 'evil.example.com/' }, 'subdomain'],
      ['zendesk_search_count', {}, 'query'],
      ['zendesk_get_user', { userId: '1', bogus: 'x' }, 'bogus'],
    ];
    const before = sandbox.stats.total;
    for (const [toolId, params, param] of cases) {
      const error = err(await run(toolId, params));
      expect({ toolId, code: error.code, param: error.param }).toEqual({ toolId, code: 'invalid_input', param: expect.stringContaining(param) });
    }
    expect(sandbox.stats.total).toBe(before);
  });

  it('zendesk_search: a filterType contradicting a type: term is refused before sending', async () => {
    const before = sandbox.stats.total;
    const contradicting = err(await run('zendesk_search', { query: 'type:ticket status:open', filterType: 'user' }));
    expect(contradicting).toMatchObject({ code: 'invalid_input', param: 'query' });
    expect(contradicting.message).toMatch(/filterType=user/);
    const excluding = err(await run('zendesk_search', { query: '-type:user role:agent', filterType: 'user' }));
    expect(excluding).toMatchObject({ code: 'invalid_input', param: 'query' });
    const unknown = err(await run('zendesk_search', { query: 'type:widget', filterType: 'ticket' }));
    expect(unknown).toMatchObject({ code: 'invalid_input', param: 'query' });
    expect(sandbox.stats.total).toBe(before);
  });

  it('Bearer: an OAuth access token instead of email and apiToken', async () => {
    const bearer = { subdomain: auth.subdomain, accessToken: sandbox.credentials.accessToken };
    const me = ok(await run('zendesk_get_current_user', {}, {}, bearer));
    expect(me.user_id).toBe(sandbox.state.ownerId);

    const created = ok(await run('zendesk_create_ticket', { description: 'Created over OAuth' }, {}, bearer));
    const audits = sandbox.state.auditsFor(created.ticket_id);
    expect(audits[0].origin.account).toBe('oauth');
    expect(sandbox.state.commentsFor(created.ticket_id)[0].body).toBe('Created over OAuth');

    const wrong = err(await run('zendesk_get_current_user', {}, {}, { ...bearer, accessToken: 'expired-token' }));
    expect(wrong).toMatchObject({ code: 'unauthorized', status: 401 });
  });

  it('429: with a tiny rate limit the call comes back rate_limited with retryAfter', async () => {
    const throttledBefore = sandbox.stats.rateLimited;
    sandbox.setRateLimit(60, 1);
    try {
      // The one token of the bucket goes to the first call; the next meets the empty bucket.
      const first = await run('zendesk_get_ticket', { ticketId: String(tickets()[0].id) }, { retry: { maxWaitMs: 0 } });
      expect(first.success).toBe(true);
      const second = err(await run('zendesk_get_ticket', { ticketId: String(tickets()[0].id) }, { retry: { maxWaitMs: 0 } }));
      expect(second.code).toBe('rate_limited');
      expect(second.retryAfter).toBeGreaterThanOrEqual(1);
      expect(second.message).toMatch(/Try again in \d+ s/);
      expect(sandbox.stats.rateLimited).toBe(throttledBefore + 1);
    } finally {
      sandbox.setRateLimit(0);
    }
    // Restored: the next call goes through (after the pause the 429 ordered).
    expect(ok(await run('zendesk_get_current_user')).user_id).toBe(sandbox.state.ownerId);
  });
});

it('exercised every operation of the spec with a validated success', () => {
  expect(specIds).toHaveLength(26);
  expect([...succeeded].filter((id) => specIds.includes(id)).sort()).toEqual([...specIds].sort());
  expect([...called].filter((id) => !specIds.includes(id))).toEqual([]);
});
