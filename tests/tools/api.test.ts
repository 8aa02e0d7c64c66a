/** zendesk_api_request: any endpoint under /api/v2 of the account, and nothing outside it. */
import { createZendeskBlockManifest } from '../../blocks';
import { allTools, executeTool, getTool } from '../../catalog';
import type { FetchLike } from '../../lib/transport';
import { apiPathSegments } from '../../tools/api/api-request';
import { credentials, expectRefused, expectValidOutput, NO_RETRY, useNock, zendesk } from '../helpers';

useNock();

const ID = 'zendesk_api_request';

describe('zendesk_api_request: the request it sends', () => {
  it('GETs a path given with /api/v2, with its query', async () => {
    zendesk().get('/api/v2/ticket_fields').query({ 'page[size]': '10', active: 'true' }).reply(200, { ticket_fields: [{ id: 1, title: 'Order' }] });
    const result = await executeTool(ID, { ...credentials, method: 'GET', path: '/api/v2/ticket_fields', query: '{"page[size]": 10, "active": true}' });
    expect(result).toEqual({ success: true, output: { status: 200, body: { ticket_fields: [{ id: 1, title: 'Order' }] } } });
    if (result.success) expectValidOutput(ID, result.output);
  });

  it('takes a path relative to /api/v2, sends lists comma-separated and a body as JSON', async () => {
    zendesk()
      .post('/api/v2/tickets/123/tags', { tags: ['vip'] })
      .query({ ids: '1,2' })
      .matchHeader('content-type', 'application/json')
      .reply(201, { tags: ['vip'] });
    const result = await executeTool(ID, { ...credentials, method: 'POST', path: 'tickets/123/tags', query: { ids: [1, 2] }, body: { tags: ['vip'] } });
    expect(result).toMatchObject({ success: true, output: { status: 201, body: { tags: ['vip'] } } });
  });

  it('reports a 204 with a null body', async () => {
    zendesk().delete('/api/v2/ticket_fields/9').reply(204);
    expect(await executeTool(ID, { ...credentials, method: 'DELETE', path: '/ticket_fields/9' })).toEqual({ success: true, output: { status: 204, body: null } });
  });

  it('never replays a write whose answer was lost', async () => {
    let calls = 0;
    const lostAnswer: FetchLike = async () => {
      calls += 1;
      throw Object.assign(new Error('ECONNRESET: socket hang up'), { code: 'ECONNRESET' });
    };
    const result = await executeTool(ID, { ...credentials, method: 'PUT', path: 'tickets/5', body: '{"ticket": {"status": "open"}}' }, { fetch: lostAnswer });
    expect(result).toMatchObject({ success: false, error: { code: 'unknown_outcome' } });
    expect(calls).toBe(1);
  });

  it('maps Zendesk errors like every operation, without the token', async () => {
    zendesk().get('/api/v2/nope').reply(404, { error: 'InvalidEndpoint', description: 'Not found' });
    const result = await executeTool(ID, { ...credentials, method: 'GET', path: 'nope' }, NO_RETRY);
    expect(result).toMatchObject({ success: false, error: { code: 'not_found', status: 404 } });
    expect(JSON.stringify(result)).not.toContain(credentials.apiToken);
  });
});

