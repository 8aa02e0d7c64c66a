import { executeTool } from '../../catalog';
import { credentials, expectMappedError, expectMissingRequired, expectRefused, expectValidOutput, NO_RETRY, paramsFor, useNock, zendesk } from '../helpers';

const organization = (id: number, extra: Record<string, unknown> = {}) => ({
  id,
  name: `Org ${id}`,
  domain_names: [`org${id}.example.com`],
  tags: [],
  organization_fields: {},
  ...extra,
});
const job = (id = 'ab12', status = 'queued', results: unknown = null) => ({
  job_status: { id, url: `https://acme.zendesk.com/api/v2/job_statuses/${id}.json`, status, total: null, progress: null, results },
});

useNock();

describe('zendesk_get_organizations', () => {
  it('lists one cursor page', async () => {
    zendesk()
      .get('/api/v2/organizations')
      .query({ 'page[size]': '2', 'page[after]': 'o1' })
      .reply(200, {
        organizations: [organization(1), organization(2)],
        meta: { has_more: true, after_cursor: 'o2', before_cursor: 'o1' },
        links: { next: 'https://acme.zendesk.com/api/v2/organizations?page[after]=o2' },
      });
    const result = await executeTool('zendesk_get_organizations', { ...credentials, perPage: '2', pageAfter: 'o1' });
    expect(result).toMatchObject({
      success: true,
      output: { paging: { after_cursor: 'o2', has_more: true, next_page: 'https://acme.zendesk.com/api/v2/organizations?page[after]=o2' }, metadata: { total_returned: 2, has_more: true } },
    });
    if (!result.success) return;
    expect(result.output.organizations.map((o: { id: number | null }) => o.id)).toEqual([1, 2]);
    expectValidOutput('zendesk_get_organizations', result.output);
  });

  it('defaults to 100 per page', async () => {
    zendesk().get('/api/v2/organizations').query({ 'page[size]': '100' }).reply(200, { organizations: [], meta: { has_more: false } });
    const result = await executeTool('zendesk_get_organizations', credentials);
    expect(result).toMatchObject({ success: true, output: { organizations: [], paging: { has_more: false, after_cursor: null } } });
  });
});

describe('zendesk_get_organization', () => {
  it('fetches one organization', async () => {
    zendesk().get('/api/v2/organizations/360001').reply(200, { organization: organization(360001, { details: 'HQ' }) });
    const result = await executeTool('zendesk_get_organization', { ...credentials, organizationId: 360001 });
    expect(result).toMatchObject({ success: true, output: { organization_id: 360001, organization: { details: 'HQ', notes: null, group_id: null } } });
    if (result.success) expectValidOutput('zendesk_get_organization', result.output);
  });
});

describe('zendesk_autocomplete_organizations', () => {
  it('sends name with offset paging; has_more follows next_page', async () => {
    const next = 'https://acme.zendesk.com/api/v2/organizations/autocomplete.json?name=ac&page=2';
    zendesk()
      .get('/api/v2/organizations/autocomplete')
      .query({ name: 'ac me', per_page: '10', page: '1' })
      .reply(200, { organizations: [organization(5, { name: 'Ac me Inc' })], next_page: next, previous_page: null, count: 11 });
    const result = await executeTool('zendesk_autocomplete_organizations', { ...credentials, name: 'ac me', perPage: '10', page: '1' });
    expect(result).toMatchObject({ success: true, output: { paging: { after_cursor: null, has_more: true, next_page: next }, metadata: { total_returned: 1 } } });
    if (result.success) expectValidOutput('zendesk_autocomplete_organizations', result.output);
  });

  it('ends when next_page is null', async () => {
    zendesk().get('/api/v2/organizations/autocomplete').query({ name: 'zz', per_page: '100' }).reply(200, { organizations: [organization(6)], next_page: null });
    const result = await executeTool('zendesk_autocomplete_organizations', { ...credentials, name: 'zz' });
    expect(result).toMatchObject({ success: true, output: { paging: { has_more: false, next_page: null } } });
  });
});

