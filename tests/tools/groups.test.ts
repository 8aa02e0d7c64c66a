/** The group operations: the exact requests (nock), their outputs checked against the schemas. */
import { executeTool } from '../../catalog';
import { credentials, expectMappedError, expectRefused, expectValidOutput, NO_RETRY, useNock, zendesk } from '../helpers';

const group = (id: number, extra: Record<string, unknown> = {}) => ({
  id,
  url: `https://acme.zendesk.com/api/v2/groups/${id}.json`,
  name: `Group ${id}`,
  description: '',
  default: false,
  deleted: false,
  is_public: true,
  created_at: '2024-01-01T00:00:00Z',
  updated_at: '2024-01-01T00:00:00Z',
  ...extra,
});
const membership = (id: number, userId: number, groupId = 7) => ({ id, user_id: userId, group_id: groupId, default: false });
const page = (memberships: unknown[], after?: string) => ({
  group_memberships: memberships,
  meta: { has_more: after !== undefined, after_cursor: after ?? null, before_cursor: null },
  links: { next: after ? `https://acme.zendesk.com/api/v2/groups/7/memberships?page[after]=${after}` : null },
});
const job = (id: string, status: string, results: unknown[] | null) => ({
  job_status: { id, url: `https://acme.zendesk.com/api/v2/job_statuses/${id}.json`, status, total: results?.length ?? null, progress: results?.length ?? null, results },
});
const created = (ids: number[]) => ids.map((id, index) => ({ id, index }));
const deleted = (ids: number[]) => ids.map((id) => ({ id, action: 'delete', status: 'Deleted', success: true }));
const FAST = { waitForJob: { pollIntervalMs: 1 } };

useNock();

describe('zendesk_get_groups', () => {
  it('lists one cursor page of /groups', async () => {
    zendesk()
      .get('/api/v2/groups')
      .query({ 'page[size]': '2' })
      .reply(200, { groups: [group(1), group(2, { deleted: true })], meta: { has_more: true, after_cursor: 'g2' }, links: { next: 'https://acme.zendesk.com/api/v2/groups?page[after]=g2' } });
    const result = await executeTool('zendesk_get_groups', { ...credentials, perPage: '2' });
    expect(result).toMatchObject({ success: true, output: { groups: [{ id: 1 }, { id: 2, deleted: true }], paging: { after_cursor: 'g2', has_more: true } } });
    if (result.success) expectValidOutput('zendesk_get_groups', result.output);
  });

  it('lists /groups/assignable with assignableOnly', async () => {
    zendesk().get('/api/v2/groups/assignable').query({ 'page[size]': '100', 'page[after]': 'c1' }).reply(200, { groups: [group(3)], meta: { has_more: false } });
    const result = await executeTool('zendesk_get_groups', { ...credentials, assignableOnly: 'true', pageAfter: 'c1' });
    expect(result).toMatchObject({ success: true, output: { groups: [{ id: 3 }], paging: { has_more: false } } });
  });
});

describe('zendesk_get_group, zendesk_count_groups, zendesk_get_group_users', () => {
  it('fetches one group', async () => {
    zendesk().get('/api/v2/groups/7').reply(200, { group: group(7, { name: 'Billing' }) });
    const result = await executeTool('zendesk_get_group', { ...credentials, groupId: '7' });
    expect(result).toMatchObject({ success: true, output: { group_id: 7, group: { name: 'Billing' } } });
    if (result.success) expectValidOutput('zendesk_get_group', result.output);
  });

  it('counts groups', async () => {
    zendesk().get('/api/v2/groups/count').reply(200, { count: { value: 12, refreshed_at: '2025-01-02T03:04:05Z' } });
    const result = await executeTool('zendesk_count_groups', credentials);
    expect(result).toEqual({ success: true, output: { count: 12, refreshed_at: '2025-01-02T03:04:05Z' } });
    if (result.success) expectValidOutput('zendesk_count_groups', result.output);
  });

  it('leaves refreshed_at out while Zendesk refreshes a large count (null)', async () => {
    zendesk().get('/api/v2/groups/count').reply(200, { count: { value: 100000, refreshed_at: null } });
    const result = await executeTool('zendesk_count_groups', credentials);
    expect(result).toEqual({ success: true, output: { count: 100000 } });
    if (result.success) expectValidOutput('zendesk_count_groups', result.output);
  });

  it('refuses a count answer without a value', async () => {
    zendesk().get('/api/v2/groups/count').reply(200, { count: {} });
    const result = await executeTool('zendesk_count_groups', credentials, NO_RETRY);
    expect(result).toMatchObject({ success: false, error: { code: 'unexpected_response' } });
  });

  it('lists the users of a group', async () => {
    zendesk().get('/api/v2/groups/7/users').query({ 'page[size]': '100' }).reply(200, { users: [{ id: 11, name: 'Agent', role: 'agent' }], meta: { has_more: false } });
    const result = await executeTool('zendesk_get_group_users', { ...credentials, groupId: '7' });
    expect(result).toMatchObject({ success: true, output: { users: [{ id: 11, role: 'agent' }], metadata: { total_returned: 1 } } });
    if (result.success) expectValidOutput('zendesk_get_group_users', result.output);
  });
});