describe('zendesk_api_request: paths that would leave /api/v2 of the account are refused before any request', () => {
  it.each([
    ['../users/me', 'segments'],
    ['/api/v2/../../admin', 'segments'],
    ['tickets/./1', 'segments'],
    ['tickets//1', 'empty segment'],
    ['//evil.example.com/api/v2/users', 'not a URL'],
    ['https://evil.example.com/api/v2/users', 'not a URL'],
    ['https://other.zendesk.com/api/v2/users/me', 'not a URL'],
    ['http:tickets', 'not a URL'],
    ['javascript:alert(1)', 'not a URL'],
    ['%2e%2e/users', 'percent-encoded'],
    ['tickets/%2F..%2Fusers', 'percent-encoded'],
    ['tickets/1?role=admin', 'query'],
    ['tickets#x', 'query'],
    ['tickets\\..\\users', 'backslashes'],
    ['tickets/1 /x', 'spaces'],
    ['/api/v2', 'names no endpoint'],
    ['tickets/<script>', 'characters'],
  ])('%j', async (path, text) => {
    await expectRefused(ID, { ...credentials, method: 'GET', path }, 'path', text);
  });

  it('refuses a body on GET, and query values Zendesk cannot read', async () => {
    await expectRefused(ID, { ...credentials, method: 'GET', path: 'tickets', body: '{"a": 1}' }, 'body');
    await expectRefused(ID, { ...credentials, method: 'GET', path: 'tickets', query: '{"filter": {"deep": 1}}' }, 'query');
    await expectRefused(ID, { ...credentials, method: 'TRACE', path: 'tickets' }, 'method');
  });

  it('keeps only the segments under /api/v2', () => {
    expect(apiPathSegments('/api/v2/tickets/123/comments.json')).toEqual({ segments: ['tickets', '123', 'comments.json'] });
    expect(apiPathSegments('api/v2/users/me/')).toEqual({ segments: ['users', 'me'] });
    expect(apiPathSegments('custom_objects/car:model/records')).toEqual({ segments: ['custom_objects', 'car:model', 'records'] });
  });
});

describe('read-only mode', () => {
  it('runs a GET and refuses every other method with no request', async () => {
    zendesk().get('/api/v2/groups').reply(200, { groups: [] });
    expect(await executeTool(ID, { ...credentials, method: 'GET', path: 'groups' }, { readOnly: true })).toMatchObject({ success: true });
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) {
      const result = await executeTool(ID, { ...credentials, method, path: 'groups/1' }, { readOnly: true });
      expect(result).toMatchObject({ success: false, error: { code: 'forbidden' } });
    }
  });

  it('refuses every operation that changes data, and runs those that do not', async () => {
    expect(await executeTool('zendesk_delete_ticket', { ...credentials, ticketId: '1' }, { readOnly: true })).toMatchObject({ success: false, error: { code: 'forbidden' } });
    zendesk().get('/api/v2/tickets/1').reply(200, { ticket: { id: 1 } });
    expect(await executeTool('zendesk_get_ticket', { ...credentials, ticketId: '1' }, { readOnly: true })).toMatchObject({ success: true });
  });
});

describe('a read-only block', () => {
  const manifest = createZendeskBlockManifest(allTools, undefined, { readOnly: true });
  const operations = manifest.block.subBlocks.find((f) => f.id === 'operation')!.options!.map((o) => o.id);

  it('offers the operations that read, and those that read with some params: the raw request, offboarding\'s dry run', () => {
    expect(operations).toContain('zendesk_get_ticket');
    expect(operations).toContain(ID);
    expect(operations).toContain('zendesk_offboard_user');
    expect(operations).not.toContain('zendesk_delete_ticket');
    expect(operations.filter((id) => !getTool(id)!.hints.readOnly).sort()).toEqual([ID, 'zendesk_offboard_user'].sort());
  });

  it('runs a GET through the raw request and refuses a write, with no request sent', async () => {
    zendesk().get('/api/v2/brands').reply(200, { brands: [] });
    const base = { ...credentials, operation: ID, apiPath: 'brands' };
    expect(await manifest.execute({ ...base, apiMethod: 'GET' })).toMatchObject({ success: true, output: { status: 200 } });
    expect(await manifest.execute({ ...base, apiMethod: 'DELETE' })).toMatchObject({ success: false, error: { code: 'forbidden' } });
    expect(await manifest.execute({ ...base, operation: 'zendesk_delete_ticket', ticketId: '1' })).toMatchObject({ success: false, error: { code: 'unknown_tool' } });
  });
});
