/** The group membership operations: the exact requests (nock), their outputs checked against the schemas. */
import { executeTool } from '../../catalog';
import { credentials, expectMappedError, expectRefused, expectValidOutput, useNock, zendesk } from '../helpers';

const membership = (id: number, userId = 11, groupId = 7, isDefault = false) => ({
  id,
  url: `https://acme.zendesk.com/api/v2/group_memberships/${id}.json`,
  user_id: userId,
  group_id: groupId,
  default: isDefault,
  created_at: '2024-01-01T00:00:00Z',
  updated_at: '2024-01-01T00:00:00Z',
});
const job = (id: string, status = 'queued', results: unknown[] | null = null) => ({
  job_status: { id, url: `https://acme.zendesk.com/api/v2/job_statuses/${id}.json`, status, total: results?.length ?? null, progress: null, results },
});

useNock();

describe('zendesk_get_group_memberships', () => {
  it.each([
    [{}, '/api/v2/group_memberships'],
    [{ userId: '11' }, '/api/v2/users/11/group_memberships'],
    [{ groupId: '7' }, '/api/v2/groups/7/memberships'],
  ])('lists %j from %s', async (params, path) => {
    zendesk().get(path).query({ 'page[size]': '100' }).reply(200, { group_memberships: [membership(1), membership(2, 12)], meta: { has_more: false } });
    const result = await executeTool('zendesk_get_group_memberships', { ...credentials, ...params });
    expect(result).toMatchObject({ success: true, output: { group_memberships: [{ id: 1 }, { id: 2, user_id: 12 }], paging: { has_more: false } } });
    if (result.success) expectValidOutput('zendesk_get_group_memberships', result.output);
  });

  it('refuses userId and groupId together', async () => {
    await expectRefused('zendesk_get_group_memberships', { ...credentials, userId: '11', groupId: '7' }, 'groupId', 'not both');
  });
});

describe('zendesk_create_group_membership', () => {
  it('posts the membership, default only when asked', async () => {
    zendesk().post('/api/v2/group_memberships', { group_membership: { user_id: 11, group_id: 7, default: true } }).reply(201, { group_membership: membership(5, 11, 7, true) });
    const result = await executeTool('zendesk_create_group_membership', { ...credentials, userId: '11', groupId: '7', isDefault: 'true' });
    expect(result).toMatchObject({ success: true, output: { group_membership_id: 5, group_membership: { default: true } } });
    if (result.success) expectValidOutput('zendesk_create_group_membership', result.output);
  });

  it('maps the 422 of an end user', async () => {
    zendesk()
      .post('/api/v2/group_memberships', { group_membership: { user_id: 40, group_id: 7 } })
      .reply(422, { error: 'RecordInvalid', description: 'Record validation errors', details: { user_id: [{ description: 'User: Jo is an end user', error: 'InvalidValue' }] } });
    await expectMappedError('zendesk_create_group_membership', { ...credentials, userId: '40', groupId: '7' }, 422, 'validation_failed', 'user_id: Jo is an end user');
  });
});

describe('zendesk_make_group_membership_default', () => {
  it('puts make_default and reports the default group', async () => {
    zendesk()
      .put('/api/v2/users/11/group_memberships/5/make_default')
      .reply(200, { group_memberships: [membership(4, 11, 3, false), membership(5, 11, 7, true)] });
    const result = await executeTool('zendesk_make_group_membership_default', { ...credentials, userId: '11', groupMembershipId: '5' });
    expect(result).toMatchObject({ success: true, output: { default_group_id: 7, group_memberships: [{ id: 4 }, { id: 5, default: true }] } });
    if (result.success) expectValidOutput('zendesk_make_group_membership_default', result.output);
  });
});

describe('zendesk_delete_group_membership', () => {
  it('answers deleted: true on 204', async () => {
    zendesk().delete('/api/v2/group_memberships/5').reply(204);
    const result = await executeTool('zendesk_delete_group_membership', { ...credentials, groupMembershipId: '5' });
    expect(result).toEqual({ success: true, output: { deleted: true, group_membership_id: '5' } });
    if (result.success) expectValidOutput('zendesk_delete_group_membership', result.output);
  });
});