describe('zendesk_create_group', () => {
  it('posts the group alone when no agents are given', async () => {
    zendesk().post('/api/v2/groups', { group: { name: 'Billing', description: 'Refunds', is_public: false } }).reply(201, { group: group(9, { name: 'Billing', is_public: false }) });
    const result = await executeTool('zendesk_create_group', { ...credentials, name: 'Billing', description: 'Refunds', isPublic: 'false' });
    expect(result).toEqual({ success: true, output: { group: expect.objectContaining({ id: 9 }), group_id: 9, agent_ids: [], failed_changes: [] } });
    if (result.success) expectValidOutput('zendesk_create_group', result.output);
  });

  it('then adds the agents as memberships in a job', async () => {
    zendesk().post('/api/v2/groups', { group: { name: 'Billing' } }).reply(201, { group: group(9) });
    zendesk()
      .post('/api/v2/group_memberships/create_many', { group_memberships: [{ user_id: 11, group_id: 9 }, { user_id: 12, group_id: 9 }] })
      .reply(200, job('j1', 'completed', created([501, 502])));
    const result = await executeTool('zendesk_create_group', { ...credentials, name: 'Billing', agentIds: '11, 12' });
    expect(result).toMatchObject({ success: true, output: { group_id: 9, agent_ids: [11, 12], failed_changes: [] } });
    if (result.success) expectValidOutput('zendesk_create_group', result.output);
  });

  it('keeps the group and names the agent a job refused', async () => {
    zendesk().post('/api/v2/groups').reply(201, { group: group(9) });
    zendesk()
      .post('/api/v2/group_memberships/create_many')
      .reply(200, job('j2', 'completed', [{ id: 501, index: 0 }, { index: 1, action: 'create', success: false, error: 'GroupMembershipCreateFailed', details: 'User is an end user' }]));
    const result = await executeTool('zendesk_create_group', { ...credentials, name: 'Billing', agentIds: '11, 12' });
    expect(result).toMatchObject({
      success: false,
      error: { code: 'job_failed', details: { added: [11], failed_agent_ids: [12] } },
      output: { group_id: 9, agent_ids: [11], failed_changes: [{ agent_id: 12, change: 'add', outcome: 'failed', job_id: 'j2' }] },
    });
    expect(!result.success && result.error.message).toContain('agent 12 (add): GroupMembershipCreateFailed: User is an end user');
  });
});

