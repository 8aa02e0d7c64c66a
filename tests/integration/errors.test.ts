/** Error paths against the sandbox over HTTP: 401, 404, 422, 429, refusals before any request, and OAuth. */
import {
  auth,
  endUser,
  err,
  ok,
  organizations,
  run,
  sandbox,
  tickets,
  useIntegrationSandbox,
} from './harness';
useIntegrationSandbox();

describe('errors against the sandbox', () => {
  it('401: a wrong token is unauthorized, and the token never shows', async () => {
    const wrong = { ...auth, apiToken: 'not-the-right-token' };
    for (const toolId of ['zendesk_get_current_user', 'zendesk_get_tickets', 'zendesk_create_ticket']) {
      const error = err(await run(toolId, toolId === 'zendesk_create_ticket' ? { description: 'x' } : {}, { retry: { maxAttempts: 1 } }, wrong));
      expect(error).toMatchObject({ code: 'unauthorized', status: 401 });
      expect(error.message).toMatch(/Couldn't authenticate you/);
      expect(JSON.stringify(error)).not.toContain('not-the-right-token');
    }
  });

  it('404: unknown ticket, user and organization ids are not_found', async () => {
    for (const [toolId, params] of [
      ['zendesk_get_ticket', { ticketId: '9999999' }],
      ['zendesk_update_ticket', { ticketId: '9999999', comment: 'anyone there?' }],
      ['zendesk_delete_ticket', { ticketId: '9999999' }],
      ['zendesk_get_user', { userId: '360000999999' }],
      ['zendesk_update_user', { userId: '360000999999', name: 'Nobody' }],
      ['zendesk_delete_user', { userId: '360000999999' }],
      ['zendesk_get_organization', { organizationId: '360000599999' }],
      ['zendesk_update_organization', { organizationId: '360000599999', notes: 'x' }],
      ['zendesk_delete_organization', { organizationId: '360000599999' }],
    ] as const) {
      const error = err(await run(toolId, params));
      expect({ toolId, code: error.code, status: error.status }).toEqual({ toolId, code: 'not_found', status: 404 });
      expect(error.message).toMatch(/RecordNotFound/);
    }
  });

  it('422: a duplicate user email, with the field in the message', async () => {
    const taken = endUser().email!;
    const before = sandbox.state.users.size;
    const error = err(await run('zendesk_create_user', { name: 'Second Copy', userEmail: taken }));
    expect(error).toMatchObject({ code: 'validation_failed', status: 422 });
    expect(error.message).toMatch(/RecordInvalid/);
    expect(error.message).toMatch(/email: /);
    expect((error.details as any).details.email[0].error).toBe('DuplicateValue');
    expect(sandbox.state.users.size).toBe(before);
  });

  it('422: a duplicate organization name, with the field in the message', async () => {
    const taken = organizations()[0].name;
    const before = sandbox.state.organizations.size;
    const error = err(await run('zendesk_create_organization', { name: `  ${taken.toUpperCase()}` }));
    expect(error).toMatchObject({ code: 'validation_failed', status: 422 });
    expect(error.message).toMatch(/name: /);
    expect((error.details as any).details.name[0].error).toBe('DuplicateValue');
    expect(sandbox.state.organizations.size).toBe(before);
  });

  it('422: an invalid requesterId on create_ticket, nothing created', async () => {
    const before = sandbox.state.tickets.size;
    const error = err(await run('zendesk_create_ticket', { description: 'On behalf of nobody', requesterId: '360000999999' }));
    expect(error).toMatchObject({ code: 'validation_failed', status: 422 });
    expect(error.message).toMatch(/requester_id: /);
    expect(sandbox.state.tickets.size).toBe(before);
  });

  it('invalid_input: refused before any request is made', async () => {
    const cases: [string, Record<string, string>, string][] = [
      ['zendesk_get_ticket', { ticketId: '12a' }, 'ticketId'],
      ['zendesk_get_ticket', { ticketId: '1/../../users/5' }, 'ticketId'],
      ['zendesk_get_tickets', { perPage: '500' }, 'perPage'],
      ['zendesk_get_tickets', { status: 'open', sort: 'id' }, 'sort'],
      ['zendesk_create_ticket', { subject: 'No body' }, 'description'],
      ['zendesk_create_ticket', { description: 'x', customFields: '{not json' }, 'customFields'],
      // Nothing to change: the first of the changeable params is named.
      ['zendesk_update_ticket', { ticketId: '5' }, 'subject'],
      ['zendesk_update_tickets_bulk', { ticketIds: '1, two, 3', status: 'open' }, 'ticketIds'],
      ['zendesk_merge_tickets', { targetTicketId: '5', sourceTicketIds: '4, 5' }, 'sourceTicketIds'],
      ['zendesk_create_users_bulk', { users: '[{"email": "x@y.example"}]' }, 'users'],
      ['zendesk_update_users_bulk', { users: '[{"id": "12", "name": "x"}]' }, 'users'],
      ['zendesk_create_organizations_bulk', { organizations: '{"name": "x"}' }, 'organizations'],
      ['zendesk_search_users', {}, 'query'],
      ['zendesk_search', { query: 'status:open', filterType: 'ticket', subdomain: 'evil.example.com/' }, 'subdomain'],
      ['zendesk_search_count', {}, 'query'],
      ['zendesk_get_user', { userId: '1', bogus: 'x' }, 'bogus'],
    ];
    const before = sandbox.stats.total;
    for (const [toolId, params, param] of cases) {
      const error = err(await run(toolId, params));
      expect({ toolId, code: error.code, param: error.param }).toEqual({ toolId, code: 'invalid_input', param: expect.stringContaining(param) });
    }
    expect(sandbox.stats.total).toBe(before);
  });

  it('zendesk_search: a filterType contradicting a type: term is refused before sending', async () => {
    const before = sandbox.stats.total;
    const contradicting = err(await run('zendesk_search', { query: 'type:ticket status:open', filterType: 'user' }));
    expect(contradicting).toMatchObject({ code: 'invalid_input', param: 'query' });
    expect(contradicting.message).toMatch(/filterType=user/);
    const excluding = err(await run('zendesk_search', { query: '-type:user role:agent', filterType: 'user' }));
    expect(excluding).toMatchObject({ code: 'invalid_input', param: 'query' });
    const unknown = err(await run('zendesk_search', { query: 'type:widget', filterType: 'ticket' }));
    expect(unknown).toMatchObject({ code: 'invalid_input', param: 'query' });
    expect(sandbox.stats.total).toBe(before);
  });

  it('Bearer: an OAuth access token instead of email and apiToken', async () => {
    const bearer = { subdomain: auth.subdomain, accessToken: sandbox.credentials.accessToken };
    const me = ok(await run('zendesk_get_current_user', {}, {}, bearer));
    expect(me.user_id).toBe(sandbox.state.ownerId);

    const created = ok(await run('zendesk_create_ticket', { description: 'Created over OAuth' }, {}, bearer));
    const audits = sandbox.state.auditsFor(created.ticket_id);
    expect(audits[0].origin.account).toBe('oauth');
    expect(sandbox.state.commentsFor(created.ticket_id)[0].body).toBe('Created over OAuth');

    const wrong = err(await run('zendesk_get_current_user', {}, {}, { ...bearer, accessToken: 'expired-token' }));
    expect(wrong).toMatchObject({ code: 'unauthorized', status: 401 });
  });

  it('429: with a tiny rate limit the call comes back rate_limited with retryAfter', async () => {
    const throttledBefore = sandbox.stats.rateLimited;
    sandbox.setRateLimit(60, 1);
    try {
      // The one token of the bucket goes to the first call, whose answer says none is left
      // (X-Rate-Limit-Remaining: 0, of 60 a minute): the pacer refuses the next one before sending
      // it, since the wait for a token is longer than the call allows. No 429 was needed.
      const first = await run('zendesk_get_ticket', { ticketId: String(tickets()[0].id) }, { retry: { maxWaitMs: 0 } });
      expect(first.success).toBe(true);
      const second = err(await run('zendesk_get_ticket', { ticketId: String(tickets()[0].id) }, { retry: { maxWaitMs: 0 } }));
      expect(second.code).toBe('rate_limited');
      expect(second.retryAfter).toBeGreaterThanOrEqual(1);
      expect(second.message).toMatch(/try again in \d+ s/i);
      expect(sandbox.stats.rateLimited).toBe(throttledBefore);
    } finally {
      sandbox.setRateLimit(0);
    }
    // Restored: the next call goes through (once the pacer's estimate has a token again).
    expect(ok(await run('zendesk_get_current_user')).user_id).toBe(sandbox.state.ownerId);
  });
});
