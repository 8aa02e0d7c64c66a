/**
 * The users operations of onboarding, offboarding and sync against the sandbox over HTTP, and the
 * issue's scenario: 250 users upserted by email in one call, then exported incrementally.
 */
import { iteratePages } from '../../catalog';
import { auth, endUser, err, ok, run, sandbox, succeeded, tickets, useIntegrationSandbox, users } from './harness';

useIntegrationSandbox();

const active = () => users().filter((u) => u.active);
const idsOf = (items: { id: number }[]) => items.map((u) => u.id);
/** A start time the export takes: at least a minute ago. */
const twoMinutesAgo = () => String(Math.floor(Date.now() / 1000) - 120);

describe('reading users', () => {
  it('zendesk_get_users_by_ids: 150 ids in two requests, in the order given, the unknown and deleted ones listed as missing', async () => {
    const all = active();
    const deleted = all[5];
    ok(await run('zendesk_delete_user', { userId: String(deleted.id) }));
    const wanted = [...all.map((u) => u.id).reverse(), 360000999991];
    const padded = [...wanted, ...Array.from({ length: 150 - wanted.length }, (_, i) => 360000990000 + i)];
    const requestsBefore = sandbox.stats.requests['GET /users/show_many'] ?? 0;
    const output = ok(await run('zendesk_get_users_by_ids', { userIds: padded.join(',') }));
    expect(sandbox.stats.requests['GET /users/show_many'] - requestsBefore).toBe(2);
    const found = padded.filter((id) => sandbox.state.users.get(id)?.active);
    expect(idsOf(output.users)).toEqual(found);
    expect(output.missing_ids).toEqual(padded.filter((id) => !found.includes(id)));
    expect(output.missing_ids).toContain(deleted.id);
  });

  it('zendesk_get_users_by_ids: by external ids, regardless of case', async () => {
    const withExternal = active().filter((u) => u.external_id !== null).slice(0, 3);
    expect(withExternal.length).toBeGreaterThan(0);
    const output = ok(await run('zendesk_get_users_by_ids', { externalIds: [...withExternal.map((u) => u.external_id!.toUpperCase()), 'nobody-has-this'].join(',') }));
    expect(idsOf(output.users)).toEqual(idsOf(withExternal));
    expect(output.missing_ids).toEqual(['nobody-has-this']);
  });

  it('zendesk_autocomplete_users: users whose name starts with the text', async () => {
    const user = endUser();
    const prefix = user.name.split(' ')[0].slice(0, 3);
    const output = ok(await run('zendesk_autocomplete_users', { name: prefix.toLowerCase() }));
    expect(idsOf(output.users)).toContain(user.id);
    for (const u of output.users) expect(u.name.toLowerCase().split(' ').some((word: string) => word.startsWith(prefix.toLowerCase()))).toBe(true);
  });

  it('zendesk_count_users: every active user, and those of a role', async () => {
    expect(ok(await run('zendesk_count_users')).count).toBe(active().length);
    const agents = ok(await run('zendesk_count_users', { role: 'agent' }));
    expect(agents.count).toBe(active().filter((u) => u.role === 'agent').length);
    expect(typeof agents.refreshed_at).toBe('string');
  });

  it('zendesk_get_user_related: the tickets a user requested and is assigned', async () => {
    const requester = tickets()[0].requester_id;
    const output = ok(await run('zendesk_get_user_related', { userId: String(requester) }));
    expect(output.user_related).toMatchObject({
      requested_tickets: tickets().filter((t) => t.requester_id === requester).length,
      assigned_tickets: tickets().filter((t) => t.assignee_id === requester).length,
    });
  });
});

