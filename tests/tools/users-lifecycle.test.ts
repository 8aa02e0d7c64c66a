/**
 * The users operations of onboarding, offboarding and sync (issue 15): the exact requests (nock), the
 * outputs against their schemas, and bad input refused before any request.
 */
import { toolAnnotations } from '../../agents/llm-tools';
import { executeTool, iteratePages } from '../../catalog';
import { exportStartTime } from '../../tools/users/export-users-incremental';
import { credentials, expectMissingRequired, expectRefused, expectValidOutput, NO_RETRY, paramsFor, useNock, zendesk } from '../helpers';

const user = (id: number, extra: Record<string, unknown> = {}) => ({ id, name: `User ${id}`, email: `user${id}@example.com`, role: 'end-user', active: true, ...extra });
const job = (id: string, status = 'queued', results: unknown = null) => ({
  job_status: { id, url: `https://acme.zendesk.com/api/v2/job_statuses/${id}.json`, status, total: null, progress: null, results },
});

useNock();

describe('zendesk_get_users_by_ids', () => {
  it('asks show_many for the ids and answers in the order given, listing the ids Zendesk did not return', async () => {
    zendesk().get('/api/v2/users/show_many').query({ ids: '30,10,20' }).reply(200, { users: [user(10), user(30)] });
    const result = await executeTool('zendesk_get_users_by_ids', { ...credentials, userIds: '30, 10, 20' });
    expect(result).toMatchObject({ success: true, output: { missing_ids: [20] } });
    if (!result.success) return;
    expect(result.output.users.map((u: { id: number | null }) => u.id)).toEqual([30, 10]);
    expectValidOutput('zendesk_get_users_by_ids', result.output);
  });

  it('splits 250 ids into requests of 100, 100 and 50 and merges them in the caller order', async () => {
    const ids = Array.from({ length: 250 }, (_, i) => 5000 - i);
    const chunks = [ids.slice(0, 100), ids.slice(100, 200), ids.slice(200)];
    // Zendesk answers by id, ascending, and without the ids it does not know (every tenth).
    for (const chunk of chunks) {
      zendesk()
        .get('/api/v2/users/show_many')
        .query({ ids: chunk.join(',') })
        .reply(200, { users: chunk.filter((id) => id % 10 !== 0).sort((a, b) => a - b).map((id) => user(id)) });
    }
    const result = await executeTool('zendesk_get_users_by_ids', { ...credentials, userIds: ids });
    expect(result.success).toBe(true);
    if (!result.success) return;
    expect(result.output.users.map((u: { id: number | null }) => u.id)).toEqual(ids.filter((id) => id % 10 !== 0));
    expect(result.output.missing_ids).toEqual(ids.filter((id) => id % 10 === 0));
    expectValidOutput('zendesk_get_users_by_ids', result.output);
  });

  it('looks external ids up regardless of case, and keeps nothing Zendesk was not asked for', async () => {
    zendesk()
      .get('/api/v2/users/show_many')
      .query({ external_ids: 'CRM-1,crm-2' })
      .reply(200, { users: [user(2, { external_id: 'crm-2' }), user(1, { external_id: 'crm-1' }), user(99, { external_id: 'other' })] });
    const result = await executeTool('zendesk_get_users_by_ids', { ...credentials, externalIds: 'CRM-1, crm-2' });
    expect(result).toMatchObject({ success: true, output: { users: [{ id: 1 }, { id: 2 }], missing_ids: [] } });
    if (result.success) expectValidOutput('zendesk_get_users_by_ids', result.output);
  });

  it('fails the whole call when one of its requests fails', async () => {
    const ids = Array.from({ length: 101 }, (_, i) => i + 1);
    zendesk().get('/api/v2/users/show_many').query({ ids: ids.slice(0, 100).join(',') }).reply(200, { users: [user(1)] });
    zendesk().get('/api/v2/users/show_many').query({ ids: '101' }).reply(403, { error: 'Forbidden', description: 'Agents only' });
    const result = await executeTool('zendesk_get_users_by_ids', { ...credentials, userIds: ids }, NO_RETRY);
    expect(result).toMatchObject({ success: false, error: { code: 'forbidden', status: 403 } });
  });

  it.each([
    [{}, 'userIds', 'Give userIds or externalIds'],
    [{ userIds: '1', externalIds: 'a' }, 'externalIds', 'not userIds and externalIds together'],
    [{ userIds: '1, x' }, 'userIds', 'numeric id'],
    [{ externalIds: ['a,b'] }, 'externalIds', 'item 1 contains a comma'],
  ])('refuses %j, sending nothing', async (params, param, text) => {
    await expectRefused('zendesk_get_users_by_ids', { ...credentials, ...params }, param, text);
  });
});

