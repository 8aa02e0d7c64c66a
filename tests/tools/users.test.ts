import { executeTool } from '../../catalog';
import { credentials, expectMappedError, expectMissingRequired, expectRefused, expectValidOutput, NO_RETRY, paramsFor, useNock, zendesk } from '../helpers';

const user = (id: number, extra: Record<string, unknown> = {}) => ({
  id,
  name: `User ${id}`,
  email: `user${id}@example.com`,
  role: 'end-user',
  active: true,
  tags: [],
  user_fields: { plan: 'basic' },
  ...extra,
});
const job = (id = 'beefcafe', status = 'queued', results: unknown = null) => ({
  job_status: { id, url: `https://acme.zendesk.com/api/v2/job_statuses/${id}.json`, status, total: null, progress: null, results },
});

useNock();

describe('zendesk_get_users', () => {
  it('filters by role and permission set with cursor paging', async () => {
    zendesk()
      .get('/api/v2/users')
      .query({ role: 'agent', permission_set: '360000123', 'page[size]': '25', 'page[after]': 'cur1' })
      .reply(200, {
        users: [user(1, { role: 'agent' }), user(2, { role: 'agent' })],
        meta: { has_more: true, after_cursor: 'cur2', before_cursor: 'cur1' },
        links: { next: 'https://acme.zendesk.com/api/v2/users?page[after]=cur2' },
      });
    const result = await executeTool('zendesk_get_users', { ...credentials, role: 'agent', permissionSet: '360000123', perPage: '25', pageAfter: 'cur1' });
    expect(result.success).toBe(true);
    if (!result.success) return;
    expect(result.output.users.map((u: { id: number | null }) => u.id)).toEqual([1, 2]);
    expect(result.output.paging).toEqual({ after_cursor: 'cur2', has_more: true, next_page: 'https://acme.zendesk.com/api/v2/users?page[after]=cur2' });
    expect(result.output.metadata).toEqual({ total_returned: 2, has_more: true });
    expectValidOutput('zendesk_get_users', result.output);
  });

  it('sends only page[size]=100 without filters, and ends on the last page', async () => {
    zendesk().get('/api/v2/users').query({ 'page[size]': '100' }).reply(200, { users: [user(3)], meta: { has_more: false, after_cursor: null }, links: { next: null } });
    const result = await executeTool('zendesk_get_users', credentials);
    expect(result).toMatchObject({ success: true, output: { paging: { has_more: false, after_cursor: null, next_page: null }, metadata: { total_returned: 1 } } });
    if (result.success) expectValidOutput('zendesk_get_users', result.output);
  });
});

describe('zendesk_get_user', () => {
  it('fetches one user, documented keys filled with null', async () => {
    zendesk().get('/api/v2/users/12345').reply(200, { user: user(12345) });
    const result = await executeTool('zendesk_get_user', { ...credentials, userId: ' 12345 ' });
    expect(result).toMatchObject({ success: true, output: { user_id: 12345, user: { name: 'User 12345', phone: null, organization_id: null } } });
    if (result.success) expectValidOutput('zendesk_get_user', result.output);
  });
});

describe('zendesk_get_current_user', () => {
  it('fetches /users/me', async () => {
    zendesk().get('/api/v2/users/me').reply(200, { user: user(7, { role: 'admin', email: 'agent@example.com' }) });
    const result = await executeTool('zendesk_get_current_user', credentials);
    expect(result).toMatchObject({ success: true, output: { user_id: 7, user: { role: 'admin' } } });
    if (result.success) expectValidOutput('zendesk_get_current_user', result.output);
  });

  it('reports an anonymous user (null id) as an authentication error, not a success', async () => {
    zendesk().get('/api/v2/users/me').reply(200, { user: { id: null, url: null, name: 'Anonymous user', email: 'invalid@example.com', role: 'end-user' } });
    const result = await executeTool('zendesk_get_current_user', credentials, NO_RETRY);
    expect(result).toMatchObject({ success: false, error: { code: 'unauthorized', status: 200 } });
    expect(!result.success && result.error.message).toContain('anonymous');
  });

  it('reports an answer without a user as an authentication error', async () => {
    zendesk().get('/api/v2/users/me').reply(200, {});
    const result = await executeTool('zendesk_get_current_user', credentials, NO_RETRY);
    expect(result).toMatchObject({ success: false, error: { code: 'unauthorized' } });
  });
});

