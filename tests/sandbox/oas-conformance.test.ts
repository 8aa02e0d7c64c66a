/**
 * Every sandbox endpoint's real HTTP answers, validated against the response schema Zendesk's
 * OpenAPI file declares for that path, method and status.
 */
import { startSandbox, type Sandbox } from '../../sandbox';
import { api, get, waitForJob } from './helpers';
import { expectConforms, validatorFor } from './oas';

let sb: Sandbox;

beforeAll(async () => {
  sb = await startSandbox({ tickets: 300, users: 60, organizations: 12, jobDelayMs: 5 });
}, 30_000);

afterAll(() => sb?.close());

describe('tickets', () => {
  test('list (cursor and offset), show', async () => {
    expectConforms('/api/v2/tickets', 'get', 200, await get(sb, '/tickets.json?page[size]=50'));
    expectConforms('/api/v2/tickets', 'get', 200, await get(sb, '/tickets.json?page=2&per_page=25'));
    expectConforms('/api/v2/tickets/{ticket_id}', 'get', 200, await get(sb, '/tickets/7.json'));
  });

  test('create, update, delete', async () => {
    const created = await api(sb, 'POST', '/tickets.json', {
      ticket: { subject: 'OAS check', comment: { body: 'Body', public: false }, priority: 'high', type: 'task', due_at: '2030-01-01T00:00:00Z', tags: ['a', 'b'], custom_fields: [{ id: 1, value: 'x' }] },
    });
    expectConforms('/api/v2/tickets', 'post', 201, created);
    expect(created.headers.get('location')).toBe(`${sb.baseUrl}/tickets/${created.body.ticket.id}.json`);
    const id = created.body.ticket.id;
    const updated = await api(sb, 'PUT', `/tickets/${id}.json`, { ticket: { status: 'pending', assignee_id: null, tags: [], comment: { body: 'Update' } } });
    expectConforms('/api/v2/tickets/{ticket_id}', 'put', 200, updated);
    const unchanged = await api(sb, 'PUT', `/tickets/${id}.json`, { ticket: { status: 'pending' } });
    expectConforms('/api/v2/tickets/{ticket_id}', 'put', 200, unchanged);
    const del = await api(sb, 'DELETE', `/tickets/${id}.json`);
    expect(del.status).toBe(204);
    expect(del.text).toBe('');
  });

  test('bulk calls and their job statuses', async () => {
    const cm = await api(sb, 'POST', '/tickets/create_many.json', { tickets: [{ comment: { body: 'one' } }, { comment: { body: 'two' } }] });
    expectConforms('/api/v2/tickets/create_many', 'post', 200, cm);
    const um = await api(sb, 'PUT', '/tickets/update_many.json?ids=1,2,999999', { ticket: { priority: 'low' } });
    expectConforms('/api/v2/tickets/update_many', 'put', 200, um);
    const um2 = await api(sb, 'PUT', '/tickets/update_many.json', { tickets: [{ id: 3, status: 'open' }, { id: 4, status: 'bogus' }] });
    expectConforms('/api/v2/tickets/update_many', 'put', 200, um2);
    const merge = await api(sb, 'POST', '/tickets/20/merge.json', { ids: [21, 22], target_comment: 'merged', source_comment: 'closed' });
    expectConforms('/api/v2/tickets/{ticket_id}/merge', 'post', 200, merge);
    for (const r of [cm, um, um2, merge]) {
      await waitForJob(sb, r.body.job_status.id);
      expectConforms('/api/v2/job_statuses/{job_status_id}', 'get', 200, await get(sb, `/job_statuses/${r.body.job_status.id}.json`));
    }
    const ids = [cm, um, um2, merge].map((r) => r.body.job_status.id).join(',');
    expectConforms('/api/v2/job_statuses/show_many', 'get', 200, await get(sb, `/job_statuses/show_many.json?ids=${ids}`));
    expectConforms('/api/v2/job_statuses', 'get', 200, await get(sb, '/job_statuses.json'));
  });
});