describe('zendesk_create_or_update_user', () => {
  it('posts the user with its external id and skip_verify_email, and says created from a 201', async () => {
    zendesk()
      .post('/api/v2/users/create_or_update', { user: { name: 'Jane Doe', email: 'jane@example.com', tags: ['vip'], external_id: 'crm-4711', skip_verify_email: true } })
      .reply(201, { user: user(900, { name: 'Jane Doe' }) });
    const result = await executeTool('zendesk_create_or_update_user', {
      ...credentials,
      name: 'Jane Doe',
      userEmail: 'jane@example.com',
      tags: 'vip',
      externalId: 'crm-4711',
      skipVerifyEmail: 'true',
    });
    expect(result).toMatchObject({ success: true, output: { user_id: 900, created: true } });
    if (result.success) expectValidOutput('zendesk_create_or_update_user', result.output);
  });

  it('says created: false when Zendesk answers 200 (an existing user was updated)', async () => {
    zendesk().post('/api/v2/users/create_or_update', { user: { email: 'jane@example.com', phone: '+1 555 0100' } }).reply(200, { user: user(900) });
    const result = await executeTool('zendesk_create_or_update_user', { ...credentials, userEmail: 'jane@example.com', phone: '+1 555 0100' });
    expect(result).toMatchObject({ success: true, output: { user_id: 900, created: false } });
    if (result.success) expectValidOutput('zendesk_create_or_update_user', result.output);
  });

  it('needs an email or an external id to find the user by', async () => {
    await expectRefused('zendesk_create_or_update_user', { ...credentials, name: 'Jane' }, 'userEmail', 'Give userEmail or externalId');
  });
});

describe('zendesk_create_or_update_users_bulk', () => {
  it('posts the users to create_or_update_many and answers the job', async () => {
    const users = [{ email: 'a@example.com', name: 'A' }, { external_id: 'crm-2', role: 'agent' }];
    zendesk().post('/api/v2/users/create_or_update_many', { users }).reply(200, job('b0b'));
    const result = await executeTool('zendesk_create_or_update_users_bulk', { ...credentials, users: JSON.stringify(users) });
    expect(result).toMatchObject({ success: true, output: { job_id: 'b0b', job_status: { status: 'queued' } } });
    if (result.success) expectValidOutput('zendesk_create_or_update_users_bulk', result.output);
  });

  it('splits 250 users into jobs of 100, 100 and 50, with every result at its input position', async () => {
    const users = Array.from({ length: 250 }, (_, i) => ({ email: `u${i}@example.com` }));
    for (const [offset, size] of [[0, 100], [100, 100], [200, 50]]) {
      zendesk()
        .post('/api/v2/users/create_or_update_many', (body) => body.users.length === size && body.users[0].email === `u${offset}@example.com`)
        .reply(200, job(`j${offset}`, 'completed', Array.from({ length: size }, (_, i) => ({ id: 7000 + offset + i, index: i, status: i % 2 ? 'Updated' : 'Created' }))));
    }
    const result = await executeTool('zendesk_create_or_update_users_bulk', { ...credentials, users });
    expect(result).toMatchObject({ success: true, output: { job_id: 'j0,j100,j200', job_status: { status: 'completed', total: 250 } } });
    if (!result.success) return;
    expect(result.output.job_status.results?.map((r: { index: number | null }) => r.index)).toEqual(users.map((_, i) => i));
    expect(result.output.job_status.results?.[249]).toMatchObject({ id: 7249, status: 'Updated' });
    expectValidOutput('zendesk_create_or_update_users_bulk', result.output);
  });

  it.each([
    ['[{"name": "A"}]', 'item 1 needs an "email" or an "external_id"'],
    ['[{"email": "a@example.com"}, {"email": "  ", "name": "B"}]', 'item 2 needs an "email" or an "external_id"'],
    ['[{"email": "a@example.com"}, 5]', 'item 2 must be an object'],
  ])('refuses %s, naming the item', async (users, text) => {
    await expectRefused('zendesk_create_or_update_users_bulk', { ...credentials, users }, 'users', text);
  });
});