describe('bulk memberships', () => {
  it('create: posts the memberships to create_many', async () => {
    const groupMemberships = [{ user_id: 11, group_id: 7 }, { user_id: 12, group_id: 7, default: true }];
    zendesk().post('/api/v2/group_memberships/create_many', { group_memberships: groupMemberships }).reply(200, job('c1'));
    const result = await executeTool('zendesk_create_group_memberships_bulk', { ...credentials, groupMemberships: JSON.stringify(groupMemberships) });
    expect(result).toMatchObject({ success: true, output: { job_id: 'c1', job_status: { status: 'queued' } } });
    if (result.success) expectValidOutput('zendesk_create_group_memberships_bulk', result.output);
  });

  it('create: splits 150 memberships into jobs of 100 and 50', async () => {
    const groupMemberships = Array.from({ length: 150 }, (_, i) => ({ user_id: 1000 + i, group_id: 7 }));
    const results = (n: number, from: number) => Array.from({ length: n }, (_, i) => ({ id: from + i, index: i }));
    zendesk().post('/api/v2/group_memberships/create_many', (b) => b.group_memberships.length === 100).reply(200, job('k1', 'completed', results(100, 1)));
    zendesk().post('/api/v2/group_memberships/create_many', (b) => b.group_memberships.length === 50 && b.group_memberships[0].user_id === 1100).reply(200, job('k2', 'completed', results(50, 101)));
    const result = await executeTool('zendesk_create_group_memberships_bulk', { ...credentials, groupMemberships });
    expect(result).toMatchObject({ success: true, output: { job_id: 'k1,k2', job_status: { total: 150, status: 'completed' } } });
    if (result.success) expect(result.output.job_status.results!.map((r) => r.index)).toEqual([...Array(150).keys()]);
  });

  it.each([
    ['[{"user_id": 11}]', 'item 1 needs a numeric "group_id"'],
    ['[{"user_id": "11", "group_id": 7}]', 'item 1 needs a numeric "user_id"'],
    ['[{"user_id": 11, "group_id": 7, "default": "yes"}]', 'item 1 has a "default" that is not true or false'],
  ])('create: refuses %s, naming the item', async (groupMemberships, text) => {
    await expectRefused('zendesk_create_group_memberships_bulk', { ...credentials, groupMemberships }, 'groupMemberships', text);
  });

  it('delete: sends the ids to destroy_many', async () => {
    zendesk().delete('/api/v2/group_memberships/destroy_many').query({ ids: '5,6' }).reply(200, job('d1'));
    const result = await executeTool('zendesk_delete_group_memberships_bulk', { ...credentials, groupMembershipIds: '5, 6' });
    expect(result).toMatchObject({ success: true, output: { job_id: 'd1' } });
    if (result.success) expectValidOutput('zendesk_delete_group_memberships_bulk', result.output);
  });

  it('delete: splits 120 ids into jobs of 100 and 20, each result in its place', async () => {
    const ids = Array.from({ length: 120 }, (_, i) => 500 + i);
    const deleted = (list: number[]) => list.map((id) => ({ id, action: 'delete', status: 'Deleted', success: true }));
    zendesk().delete('/api/v2/group_memberships/destroy_many').query({ ids: ids.slice(0, 100).join(',') }).reply(200, job('d2', 'completed', deleted(ids.slice(0, 100))));
    zendesk().delete('/api/v2/group_memberships/destroy_many').query({ ids: ids.slice(100).join(',') }).reply(200, job('d3', 'completed', deleted(ids.slice(100))));
    const result = await executeTool('zendesk_delete_group_memberships_bulk', { ...credentials, groupMembershipIds: ids });
    expect(result).toMatchObject({ success: true, output: { job_id: 'd2,d3', job_status: { total: 120 } } });
    if (result.success) expect(result.output.job_status.results!.map((r) => r.index)).toEqual([...Array(120).keys()]);
  });
});