describe('zendesk_search_users', () => {
  it('searches by query with offset paging: has_more from next_page, no cursor', async () => {
    const next = 'https://acme.zendesk.com/api/v2/users/search.json?page=3&per_page=2&query=jane';
    zendesk()
      .get('/api/v2/users/search')
      .query({ query: 'jane role:end-user', per_page: '2', page: '2' })
      .reply(200, { users: [user(1), user(2)], next_page: next, previous_page: 'x', count: 9 });
    const result = await executeTool('zendesk_search_users', { ...credentials, query: 'jane role:end-user', perPage: '2', page: '2' });
    expect(result).toMatchObject({
      success: true,
      output: { paging: { after_cursor: null, has_more: true, next_page: next }, metadata: { total_returned: 2, has_more: true } },
    });
    if (result.success) expectValidOutput('zendesk_search_users', result.output);
  });

  it('searches by external id alone', async () => {
    zendesk().get('/api/v2/users/search').query({ external_id: 'crm-4711', per_page: '100' }).reply(200, { users: [user(5, { external_id: 'crm-4711' })], next_page: null, count: 1 });
    const result = await executeTool('zendesk_search_users', { ...credentials, externalId: 'crm-4711' });
    expect(result).toMatchObject({ success: true, output: { users: [{ id: 5 }], paging: { has_more: false, next_page: null } } });
    if (result.success) expectValidOutput('zendesk_search_users', result.output);
  });

  it('refuses a call with neither query nor externalId, sending nothing', async () => {
    await expectRefused('zendesk_search_users', { ...credentials, query: '   ', perPage: '10' }, 'query', 'externalId');
  });

  it('stops collecting at the 1,000-result window and says so', async () => {
    for (let page = 1; page <= 10; page += 1) {
      zendesk()
        .get('/api/v2/users/search')
        .query({ query: 'a', per_page: '100', ...(page > 1 ? { page: String(page) } : {}) })
        .reply(200, { users: Array.from({ length: 100 }, (_, i) => user(page * 1000 + i)), next_page: `https://acme.zendesk.com/api/v2/users/search?page=${page + 1}`, count: 5000 });
    }
    const result = await executeTool('zendesk_search_users', { ...credentials, query: 'a' }, { all: true });
    expect(result.success).toBe(true);
    if (!result.success) return;
    expect(result.output.users).toHaveLength(1000);
    expect(result.output.metadata).toMatchObject({ total_returned: 1000, has_more: true, truncated: true });
    expect(result.warnings?.[0]).toContain('at most 1000');
  });
});