describe('zendesk_delete_users_bulk', () => {
  it('deletes by ids with destroy_many and answers the job', async () => {
    zendesk().delete('/api/v2/users/destroy_many').query({ ids: '11,12' }).reply(200, job('dead'));
    const result = await executeTool('zendesk_delete_users_bulk', { ...credentials, userIds: '11, 12' });
    expect(result).toMatchObject({ success: true, output: { job_id: 'dead' } });
    if (result.success) expectValidOutput('zendesk_delete_users_bulk', result.output);
  });

  it('splits 150 external ids into two jobs and reports each by its external id, the unknown one as failed', async () => {
    const externalIds = Array.from({ length: 150 }, (_, i) => `crm-${i}`);
    const deleted = (ids: string[]) => ids.map((externalId, i) => ({ id: 9000 + i, external_id: externalId, action: 'delete', status: 'Deleted', success: true }));
    zendesk().delete('/api/v2/users/destroy_many').query({ external_ids: externalIds.slice(0, 100).join(',') }).reply(200, job('k1', 'completed', deleted(externalIds.slice(0, 100))));
    zendesk()
      .delete('/api/v2/users/destroy_many')
      .query({ external_ids: externalIds.slice(100).join(',') })
      .reply(200, job('k2', 'completed', [...deleted(externalIds.slice(100, 149)), { external_id: 'crm-149', action: 'delete', success: false, error: 'RecordNotFound', details: 'No user has the external id crm-149' }]));
    const result = await executeTool('zendesk_delete_users_bulk', { ...credentials, externalIds }, { waitForJob: true });
    expect(result).toMatchObject({ success: false, error: { code: 'job_failed' } });
    expect(!result.success && result.error.message).toContain('item 149');
    const results = (result as { output?: Record<string, any> }).output!.job_status.results as { index: number; external_id: string; success: boolean }[];
    expect(results.map((r) => r.index)).toEqual(externalIds.map((_, i) => i));
    expect(results.map((r) => r.external_id)).toEqual(externalIds);
    expect(results[149]).toMatchObject({ success: false, error: 'RecordNotFound' });
  });

  it.each([
    [{}, 'userIds', 'Give userIds or externalIds'],
    [{ userIds: '1', externalIds: 'crm-1' }, 'externalIds', 'not userIds and externalIds together'],
    [{ userIds: 'abc' }, 'userIds', 'numeric id'],
  ])('refuses %j, sending nothing', async (params, param, text) => {
    await expectRefused('zendesk_delete_users_bulk', { ...credentials, ...params }, param, text);
  });
});

describe('zendesk_autocomplete_users', () => {
  it('asks for names starting with the trimmed text', async () => {
    zendesk().get('/api/v2/users/autocomplete').query({ name: 'jan' }).reply(200, { users: [user(1, { name: 'Jane Doe' })] });
    const result = await executeTool('zendesk_autocomplete_users', { ...credentials, name: ' jan ' });
    expect(result).toMatchObject({ success: true, output: { users: [{ id: 1, name: 'Jane Doe' }] } });
    if (result.success) expectValidOutput('zendesk_autocomplete_users', result.output);
  });

  it('needs at least 2 characters', async () => {
    await expectRefused('zendesk_autocomplete_users', { ...credentials, name: ' j ' }, 'name', 'at least 2 characters');
  });
});

