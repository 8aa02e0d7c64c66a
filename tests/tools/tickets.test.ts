import { executeTool } from '../../catalog';
import { credentials, expectMappedError, expectMissingRequired, expectRefused, expectValidOutput, NO_RETRY, paramsFor, useNock, zendesk } from '../helpers';

const ticket = (id: number, extra: Record<string, unknown> = {}) => ({ id, subject: `Ticket ${id}`, status: 'open', tags: ['billing'], ...extra });
const job = (id = 'f00dcafe') => ({ job_status: { id, url: `https://acme.zendesk.com/api/v2/job_statuses/${id}.json`, status: 'queued', total: null, progress: null, results: null } });

useNock();

describe('zendesk_get_tickets', () => {
  it('lists with cursor paging and sort when no filter is given', async () => {
    zendesk()
      .get('/api/v2/tickets')
      .query({ 'page[size]': '25', 'page[after]': 'abc', sort: '-updated_at' })
      .reply(200, { tickets: [ticket(1), ticket(2)], meta: { has_more: true, after_cursor: 'xyz', before_cursor: 'abc' }, links: { next: 'https://acme.zendesk.com/api/v2/tickets?page[after]=xyz' } });
    const result = await executeTool('zendesk_get_tickets', { ...credentials, perPage: '25', pageAfter: 'abc', sort: '-updated_at' });
    expect(result.success).toBe(true);
    if (!result.success) return;
    expect(result.output.tickets.map((t: { id: number | null }) => t.id)).toEqual([1, 2]);
    expect(result.output.paging).toEqual({ after_cursor: 'xyz', has_more: true, next_page: 'https://acme.zendesk.com/api/v2/tickets?page[after]=xyz' });
    expect(result.output.metadata).toEqual({ total_returned: 2, has_more: true });
    expectValidOutput('zendesk_get_tickets', result.output);
  });

  it('defaults to 100 per page', async () => {
    zendesk().get('/api/v2/tickets').query({ 'page[size]': '100' }).reply(200, { tickets: [], meta: { has_more: false } });
    const result = await executeTool('zendesk_get_tickets', credentials);
    expect(result).toMatchObject({ success: true, output: { tickets: [], paging: { has_more: false, after_cursor: null, next_page: null } } });
  });

  it('uses the search export with a query built from the filters', async () => {
    zendesk()
      .get('/api/v2/search/export')
      .query({ query: 'status:open priority:high ticket_type:incident assignee_id:77 organization_id:88', 'filter[type]': 'ticket', 'page[size]': '100' })
      .reply(200, { results: [ticket(5)], meta: { has_more: false, after_cursor: null }, links: { next: null } });
    const result = await executeTool('zendesk_get_tickets', { ...credentials, status: 'open', priority: 'high', type: 'incident', assigneeId: '77', organizationId: '88' });
    expect(result.success && result.output.tickets[0].id).toBe(5);
    if (result.success) expectValidOutput('zendesk_get_tickets', result.output);
  });

  it('refuses sort together with a filter instead of ignoring it', async () => {
    const result = await executeTool('zendesk_get_tickets', { ...credentials, status: 'open', sort: 'id' });
    expect(result).toMatchObject({ success: false, error: { code: 'invalid_input', param: 'sort' } });
  });

  it('ends the list on an empty page even when the cursor says more', async () => {
    zendesk().get('/api/v2/tickets').query(true).reply(200, { tickets: [], meta: { has_more: true, after_cursor: 'zzz' } });
    const result = await executeTool('zendesk_get_tickets', credentials);
    expect(result.success && result.output.paging.has_more).toBe(false);
  });
});

