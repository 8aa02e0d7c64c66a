/** The sandbox's groups, memberships and sharing agreements: seeded consistently, and Zendesk's rules over raw HTTP. */
import { startSandbox, type Sandbox } from '../../sandbox';
import { api, get } from './helpers';

let sb: Sandbox;

beforeAll(async () => {
  sb = await startSandbox({ tickets: 300, users: 80, organizations: 10, seed: 9, jobDelayMs: 5 });
});

afterAll(() => sb?.close());

test('seeded consistently: agents in their default group, users in their organization, tickets in groups that exist', async () => {
  const s = sb.state;
  const memberships = [...s.groupMemberships.map.values()];
  for (const user of s.users.map.values()) {
    const own = memberships.filter((m) => m.user_id === user.id);
    if (user.role === 'end-user') expect(own).toEqual([]);
    else expect(own.filter((m) => m.default).map((m) => m.group_id)).toEqual([user.default_group_id]);
    if (user.organization_id !== null) expect([...s.organizationMemberships.map.values()].some((m) => m.user_id === user.id && m.organization_id === user.organization_id)).toBe(true);
  }
  expect(memberships.some((m) => !m.default)).toBe(true);
  for (const t of s.tickets.map.values()) if (t.group_id !== null) expect(s.groups.get(t.group_id)).toBeDefined();
  expect([...s.sharingAgreements.map.values()].map((a) => a.status)).toEqual(['accepted', 'pending', 'inactive']);

  const again = await startSandbox({ tickets: 300, users: 80, organizations: 10, seed: 9 });
  try {
    expect(JSON.stringify([...again.state.groupMemberships.map.values()])).toBe(JSON.stringify(memberships));
    expect(JSON.stringify([...again.state.organizationMemberships.map.values()])).toBe(JSON.stringify([...s.organizationMemberships.map.values()]));
  } finally {
    await again.close();
  }
});

test('a deleted group stays readable but cannot be assigned: 422 group_id', async () => {
  const group = (await api(sb, 'POST', '/groups.json', { group: { name: 'Temporary' } })).body.group;
  expect((await api(sb, 'DELETE', `/groups/${group.id}.json`)).status).toBe(204);
  expect((await api(sb, 'DELETE', `/groups/${group.id}.json`)).status).toBe(204);
  expect((await get(sb, `/groups/${group.id}.json`)).body.group).toMatchObject({ id: group.id, deleted: true });
  const ticket = [...sb.state.tickets.map.values()].find((t) => t.status !== 'closed')!;
  const refused = await api(sb, 'PUT', `/tickets/${ticket.id}.json`, { ticket: { group_id: group.id } });
  expect(refused.status).toBe(422);
  expect(refused.body).toMatchObject({ error: 'RecordInvalid', details: { group_id: [{ error: 'InvalidValue' }] } });
  expect((await api(sb, 'POST', '/tickets.json', { ticket: { comment: { body: 'x' }, group_id: group.id } })).status).toBe(422);
  const agent = [...sb.state.users.map.values()].find((u) => u.role === 'agent')!;
  const joined = await api(sb, 'POST', '/group_memberships.json', { group_membership: { user_id: agent.id, group_id: group.id } });
  expect(joined.status).toBe(422);
  expect(joined.body.details.group_id[0].error).toBe('InvalidValue');
});

test('a private group cannot be made public; a group needs a name', async () => {
  const group = (await api(sb, 'POST', '/groups.json', { group: { name: 'Private', is_public: false } })).body.group;
  const refused = await api(sb, 'PUT', `/groups/${group.id}.json`, { group: { is_public: true } });
  expect(refused.status).toBe(422);
  expect(refused.body.details.is_public[0].error).toBe('InvalidValue');
  expect((await api(sb, 'POST', '/groups.json', { group: { name: '  ' } })).body.details.name[0].error).toBe('BlankValue');
});

test("a membership is reached under its own user only; bulk ids are checked", async () => {
  const [a, b] = [...sb.state.users.map.values()].filter((u) => u.role !== 'end-user');
  const own = [...sb.state.groupMemberships.map.values()].find((m) => m.user_id === a.id)!;
  expect((await get(sb, `/users/${b.id}/group_memberships/${own.id}.json`)).status).toBe(404);
  expect((await api(sb, 'PUT', `/users/${b.id}/group_memberships/${own.id}/make_default.json`)).status).toBe(404);
  expect((await api(sb, 'DELETE', '/group_memberships/destroy_many.json?ids=1,x')).status).toBe(400);
  const many = Array.from({ length: 101 }, (_, i) => i + 1).join(',');
  expect((await api(sb, 'DELETE', `/group_memberships/destroy_many.json?ids=${many}`)).body).toMatchObject({ error: 'InvalidValue' });
});

test('sharing agreements: the remote subdomain is a DNS label; only a settable status changes', async () => {
  const bad = await api(sb, 'POST', '/sharing_agreements.json', { sharing_agreement: { remote_subdomain: 'evil.example.com/x' } });
  expect(bad.status).toBe(422);
  expect(bad.body.details.remote_subdomain[0].error).toBe('InvalidValue');
  const id = (await api(sb, 'POST', '/sharing_agreements.json', { sharing_agreement: { remote_subdomain: 'partner' } })).body.sharing_agreement.id;
  expect((await api(sb, 'PUT', `/sharing_agreements/${id}.json`, { sharing_agreement: { status: 'failed' } })).status).toBe(422);
  const kept = await api(sb, 'PUT', `/sharing_agreements/${id}.json`, { sharing_agreement: { status: 'declined', name: 'Renamed', type: 'inbound' } });
  expect(kept.body.sharing_agreement).toMatchObject({ status: 'declined', name: 'partner.zendesk.com', type: 'outbound' });
});