describe('zendesk_create_organization', () => {
  it('posts every given field under organization', async () => {
    zendesk()
      .matchHeader('content-type', 'application/json')
      .post('/api/v2/organizations', {
        organization: {
          name: 'Acme Inc',
          domain_names: ['acme.com', 'acme.io'],
          details: '1 Main St',
          notes: 'Key account',
          tags: ['enterprise'],
          organization_fields: { tier: 'gold' },
        },
      })
      .reply(201, { organization: organization(42, { name: 'Acme Inc' }) });
    const result = await executeTool('zendesk_create_organization', {
      ...credentials,
      name: 'Acme Inc',
      domainNames: 'acme.com, acme.io,',
      details: '1 Main St',
      notes: 'Key account',
      tags: 'enterprise',
      customFields: { tier: 'gold' },
    });
    expect(result).toMatchObject({ success: true, output: { organization_id: 42, organization: { name: 'Acme Inc' } } });
    if (result.success) expectValidOutput('zendesk_create_organization', result.output);
  });

  it('reports a name already in use with its 422 details', async () => {
    zendesk()
      .post('/api/v2/organizations', { organization: { name: 'Acme Inc' } })
      .reply(422, { error: 'RecordInvalid', description: 'Record validation errors', details: { name: [{ description: 'Name: has already been taken', error: 'DuplicateValue' }] } });
    const result = await executeTool('zendesk_create_organization', { ...credentials, name: 'Acme Inc' }, NO_RETRY);
    expect(result).toMatchObject({ success: false, error: { code: 'validation_failed', status: 422 } });
    expect(!result.success && result.error.message).toContain('name: has already been taken');
  });
});

describe('zendesk_create_organizations_bulk', () => {
  it('posts the organizations to create_many', async () => {
    const organizations = [{ name: 'A', domain_names: ['a.com'] }, { name: 'B' }];
    zendesk().post('/api/v2/organizations/create_many', { organizations }).reply(200, job('ffee'));
    const result = await executeTool('zendesk_create_organizations_bulk', { ...credentials, organizations: JSON.stringify(organizations) });
    expect(result).toMatchObject({ success: true, output: { job_id: 'ffee', job_status: { status: 'queued' } } });
    if (result.success) expectValidOutput('zendesk_create_organizations_bulk', result.output);
  });

  it('splits 150 organizations into jobs of 100 and 50', async () => {
    const organizations = Array.from({ length: 150 }, (_, i) => ({ name: `Org ${i}` }));
    const results = (n: number) => Array.from({ length: n }, (_, i) => ({ id: 100 + i, index: i }));
    zendesk().post('/api/v2/organizations/create_many', (b) => b.organizations.length === 100 && b.organizations[99].name === 'Org 99').reply(200, job('k1', 'completed', results(100)));
    zendesk().post('/api/v2/organizations/create_many', (b) => b.organizations.length === 50 && b.organizations[0].name === 'Org 100').reply(200, job('k2', 'completed', results(50)));
    const result = await executeTool('zendesk_create_organizations_bulk', { ...credentials, organizations });
    expect(result).toMatchObject({ success: true, output: { job_id: 'k1,k2', job_status: { total: 150, status: 'completed' } } });
    if (result.success) expectValidOutput('zendesk_create_organizations_bulk', result.output);
  });

  it.each([
    ['[{"name": "A"}, {"domain_names": ["b.com"]}]', 'item 2 needs a "name"'],
    ['[{"name": 7}]', 'item 1 needs a "name"'],
    ['["Acme"]', 'item 1 must be an object'],
  ])('refuses %s, naming the item', async (organizations, text) => {
    await expectRefused('zendesk_create_organizations_bulk', { ...credentials, organizations }, 'organizations', text);
  });
});

describe('zendesk_update_organization', () => {
  it('puts only the changes', async () => {
    zendesk()
      .put('/api/v2/organizations/9', { organization: { notes: 'Renewed', domain_names: ['new.com'] } })
      .reply(200, { organization: organization(9, { notes: 'Renewed', domain_names: ['new.com'] }) });
    const result = await executeTool('zendesk_update_organization', { ...credentials, organizationId: '9', notes: 'Renewed', domainNames: 'new.com', details: '' });
    expect(result).toMatchObject({ success: true, output: { organization_id: 9, organization: { notes: 'Renewed' } } });
    if (result.success) expectValidOutput('zendesk_update_organization', result.output);
  });

  it('requires at least one change, sending nothing', async () => {
    await expectRefused('zendesk_update_organization', { ...credentials, organizationId: '9' }, undefined, 'Nothing to change');
  });
});