describe('zendesk_update_group: the membership rule', () => {
  it('agentIds left out: only the group fields change, the members are reported unchanged', async () => {
    zendesk().get('/api/v2/groups/7/memberships').query({ 'page[size]': '100' }).reply(200, page([membership(1, 11), membership(2, 12)]));
    zendesk().put('/api/v2/groups/7', { group: { name: 'Billing EU' } }).reply(200, { group: group(7, { name: 'Billing EU' }) });
    const result = await executeTool('zendesk_update_group', { ...credentials, groupId: '7', name: 'Billing EU' });
    expect(result).toEqual({
      success: true,
      output: { group: expect.objectContaining({ name: 'Billing EU' }), group_id: 7, agent_ids_before: [11, 12], agent_ids_after: [11, 12], added: [], removed: [], failed_changes: [] },
    });
    if (result.success) expectValidOutput('zendesk_update_group', result.output);
  });

  it('agentIds given: adds the missing agents and removes the others, reading every page of members first', async () => {
    zendesk().get('/api/v2/groups/7/memberships').query({ 'page[size]': '100' }).reply(200, page([membership(1, 11), membership(2, 12)], 'm2'));
    zendesk().get('/api/v2/groups/7/memberships').query({ 'page[size]': '100', 'page[after]': 'm2' }).reply(200, page([membership(3, 13)]));
    zendesk().get('/api/v2/groups/7').reply(200, { group: group(7) });
    zendesk()
      .post('/api/v2/group_memberships/create_many', { group_memberships: [{ user_id: 14, group_id: 7 }] })
      .reply(200, job('add1', 'queued', null));
    zendesk().get('/api/v2/job_statuses/add1').reply(200, job('add1', 'completed', created([4])));
    zendesk().delete('/api/v2/group_memberships/destroy_many').query({ ids: '1,3' }).reply(200, job('del1', 'completed', deleted([1, 3])));
    const result = await executeTool('zendesk_update_group', { ...credentials, groupId: '7', agentIds: [12, 14] }, FAST);
    expect(result).toMatchObject({
      success: true,
      output: { group_id: 7, agent_ids_before: [11, 12, 13], agent_ids_after: [12, 14], added: [14], removed: [11, 13], failed_changes: [] },
    });
    if (result.success) expectValidOutput('zendesk_update_group', result.output);
  });

  it('agentIds "none" removes every agent', async () => {
    zendesk().get('/api/v2/groups/7/memberships').query({ 'page[size]': '100' }).reply(200, page([membership(1, 11), membership(2, 12)]));
    zendesk().get('/api/v2/groups/7').reply(200, { group: group(7) });
    zendesk().delete('/api/v2/group_memberships/destroy_many').query({ ids: '1,2' }).reply(200, job('del2', 'completed', deleted([1, 2])));
    const result = await executeTool('zendesk_update_group', { ...credentials, groupId: '7', agentIds: ' None ' });
    expect(result).toMatchObject({ success: true, output: { agent_ids_before: [11, 12], agent_ids_after: [], added: [], removed: [11, 12] } });
  });

  it('the same agents again: nothing is queued', async () => {
    zendesk().get('/api/v2/groups/7/memberships').query({ 'page[size]': '100' }).reply(200, page([membership(1, 11)]));
    zendesk().get('/api/v2/groups/7').reply(200, { group: group(7) });
    const result = await executeTool('zendesk_update_group', { ...credentials, groupId: '7', agentIds: '11' });
    expect(result).toMatchObject({ success: true, output: { agent_ids_before: [11], agent_ids_after: [11], added: [], removed: [] } });
  });

  it('an unknown group fails on the first read, before any change', async () => {
    zendesk().get('/api/v2/groups/8/memberships').query(true).reply(404, { error: 'RecordNotFound', description: 'Not found' });
    const result = await executeTool('zendesk_update_group', { ...credentials, groupId: '8', name: 'X', agentIds: '11' }, NO_RETRY);
    expect(result).toMatchObject({ success: false, error: { code: 'not_found', status: 404 } });
    expect(result.output).toBeUndefined();
  });

  it('a refused group change (422) changes no membership', async () => {
    zendesk().get('/api/v2/groups/7/memberships').query(true).reply(200, page([membership(1, 11)]));
    zendesk()
      .put('/api/v2/groups/7', { group: { is_public: true } })
      .reply(422, { error: 'RecordInvalid', description: 'Record validation errors', details: { is_public: [{ description: 'Is public: a private group cannot be made public', error: 'InvalidValue' }] } });
    const result = await executeTool('zendesk_update_group', { ...credentials, groupId: '7', isPublic: 'true', agentIds: 'none' }, NO_RETRY);
    expect(result).toMatchObject({ success: false, error: { code: 'validation_failed', status: 422 } });
  });

  it('a job that cannot be followed: unknown_outcome with its job id, what was applied reported exactly', async () => {
    zendesk().get('/api/v2/groups/7/memberships').query(true).reply(200, page([membership(1, 11)]));
    zendesk().get('/api/v2/groups/7').reply(200, { group: group(7) });
    zendesk().post('/api/v2/group_memberships/create_many').reply(200, job('lost', 'queued', null));
    zendesk().get('/api/v2/job_statuses/lost').reply(500, { error: 'InternalError' });
    zendesk().delete('/api/v2/group_memberships/destroy_many').query({ ids: '1' }).reply(200, job('del3', 'completed', deleted([1])));
    const result = await executeTool('zendesk_update_group', { ...credentials, groupId: '7', agentIds: '12, 13' }, { ...NO_RETRY, ...FAST });
    expect(result).toMatchObject({
      success: false,
      error: { code: 'unknown_outcome', details: { job_ids: ['lost'], unknown_agent_ids: [12, 13], removed: [11], added: [] } },
      output: {
        agent_ids_before: [11],
        agent_ids_after: [],
        added: [],
        removed: [11],
        failed_changes: [
          { agent_id: 12, change: 'add', outcome: 'unknown', job_id: 'lost' },
          { agent_id: 13, change: 'add', outcome: 'unknown', job_id: 'lost' },
        ],
      },
    });
    expect(!result.success && result.error.message).toMatch(/12, 13 \(job lost\).*GET \/api\/v2\/groups\/7\/memberships/);
    if (!result.success) expectValidOutput('zendesk_update_group', result.output);
  });

  it.each([
    ['an HTML page', '<html>Maintenance</html>', /not|JSON/i],
    ['an answer without group_memberships', { memberships: [] }, /group_memberships/],
    ['a membership without its user', page([{ id: 1 }]), /without a numeric id and user_id/],
  ])('members read as %s: nothing is changed', async (_what, body, text) => {
    zendesk().get('/api/v2/groups/7/memberships').query(true).reply(200, body as never);
    const result = await executeTool('zendesk_update_group', { ...credentials, groupId: '7', agentIds: 'none' }, NO_RETRY);
    expect(result).toMatchObject({ success: false, error: { code: 'unexpected_response' } });
    expect(!result.success && result.error.message).toMatch(text);
  });

  it('a listing whose cursor does not advance is stopped before any change', async () => {
    zendesk().get('/api/v2/groups/7/memberships').query({ 'page[size]': '100' }).reply(200, page([membership(1, 11)], 'same'));
    zendesk().get('/api/v2/groups/7/memberships').query({ 'page[size]': '100', 'page[after]': 'same' }).reply(200, page([membership(2, 12)], 'same'));
    const result = await executeTool('zendesk_update_group', { ...credentials, groupId: '7', agentIds: 'none' }, NO_RETRY);
    expect(result).toMatchObject({ success: false, error: { code: 'unexpected_response' } });
    expect(!result.success && result.error.message).toMatch(/does not advance/);
  });

  it.each([
    [{ groupId: '7' }, 'name', 'Nothing to change: set at least one of name, description, isPublic, agentIds'],
    [{ groupId: '7', agentIds: 'nobody' }, 'agentIds', 'or "none" for none'],
    [{ groupId: '7', agentIds: '11, x' }, 'agentIds', 'numeric ids'],
    [{ groupId: '7', agentIds: [] }, 'agentIds', '(or be "none" for none)'],
  ])('refuses %j before any request', async (params, param, text) => {
    await expectRefused('zendesk_update_group', { ...credentials, ...params }, param, text);
  });
});

describe('zendesk_delete_group', () => {
  it('answers deleted: true on 204', async () => {
    zendesk().delete('/api/v2/groups/7').reply(204);
    const result = await executeTool('zendesk_delete_group', { ...credentials, groupId: '7' });
    expect(result).toEqual({ success: true, output: { deleted: true, group_id: '7' } });
    if (result.success) expectValidOutput('zendesk_delete_group', result.output);
  });

  it('maps 404', async () => {
    zendesk().delete('/api/v2/groups/8').reply(404, { error: 'RecordNotFound', description: 'Not found' });
    await expectMappedError('zendesk_delete_group', { ...credentials, groupId: '8' }, 404, 'not_found', 'Not found');
  });
});