describe('zendesk_count_users', () => {
  it('counts users of a role and permission set, answering the number and when it was counted', async () => {
    zendesk().get('/api/v2/users/count').query({ role: 'agent', permission_set: '360000123' }).reply(200, { count: { value: 42, refreshed_at: '2024-05-01T10:00:00Z' } });
    const result = await executeTool('zendesk_count_users', { ...credentials, role: 'agent', permissionSet: '360000123' });
    expect(result).toEqual({ success: true, output: { count: 42, refreshed_at: '2024-05-01T10:00:00Z' } });
    if (result.success) expectValidOutput('zendesk_count_users', result.output);
  });

  it('passes a null refreshed_at through (a large count being refreshed)', async () => {
    zendesk().get('/api/v2/users/count').reply(200, { count: { value: 100000, refreshed_at: null } });
    const result = await executeTool('zendesk_count_users', credentials);
    expect(result).toEqual({ success: true, output: { count: 100000, refreshed_at: null } });
  });

  it('refuses an answer without a count', async () => {
    zendesk().get('/api/v2/users/count').reply(200, { users: [] });
    const result = await executeTool('zendesk_count_users', credentials, NO_RETRY);
    expect(result).toMatchObject({ success: false, error: { code: 'unexpected_response' } });
  });
});

describe('zendesk_get_user_related', () => {
  it('reads the counts of what the user is linked to', async () => {
    const related = { assigned_tickets: 5, requested_tickets: 10, ccd_tickets: 3, organization_subscriptions: 1 };
    zendesk().get('/api/v2/users/12/related').reply(200, { user_related: related });
    const result = await executeTool('zendesk_get_user_related', { ...credentials, userId: '12' });
    expect(result).toEqual({ success: true, output: { user_related: related, user_id: 12 } });
    if (result.success) expectValidOutput('zendesk_get_user_related', result.output);
  });
});

describe('zendesk_merge_users', () => {
  it('puts the target under user.id to the source merge path, and answers the target', async () => {
    zendesk().put('/api/v2/users/12/merge', { user: { id: 13 } }).reply(200, { user: user(13) });
    const result = await executeTool('zendesk_merge_users', { ...credentials, userId: '12', targetUserId: '13' });
    expect(result).toMatchObject({ success: true, output: { user_id: 13, merged_user_id: '12', user: { id: 13 } } });
    if (result.success) expectValidOutput('zendesk_merge_users', result.output);
  });

  it("reports Zendesk's refusal to merge an agent with its reason", async () => {
    const base = [{ description: 'The user to merge (12) is an agent: agents, admins, and users with more than 10,000 requested tickets cannot be merged', error: 'InvalidValue' }];
    zendesk().put('/api/v2/users/12/merge').reply(422, { error: 'RecordInvalid', description: 'Record validation errors', details: { base } });
    const result = await executeTool('zendesk_merge_users', { ...credentials, userId: '12', targetUserId: '13' }, NO_RETRY);
    expect(result).toMatchObject({ success: false, error: { code: 'validation_failed', status: 422 } });
    expect(!result.success && result.error.message).toContain('is an agent');
  });

  it('is not replayed after a 500: the merge may have been applied', async () => {
    zendesk().put('/api/v2/users/12/merge').reply(500, { error: 'InternalError' });
    const result = await executeTool('zendesk_merge_users', { ...credentials, userId: '12', targetUserId: '13' });
    expect(result).toMatchObject({ success: false, error: { status: 500 } });
    expect(!result.success && result.error.message).toContain('Not retried');
  });

  it('refuses merging a user into itself', async () => {
    await expectRefused('zendesk_merge_users', { ...credentials, userId: '12', targetUserId: ' 12 ' }, 'targetUserId', 'cannot be merged into itself');
  });
});

describe('zendesk_suspend_user', () => {
  it('suspends by default', async () => {
    zendesk().put('/api/v2/users/12', { user: { suspended: true } }).reply(200, { user: user(12, { suspended: true }) });
    const result = await executeTool('zendesk_suspend_user', { ...credentials, userId: '12' });
    expect(result).toMatchObject({ success: true, output: { user_id: 12, suspended: true } });
    if (result.success) expectValidOutput('zendesk_suspend_user', result.output);
  });

  it('lifts the suspension with suspended "false"', async () => {
    zendesk().put('/api/v2/users/12', { user: { suspended: false } }).reply(200, { user: user(12, { suspended: false }) });
    const result = await executeTool('zendesk_suspend_user', { ...credentials, userId: '12', suspended: 'false' });
    expect(result).toMatchObject({ success: true, output: { suspended: false } });
  });
});

