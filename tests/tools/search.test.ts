import { executeTool } from '../../catalog';
import { exportQuery, queryTerms, searchTool } from '../../tools/search/search';
import { credentials, expectMappedError, expectRefused, expectValidOutput, NO_RETRY, useNock, zendesk } from '../helpers';

useNock();

describe('queryTerms', () => {
  it('splits on whitespace outside quotes only', () => {
    expect(queryTerms('  status:open   subject:"printer on fire" -tags:spam "type:user here" ')).toEqual([
      'status:open',
      'subject:"printer on fire"',
      '-tags:spam',
      '"type:user here"',
    ]);
  });
});

describe('exportQuery (the type: term of a search export)', () => {
  it.each([
    ['status:open', 'ticket', 'status:open'],
    ['status:open  priority:high', 'ticket', 'status:open  priority:high'], // nothing removed: sent as written
    ['type:ticket status:open', 'ticket', 'status:open'],
    ['status:open TYPE:Ticket priority:high', 'ticket', 'status:open priority:high'],
    ['role:agent type:"user"', 'user', 'role:agent'],
    ['type:organization type:organization acme', 'organization', 'acme'],
    ['-type:user status:open', 'ticket', 'status:open'],
    ['ticket_type:incident', 'ticket', 'ticket_type:incident'],
    ['subject:"type:user" status:new', 'ticket', 'subject:"type:user" status:new'],
    ['"type:user" status:new', 'ticket', '"type:user" status:new'],
    ['mytype:user', 'ticket', 'mytype:user'],
  ])('%j with filterType %s → %j', (query, filterType, sent) => {
    expect(exportQuery(query, filterType)).toEqual({ query: sent });
  });

  it.each([
    ['type:user status:open', 'ticket', 'asks for users while filterType=ticket'],
    ['status:open Type:Group', 'ticket', 'asks for groups while filterType=ticket'],
    ['-type:ticket status:open', 'ticket', 'excludes tickets'],
    ['type:tickets status:open', 'ticket', '"tickets" is not a type'],
    ['type:article hello', 'ticket', '"article" is not a type'],
    ['type: hello', 'ticket', 'is not a type'],
    ['type:ticket', 'ticket', 'nothing but a "type:" term'],
    ['type:user  -type:ticket', 'user', 'nothing but a "type:" term'],
  ])('%j with filterType %s is refused: %s', (query, filterType, text) => {
    const resolved = exportQuery(query, filterType);
    expect(resolved).toMatchObject({ problem: { param: 'query' } });
    expect('problem' in resolved && resolved.problem.message).toContain(text);
  });

  it('is what the definition checks and requests', () => {
    const params = { ...credentials, query: 'type:user role:admin', filterType: 'user', perPage: 100 };
    expect(searchTool.check!(params)).toBeUndefined();
    expect(searchTool.request!(params)).toEqual({
      method: 'GET',
      path: ['search', 'export'],
      query: { query: 'role:admin', 'filter[type]': 'user', 'page[size]': 100, 'page[after]': undefined },
    });
    expect(searchTool.check!({ ...params, filterType: 'group' })).toMatchObject({ param: 'query' });
    expect(() => searchTool.request!({ ...params, filterType: 'group' })).toThrow('type:user');
  });
});

describe('zendesk_search', () => {
  it('calls the search export with filter[type], page[size] and page[after]', async () => {
    zendesk()
      .get('/api/v2/search/export')
      .query({ query: 'status:open created>2024-01-01', 'filter[type]': 'ticket', 'page[size]': '50', 'page[after]': 'c1' })
      .reply(200, {
        results: [{ id: 1, subject: 'A', result_type: 'ticket' }, { id: 2, subject: 'B', result_type: 'ticket' }],
        meta: { has_more: true, after_cursor: 'c2', before_cursor: null },
        links: { prev: null, next: 'https://acme.zendesk.com/api/v2/search/export?page[after]=c2' },
      });
    const result = await executeTool('zendesk_search', { ...credentials, query: 'status:open created>2024-01-01', filterType: 'ticket', perPage: '50', pageAfter: 'c1' });
    expect(result).toMatchObject({
      success: true,
      output: {
        results: [{ id: 1, result_type: 'ticket' }, { id: 2 }],
        paging: { after_cursor: 'c2', has_more: true, next_page: 'https://acme.zendesk.com/api/v2/search/export?page[after]=c2' },
        metadata: { total_returned: 2, has_more: true },
      },
    });
    if (result.success) expectValidOutput('zendesk_search', result.output);
  });

  it('drops a type: term equal to filterType and sends exactly the rest', async () => {
    zendesk()
      .get('/api/v2/search/export')
      .query({ query: 'role:agent name:"Jane Doe"', 'filter[type]': 'user', 'page[size]': '100' })
      .reply(200, { results: [{ id: 9, name: 'Jane Doe', result_type: 'user' }], meta: { has_more: false, after_cursor: null }, links: { next: null } });
    const result = await executeTool('zendesk_search', { ...credentials, query: 'Type:USER role:agent name:"Jane Doe"', filterType: 'user' });
    expect(result).toMatchObject({ success: true, output: { results: [{ id: 9 }], paging: { has_more: false, after_cursor: null } } });
    if (result.success) expectValidOutput('zendesk_search', result.output);
  });

  it.each([
    ['type:user status:open', 'ticket'],
    ['status:open type:widget', 'ticket'],
    ['-type:organization', 'organization'],
    ['type:group', 'group'],
  ])('refuses %j with filterType %s on query, sending nothing', async (query, filterType) => {
    await expectRefused('zendesk_search', { ...credentials, query, filterType }, 'query', 'filterType');
  });

  it('ends on an empty page even when the cursor says more', async () => {
    zendesk().get('/api/v2/search/export').query(true).reply(200, { results: [], meta: { has_more: true, after_cursor: 'zz' } });
    const result = await executeTool('zendesk_search', { ...credentials, query: 'acme', filterType: 'organization' });
    expect(result).toMatchObject({ success: true, output: { results: [], paging: { has_more: false, after_cursor: null } } });
  });
});