describe('zendesk_delete_organization', () => {
  it('answers deleted with the id as a string on 204', async () => {
    zendesk().delete('/api/v2/organizations/31').reply(204);
    const result = await executeTool('zendesk_delete_organization', { ...credentials, organizationId: '31' });
    expect(result).toEqual({ success: true, output: { deleted: true, organization_id: '31' } });
    if (result.success) expectValidOutput('zendesk_delete_organization', result.output);
  });
});

describe('error mapping', () => {
  it.each([
    ['zendesk_get_organizations', {}, 'get', '/api/v2/organizations', 401, { error: "Couldn't authenticate you" }, 'unauthorized', "Couldn't authenticate you"],
    ['zendesk_get_organization', { organizationId: '8' }, 'get', '/api/v2/organizations/8', 404, { error: 'RecordNotFound', description: 'Not found' }, 'not_found', 'RecordNotFound: Not found'],
    ['zendesk_delete_organization', { organizationId: '8' }, 'delete', '/api/v2/organizations/8', 404, { error: 'RecordNotFound', description: 'Not found' }, 'not_found', 'Not found'],
    ['zendesk_update_organization', { organizationId: '8', name: 'X' }, 'put', '/api/v2/organizations/8', 500, { error: 'InternalError' }, 'server_error', 'InternalError'],
    [
      'zendesk_autocomplete_organizations',
      { name: 'a' },
      'get',
      '/api/v2/organizations/autocomplete',
      400,
      { errors: [{ code: 'QueryError', title: 'Invalid query', detail: 'name is too short' }] },
      'bad_request',
      'Invalid query: name is too short',
    ],
  ] as const)('%s maps %s %s %s → %i', async (toolId, params, method, path, status, body, code, text) => {
    zendesk()[method](path).query(true).reply(status, body);
    await expectMappedError(toolId, { ...credentials, ...params }, status, code, text);
  });

  // Last of the requests in this file: the account pacer then holds requests for Retry-After.
  it('maps 429 to rate_limited with retryAfter', async () => {
    zendesk().get('/api/v2/organizations/autocomplete').query(true).reply(429, 'slow down', { 'Retry-After': '3' });
    const result = await executeTool('zendesk_autocomplete_organizations', { ...credentials, name: 'ac' }, NO_RETRY);
    expect(result).toMatchObject({ success: false, error: { code: 'rate_limited', status: 429, retryAfter: 3 } });
  });
});

describe('bad input sends nothing', () => {
  const base = { ...credentials, organizationId: '1', name: 'Acme', organizations: '[{"name": "A"}]' };

  it.each([
    ['zendesk_get_organization', 'organizationId', 'acme', 'numeric id'],
    ['zendesk_delete_organization', 'organizationId', '3;DROP', 'numeric id'],
    ['zendesk_update_organization', 'organizationId', '1.5', 'numeric id'],
    ['zendesk_get_organizations', 'perPage', '0', 'between 1 and 100'],
    ['zendesk_autocomplete_organizations', 'perPage', '101', 'between 1 and 100'],
    ['zendesk_autocomplete_organizations', 'page', '0', 'at least 1'],
    ['zendesk_create_organization', 'domainNames', ', ,', 'at least one'],
    ['zendesk_create_organization', 'tags', [['nested']], 'comma-separated words'],
    ['zendesk_create_organization', 'customFields', '{tier: gold}', 'not valid JSON'],
    ['zendesk_create_organization', 'customFields', '["tier"]', 'JSON object'],
    ['zendesk_update_organization', 'customFields', '[{"tier": "gold"}]', 'JSON object'],
    ['zendesk_create_organizations_bulk', 'organizations', '{"name": "A"}', 'JSON array'],
    ['zendesk_create_organizations_bulk', 'organizations', '"A, B"', 'JSON array'],
    ['zendesk_get_organizations', 'name', 'Acme', 'Unknown param'],
  ])('%s refuses %s=%j', async (toolId, param, value, text) => {
    await expectRefused(toolId, paramsFor(toolId, base, { [param]: value }), param, text);
  });

  it.each([
    ['zendesk_get_organization', 'organizationId'],
    ['zendesk_update_organization', 'organizationId'],
    ['zendesk_delete_organization', 'organizationId'],
    ['zendesk_create_organization', 'name'],
    ['zendesk_autocomplete_organizations', 'name'],
    ['zendesk_create_organizations_bulk', 'organizations'],
  ])('%s names the missing required %s', async (toolId, param) => {
    await expectMissingRequired(toolId, paramsFor(toolId, base), param);
  });
});