describe('zendesk_create_user', () => {
  it('posts every given field under user, verified as a boolean and customFields as user_fields', async () => {
    zendesk()
      .matchHeader('content-type', 'application/json')
      .post('/api/v2/users', {
        user: {
          name: 'Jane Doe',
          email: 'jane@example.com',
          role: 'agent',
          phone: '+1 555 0100',
          organization_id: 88,
          verified: true,
          tags: ['vip', 'beta'],
          user_fields: { plan: 'gold' },
        },
      })
      .reply(201, { user: user(900, { name: 'Jane Doe', role: 'agent' }) }, { Location: 'https://acme.zendesk.com/api/v2/users/900.json' });
    const result = await executeTool('zendesk_create_user', {
      ...credentials,
      name: 'Jane Doe',
      userEmail: 'jane@example.com',
      role: 'agent',
      phone: '+1 555 0100',
      organizationId: '88',
      verified: 'true',
      tags: 'vip, beta, vip',
      customFields: '{"plan": "gold"}',
    });
    expect(result).toMatchObject({ success: true, output: { user_id: 900, user: { name: 'Jane Doe' } } });
    if (result.success) expectValidOutput('zendesk_create_user', result.output);
  });

  it('sends only the name when nothing else is given', async () => {
    zendesk().post('/api/v2/users', { user: { name: 'Solo' } }).reply(201, { user: user(901, { name: 'Solo' }) });
    const result = await executeTool('zendesk_create_user', { ...credentials, name: 'Solo', phone: '', verified: '  ', tags: null });
    expect(result).toMatchObject({ success: true, output: { user_id: 901 } });
  });

  it('reports a duplicate email with its 422 field details', async () => {
    zendesk()
      .post('/api/v2/users')
      .reply(422, {
        error: 'RecordInvalid',
        description: 'Record validation errors',
        details: { email: [{ description: 'Email: jane@example.com is already being used by another user', error: 'DuplicateValue' }] },
      });
    const result = await executeTool('zendesk_create_user', { ...credentials, name: 'Jane', userEmail: 'jane@example.com' }, NO_RETRY);
    expect(result).toMatchObject({ success: false, error: { code: 'validation_failed', status: 422, details: { details: { email: [{ error: 'DuplicateValue' }] } } } });
    expect(!result.success && result.error.message).toContain('email: jane@example.com is already being used by another user');
  });
});

describe('zendesk_update_user', () => {
  it('puts only the changes', async () => {
    zendesk()
      .put('/api/v2/users/12', { user: { role: 'admin', verified: false, tags: ['x'] } })
      .reply(200, { user: user(12, { role: 'admin', tags: ['x'] }) });
    const result = await executeTool('zendesk_update_user', { ...credentials, userId: '12', role: 'admin', verified: 'false', tags: 'x' });
    expect(result).toMatchObject({ success: true, output: { user_id: 12, user: { role: 'admin' } } });
    if (result.success) expectValidOutput('zendesk_update_user', result.output);
  });

  it('requires at least one change, sending nothing', async () => {
    await expectRefused('zendesk_update_user', { ...credentials, userId: '12', name: '  ' }, 'name', 'Nothing to change');
  });
});

describe('zendesk_create_users_bulk', () => {
  it('posts the users to create_many and answers the job', async () => {
    const users = [{ name: 'A', email: 'a@example.com' }, { name: 'B', role: 'agent' }];
    zendesk().post('/api/v2/users/create_many', { users }).reply(200, job('c0ffee'));
    const result = await executeTool('zendesk_create_users_bulk', { ...credentials, users: JSON.stringify(users) });
    expect(result).toMatchObject({ success: true, output: { job_id: 'c0ffee', job_status: { status: 'queued' } } });
    if (result.success) expectValidOutput('zendesk_create_users_bulk', result.output);
  });

  it('splits more than 100 users into jobs of 100 and combines their results', async () => {
    const users = Array.from({ length: 101 }, (_, i) => ({ name: `U${i}` }));
    const results = (n: number) => Array.from({ length: n }, (_, i) => ({ id: 5000 + i, index: i }));
    zendesk()
      .post('/api/v2/users/create_many', (body) => body.users.length === 100 && body.users[0].name === 'U0')
      .reply(200, job('j1', 'completed', results(100)));
    zendesk()
      .post('/api/v2/users/create_many', (body) => body.users.length === 1 && body.users[0].name === 'U100')
      .reply(200, job('j2', 'completed', results(1)));
    const result = await executeTool('zendesk_create_users_bulk', { ...credentials, users });
    expect(result).toMatchObject({ success: true, output: { job_id: 'j1,j2', job_status: { status: 'completed', total: 101 } } });
    if (!result.success) return;
    expect(result.output.job_status.results?.[100]).toMatchObject({ index: 100, id: 5000 });
    expectValidOutput('zendesk_create_users_bulk', result.output);
  });

  it.each([
    ['[{"name": "A"}, {"email": "b@example.com"}]', 'item 2 needs a "name"'],
    ['[{"name": "A"}, {"name": "  "}]', 'item 2 needs a "name"'],
    ['[{"name": "A"}, "B"]', 'item 2 must be an object'],
    ['[[{"name": "A"}]]', 'item 1 must be an object'],
  ])('refuses %s, naming the item', async (users, text) => {
    await expectRefused('zendesk_create_users_bulk', { ...credentials, users }, 'users', text);
  });
});

