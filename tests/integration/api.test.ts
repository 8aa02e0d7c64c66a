/** The raw request against the sandbox over HTTP: reads and writes under /api/v2, Zendesk's answers as they came. */
import { auth, err, ok, run, sandbox, succeeded, useIntegrationSandbox } from './harness';

useIntegrationSandbox();

const ID = 'zendesk_api_request';

describe('zendesk_api_request', () => {
  it('GETs a ticket as the state holds it', async () => {
    const output = ok(await run(ID, { method: 'GET', path: '/api/v2/tickets/3.json' }));
    expect(output.status).toBe(200);
    expect(output.body.ticket).toMatchObject({ id: 3, subject: sandbox.state.ticket(3)!.subject });
  });

  it('creates, updates and deletes through POST, PUT and DELETE', async () => {
    const created = ok(await run(ID, { method: 'POST', path: 'tickets', body: '{"ticket": {"subject": "Raw", "comment": {"body": "Made by a raw request"}}}' }));
    expect(created.status).toBe(201);
    const id = created.body.ticket.id as number;
    expect(sandbox.state.ticket(id)).toMatchObject({ subject: 'Raw' });
    const updated = ok(await run(ID, { method: 'PUT', path: `tickets/${id}`, body: '{"ticket": {"priority": "high"}}' }));
    expect(updated.body.ticket.priority).toBe('high');
    expect(ok(await run(ID, { method: 'DELETE', path: `/api/v2/tickets/${id}` }))).toEqual({ status: 204, body: null });
    expect(sandbox.state.ticket(id)).toBeUndefined();
  });

  it('passes query parameters, lists comma-separated', async () => {
    const output = ok(await run(ID, { method: 'GET', path: 'tickets/show_many', query: '{"ids": [1, 2]}' }));
    expect(output.body.tickets.map((t: { id: number }) => t.id).sort()).toEqual([1, 2]);
  });

  it('reports an unknown endpoint as not_found, and refuses writes in read-only mode with no request', async () => {
    expect(err(await run(ID, { method: 'GET', path: 'no_such_endpoint' }, { retry: { maxAttempts: 1 } }))).toMatchObject({ code: 'not_found', status: 404 });
    const before = sandbox.stats.total;
    expect(err(await run(ID, { method: 'DELETE', path: 'tickets/4' }, { readOnly: true }))).toMatchObject({ code: 'forbidden' });
    expect(sandbox.stats.total).toBe(before);
    expect(sandbox.state.ticket(4)).toBeDefined();
    expect(auth.subdomain).toBe(sandbox.credentials.subdomain);
  });

  it('succeeded with a validated output', () => {
    expect(succeeded.has(ID)).toBe(true);
  });
});
