/**
 * The sandbox's groups, group memberships, users' organization memberships and sharing agreements:
 * every route's real HTTP answers against the schema Zendesk's OpenAPI file declares for it.
 */
import { startSandbox, type Sandbox } from '../../sandbox';
import { api, get, waitForJob } from './helpers';
import { expectConforms, expectDeclaredEmpty } from './oas';

let sb: Sandbox;

beforeAll(async () => {
  sb = await startSandbox({ tickets: 200, users: 60, organizations: 12, jobDelayMs: 5 });
}, 30_000);

afterAll(() => sb?.close());

const agents = () => [...sb.state.users.map.values()].filter((u) => u.role !== 'end-user');

test('groups: list (cursor, offset, assignable), count, show, users, memberships, create, update, delete', async () => {
  expectConforms('/api/v2/groups', 'get', 200, await get(sb, '/groups.json?page[size]=3'));
  expectConforms('/api/v2/groups', 'get', 200, await get(sb, '/groups.json?exclude_deleted=true&per_page=2&page=2'));
  expectConforms('/api/v2/groups/assignable', 'get', 200, await get(sb, '/groups/assignable.json'));
  expectConforms('/api/v2/groups/count', 'get', 200, await get(sb, '/groups/count.json'));
  const group = [...sb.state.groups.map.values()][0];
  expectConforms('/api/v2/groups/{group_id}', 'get', 200, await get(sb, `/groups/${group.id}.json`));
  const users = await get(sb, `/groups/${group.id}/users.json?page[size]=2`);
  expectConforms('/api/v2/groups/{group_id}/users', 'get', 200, users);
  expect(users.body.users.length).toBeGreaterThan(0);
  expectConforms('/api/v2/groups/{group_id}/memberships', 'get', 200, await get(sb, `/groups/${group.id}/memberships.json`));
  expectConforms('/api/v2/groups/{group_id}/memberships/assignable', 'get', 200, await get(sb, `/groups/${group.id}/memberships/assignable.json`));

  const created = await api(sb, 'POST', '/groups.json', { group: { name: 'OAS group', description: 'Checked', is_public: false } });
  expectConforms('/api/v2/groups', 'post', 201, created);
  const id = created.body.group.id;
  expect(created.headers.get('location')).toBe(`${sb.baseUrl}/groups/${id}.json`);
  expectConforms('/api/v2/groups/{group_id}', 'put', 200, await api(sb, 'PUT', `/groups/${id}.json`, { group: { name: 'OAS group renamed' } }));
  expectDeclaredEmpty('/api/v2/groups/{group_id}', 'delete', 204, await api(sb, 'DELETE', `/groups/${id}.json`));
  const deleted = await get(sb, `/groups/${id}.json`);
  expectConforms('/api/v2/groups/{group_id}', 'get', 200, deleted);
  expect(deleted.body.group.deleted).toBe(true);
});

