/** User operations against the sandbox over HTTP: reads, paging to the end, writes and jobs. */
import {
  distinct,
  endUser,
  err,
  expectEveryOperationOf,
  ok,
  organizations,
  run,
  sandbox,
  useIntegrationSandbox,
  users,
  walkCursor,
  walkOffset,
} from './harness';
useIntegrationSandbox();

describe('reads', () => {
  it('zendesk_get_current_user: the sandbox admin who owns the credentials', async () => {
    const output = ok(await run('zendesk_get_current_user'));
    expect(output.user_id).toBe(sandbox.state.ownerId);
    expect(output.user).toMatchObject({ id: sandbox.state.ownerId, email: sandbox.credentials.email, role: 'admin', active: true });
  });

  it('zendesk_get_user: one user as the state holds it', async () => {
    const user = endUser();
    const output = ok(await run('zendesk_get_user', { userId: String(user.id) }));
    expect(output.user_id).toBe(user.id);
    expect(output.user).toMatchObject({ id: user.id, name: user.name, email: user.email, role: user.role });
  });
});

describe('paging to the end', () => {
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

expectEveryOperationOf('users');