describe('zendesk_get_ticket', () => {
  it('fetches one ticket, filling undocumented-absent keys with null and keeping extras', async () => {
    zendesk().get('/api/v2/tickets/12345').reply(200, { ticket: ticket(12345, { brand_new_field: 'kept' }) });
    const result = await executeTool('zendesk_get_ticket', { ...credentials, ticketId: '12345' });
    expect(result.success).toBe(true);
    if (!result.success) return;
    expect(result.output.ticket_id).toBe(12345);
    expect(result.output.ticket.assignee_id).toBeNull();
    expect(result.output.ticket.via).toBeNull();
    expect(result.output.ticket.brand_new_field).toBe('kept');
    expectValidOutput('zendesk_get_ticket', result.output);
  });

  it('accepts an id already typed as a number', async () => {
    zendesk().get('/api/v2/tickets/7').reply(200, { ticket: ticket(7) });
    expect((await executeTool('zendesk_get_ticket', { ...credentials, ticketId: 7 })).success).toBe(true);
  });
});

describe('zendesk_create_ticket', () => {
  it('sends the description as the first comment, a derived subject, custom fields as {id, value} and an idempotency key', async () => {
    let key = '';
    zendesk()
      .matchHeader('content-type', 'application/json')
      .matchHeader('idempotency-key', (value) => ((key = value), /^[0-9a-f-]{36}$/.test(value)))
      .post('/api/v2/tickets', {
        ticket: {
          subject: 'The printer is on fire',
          priority: 'urgent',
          tags: ['hardware', 'fire'],
          requester_id: 42,
          custom_fields: [{ id: 360001, value: 'gold' }, { id: 360002, value: true }],
          comment: { body: 'The printer is on fire\nPlease send help.' },
        },
      })
      .reply(201, { ticket: ticket(99), audit: { id: 1 } }, { Location: 'https://acme.zendesk.com/api/v2/tickets/99.json' });
    const result = await executeTool('zendesk_create_ticket', {
      ...credentials,
      description: 'The printer is on fire\nPlease send help.',
      priority: 'urgent',
      tags: 'hardware, fire, ,hardware',
      requesterId: '42',
      customFields: '{"360001": "gold", "360002": true}',
    });
    expect(result).toMatchObject({ success: true, output: { ticket_id: 99 } });
    expect(key).not.toBe('');
    if (result.success) expectValidOutput('zendesk_create_ticket', result.output);
  });

  it('accepts custom fields as an array of {id, value} and a caller-supplied idempotency key', async () => {
    zendesk()
      .matchHeader('idempotency-key', 'my-key-1')
      .post('/api/v2/tickets', (body) => JSON.stringify(body.ticket.custom_fields) === '[{"id":5,"value":"x"}]' && body.ticket.subject === 'Hi')
      .reply(201, { ticket: ticket(100) });
    const result = await executeTool(
      'zendesk_create_ticket',
      { ...credentials, subject: 'Hi', description: 'Body', customFields: [{ id: 5, value: 'x' }] },
      { idempotencyKey: 'my-key-1' },
    );
    expect(result.success).toBe(true);
  });

  it('refuses custom fields whose keys are not numeric field ids', async () => {
    const result = await executeTool('zendesk_create_ticket', { ...credentials, description: 'x', customFields: '{"plan": "gold"}' });
    expect(result).toMatchObject({ success: false, error: { code: 'invalid_input', param: 'customFields' } });
  });

  it('maps 422 field details into the message', async () => {
    zendesk()
      .post('/api/v2/tickets')
      .reply(422, { error: 'RecordInvalid', description: 'Record validation errors', details: { requester_id: [{ description: 'Requester: is invalid', error: 'InvalidValue' }] } });
    const result = await executeTool('zendesk_create_ticket', { ...credentials, description: 'x', requesterId: '5' }, NO_RETRY);
    expect(result).toMatchObject({ success: false, error: { code: 'validation_failed', status: 422 } });
    expect(!result.success && result.error.message).toContain('requester_id: is invalid');
  });
});

