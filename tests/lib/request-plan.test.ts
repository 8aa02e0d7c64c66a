/**
 * The executor's dry run: planRequest shows exactly the request runTool sends (one code path builds
 * both), the same errors without sending, the credential masked; curlCommand never holds a secret.
 */
import { getTool } from '../../catalog';
import type { AnyToolDefinition } from '../../contract';
import { runTool } from '../../lib/executor';
import { nextPageParam } from '../../lib/paginate';
import { curlCommand, MASK, planRequest, type PlannedRequest } from '../../lib/request-plan';
import type { FetchLike } from '../../lib/transport';
import { credentials } from '../helpers';

const tool = (id: string): AnyToolDefinition => getTool(id)!;

interface Sent {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
}

/** A fetch that records what the executor sends and answers with `answer`. */
function recorder(answer: unknown): { fetch: FetchLike; sent: Sent[] } {
  const sent: Sent[] = [];
  const fetch: FetchLike = async (url, init) => {
    sent.push({ method: init.method, url, headers: init.headers, body: init.body });
    return { status: 200, headers: new Headers({ 'content-type': 'application/json' }), text: async () => JSON.stringify(answer) };
  };
  return { fetch, sent };
}

/** The planned request as it went on the wire: its URL, method, headers (the mask aside) and body. */
function expectSameRequest(planned: PlannedRequest, sent: Sent) {
  expect(planned.url).toBe(sent.url);
  expect(planned.method).toBe(sent.method);
  const { Authorization: masked, ...headers } = planned.headers;
  const { Authorization: real, ...sentHeaders } = sent.headers;
  expect(masked).toBe(`${real.split(' ')[0]} ${MASK}`);
  expect(headers).toEqual(sentHeaders);
  expect(planned.body).toEqual(sent.body === undefined ? undefined : JSON.parse(sent.body));
}

describe('planRequest', () => {
  it('shows the request runTool sends, for a read, a write with a body and a query', async () => {
    const cases: [string, Record<string, unknown>, unknown][] = [
      ['zendesk_get_ticket', { ticketId: '12' }, { ticket: { id: 12 } }],
      ['zendesk_update_ticket', { ticketId: '7', status: 'pending', comment: 'On it', tags: 'a, b' }, { ticket: { id: 7 } }],
      ['zendesk_get_tickets', { status: 'open', perPage: '5' }, { tickets: [], meta: { has_more: false }, links: {} }],
      ['zendesk_search', { query: 'status:open', filterType: 'ticket' }, { results: [], meta: { has_more: false }, links: {} }],
      ['zendesk_create_ticket', { subject: 'Hi', description: 'Body' }, { ticket: { id: 9 } }],
    ];
    for (const [id, params, answer] of cases) {
      const { fetch, sent } = recorder(answer);
      await runTool(tool(id), { ...credentials, ...params }, { fetch, idempotencyKey: 'key-1' });
      const plan = planRequest(tool(id), { ...credentials, ...params }, { idempotencyKey: 'key-1' });
      if (!plan.success || !plan.request) throw new Error(`no plan for ${id}`);
      expect(sent.length).toBeGreaterThan(0);
      expectSameRequest(plan.request, sent[0]);
      expect(plan.requests).toBe(1);
    }
  });

  it('takes the path and query apart, and reads the account of an OAuth token', () => {
    const plan = planRequest(tool('zendesk_get_tickets'), { subdomain: 'acme', accessToken: 'oauth-secret', perPage: '5' });
    if (!plan.success || !plan.request) throw new Error('no plan');
    expect(plan.request).toMatchObject({
      method: 'GET',
      path: '/api/v2/tickets',
      headers: { Authorization: `Bearer ${MASK}`, Accept: 'application/json' },
      auth: { scheme: 'access-token' },
    });
    expect(plan.request.query['page[size]']).toBe('5');
    expect(JSON.stringify(plan)).not.toContain('oauth-secret');
  });

  it('gives the error the call would give, and sends nothing', async () => {
    const { fetch, sent } = recorder({});
    for (const [id, params, options] of [
      ['zendesk_get_ticket', { ticketId: 'abc' }, {}],
      ['zendesk_update_tickets_bulk', { ticketIds: '1,2' }, {}],
      ['zendesk_delete_ticket', { ticketId: '1' }, { readOnly: true }],
      ['zendesk_get_ticket', { ticketId: '1' }, { baseUrl: 'ftp://nope' }],
      ['zendesk_get_ticket', { ticketId: '1' }, { all: true }],
    ] as const) {
      const planned = planRequest(tool(id), { ...credentials, ...params }, options);
      const result = await runTool(tool(id), { ...credentials, ...params }, { ...options, fetch });
      expect(planned).toEqual({ success: false, error: (result as { error: unknown }).error });
    }
    expect(sent).toEqual([]);
    expect(planRequest(tool('zendesk_get_ticket'), { ...credentials, ticketId: 'abc' })).toMatchObject({ error: { code: 'invalid_input', param: 'ticketId' } });
  });

  it('shows the first job of a split bulk call and how many there are', () => {
    const ids = Array.from({ length: 250 }, (_, i) => i + 1);
    const plan = planRequest(tool('zendesk_update_tickets_bulk'), { ...credentials, ticketIds: ids.join(','), tags: 'x' });
    if (!plan.success || !plan.request) throw new Error('no plan');
    expect(plan.requests).toBe(3);
    expect(plan.request.query.ids.split(',').map(Number)).toEqual(ids.slice(0, 100));
    expect(plan.note).toContain('250 ticketIds are sent as 3 jobs of at most 100');
  });

  it('shows the first request of a batched call split in chunks, as the executor sends it', async () => {
    const ids = Array.from({ length: 150 }, (_, i) => i + 1);
    const params = { ...credentials, userIds: ids.join(',') };
    const plan = planRequest(tool('zendesk_logout_users_bulk'), params);
    if (!plan.success || !plan.request) throw new Error('no plan');
    expect(plan.requests).toBe(2);
    expect(plan.note).toContain('150 userIds are sent as 2 requests of at most 100');
    const { fetch, sent } = recorder({});
    await runTool(tool('zendesk_logout_users_bulk'), params, { fetch, baseUrl: 'https://acme.zendesk.com/api/v2' });
    expect(sent).toHaveLength(2);
    expect(sent[0].url).toBe(plan.request.url);
  });

  it('shows the Idempotency-Key of a create, and a composite as made up as it goes', () => {
    const create = planRequest(tool('zendesk_create_ticket'), { ...credentials, subject: 'Hi', description: 'Body' });
    if (!create.success || !create.request) throw new Error('no plan');
    expect(create.request.headers['Idempotency-Key']).toMatch(/new UUID/);
    expect(curlCommand(create.request)).toContain('-H "Idempotency-Key: $(uuidgen)"');
    const given = planRequest(tool('zendesk_create_ticket'), { ...credentials, subject: 'Hi', description: 'Body' }, { idempotencyKey: 'k-1' });
    expect(given.success && given.request?.headers['Idempotency-Key']).toBe('k-1');
    const triage = planRequest(tool('zendesk_triage_tickets'), { ...credentials, query: 'status:open', status: 'pending' });
    expect(triage).toEqual({ success: true, request: null, note: expect.stringContaining('cannot be shown before it runs') });
  });
});

