/**
 * The established client, node-zendesk 6, pointed at the sandbox through `endpointUri`: it must not
 * be able to tell the sandbox from Zendesk for everyday calls.
 */
import { createClient } from 'node-zendesk';
import { startSandbox, type Sandbox } from '../../sandbox';

let sb: Sandbox;
let client: any;

beforeAll(async () => {
  sb = await startSandbox({ tickets: 230, users: 40, organizations: 8, jobDelayMs: 5 });
  client = createClient({
    username: sb.credentials.email,
    token: sb.credentials.apiToken,
    subdomain: sb.credentials.subdomain,
    endpointUri: sb.baseUrl,
  });
});

afterAll(() => sb?.close());

test('tickets: list every page, show, create, update, delete', async () => {
  const all = await client.tickets.list();
  expect(all).toHaveLength(230);
  expect(new Set(all.map((t: any) => t.id)).size).toBe(230);

  const { result: shown } = await client.tickets.show(17);
  expect(shown.id).toBe(17);
  expect(shown.subject).toBe(sb.state.ticket(17)!.subject);

  const { response, result: created } = await client.tickets.create({
    ticket: { subject: 'From node-zendesk', comment: { body: 'Hello from the client' }, priority: 'high' },
  });
  expect(response.status).toBe(201);
  expect(sb.state.ticket(created.id)?.subject).toBe('From node-zendesk');

  const { result: updated } = await client.tickets.update(created.id, { ticket: { status: 'pending', comment: { body: 'Follow-up' } } });
  expect(updated.status).toBe('pending');
  expect(sb.state.commentsFor(created.id).map((c) => c.body)).toEqual(['Hello from the client', 'Follow-up']);

  await client.tickets.delete(created.id);
  expect(sb.state.ticket(created.id)).toBeUndefined();
  await expect(client.tickets.show(created.id)).rejects.toThrow(/404/);
});

test('tickets: bulk update via update_many, watched with the client\'s job monitor', async () => {
  const { result } = await client.tickets.updateMany([1, 2, 3], { ticket: { additional_tags: ['from_client'] } });
  expect(result.job_status.status).toBe('queued');
  const job = await client.jobstatuses.watch(result.job_status.id, 20, 5);
  expect(job.status).toBe('completed');
  expect(job.results).toHaveLength(3);
  for (const id of [1, 2, 3]) expect(sb.state.ticket(id)!.tags).toContain('from_client');
  const { result: shown } = await client.jobstatuses.show(result.job_status.id);
  expect(shown.job_status.progress).toBe(3);
});

test('users: list, me, show, create, update, delete, search', async () => {
  const users = await client.users.list();
  expect(users).toHaveLength(40);
  const { result: me } = await client.users.me();
  expect(me.email).toBe(sb.credentials.email);
  expect(me.role).toBe('admin');
  const { result: shown } = await client.users.show(users[5].id);
  expect(shown.id).toBe(users[5].id);

  const { result: created } = await client.users.create({ user: { name: 'Client Person', email: 'client.person@example.org' } });
  expect(created.role).toBe('end-user');
  const { result: updated } = await client.users.update(created.id, { user: { phone: '+1-555-0100' } });
  expect(updated.phone).toBe('+1-555-0100');
  const found = await client.users.search({ query: 'client.person@example.org' });
  expect(found.map((u: any) => u.id)).toEqual([created.id]);
  const { result: deleted } = await client.users.delete(created.id);
  expect(deleted.active).toBe(false);
});

test('organizations: list, show, create, update, delete, autocomplete', async () => {
  const orgs = await client.organizations.list();
  expect(orgs).toHaveLength(8);
  const { result: created } = await client.organizations.create({ organization: { name: 'Client Co', domain_names: ['client.example'] } });
  const { result: shown } = await client.organizations.show(created.id);
  expect(shown.name).toBe('Client Co');
  const { result: updated } = await client.organizations.update(created.id, { organization: { notes: 'Important' } });
  expect(updated.notes).toBe('Important');
  const ac = await client.organizations.autocomplete({ name: 'Client' });
  expect(ac.map((o: any) => o.id)).toContain(created.id);
  await client.organizations.delete(created.id);
  expect(sb.state.organization(created.id)).toBeUndefined();
});

test('search: query, queryAll, count and export agree', async () => {
  const expected = [...sb.state.tickets.map.values()].filter((t) => t.status === 'open').length;
  const { result: page } = await client.search.query('type:ticket status:open');
  expect(page.length).toBe(Math.min(expected, 100));
  const all = await client.search.queryAll('type:ticket status:open');
  expect(all).toHaveLength(expected);
  expect(all.every((r: any) => r.result_type === 'ticket' && r.status === 'open')).toBe(true);
  const { result: count } = await client.search.showResultsCount('type:ticket status:open');
  expect(count.count).toBe(expected);
  const exported = await client.search.exportResults('status:open', 'ticket', 25);
  expect(exported).toHaveLength(expected);
});

test('bad credentials are refused', async () => {
  const bad = createClient({ username: sb.credentials.email, token: 'wrong', subdomain: 'x', endpointUri: sb.baseUrl });
  await expect(bad.tickets.show(1)).rejects.toThrow(/401/);
});

test('OAuth access token', async () => {
  const oauth = createClient({ token: sb.credentials.accessToken, useOAuth: true, subdomain: 'x', endpointUri: sb.baseUrl });
  const { result } = await oauth.users.me();
  expect(result.id).toBe(sb.state.ownerId);
});