describe('zendesk_update_ticket', () => {
  it('sends only the changes, with the comment appended publicly', async () => {
    zendesk()
      .put('/api/v2/tickets/12', { ticket: { status: 'pending', tags: ['a', 'b'], assignee_id: 9, comment: { body: 'On it', public: true } } })
      .reply(200, { ticket: ticket(12, { status: 'pending' }), audit: {} });
    const result = await executeTool('zendesk_update_ticket', { ...credentials, ticketId: '12', status: 'pending', tags: 'a,b', assigneeId: '9', comment: 'On it' });
    expect(result).toMatchObject({ success: true, output: { ticket_id: 12, ticket: { status: 'pending' } } });
    if (result.success) expectValidOutput('zendesk_update_ticket', result.output);
  });

  it('requires at least one change', async () => {
    const result = await executeTool('zendesk_update_ticket', { ...credentials, ticketId: '12' });
    expect(result).toMatchObject({ success: false, error: { code: 'invalid_input' } });
    expect(!result.success && result.error.message).toContain('Nothing to change');
  });
});

describe('zendesk_delete_ticket', () => {
  it('answers deleted with the id as a string on 204', async () => {
    zendesk().delete('/api/v2/tickets/55').reply(204);
    const result = await executeTool('zendesk_delete_ticket', { ...credentials, ticketId: '55' });
    expect(result).toEqual({ success: true, output: { deleted: true, ticket_id: '55' } });
    if (result.success) expectValidOutput('zendesk_delete_ticket', result.output);
  });
});

describe('zendesk_create_tickets_bulk', () => {
  it('posts the tickets, turning a description into the first comment', async () => {
    zendesk()
      .post('/api/v2/tickets/create_many', { tickets: [{ subject: 'A', comment: { body: 'a' } }, { subject: 'B', comment: { body: 'b' } }] })
      .reply(200, job('c0ffee'));
    const result = await executeTool('zendesk_create_tickets_bulk', { ...credentials, tickets: '[{"subject":"A","comment":{"body":"a"}},{"subject":"B","description":"b"}]' });
    expect(result).toMatchObject({ success: true, output: { job_id: 'c0ffee', job_status: { status: 'queued' } } });
    if (result.success) expectValidOutput('zendesk_create_tickets_bulk', result.output);
  });

  it('refuses an element that is not a ticket object', async () => {
    const result = await executeTool('zendesk_create_tickets_bulk', { ...credentials, tickets: '[{"subject":"A","comment":{"body":"a"}}, 5]' });
    expect(result).toMatchObject({ success: false, error: { code: 'invalid_input', param: 'tickets' } });
    expect(!result.success && result.error.message).toContain('item 2');
  });
});

describe('zendesk_update_tickets_bulk', () => {
  it('adds tags with additional_tags on update_many, never replacing them', async () => {
    zendesk()
      .put('/api/v2/tickets/update_many', { ticket: { status: 'solved', additional_tags: ['triaged', 'vip'] } })
      .query({ ids: '111,222,333' })
      .reply(200, job());
    const result = await executeTool('zendesk_update_tickets_bulk', { ...credentials, ticketIds: '111, 222,333,222', status: 'solved', tags: 'triaged, vip' });
    expect(result).toMatchObject({ success: true, output: { job_id: 'f00dcafe' } });
    if (result.success) expectValidOutput('zendesk_update_tickets_bulk', result.output);
  });

  it('requires a change', async () => {
    const result = await executeTool('zendesk_update_tickets_bulk', { ...credentials, ticketIds: '1,2' });
    expect(result).toMatchObject({ success: false, error: { code: 'invalid_input' } });
  });
});

describe('zendesk_merge_tickets', () => {
  it('posts ids and a string target_comment to the target', async () => {
    zendesk().post('/api/v2/tickets/10/merge', { ids: [11, 12], target_comment: 'Merged duplicates' }).reply(200, job('abc'));
    const result = await executeTool('zendesk_merge_tickets', { ...credentials, targetTicketId: '10', sourceTicketIds: '11,12', targetComment: 'Merged duplicates' });
    expect(result).toMatchObject({ success: true, output: { job_id: 'abc', target_ticket_id: '10' } });
    if (result.success) expectValidOutput('zendesk_merge_tickets', result.output);
  });

  it('refuses a source equal to the target', async () => {
    const result = await executeTool('zendesk_merge_tickets', { ...credentials, targetTicketId: '10', sourceTicketIds: '11, 10' });
    expect(result).toMatchObject({ success: false, error: { code: 'invalid_input', param: 'sourceTicketIds' } });
  });
});