describe('users', () => {
  test('list, show, me, search', async () => {
    expectConforms('/api/v2/users', 'get', 200, await get(sb, '/users.json?page[size]=30'));
    expectConforms('/api/v2/users', 'get', 200, await get(sb, '/users.json?role=agent'));
    const first = (await get(sb, '/users.json?per_page=1')).body.users[0];
    expectConforms('/api/v2/users/{user_id}', 'get', 200, await get(sb, `/users/${first.id}.json`));
    expectConforms('/api/v2/users/me', 'get', 200, await get(sb, '/users/me.json'));
    expectConforms('/api/v2/users/search', 'get', 200, await get(sb, `/users/search.json?query=${encodeURIComponent('role:end-user')}`));
  });

  test('create, update, delete, bulk', async () => {
    const c = await api(sb, 'POST', '/users.json', { user: { name: 'Oas User', email: 'oas.user@example.org', role: 'end-user', phone: null } });
    expectConforms('/api/v2/users', 'post', 201, c);
    const bare = await api(sb, 'POST', '/users.json', { user: { name: 'No Email' } });
    expectConforms('/api/v2/users', 'post', 201, bare);
    const u = await api(sb, 'PUT', `/users/${c.body.user.id}.json`, { user: { notes: 'hi', tags: ['x'] } });
    expectConforms('/api/v2/users/{user_id}', 'put', 200, u);
    const d = await api(sb, 'DELETE', `/users/${c.body.user.id}.json`);
    expectConforms('/api/v2/users/{user_id}', 'delete', 200, d);
    const cm = await api(sb, 'POST', '/users/create_many.json', { users: [{ name: 'Bulk One', email: 'bulk1@example.org' }] });
    expectConforms('/api/v2/users/create_many', 'post', 200, cm);
    const um = await api(sb, 'PUT', `/users/update_many.json?ids=${bare.body.user.id}`, { user: { notes: 'bulk' } });
    expectConforms('/api/v2/users/update_many', 'put', 200, um);
    await waitForJob(sb, um.body.job_status.id);
    expectConforms('/api/v2/job_statuses/{job_status_id}', 'get', 200, await get(sb, `/job_statuses/${um.body.job_status.id}.json`));
  });
});

describe('organizations', () => {
  test('list, show, autocomplete, create, update, delete, create_many', async () => {
    expectConforms('/api/v2/organizations', 'get', 200, await get(sb, '/organizations.json'));
    expectConforms('/api/v2/organizations', 'get', 200, await get(sb, '/organizations.json?page[size]=5'));
    const org = (await get(sb, '/organizations.json')).body.organizations[0];
    expectConforms('/api/v2/organizations/{organization_id}', 'get', 200, await get(sb, `/organizations/${org.id}.json`));
    expectConforms('/api/v2/organizations/autocomplete', 'get', 200, await get(sb, `/organizations/autocomplete.json?name=${encodeURIComponent(org.name.slice(0, 3))}`));
    expectConforms('/api/v2/organizations/autocomplete', 'get', 400, await get(sb, '/organizations/autocomplete.json'));
    const c = await api(sb, 'POST', '/organizations.json', { organization: { name: 'OAS Org', domain_names: ['oas.example'] } });
    expectConforms('/api/v2/organizations', 'post', 201, c);
    const u = await api(sb, 'PUT', `/organizations/${c.body.organization.id}.json`, { organization: { notes: 'n' } });
    expectConforms('/api/v2/organizations/{organization_id}', 'put', 200, u);
    expect((await api(sb, 'DELETE', `/organizations/${c.body.organization.id}.json`)).status).toBe(204);
    const cm = await api(sb, 'POST', '/organizations/create_many.json', { organizations: [{ name: 'OAS Many' }] });
    expectConforms('/api/v2/organizations/create_many', 'post', 200, cm);
  });
});

