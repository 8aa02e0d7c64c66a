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

test('user identities: list, create, show, update, make primary, verify, request verification, delete', async () => {
  const user = [...sb.state.users.map.values()].find((u) => u.role === 'end-user' && u.active && u.email)!;
  const listed = await client.useridentities.list(user.id);
  expect(listed.map((i: any) => [i.value, i.primary])).toEqual([[user.email, true]]);
  const { response, result: created } = await client.useridentities.create(user.id, { type: 'email', value: 'client.identity@example.org' });
  expect(response.status).toBe(201);
  const { result: shown } = await client.useridentities.show(user.id, created.id);
  expect(shown).toMatchObject({ id: created.id, value: 'client.identity@example.org', primary: false });
  const { result: updated } = await client.useridentities.update(user.id, created.id, { identity: { verified: true } });
  expect(updated.verified).toBe(true);
  const { result: all } = await client.useridentities.makePrimary(user.id, created.id);
  expect(all.find((i: any) => i.primary && i.type === 'email').id).toBe(created.id);
  expect(sb.state.users.get(user.id)!.email).toBe('client.identity@example.org');
  const { result: verified } = await client.useridentities.verify(user.id, created.id);
  expect(verified.verified).toBe(true);
  await client.useridentities.requestVerification(user.id, created.id);
  const former = all.find((i: any) => !i.primary);
  await client.useridentities.delete(user.id, former.id);
  expect((await client.useridentities.list(user.id)).map((i: any) => i.id)).toEqual([created.id]);
});