describe('zendesk_export_users_incremental', () => {
  const page = (ids: number[], cursor: string, end: boolean) => ({
    users: ids.map((id) => user(id)),
    after_cursor: cursor,
    after_url: `https://acme.zendesk.com/api/v2/incremental/users/cursor?cursor=${cursor}`,
    before_cursor: null,
    before_url: null,
    end_of_stream: end,
  });

  it('starts from an ISO date as Unix seconds, 1000 per page', async () => {
    zendesk().get('/api/v2/incremental/users/cursor').query({ start_time: '1714521600', per_page: '1000' }).reply(200, page([1, 2], 'c1', false));
    const result = await executeTool('zendesk_export_users_incremental', { ...credentials, startTime: '2024-05-01' });
    expect(result).toMatchObject({ success: true, output: { after_cursor: 'c1', end_of_stream: false, users: [{ id: 1 }, { id: 2 }] } });
    if (result.success) expectValidOutput('zendesk_export_users_incremental', result.output);
  });

  it('continues from a cursor', async () => {
    zendesk().get('/api/v2/incremental/users/cursor').query({ cursor: 'c1', per_page: '50' }).reply(200, page([3], 'c2', true));
    const result = await executeTool('zendesk_export_users_incremental', { ...credentials, cursor: 'c1', pageSize: '50' });
    expect(result).toMatchObject({ success: true, output: { after_cursor: 'c2', end_of_stream: true } });
  });

  it('with all, follows the cursor to end_of_stream and keeps the last cursor to continue from later', async () => {
    zendesk().get('/api/v2/incremental/users/cursor').query({ start_time: '1714521600', per_page: '1000' }).reply(200, page([1, 2], 'c1', false));
    zendesk().get('/api/v2/incremental/users/cursor').query({ cursor: 'c1', per_page: '1000' }).reply(200, page([3, 4], 'c2', false));
    zendesk().get('/api/v2/incremental/users/cursor').query({ cursor: 'c2', per_page: '1000' }).reply(200, page([5], 'c3', true));
    const result = await executeTool('zendesk_export_users_incremental', { ...credentials, startTime: '1714521600' }, { all: true });
    expect(result).toMatchObject({ success: true, output: { after_cursor: 'c3', end_of_stream: true } });
    if (!result.success) return;
    expect(result.output.users.map((u: { id: number | null }) => u.id)).toEqual([1, 2, 3, 4, 5]);
    expect(result.warnings).toBeUndefined();
    expectValidOutput('zendesk_export_users_incremental', result.output);
  });

  it('with all and maxItems, stops exactly there: the last cursor resumes after the last user given', async () => {
    zendesk().get('/api/v2/incremental/users/cursor').query({ start_time: '1714521600', per_page: '3' }).reply(200, page([1, 2, 3], 'c3', false));
    const result = await executeTool('zendesk_export_users_incremental', { ...credentials, startTime: '1714521600' }, { all: true, maxItems: 3 });
    expect(result).toMatchObject({ success: true, output: { after_cursor: 'c3', end_of_stream: false } });
    expect(result.success && result.warnings?.[0]).toContain("continue from the last page's cursor");
  });

  it('streams pages through iteratePages, and reports a page that says more follow without a cursor', async () => {
    zendesk().get('/api/v2/incremental/users/cursor').query({ cursor: 'c0', per_page: '1000' }).reply(200, page([1], 'c1', false));
    zendesk().get('/api/v2/incremental/users/cursor').query({ cursor: 'c1', per_page: '1000' }).reply(200, { ...page([2], 'x', false), after_cursor: null });
    const seen: number[] = [];
    const iterate = async () => {
      for await (const p of iteratePages('zendesk_export_users_incremental', { ...credentials, cursor: 'c0' })) seen.push(...p.users.map((u) => u.id!));
    };
    await expect(iterate()).rejects.toMatchObject({ error: { code: 'unexpected_response', message: expect.stringContaining('gives no cursor') } });
    expect(seen).toEqual([1]);
  });

  it.each([
    [{}, 'startTime', 'Give startTime or cursor'],
    [{ startTime: '1714521600', cursor: 'c1' }, 'cursor', 'not startTime and cursor together'],
    [{ startTime: 'yesterday' }, 'startTime', 'Unix time in seconds'],
    [{ startTime: '1714521600000' }, 'startTime', 'looks like milliseconds'],
    [{ startTime: '2024-02-30' }, 'startTime', 'not a real date'],
    [{ startTime: '2999-01-01T00:00:00Z' }, 'startTime', 'at least a minute in the past'],
    [{ cursor: 'c1', pageSize: '1001' }, 'pageSize', 'between 1 and 1000'],
  ])('refuses %j, sending nothing', async (params, param, text) => {
    await expectRefused('zendesk_export_users_incremental', { ...credentials, ...params }, param, text);
  });

  it('reads start times in seconds and ISO dates, UTC unless a zone is named', () => {
    const now = Date.parse('2024-06-01T00:00:00Z');
    expect(exportStartTime('1714521600', now)).toBe(1714521600);
    expect(exportStartTime(' 2024-05-01 ', now)).toBe(1714521600);
    expect(exportStartTime('2024-05-01T09:30', now)).toBe(1714555800);
    expect(exportStartTime('2024-05-01T09:30:00+02:00', now)).toBe(1714548600);
    expect(exportStartTime('2024-05-01 09:30:00+0200', now)).toBe(1714548600);
    expect(exportStartTime(String(now / 1000 - 61), now)).toBe(now / 1000 - 61);
    expect(exportStartTime(String(now / 1000 - 30), now)).toMatchObject({ param: 'startTime' });
  });
});