describe('onboarding and offboarding', () => {
  it('zendesk_create_or_update_user: created, then the same email updates it, then the external id in another case finds it', async () => {
    const first = ok(await run('zendesk_create_or_update_user', { name: 'Ana Lima', userEmail: 'ana.lima@customer.example', externalId: 'CRM-900' }));
    expect(first).toMatchObject({ created: true, user: { name: 'Ana Lima', email: 'ana.lima@customer.example', external_id: 'CRM-900' } });
    const second = ok(await run('zendesk_create_or_update_user', { userEmail: 'ana.lima@customer.example', phone: '+55 11 5555 0100' }));
    expect(second).toMatchObject({ created: false, user_id: first.user_id, user: { phone: '+55 11 5555 0100', name: 'Ana Lima' } });
    const third = ok(await run('zendesk_create_or_update_user', { externalId: 'crm-900', tags: 'vip' }));
    expect(third).toMatchObject({ created: false, user_id: first.user_id });
    expect(sandbox.state.users.get(first.user_id)).toMatchObject({ external_id: 'crm-900', tags: ['vip'], phone: '+55 11 5555 0100' });
  });

  it('zendesk_suspend_user: suspended on the user and in search, and lifted again', async () => {
    const user = endUser();
    expect(ok(await run('zendesk_suspend_user', { userId: String(user.id) }))).toMatchObject({ suspended: true, user: { suspended: true } });
    expect(sandbox.state.users.get(user.id)!.suspended).toBe(true);
    const found = ok(await run('zendesk_search_users', { query: `email:${user.email}` }));
    expect(found.users).toEqual([expect.objectContaining({ id: user.id, suspended: true })]);
    expect(idsOf(ok(await run('zendesk_search_users', { query: 'is_suspended:true' })).users)).toEqual([user.id]);
    expect(ok(await run('zendesk_suspend_user', { userId: String(user.id), suspended: 'false' }))).toMatchObject({ suspended: false });
    expect(ok(await run('zendesk_search_users', { query: 'is_suspended:true' })).users).toEqual([]);
  });

  it('zendesk_merge_users: the requested tickets and the addresses move to the target, and the source is deleted', async () => {
    const [source, target] = active().filter((u) => u.role === 'end-user' && u.email && tickets().some((t) => t.requester_id === u.id)).slice(-2);
    ok(await run('zendesk_update_user', { userId: String(source.id), userEmail: 'source.second@customer.example' }));
    const requested = tickets().filter((t) => t.requester_id === source.id).map((t) => t.id);
    const sourceEmail = source.email!;
    const output = ok(await run('zendesk_merge_users', { userId: String(source.id), targetUserId: String(target.id) }));
    expect(output).toMatchObject({ user_id: target.id, merged_user_id: String(source.id) });
    for (const id of requested) expect(sandbox.state.ticket(id)!.requester_id).toBe(target.id);
    expect(sandbox.state.users.get(source.id)).toMatchObject({ active: false, email: null });
    expect(sandbox.state.users.get(target.id)!.secondary_emails).toEqual(expect.arrayContaining([sourceEmail, 'source.second@customer.example']));
    const identities = ok(await run('zendesk_get_user_identities', { userId: String(target.id), type: 'email' }));
    expect(identities.identities.map((i: { value: string }) => i.value)).toEqual(expect.arrayContaining([sourceEmail, 'source.second@customer.example']));
    const byEmail = ok(await run('zendesk_search_users', { query: `email:${sourceEmail}` }));
    expect(idsOf(byEmail.users)).toEqual([target.id]);
  });

  it('zendesk_merge_users: an agent is refused as Zendesk does, and nothing changes', async () => {
    const agent = active().find((u) => u.role === 'agent')!;
    const target = endUser();
    const error = err(await run('zendesk_merge_users', { userId: String(agent.id), targetUserId: String(target.id) }));
    expect(error).toMatchObject({ code: 'validation_failed', status: 422 });
    expect(error.message).toContain('agents, admins, and users with more than 10,000 requested tickets cannot be merged');
    expect(sandbox.state.users.get(agent.id)!.active).toBe(true);
  });

  it('zendesk_delete_users_bulk: by ids and by external ids, each user reported, an unknown one as failed', async () => {
    const victims = active().filter((u) => u.role === 'end-user' && u.external_id === null).slice(0, 3);
    const byIds = ok(await run('zendesk_delete_users_bulk', { userIds: idsOf(victims).join(',') }, { waitForJob: true }));
    expect(byIds.job_status.results.map((r: { id: number; index: number; status: string }) => [r.index, r.id, r.status])).toEqual(victims.map((u, i) => [i, u.id, 'Deleted']));
    for (const u of victims) expect(sandbox.state.users.get(u.id)!.active).toBe(false);

    const withExternal = active().filter((u) => u.external_id !== null && u.role === 'end-user').slice(-2);
    const externalIds = [...withExternal.map((u) => u.external_id!), 'no-such-user'];
    const result = await run('zendesk_delete_users_bulk', { externalIds: externalIds.join(',') }, { waitForJob: true });
    expect(err(result)).toMatchObject({ code: 'job_failed' });
    const results = (result as { output?: Record<string, any> }).output!.job_status.results;
    expect(results.map((r: { index: number; external_id: string; success: boolean | null }) => [r.index, r.external_id, r.success !== false])).toEqual([
      [0, externalIds[0], true],
      [1, externalIds[1], true],
      [2, 'no-such-user', false],
    ]);
    for (const u of withExternal) expect(sandbox.state.users.get(u.id)!.active).toBe(false);
  });
});