describe('error mapping', () => {
  const call = () => executeTool('zendesk_get_ticket', { ...credentials, ticketId: '1' }, NO_RETRY);

  it.each([
    [401, { error: "Couldn't authenticate you" }, 'unauthorized', "Couldn't authenticate you"],
    [404, { error: 'RecordNotFound', description: 'Not found' }, 'not_found', 'RecordNotFound: Not found'],
    [500, { error: 'InternalError' }, 'server_error', 'InternalError'],
    [403, { errors: [{ code: 'Forbidden', title: 'Forbidden', detail: 'No access to this ticket' }] }, 'forbidden', 'Forbidden: No access to this ticket'],
  ])('maps %i', async (status, body, code, text) => {
    zendesk().get('/api/v2/tickets/1').reply(status, body);
    await expectMappedError('zendesk_get_ticket', { ...credentials, ticketId: '1' }, status, code, text);
  });

  it('maps 429 to rate_limited with retryAfter', async () => {
    zendesk().get('/api/v2/tickets/1').reply(429, 'Too Many Requests', { 'Retry-After': '7' });
    const result = await call();
    expect(result).toMatchObject({ success: false, error: { code: 'rate_limited', status: 429, retryAfter: 7 } });
  });
});

describe('bad input sends nothing', () => {
  const base = { ...credentials, ticketId: '1', ticketIds: '1', description: 'x', tickets: '[{"comment":{"body":"x"}}]', status: 'open' };
  it.each([
    ['subdomain', 'evil.com#'],
    ['subdomain', 'a.b'],
    ['subdomain', 'x/y'],
    ['subdomain', 'user@host'],
    ['subdomain', 'my company'],
    ['subdomain', '-acme'],
    ['ticketId', '1/../../users/5'],
    ['ticketId', '12abc'],
    ['ticketId', '-3'],
    ['ticketId', '99999999999999999999'],
  ])('refuses %s=%j', async (param, value) => {
    await expectRefused('zendesk_get_ticket', { ...credentials, ticketId: '1', [param]: value }, param);
  });

  it.each([
    ['zendesk_get_tickets', 'status', 'opened', 'must be one of'],
    ['zendesk_get_tickets', 'perPage', '101', 'between 1 and 100'],
    ['zendesk_get_tickets', 'perPage', 'ten', 'whole number'],
    ['zendesk_get_tickets', 'assigneeId', 'me', 'numeric id'],
    ['zendesk_update_tickets_bulk', 'ticketIds', '1, two, 3', 'numeric ids'],
    ['zendesk_update_tickets_bulk', 'tags', ' , ,', 'at least one'],
    ['zendesk_create_ticket', 'customFields', '{"360001": ', 'not valid JSON'],
    ['zendesk_create_ticket', 'customFields', '"gold"', 'JSON object'],
    ['zendesk_create_tickets_bulk', 'tickets', '{"subject": "x"}', 'JSON array'],
    ['zendesk_create_tickets_bulk', 'tickets', '[]', 'at least one item'],
    ['zendesk_get_ticket', 'unknownThing', 'x', 'Unknown param'],
  ])('%s refuses %s=%j', async (toolId, param, value, text) => {
    await expectRefused(toolId, paramsFor(toolId, base, { [param]: value }), param, text);
  });

  it('names a missing required param', async () => {
    await expectMissingRequired('zendesk_get_ticket', credentials, 'ticketId');
  });

  it('says which credential is missing and never echoes the token', async () => {
    const result = await executeTool('zendesk_get_ticket', { subdomain: 'acme', apiToken: 'secret-token-123', ticketId: '1' });
    expect(result).toMatchObject({ success: false, error: { code: 'invalid_input', param: 'email' } });
    expect(JSON.stringify(result)).not.toContain('secret-token-123');
  });

});