test('users: show_many, create_or_update (and many), destroy_many, merge, incremental export', async () => {
  const endUsers = [...sb.state.users.map.values()].filter((u) => u.role === 'end-user' && u.active && u.email);
  const { result: many } = await client.users.showMany([endUsers[1].id, endUsers[2].id]);
  expect(many.map((u: any) => u.id).sort()).toEqual([endUsers[1].id, endUsers[2].id].sort());

  const first = await client.users.createOrUpdate({ user: { name: 'Upsert Client', email: 'upsert.client@example.org' } });
  expect(first.response.status).toBe(201);
  const again = await client.users.createOrUpdate({ user: { email: 'upsert.client@example.org', phone: '+1 555 0177' } });
  expect(again.response.status).toBe(200);
  expect(again.result).toMatchObject({ id: first.result.id, phone: '+1 555 0177' });

  const { result: queued } = await client.users.createOrUpdateMany({ users: [{ email: 'upsert.client@example.org', notes: 'bulk' }, { name: 'Bulk New', email: 'bulk.new@example.org' }] });
  const upserted = await client.jobstatuses.watch(queued.job_status.id, 20, 50);
  expect(upserted.results.map((r: any) => r.status)).toEqual(['Updated', 'Created']);

  const [doomed, source, target] = endUsers.slice(3, 6);
  const { result: deletion } = await client.users.destroyMany([doomed.id], undefined, undefined);
  const deleted = await client.jobstatuses.watch(deletion.job_status.id, 20, 50);
  expect(deleted.results).toEqual([expect.objectContaining({ id: doomed.id, status: 'Deleted', success: true })]);
  expect(sb.state.users.get(doomed.id)!.active).toBe(false);

  const { result: merged } = await client.users.merge(source.id, target.id);
  expect(merged.id).toBe(target.id);
  expect(sb.state.users.get(source.id)!.active).toBe(false);

  const exported = await client.users.incremental(Math.floor(Date.now() / 1000) - 3600 * 24 * 800);
  expect(exported.map((u: any) => u.id)).toEqual(expect.arrayContaining([first.result.id, source.id, target.id, doomed.id]));
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

test('groups: list, count, assignable, show, create, update, delete', async () => {
  const groups = await client.groups.list();
  expect(groups.map((g: any) => g.id)).toEqual([...sb.state.groups.map.keys()]);
  const { result: count } = await client.groups.count();
  expect(count.count.value).toBe(sb.state.groups.size);
  const assignable = await client.groups.assignable();
  expect(assignable).toHaveLength(sb.state.groups.size);
  const { result: shown } = await client.groups.show(groups[1].id);
  expect(shown.name).toBe(groups[1].name);

  const { response, result: created } = await client.groups.create({ group: { name: 'From node-zendesk', description: 'Client team' } });
  expect(response.status).toBe(201);
  const { result: updated } = await client.groups.update(created.id, { group: { name: 'Renamed by node-zendesk' } });
  expect(updated.name).toBe('Renamed by node-zendesk');
  await client.groups.delete(created.id);
  expect(sb.state.groups.get(created.id)!.deleted).toBe(true);
  expect((await client.groups.assignable()).map((g: any) => g.id)).not.toContain(created.id);
});

test('group memberships: list (all, by user, by group), create, show, make default, delete, bulk create and delete', async () => {
  const all = await client.groupmemberships.list();
  expect(all).toHaveLength(sb.state.groupMemberships.size);
  const agent = [...sb.state.users.map.values()].find((u) => u.role === 'agent')!;
  const mine = await client.groupmemberships.listByUser(agent.id);
  expect(mine.map((m: any) => m.group_id)).toContain(agent.default_group_id);
  const group = [...sb.state.groups.map.values()].find((g) => !mine.some((m: any) => m.group_id === g.id))!;
  const before = await client.groupmemberships.listByGroup(group.id);

  const { result: created } = await client.groupmemberships.create({ group_membership: { user_id: agent.id, group_id: group.id } });
  expect(created).toMatchObject({ user_id: agent.id, group_id: group.id, default: false });
  expect(await client.groupmemberships.listByGroup(group.id)).toHaveLength(before.length + 1);
  const { result: shown } = await client.groupmemberships.showByUser(agent.id, created.id);
  expect(shown.id).toBe(created.id);
  const { result: made } = await client.groupmemberships.makeDefault(agent.id, created.id);
  expect(made.find((m: any) => m.id === created.id).default).toBe(true);
  expect(sb.state.users.get(agent.id)!.default_group_id).toBe(group.id);
  await client.groupmemberships.delete(created.id);
  expect(sb.state.groupMemberships.get(created.id)).toBeUndefined();

  const inGroup = new Set((await client.groupmemberships.listByGroup(group.id)).map((m: any) => m.user_id));
  const others = [...sb.state.users.map.values()].filter((u) => u.role !== 'end-user' && !inGroup.has(u.id)).slice(0, 2);
  expect(others).toHaveLength(2);
  const { result: queued } = await client.groupmemberships.bulkCreate(others.map((u) => ({ user_id: u.id, group_id: group.id })));
  const job = await client.jobstatuses.watch(queued.job_status.id, 20, 5);
  expect(job.status).toBe('completed');
  const ids = job.results.map((r: any) => r.id);
  expect(ids.every((id: unknown) => typeof id === 'number')).toBe(true);
  const { result: deleting } = await client.groupmemberships.bulkDelete(ids);
  expect((await client.jobstatuses.watch(deleting.job_status.id, 20, 5)).status).toBe('completed');
  for (const id of ids) expect(sb.state.groupMemberships.get(id)).toBeUndefined();
});

test('sharing agreements: show (all), show by id, create, update, delete', async () => {
  const { result: listed } = await client.sharingagreement.show();
  expect(listed.sharing_agreements).toHaveLength(sb.state.sharingAgreements.size);
  const { result: one } = await client.sharingagreement.showById(listed.sharing_agreements[0].id);
  expect(one.sharing_agreement.id).toBe(listed.sharing_agreements[0].id);
  const { response, result: created } = await client.sharingagreement.create({ remote_subdomain: 'client-partner', name: 'Client partner' });
  expect(response.status).toBe(201);
  const id = created.sharing_agreement.id;
  expect(created.sharing_agreement).toMatchObject({ status: 'pending', remote_subdomain: 'client-partner' });
  const { result: updated } = await client.sharingagreement.update(id, { status: 'accepted' });
  expect(updated.sharing_agreement.status).toBe('accepted');
  await client.sharingagreement.delete(id);
  expect(sb.state.sharingAgreements.get(id)).toBeUndefined();
});