describe('curlCommand', () => {
  it('reads the secret from the environment, and quotes what the shell would misread', () => {
    const plan = planRequest(tool('zendesk_update_ticket'), { ...credentials, ticketId: '7', comment: "It's done" });
    if (!plan.success || !plan.request) throw new Error('no plan');
    const curl = curlCommand(plan.request);
    expect(curl).toBe(
      [
        "curl -X PUT https://acme.zendesk.com/api/v2/tickets/7",
        '-u "agent@example.com/token:$ZENDESK_API_TOKEN"',
        "-H 'Content-Type: application/json'",
        `-d '${JSON.stringify(plan.request.body).replace(/'/g, "'\\''")}'`,
      ].join(' \\\n  '),
    );
    expect(curl).not.toContain(credentials.apiToken);
    const oauth = planRequest(tool('zendesk_get_tickets'), { subdomain: 'acme', accessToken: 'oauth-secret' });
    if (!oauth.success || !oauth.request) throw new Error('no plan');
    expect(curlCommand(oauth.request)).toBe("curl 'https://acme.zendesk.com/api/v2/tickets?page%5Bsize%5D=100' \\\n  -H \"Authorization: Bearer $ZENDESK_ACCESS_TOKEN\"");
  });
});

describe('nextPageParam', () => {
  const page = (after: string | null, more: boolean) => ({ tickets: [{ id: 1 }], paging: { after_cursor: after, has_more: more, next_page: null } });
  it('names the cursor param and the next cursor, or nothing at the end', () => {
    expect(nextPageParam(tool('zendesk_get_tickets'), {}, page('abc', true))).toEqual({ param: 'pageAfter', value: 'abc' });
    expect(nextPageParam(tool('zendesk_get_tickets'), {}, page(null, false))).toBeUndefined();
    expect(nextPageParam(tool('zendesk_get_ticket'), {}, page('abc', true))).toBeUndefined();
  });
  it('counts offset pages up to the window', () => {
    const users = { users: [{ id: 1 }], paging: { after_cursor: null, has_more: true, next_page: 'x' } };
    const search = tool('zendesk_search_users'); // at most 1,000 results
    expect(nextPageParam(search, { page: '2', perPage: '100' }, users)).toEqual({ param: 'page', value: 3 });
    expect(nextPageParam(search, { perPage: '100' }, users)).toEqual({ param: 'page', value: 2 });
    expect(nextPageParam(search, { page: '10', perPage: '100' }, users)).toBeUndefined();
  });
});