describe('zendesk_update_users_bulk', () => {
  it('puts the users, each with its id, to update_many', async () => {
    const users = [{ id: 11, role: 'agent' }, { id: 12, tags: ['vip'] }];
    zendesk().put('/api/v2/users/update_many', { users }).reply(200, job('d00d'));
    const result = await executeTool('zendesk_update_users_bulk', { ...credentials, users: JSON.stringify(users) });
    expect(result).toMatchObject({ success: true, output: { job_id: 'd00d' } });
    if (result.success) expectValidOutput('zendesk_update_users_bulk', result.output);
  });

  it.each([
    ['[{"id": 11, "role": "agent"}, {"role": "admin"}]', 'item 2 needs the numeric "id"'],
    ['[{"id": "11", "role": "agent"}]', 'item 1 has "id": "11", which is not a numeric user id'],
    ['[{"id": 1.5}]', 'item 1 has "id": 1.5'],
    ['[{"id": -4}]', 'item 1 has "id": -4'],
    ['[{"id": 11}, null]', 'item 2 must be an object'],
  ])('refuses %s, naming the item', async (users, text) => {
    await expectRefused('zendesk_update_users_bulk', { ...credentials, users }, 'users', text);
  });
});

describe('zendesk_delete_user', () => {
  it('answers deleted with the id as a string when Zendesk returns the user inactive', async () => {
    zendesk().delete('/api/v2/users/77').reply(200, { user: user(77, { active: false }) });
    const result = await executeTool('zendesk_delete_user', { ...credentials, userId: '77' });
    expect(result).toEqual({ success: true, output: { deleted: true, user_id: '77' } });
    if (result.success) expectValidOutput('zendesk_delete_user', result.output);
  });

  it('does not claim a deletion when Zendesk says the user is still active', async () => {
    zendesk().delete('/api/v2/users/78').reply(200, { user: user(78, { active: true }) });
    const result = await executeTool('zendesk_delete_user', { ...credentials, userId: '78' });
    expect(result).toEqual({ success: true, output: { deleted: false, user_id: '78' } });
  });
});

describe('error mapping', () => {
  it.each([
    ['zendesk_get_users', {}, 'get', '/api/v2/users', 401, { error: "Couldn't authenticate you" }, 'unauthorized', "Couldn't authenticate you"],
    ['zendesk_get_user', { userId: '404' }, 'get', '/api/v2/users/404', 404, { error: 'RecordNotFound', description: 'Not found' }, 'not_found', 'RecordNotFound: Not found'],
    ['zendesk_get_current_user', {}, 'get', '/api/v2/users/me', 401, { error: "Couldn't authenticate you" }, 'unauthorized', "Couldn't authenticate you"],
    ['zendesk_delete_user', { userId: '5' }, 'delete', '/api/v2/users/5', 500, { error: 'InternalError' }, 'server_error', 'InternalError'],
    ['zendesk_update_user', { userId: '5', name: 'X' }, 'put', '/api/v2/users/5', 403, { error: 'Forbidden', description: 'You cannot change admins' }, 'forbidden', 'You cannot change admins'],
  ] as const)('%s maps %s %s %s → %i', async (toolId, params, method, path, status, body, code, text) => {
    zendesk()[method](path).query(true).reply(status, body);
    await expectMappedError(toolId, { ...credentials, ...params }, status, code, text);
  });

  it('does not replay a user create after a 500 (it may have been applied)', async () => {
    zendesk().post('/api/v2/users').reply(500, { error: 'InternalError' });
    const result = await executeTool('zendesk_create_user', { ...credentials, name: 'Jane' });
    expect(result).toMatchObject({ success: false, error: { code: 'server_error', status: 500 } });
    expect(!result.success && result.error.message).toContain('Not retried');
  });

  // Last of the requests in this file: the account pacer then holds requests for Retry-After.
  it('maps 429 on a users search to rate_limited with retryAfter', async () => {
    zendesk().get('/api/v2/users/search').query(true).reply(429, 'Too Many Requests', { 'Retry-After': '12' });
    const result = await executeTool('zendesk_search_users', { ...credentials, query: 'jane' }, NO_RETRY);
    expect(result).toMatchObject({ success: false, error: { code: 'rate_limited', status: 429, retryAfter: 12 } });
  });
});