describe('zendesk_search_count', () => {
  it('asks /search/count and answers count', async () => {
    zendesk().get('/api/v2/search/count').query({ query: 'type:ticket status:open' }).reply(200, { count: 1234 });
    const result = await executeTool('zendesk_search_count', { ...credentials, query: 'type:ticket status:open' });
    expect(result).toEqual({ success: true, output: { count: 1234 } });
    if (result.success) expectValidOutput('zendesk_search_count', result.output);
  });

  it('answers 0 as 0, not null', async () => {
    zendesk().get('/api/v2/search/count').query({ query: 'nothing-matches' }).reply(200, { count: 0 });
    const result = await executeTool('zendesk_search_count', { ...credentials, query: 'nothing-matches' });
    expect(result).toEqual({ success: true, output: { count: 0 } });
  });
});

describe('error mapping', () => {
  it.each([
    ['zendesk_search', { query: 'status:open', filterType: 'ticket' }, '/api/v2/search/export', 401, { error: "Couldn't authenticate you" }, 'unauthorized', "Couldn't authenticate you"],
    ['zendesk_search_count', { query: 'status:open' }, '/api/v2/search/count', 500, { error: 'InternalError' }, 'server_error', 'InternalError'],
    [
      'zendesk_search',
      { query: 'created>yesterday-ish', filterType: 'ticket' },
      '/api/v2/search/export',
      422,
      { error: 'invalid', description: 'Invalid search: the date is not valid' },
      'validation_failed',
      'invalid: Invalid search: the date is not valid',
    ],
    ['zendesk_search_count', { query: 'x' }, '/api/v2/search/count', 404, { error: 'RecordNotFound', description: 'Not found' }, 'not_found', 'RecordNotFound'],
  ] as const)('%s maps %s %s → %i', async (toolId, params, path, status, body, code, text) => {
    zendesk().get(path).query(true).reply(status, body);
    await expectMappedError(toolId, { ...credentials, ...params }, status, code, text);
  });

  // Last of the requests in this file: the account pacer then holds requests for Retry-After.
  it('maps 429 on the export to rate_limited with retryAfter', async () => {
    zendesk().get('/api/v2/search/export').query(true).reply(429, 'Too Many Requests', { 'Retry-After': '30' });
    const result = await executeTool('zendesk_search', { ...credentials, query: 'a', filterType: 'user' }, NO_RETRY);
    expect(result).toMatchObject({ success: false, error: { code: 'rate_limited', status: 429, retryAfter: 30 } });
  });
});

describe('bad input sends nothing', () => {
  it.each([
    ['zendesk_search', { query: 'a', filterType: 'tickets' }, 'filterType', 'must be one of: ticket, user, organization, group'],
    ['zendesk_search', { query: 'a', filterType: 'ticket', perPage: '0' }, 'perPage', 'between 1 and 100'],
    ['zendesk_search', { query: 'a', filterType: 'ticket', perPage: '101' }, 'perPage', 'between 1 and 100'],
    ['zendesk_search', { query: 'a' }, 'filterType', 'filterType is required'],
    ['zendesk_search', { filterType: 'ticket' }, 'query', 'query is required'],
    ['zendesk_search', { query: '  ', filterType: 'ticket' }, 'query', 'query is required'],
    ['zendesk_search', { query: 'a', filterType: 'ticket', sort: 'asc' }, 'sort', 'Unknown param'],
    ['zendesk_search_count', {}, 'query', 'query is required'],
    ['zendesk_search_count', { query: 'a', filterType: 'ticket' }, 'filterType', 'Unknown param'],
  ])('%s with %j refuses %s', async (toolId, params, param, text) => {
    await expectRefused(toolId, { ...credentials, ...params }, param, text);
  });
});