describe('sync: 250 users upserted by email in one call, then exported incrementally', () => {
  const existingEmails = Array.from({ length: 125 }, (_, i) => `existing.${i}@sync.example`);
  const newEmails = Array.from({ length: 125 }, (_, i) => `new.${i}@sync.example`);
  let cursorBefore: string;
  let cursorAfter: string;
  let upserted: number[];

  it('the export so far, read to its end: the cursor to continue from', async () => {
    ok(await run('zendesk_create_users_bulk', { users: JSON.stringify(existingEmails.map((email, i) => ({ name: `Existing ${i}`, email }))) }));
    const output = ok(await run('zendesk_export_users_incremental', { startTime: twoMinutesAgo() }, { all: true }));
    expect(output.end_of_stream).toBe(true);
    expect(typeof output.after_cursor).toBe('string');
    cursorBefore = output.after_cursor;
  });

  it('zendesk_create_or_update_users_bulk: 250 users in one call, split into 3 jobs, half updated and half created', async () => {
    const input = [...existingEmails, ...newEmails].map((email, i) => ({ email, name: `Synced ${i}`, tags: ['synced'] }));
    const jobsBefore = sandbox.stats.requests['POST /users/create_or_update_many'] ?? 0;
    const output = ok(await run('zendesk_create_or_update_users_bulk', { users: JSON.stringify(input) }));
    expect(sandbox.stats.requests['POST /users/create_or_update_many'] - jobsBefore).toBe(3);
    const results = output.job_status.results as { id: number; index: number; status: string }[];
    expect(results.map((r) => r.index)).toEqual(input.map((_, i) => i));
    expect(results.slice(0, 125).every((r) => r.status === 'Updated')).toBe(true);
    expect(results.slice(125).every((r) => r.status === 'Created')).toBe(true);
    upserted = results.map((r) => r.id);
    expect(new Set(upserted).size).toBe(250);
    upserted.forEach((id, i) => expect(sandbox.state.users.get(id)).toMatchObject({ email: input[i].email, name: input[i].name, tags: ['synced'] }));
  });

  it('zendesk_export_users_incremental from before the upsert: every changed user exactly once, then end_of_stream', async () => {
    const output = ok(await run('zendesk_export_users_incremental', { cursor: cursorBefore, pageSize: '100' }, { all: true }));
    const exported = idsOf(output.users);
    expect(exported).toHaveLength(250);
    expect([...exported].sort()).toEqual([...upserted].sort());
    expect(output.end_of_stream).toBe(true);
    const stamps = output.users.map((u: { updated_at: string }) => u.updated_at);
    expect(stamps).toEqual([...stamps].sort());
    cursorAfter = output.after_cursor;
  });

  it('a later change comes after the last cursor, and only it', async () => {
    const changed = upserted[17];
    ok(await run('zendesk_update_user', { userId: String(changed), phone: '+1 555 0199' }));
    const pages: number[][] = [];
    for await (const page of iteratePages('zendesk_export_users_incremental', { ...auth, cursor: cursorAfter }, { baseUrl: sandbox.baseUrl })) pages.push(page.users.map((u) => u.id!));
    expect(pages).toEqual([[changed]]);
  });

  it('an ISO start time reads the same export', async () => {
    const iso = new Date(Date.now() - 120_000).toISOString();
    const output = ok(await run('zendesk_export_users_incremental', { startTime: iso }, { all: true }));
    expect(idsOf(output.users)).toEqual(expect.arrayContaining(upserted));
    expect(output.end_of_stream).toBe(true);
  });
});

it('exercised every users operation of issue 15 with a validated success', () => {
  const operations = [
    'get_users_by_ids', 'autocomplete_users', 'count_users', 'get_user_related', 'create_or_update_user',
    'create_or_update_users_bulk', 'suspend_user', 'merge_users', 'delete_users_bulk', 'export_users_incremental',
  ].map((name) => `zendesk_${name}`);
  expect(operations.filter((id) => !succeeded.has(id))).toEqual([]);
});