describe('bad input sends nothing', () => {
  const base = { ...credentials, userId: '1', name: 'Jane', users: '[{"name": "A", "id": 1}]', query: 'jane' };

  it.each([
    ['zendesk_get_user', 'userId', 'abc', 'numeric id'],
    ['zendesk_get_user', 'userId', '1/../../tickets/5', 'numeric id'],
    ['zendesk_delete_user', 'userId', '0', 'positive id'],
    ['zendesk_update_user', 'organizationId', '12x', 'numeric id'],
    ['zendesk_get_users', 'permissionSet', 'admins', 'numeric id'],
    ['zendesk_get_users', 'perPage', '0', 'between 1 and 100'],
    ['zendesk_get_users', 'perPage', '101', 'between 1 and 100'],
    ['zendesk_search_users', 'perPage', '101', 'between 1 and 100'],
    ['zendesk_search_users', 'page', '0', 'at least 1'],
    ['zendesk_search_users', 'page', 'two', 'whole number'],
    ['zendesk_create_user', 'verified', 'yes', 'one of: true, false'],
    ['zendesk_update_user', 'verified', 'yes', 'one of: true, false'],
    ['zendesk_create_user', 'role', 'owner', 'must be one of: end-user, agent, admin'],
    ['zendesk_get_users', 'role', 'Agent', 'must be one of: end-user, agent, admin'],
    ['zendesk_create_user', 'tags', ' , ,', 'at least one'],
    ['zendesk_create_user', 'customFields', '{"plan": ', 'not valid JSON'],
    ['zendesk_create_user', 'customFields', '[{"plan": "gold"}]', 'JSON object'],
    ['zendesk_update_user', 'customFields', '"gold"', 'JSON object'],
    ['zendesk_create_users_bulk', 'users', '{"name": "A"}', 'JSON array'],
    ['zendesk_create_users_bulk', 'users', '[{"name": "A"}', 'not valid JSON'],
    ['zendesk_update_users_bulk', 'users', '[]', 'at least one item'],
    ['zendesk_update_users_bulk', 'users', '[{"name": "no id"}]', 'item 1 needs the numeric "id"'],
    ['zendesk_get_current_user', 'userId', '5', 'Unknown param'],
    ['zendesk_create_user', 'email_address', 'x@example.com', 'Unknown param'],
  ])('%s refuses %s=%j', async (toolId, param, value, text) => {
    await expectRefused(toolId, paramsFor(toolId, base, { [param]: value }), param, text);
  });

  it.each([
    ['zendesk_get_user', 'userId'],
    ['zendesk_update_user', 'userId'],
    ['zendesk_delete_user', 'userId'],
    ['zendesk_create_user', 'name'],
    ['zendesk_create_users_bulk', 'users'],
    ['zendesk_update_users_bulk', 'users'],
  ])('%s names the missing required %s', async (toolId, param) => {
    await expectMissingRequired(toolId, paramsFor(toolId, base), param);
  });
});