describe('hints for models, MCP and read-only mode', () => {
  it.each([
    ['zendesk_get_users_by_ids', true, false],
    ['zendesk_autocomplete_users', true, false],
    ['zendesk_count_users', true, false],
    ['zendesk_get_user_related', true, false],
    ['zendesk_export_users_incremental', true, false],
    ['zendesk_get_user_identities', true, false],
    ['zendesk_get_user_identity', true, false],
    ['zendesk_create_or_update_user', false, false],
    ['zendesk_create_or_update_users_bulk', false, false],
    ['zendesk_suspend_user', false, false],
    ['zendesk_create_user_identity', false, false],
    ['zendesk_update_user_identity', false, false],
    ['zendesk_make_user_identity_primary', false, false],
    ['zendesk_verify_user_identity', false, false],
    ['zendesk_request_user_verification', false, false],
    ['zendesk_merge_users', false, true],
    ['zendesk_delete_users_bulk', false, true],
    ['zendesk_delete_user_identity', false, true],
  ] as const)('%s: read-only %s, destructive %s', async (id, readOnly, destructive) => {
    expect(toolAnnotations(id)).toMatchObject({ readOnlyHint: readOnly, destructiveHint: destructive });
    if (readOnly) return;
    // Read-only mode refuses it before any request.
    const params = { ...credentials, userId: '1', identityId: '2', targetUserId: '3', userIds: '1', userEmail: 'a@example.com', users: '[{"email": "a@example.com"}]', type: 'email', value: 'a@example.com', verified: 'true' };
    const result = await executeTool(id, paramsFor(id, params), { readOnly: true });
    expect(result).toMatchObject({ success: false, error: { code: 'forbidden' } });
  });
});

describe('required params', () => {
  const base = { ...credentials, userId: '1', targetUserId: '2', name: 'ja', users: '[{"email": "a@example.com"}]' };
  it.each([
    ['zendesk_merge_users', 'userId'],
    ['zendesk_merge_users', 'targetUserId'],
    ['zendesk_suspend_user', 'userId'],
    ['zendesk_get_user_related', 'userId'],
    ['zendesk_autocomplete_users', 'name'],
    ['zendesk_create_or_update_users_bulk', 'users'],
  ])('%s names the missing required %s', async (toolId, param) => {
    await expectMissingRequired(toolId, paramsFor(toolId, base), param);
  });
});