describe('search', () => {
  test('search, count, export', async () => {
    expectConforms('/api/v2/search', 'get', 200, await get(sb, `/search.json?query=${encodeURIComponent('status:open')}`));
    expectConforms('/api/v2/search', 'get', 200, await get(sb, `/search.json?query=a&sort_by=updated_at&sort_order=asc&per_page=50`));
    expectConforms('/api/v2/search/count', 'get', 200, await get(sb, `/search/count.json?query=${encodeURIComponent('type:ticket')}`));
    expectConforms('/api/v2/search/export', 'get', 200, await get(sb, `/search/export.json?query=${encodeURIComponent('status:open')}&filter[type]=ticket&page[size]=20`));
    expectConforms('/api/v2/search/export', 'get', 200, await get(sb, `/search/export.json?query=a&filter[type]=user`));
  });
});

describe('users: identities, lookups, upserts, merges and exports', () => {
  const endUsers = () => [...sb.state.users.map.values()].filter((u) => u.role === 'end-user' && u.active && u.email !== null);

  test('identities: list, create, show, update, make primary, verify, request verification, delete', async () => {
    const user = endUsers()[0];
    const path = `/users/${user.id}/identities`;
    expectConforms('/api/v2/users/{user_id}/identities', 'get', 200, await get(sb, `${path}.json`));
    expectConforms('/api/v2/users/{user_id}/identities', 'get', 200, await get(sb, `${path}.json?type[]=email&page[size]=1`));
    const created = await api(sb, 'POST', `${path}.json`, { identity: { type: 'email', value: 'oas.identity@example.org' } });
    expectConforms('/api/v2/users/{user_id}/identities', 'post', 201, created);
    const phone = await api(sb, 'POST', `${path}.json`, { identity: { type: 'phone_number', value: '+1 555 0110', verified: true } });
    expectConforms('/api/v2/users/{user_id}/identities', 'post', 201, phone);
    const one = `${path}/${created.body.identity.id}`;
    const single = '/api/v2/users/{user_id}/identities/{user_identity_id}';
    expectConforms(single, 'get', 200, await get(sb, `${one}.json`));
    expectConforms(single, 'put', 200, await api(sb, 'PUT', `${one}.json`, { identity: { value: 'oas.changed@example.org', verified: true } }));
    expectConforms(`${single}/make_primary`, 'put', 200, await api(sb, 'PUT', `${one}/make_primary.json`));
    expectConforms(`${single}/verify`, 'put', 200, await api(sb, 'PUT', `${one}/verify.json`));
    expectConforms(`${single}/request_verification`, 'put', 200, await api(sb, 'PUT', `${one}/request_verification.json`));
    const removed = await api(sb, 'DELETE', `${path}/${phone.body.identity.id}.json`);
    expect({ status: removed.status, text: removed.text }).toEqual({ status: 204, text: '' });
  });

  test('show_many, autocomplete, count, related', async () => {
    const [a, b] = endUsers();
    expectConforms('/api/v2/users/show_many', 'get', 200, await get(sb, `/users/show_many.json?ids=${a.id},${b.id},1`));
    const external = [...sb.state.users.map.values()].find((u) => u.external_id !== null)!;
    expectConforms('/api/v2/users/show_many', 'get', 200, await get(sb, `/users/show_many.json?external_ids=${encodeURIComponent(external.external_id!)}`));
    expectConforms('/api/v2/users/autocomplete', 'get', 200, await get(sb, `/users/autocomplete.json?name=${encodeURIComponent(a.name.slice(0, 3))}`));
    expectConforms('/api/v2/users/autocomplete', 'get', 400, await get(sb, '/users/autocomplete.json'));
    expectConforms('/api/v2/users/count', 'get', 200, await get(sb, '/users/count.json?role=end-user'));
    expectConforms('/api/v2/users/{user_id}/related', 'get', 200, await get(sb, `/users/${a.id}/related.json`));
  });

  test('create_or_update (201, then 200), create_or_update_many, destroy_many, merge, and their job statuses', async () => {
    const user = { name: 'OAS Upsert', email: 'oas.upsert@example.org', external_id: 'oas-upsert' };
    expectConforms('/api/v2/users/create_or_update', 'post', 201, await api(sb, 'POST', '/users/create_or_update.json', { user }));
    expectConforms('/api/v2/users/create_or_update', 'post', 200, await api(sb, 'POST', '/users/create_or_update.json', { user: { ...user, notes: 'again' } }));
    const many = await api(sb, 'POST', '/users/create_or_update_many.json', { users: [{ ...user, notes: 'many' }, { name: 'OAS New', email: 'oas.new@example.org' }] });
    expectConforms('/api/v2/users/create_or_update_many', 'post', 200, many);
    const [x, y, z, target] = endUsers().slice(2, 6);
    const byIds = await api(sb, 'DELETE', `/users/destroy_many.json?ids=${x.id},${y.id}`);
    expectConforms('/api/v2/users/destroy_many', 'delete', 200, byIds);
    const byExternal = await api(sb, 'DELETE', '/users/destroy_many.json?external_ids=oas-upsert');
    expectConforms('/api/v2/users/destroy_many', 'delete', 200, byExternal);
    for (const r of [many, byIds, byExternal]) {
      await waitForJob(sb, r.body.job_status.id);
      expectConforms('/api/v2/job_statuses/{job_status_id}', 'get', 200, await get(sb, `/job_statuses/${r.body.job_status.id}.json`));
    }
    expectConforms('/api/v2/users/{user_id}/merge', 'put', 200, await api(sb, 'PUT', `/users/${z.id}/merge.json`, { user: { id: target.id } }));
  });

  test('incremental user exports, cursor based and time based', async () => {
    const start = Math.floor(Date.now() / 1000) - 3600 * 24 * 400;
    const first = await get(sb, `/incremental/users/cursor.json?start_time=${start}&per_page=20`);
    expectConforms('/api/v2/incremental/users/cursor', 'get', 200, first);
    expect(first.body.end_of_stream).toBe(false);
    expectConforms('/api/v2/incremental/users/cursor', 'get', 200, await get(sb, `/incremental/users/cursor.json?cursor=${first.body.after_cursor}`));
    expectConforms('/api/v2/incremental/users', 'get', 200, await get(sb, `/incremental/users.json?start_time=${start}`));
  });
});