test('group memberships: list (all, assignable, by user), show, create, make default, delete, bulk jobs', async () => {
  expectConforms('/api/v2/group_memberships', 'get', 200, await get(sb, '/group_memberships.json?page[size]=5'));
  expectConforms('/api/v2/group_memberships', 'get', 200, await get(sb, '/group_memberships.json?per_page=5'));
  expectConforms('/api/v2/group_memberships/assignable', 'get', 200, await get(sb, '/group_memberships/assignable.json'));
  const agent = agents()[1];
  expectConforms('/api/v2/users/{user_id}/group_memberships', 'get', 200, await get(sb, `/users/${agent.id}/group_memberships.json`));
  const group = (await api(sb, 'POST', '/groups.json', { group: { name: 'OAS memberships' } })).body.group;

  const created = await api(sb, 'POST', '/group_memberships.json', { group_membership: { user_id: agent.id, group_id: group.id } });
  expectConforms('/api/v2/group_memberships', 'post', 201, created);
  const m = created.body.group_membership;
  expectConforms('/api/v2/group_memberships/{group_membership_id}', 'get', 200, await get(sb, `/group_memberships/${m.id}.json`));
  expectConforms('/api/v2/users/{user_id}/group_memberships/{group_membership_id}', 'get', 200, await get(sb, `/users/${agent.id}/group_memberships/${m.id}.json`));
  const made = await api(sb, 'PUT', `/users/${agent.id}/group_memberships/${m.id}/make_default.json`);
  expectConforms('/api/v2/users/{user_id}/group_memberships/{group_membership_id}/make_default', 'put', 200, made);
  expectDeclaredEmpty('/api/v2/users/{user_id}/group_memberships/{group_membership_id}', 'delete', 204, await api(sb, 'DELETE', `/users/${agent.id}/group_memberships/${m.id}.json`));

  const byUser = await api(sb, 'POST', `/users/${agent.id}/group_memberships.json`, { group_membership: { group_id: group.id } });
  expectConforms('/api/v2/users/{user_id}/group_memberships', 'post', 201, byUser);
  expectDeclaredEmpty('/api/v2/group_memberships/{group_membership_id}', 'delete', 204, await api(sb, 'DELETE', `/group_memberships/${byUser.body.group_membership.id}.json`));

  const cm = await api(sb, 'POST', '/group_memberships/create_many.json', { group_memberships: agents().slice(1, 4).map((a) => ({ user_id: a.id, group_id: group.id })) });
  expectConforms('/api/v2/group_memberships/create_many', 'post', 200, cm);
  const createdJob = await waitForJob(sb, cm.body.job_status.id);
  expect(createdJob.status).toBe('completed');
  expectConforms('/api/v2/job_statuses/{job_status_id}', 'get', 200, await get(sb, `/job_statuses/${cm.body.job_status.id}.json`));
  const ids = createdJob.results.map((r: { id: number }) => r.id);
  const dm = await api(sb, 'DELETE', `/group_memberships/destroy_many.json?ids=${ids.join(',')}`);
  expectConforms('/api/v2/group_memberships/destroy_many', 'delete', 200, dm);
  expect((await waitForJob(sb, dm.body.job_status.id)).status).toBe('completed');
  expectConforms('/api/v2/job_statuses/{job_status_id}', 'get', 200, await get(sb, `/job_statuses/${dm.body.job_status.id}.json`));
});

test("a user's organizations: make default, remove", async () => {
  const s = sb.state;
  const member = [...s.organizationMemberships.map.values()].find((m) => s.users.get(m.user_id)!.organization_id !== m.organization_id)!;
  const made = await api(sb, 'PUT', `/users/${member.user_id}/organizations/${member.organization_id}/make_default.json`);
  expectConforms('/api/v2/users/{user_id}/organizations/{organization_id}/make_default', 'put', 200, made);
  expect(made.body.organization_membership).toMatchObject({ user_id: member.user_id, organization_id: member.organization_id, default: true });
  expectDeclaredEmpty('/api/v2/users/{user_id}/organizations/{organization_id}', 'delete', 204, await api(sb, 'DELETE', `/users/${member.user_id}/organizations/${member.organization_id}.json`));
});

test('sharing agreements: list, show, create, update, delete', async () => {
  const list = await get(sb, '/sharing_agreements.json');
  expectConforms('/api/v2/sharing_agreements', 'get', 200, list);
  expect(list.body.sharing_agreements.length).toBeGreaterThan(0);
  expectConforms('/api/v2/sharing_agreements/{sharing_agreement_id}', 'get', 200, await get(sb, `/sharing_agreements/${list.body.sharing_agreements[0].id}.json`));
  const created = await api(sb, 'POST', '/sharing_agreements.json', { sharing_agreement: { remote_subdomain: 'oas-partner', name: 'OAS', type: 'inbound' } });
  expectConforms('/api/v2/sharing_agreements', 'post', 201, created);
  const id = created.body.sharing_agreement.id;
  expectConforms('/api/v2/sharing_agreements/{sharing_agreement_id}', 'put', 200, await api(sb, 'PUT', `/sharing_agreements/${id}.json`, { sharing_agreement: { status: 'inactive' } }));
  expectDeclaredEmpty('/api/v2/sharing_agreements/{sharing_agreement_id}', 'delete', 204, await api(sb, 'DELETE', `/sharing_agreements/${id}.json`));
});