describe('the check itself', () => {
  test('rejects bodies that do not match', () => {
    const v = validatorFor('/api/v2/tickets/{ticket_id}', 'get', 200);
    expect(v({ ticket: { id: 'seven', status: 'sleeping' } })).toBe(false);
    const j = validatorFor('/api/v2/job_statuses/{job_status_id}', 'get', 200);
    expect(j({ job_status: { id: 'x', results: [{ id: 1, index: 0, success: false, error: 'E', details: 'd', action: 'update' }] } })).toBe(false);
  });
});

describe('account security (sessions, passwords, GDPR, skips, deleted users, Talk display)', () => {
  const staff = () => [...sb.state.users.map.values()].filter((u) => u.active && u.role !== 'end-user');
  const endUsers = () => [...sb.state.users.map.values()].filter((u) => u.active && u.role === 'end-user' && u.email);

  test('sessions: list (cursor and offset), show, delete one, delete all, logout_many', async () => {
    const agent = staff()[1];
    const cursor = await get(sb, `/users/${agent.id}/sessions.json?page[size]=1`);
    expectConforms('/api/v2/users/{user_id}/sessions', 'get', 200, cursor);
    expect(cursor.body).toMatchObject({ sessions: [{ user_id: agent.id }], meta: { has_more: true } });
    expectConforms('/api/v2/users/{user_id}/sessions', 'get', 200, await get(sb, `/users/${agent.id}/sessions.json`));
    const session = [...sb.state.sessions.map.values()].find((s) => s.user_id === agent.id)!;
    expectConforms('/api/v2/users/{user_id}/sessions/{session_id}', 'get', 200, await get(sb, `/users/${agent.id}/sessions/${session.id}.json`));
    const one = await api(sb, 'DELETE', `/users/${agent.id}/sessions/${session.id}.json`);
    expect({ status: one.status, text: one.text }).toEqual({ status: 204, text: '' });
    const all = await api(sb, 'DELETE', `/users/${agent.id}/sessions.json`);
    expect({ status: all.status, text: all.text }).toEqual({ status: 204, text: '' });
    expectConforms('/api/v2/users/logout_many', 'post', 202, await api(sb, 'POST', `/users/logout_many.json?ids=${staff()[2].id},${staff()[3].id}`));
  });

  test('password: set (once the account allows it), requirements', async () => {
    const user = endUsers()[0];
    sb.state.allowAdminSetPassword = true;
    try {
      expectConforms('/api/v2/users/{user_id}/password', 'post', 200, await api(sb, 'POST', `/users/${user.id}/password.json`, { password: 'a long new password' }));
    } finally {
      sb.state.allowAdminSetPassword = false;
    }
    expectConforms('/api/v2/users/{user_id}/password/requirements', 'get', 200, await get(sb, `/users/${user.id}/password/requirements.json`));
  });

  test('ticket skips (cursor and offset, both orders), request_create, Talk display (200 and 404)', async () => {
    const skipper = [...sb.state.ticketSkips.map.values()][0];
    const skips = await get(sb, `/users/${skipper.user_id}/skips.json?page[size]=2&sort_order=desc`);
    expectConforms('/api/v2/users/{user_id}/skips', 'get', 200, skips);
    expect(skips.body.skips[0]).toMatchObject({ user_id: skipper.user_id, ticket: { id: expect.any(Number) } });
    expectConforms('/api/v2/users/{user_id}/skips', 'get', 200, await get(sb, `/users/${skipper.user_id}/skips.json`));
    expectConforms('/api/v2/users/request_create', 'post', 200, await api(sb, 'POST', '/users/request_create.json', { user: { name: 'Roger Wilco', email: 'roge@example.org' } }));
    const path = '/api/v2/channels/voice/agents/{agent_id}/users/{user_id}/display';
    expectConforms(path, 'post', 200, await api(sb, 'POST', `/channels/voice/agents/${staff()[1].id}/users/${endUsers()[1].id}/display.json`));
    expectConforms(path, 'post', 404, await api(sb, 'POST', `/channels/voice/agents/${endUsers()[1].id}/users/${endUsers()[2].id}/display.json`));
  });

  test('deleted users: show, permanent deletion, then the compliance deletion statuses', async () => {
    const user = endUsers()[3];
    expect((await api(sb, 'DELETE', `/users/${user.id}.json`)).status).toBe(200);
    expectConforms('/api/v2/deleted_users/{deleted_user_id}', 'get', 200, await get(sb, `/deleted_users/${user.id}.json`));
    expectConforms('/api/v2/deleted_users/{deleted_user_id}', 'delete', 200, await api(sb, 'DELETE', `/deleted_users/${user.id}.json`));
    const statuses = await get(sb, `/users/${user.id}/compliance_deletion_statuses.json`);
    expectConforms('/api/v2/users/{user_id}/compliance_deletion_statuses', 'get', 200, statuses);
    expect(statuses.body.compliance_deletion_statuses.length).toBeGreaterThan(0);
    expectConforms('/api/v2/users/{user_id}/compliance_deletion_statuses', 'get', 200, await get(sb, `/users/${user.id}/compliance_deletion_statuses.json?application=support&page[size]=1`));
  });
});
