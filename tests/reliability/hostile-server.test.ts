/**
 * The executor against a broken or hostile "Zendesk": real node:http servers on 127.0.0.1 that
 * redirect, answer 2xx with something other than the operation's answer, stream endless bodies,
 * order absurd waits, repeat their cursors, lose answers and echo the credentials.
 */
import type http from 'node:http';
import nock from 'nock';
import { executeTool, iteratePages } from '../../catalog';
import { ZendeskToolError, type ExecuteOptions, type ToolResult } from '../../lib/executor';
import { DEFAULT_MAX_RESPONSE_BYTES } from '../../lib/transport';
import { MAX_RETRY_AFTER_MS } from '../../lib/retry';
import { prepareInput } from '../../lib/input';
import { allTools } from '../../catalog';
import type { AnyToolDefinition } from '../../tools/types';
import { reportCsv, reportJson, summaryText, TriageError, triageTickets } from '../../triage';
import { type Handler, json, type ReceivedRequest, stream, text, useFakeServers } from './fake-server';

// Real sockets only: nock, which the jest setup loads, would otherwise stand between the executor and these servers.
beforeAll(() => nock.restore());

const EMAIL = 'agent@example.com';
const TOKEN = 'Zq7xK2mP9vL4nR8sT1wY6bC3dF5gH0jA'; // 32 characters, as a Zendesk API token
const BASIC = Buffer.from(`${EMAIL}/token:${TOKEN}`).toString('base64');
const creds = { email: EMAIL, apiToken: TOKEN, subdomain: 'acme' };
const FAST = { retry: { baseDelayMs: 1, maxDelayMs: 5, maxAttempts: 3 } };
const WAIT = { waitForJob: { pollIntervalMs: 5 } };

const serve = useFakeServers();

const redirect = (res: http.ServerResponse, status: number, location: string) => {
  res.writeHead(status, { Location: location, 'Content-Length': 0 });
  res.end();
};
const path = (req: ReceivedRequest) => req.url.split('?')[0];
const errorOf = (result: ToolResult) => {
  if (result.success) throw new Error(`expected a failure, got ${JSON.stringify(result).slice(0, 300)}`);
  return result.error;
};

/** The 8-character pieces of `secret` that appear in `text`: none may. */
function piecesOf(secret: string, text: string, size = 8): string[] {
  const found: string[] = [];
  for (let i = 0; i + size <= secret.length; i += 1) if (text.includes(secret.slice(i, i + size))) found.push(secret.slice(i, i + size));
  return found;
}
const leaks = (value: unknown) => [...piecesOf(TOKEN, JSON.stringify(value)), ...piecesOf(BASIC, JSON.stringify(value), 12)];

/** A fetch as hosts inject it: Node's own (undici), which honours `redirect: 'manual'`. */
const webFetch = globalThis.fetch as unknown as ExecuteOptions['fetch'];
const FETCHES: [string, ExecuteOptions['fetch']][] = [
  ['node-fetch (the default)', undefined],
  ['an injected WHATWG fetch', webFetch],
];

describe('redirects are never followed', () => {
  it.each(FETCHES)('%s: a 302 to another port never reaches it, so the Authorization header stays home', async (_name, fetch) => {
    const elsewhere = await serve((_req, res) => json(res, 200, { ticket: { id: 99 } }));
    const server = await serve((_req, res) => redirect(res, 302, `${elsewhere.origin}/api/v2/tickets/1`));
    const result = await executeTool('zendesk_get_ticket', { ...creds, ticketId: '1' }, { ...FAST, baseUrl: server.baseUrl, fetch });
    expect(errorOf(result)).toMatchObject({ code: 'unexpected_response', status: 302 });
    expect(errorOf(result).message).toMatch(/a redirect to .*no redirect is followed, so nothing was sent elsewhere/);
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0].headers.authorization).toBe(`Basic ${BASIC}`);
    expect(elsewhere.requests).toHaveLength(0);
  });

  it.each(FETCHES)('%s: a 307 on a create re-sends nothing elsewhere and is an unknown outcome carrying the idempotency key', async (_name, fetch) => {
    const elsewhere = await serve((_req, res) => json(res, 201, { ticket: { id: 99 } }));
    const server = await serve((_req, res) => redirect(res, 307, `${elsewhere.origin}/api/v2/tickets`));
    const result = await executeTool('zendesk_create_ticket', { ...creds, description: 'Printer on fire' }, { ...FAST, baseUrl: server.baseUrl, fetch });
    const key = server.requests[0].headers['idempotency-key'];
    expect(key).toEqual(expect.any(String));
    expect(errorOf(result)).toMatchObject({ code: 'unknown_outcome', status: 307, details: { idempotency_key: key } });
    expect(errorOf(result).message).toMatch(/check the record before retrying/);
    expect(server.requests).toHaveLength(1);
    expect(elsewhere.requests).toHaveLength(0);
  });

  it.each([301, 302, 303])('a %i on a create is not reported as a created ticket', async (status) => {
    const elsewhere = await serve((_req, res) => json(res, 200, { ticket: { id: 99 } }));
    const server = await serve((_req, res) => redirect(res, status, `${elsewhere.origin}/api/v2/tickets/99`));
    const result = await executeTool('zendesk_create_ticket', { ...creds, description: 'Printer on fire' }, { ...FAST, baseUrl: server.baseUrl });
    expect(errorOf(result)).toMatchObject({ code: 'unknown_outcome', status });
    expect('output' in result).toBe(false);
    expect(elsewhere.requests).toHaveLength(0);
  });

  it('an injected fetch that follows a redirect anyway: its answer is never taken as the API\'s', async () => {
    const elsewhere = await serve((_req, res) => json(res, 200, { ticket: { id: 99 } }));
    const server = await serve((_req, res) => redirect(res, 302, `${elsewhere.origin}/api/v2/tickets/1`));
    const following = ((url: string, init: RequestInit) => globalThis.fetch(url, { ...init, redirect: 'follow' })) as unknown as ExecuteOptions['fetch'];
    const result = await executeTool('zendesk_get_ticket', { ...creds, ticketId: '1' }, { ...FAST, baseUrl: server.baseUrl, fetch: following });
    expect(errorOf(result)).toMatchObject({ code: 'unexpected_response' });
    expect(errorOf(result).message).toContain('followed a redirect');
  });
});

/** 2xx answers that are not an operation's answer: [what, content type, body]. */
const NOT_ANSWERS: [string, string, string][] = [
  ['an HTML page', 'text/html', '<!DOCTYPE html><html><body>Please sign in</body></html>'],
  ['truncated JSON', 'application/json', '{"ticket": {"id": 1, "subj'],
  ['{}', 'application/json', '{}'],
  ['[]', 'application/json', '[]'],
  ['a bare string', 'application/json', '"ok"'],
  ['null', 'application/json', 'null'],
  ['an empty body', 'application/json', ''],
  ['another object', 'application/json', '{"user": {"id": 5}}'],
  ['a ticket without an id', 'application/json', '{"ticket": {"subject": "x"}}'],
];

describe('a 2xx must be a JSON object carrying what the operation reads', () => {
  it.each(NOT_ANSWERS)('a read answered 200 with %s is unexpected_response, not retried', async (_what, type, body) => {
    const server = await serve((_req, res) => text(res, 200, body, type));
    const result = await executeTool('zendesk_get_ticket', { ...creds, ticketId: '1' }, { ...FAST, baseUrl: server.baseUrl });
    expect(errorOf(result)).toMatchObject({ code: 'unexpected_response', status: 200 });
    expect(server.requests).toHaveLength(1);
  });

  it.each(NOT_ANSWERS)('a create answered 201 with %s is an unknown outcome with the idempotency key, never a ticket_id null', async (_what, type, body) => {
    const server = await serve((_req, res) => text(res, 201, body, type));
    const result = await executeTool('zendesk_create_ticket', { ...creds, description: 'Printer on fire' }, { ...FAST, baseUrl: server.baseUrl });
    expect(errorOf(result)).toMatchObject({ code: 'unknown_outcome', status: 201, details: { idempotency_key: server.requests[0].headers['idempotency-key'] } });
    expect(errorOf(result).message).toMatch(/unknown whether the change was applied.*check the record before retrying/);
    expect(server.requests).toHaveLength(1);
  });

  it('says what came instead, without the credential even when the page echoes it', async () => {
    const server = await serve((_req, res) => text(res, 200, `<html>${EMAIL}/token:${TOKEN} is not allowed here</html>`, 'text/html'));
    const result = await executeTool('zendesk_get_ticket', { ...creds, ticketId: '1' }, { ...FAST, baseUrl: server.baseUrl });
    expect(errorOf(result).message).toMatch(/answered 200 with text that is not JSON \(text\/html\)/);
    expect(leaks(result)).toEqual([]);
  });

  it('an update without a comment answered {} is unexpected_response, and says repeating it is safe', async () => {
    const server = await serve((_req, res) => json(res, 200, {}));
    const result = await executeTool('zendesk_update_ticket', { ...creds, ticketId: '1', status: 'open' }, { ...FAST, baseUrl: server.baseUrl });
    expect(errorOf(result)).toMatchObject({ code: 'unexpected_response', status: 200 });
    expect(errorOf(result).message).toMatch(/without ticket\.id.*repeating it is safe/);
  });

  it('a list needs its items as a list: under the key its endpoint uses', async () => {
    const server = await serve((req, res) => {
      if (path(req) === '/api/v2/search/export') return json(res, 200, { tickets: [{ id: 1 }], meta: { has_more: false } }); // not `results`
      return json(res, 200, { tickets: 'none', meta: { has_more: false } });
    });
    const plain = await executeTool('zendesk_get_tickets', creds, { ...FAST, baseUrl: server.baseUrl });
    expect(errorOf(plain)).toMatchObject({ code: 'unexpected_response' });
    expect(errorOf(plain).message).toContain('without tickets[]');
    const filtered = await executeTool('zendesk_get_tickets', { ...creds, status: 'open' }, { ...FAST, baseUrl: server.baseUrl });
    expect(errorOf(filtered).message).toContain('without results[]');
  });

  it('a 204, or a DELETE answered with nothing, is still a success', async () => {
    const server = await serve((req, res) => {
      if (path(req).startsWith('/api/v2/tickets/')) return void res.writeHead(204).end();
      res.writeHead(200, { 'Content-Length': 0 });
      res.end();
    });
    expect(await executeTool('zendesk_delete_ticket', { ...creds, ticketId: '5' }, { baseUrl: server.baseUrl })).toMatchObject({ success: true, output: { deleted: true } });
    expect(await executeTool('zendesk_delete_organization', { ...creds, organizationId: '6' }, { baseUrl: server.baseUrl })).toMatchObject({ success: true });
    expect(await executeTool('zendesk_delete_user', { ...creds, userId: '7' }, { baseUrl: server.baseUrl })).toMatchObject({ success: true });
  });

  /** Params each operation accepts: the required ones from their examples, plus what its own check asks for. */
  function sampleParams(tool: AnyToolDefinition): Record<string, unknown> {
    const defs = tool.params as Record<string, { required: boolean; example?: string; default?: string; enum?: readonly string[]; format: string }>;
    const fill = (name: string) => defs[name].example ?? defs[name].default ?? defs[name].enum?.[0] ?? ({ 'numeric-id': '1', 'id-list': '1, 2' } as Record<string, string>)[defs[name].format] ?? 'sample';
    const params: Record<string, unknown> = { ...creds };
    for (const name of Object.keys(defs)) if (defs[name].required && !(name in params)) params[name] = fill(name);
    for (let round = 0; round < 3; round += 1) {
      const input = prepareInput(tool, params);
      if (input.ok) return params;
      for (const problem of input.problems) if (defs[problem.param] && params[problem.param] === undefined) params[problem.param] = fill(problem.param);
    }
    throw new Error(`no valid sample params for ${tool.id}`);
  }

  /** Composite operations whose first request creates something (zendesk_create_group: POST /groups). */
  const COMPOSITES_STARTING_WITH_A_CREATE = ['zendesk_create_group'];

  it('every operation refuses a 200 {}: only a DELETE, whose answer may be empty, accepts it', async () => {
    const server = await serve((_req, res) => json(res, 200, {}));
    const outcomes: Record<string, string> = {};
    const expected: Record<string, string> = {};
    const deletes = new Set<string>();
    for (const tool of allTools) {
      const params = sampleParams(tool);
      const result = await executeTool(tool, params, { ...FAST, baseUrl: server.baseUrl });
      outcomes[tool.id] = result.success ? 'success' : result.error.code;
      const input = prepareInput(tool, params);
      const spec = tool.request && input.ok ? tool.request(input.params as never) : undefined;
      if (spec?.method === 'DELETE') deletes.add(tool.id);
      // A single operation that reads nothing would take any JSON object for its answer: only a DELETE may, or one whose answer is empty.
      if (tool.result.kind === 'single' && spec?.method !== 'DELETE' && !spec?.emptyAnswer && !tool.verify && tool.id !== 'zendesk_api_request') expect({ tool: tool.id, reads: spec?.reads ?? [] }).toEqual({ tool: tool.id, reads: expect.arrayContaining([expect.any(String)]) });
      // A write that would apply twice (a POST, a comment) may have been applied: its outcome is unknown.
      const doubles = spec !== undefined && !(spec.idempotent ?? spec.method !== 'POST');
      if (tool.id === 'zendesk_api_request') {
        // The raw request hands back Zendesk's JSON object as it came: any object is its answer.
        expected[tool.id] = 'success';
        continue;
      }
      if (tool.result.kind === 'composite') {
        // A composite fails on its first request: a create may have been applied, a read was not.
        expected[tool.id] = COMPOSITES_STARTING_WITH_A_CREATE.includes(tool.id) ? 'unknown_outcome' : 'unexpected_response';
        continue;
      }
      // A DELETE may answer nothing, unless it queues a job (destroy_many), whose status it must read.
      if (spec?.method === 'DELETE' && !spec.reads?.length && tool.result.kind !== 'job') expected[tool.id] = 'success';
      // A batch reports a request whose answer is not its own as one whose outcome is unknown.
      else if (tool.result.kind === 'batched') expected[tool.id] = 'unknown_outcome';
      else if (tool.verify) expected[tool.id] = 'unauthorized'; // /users/me: its check says what an answer without a user means
      else expected[tool.id] = doubles ? 'unknown_outcome' : 'unexpected_response';
    }
    expect(outcomes).toEqual(expected);
    const accepted = Object.keys(outcomes).filter((id) => outcomes[id] === 'success');
    expect(accepted).toContain('zendesk_delete_ticket');
    expect(accepted.filter((id) => !deletes.has(id))).toEqual(['zendesk_api_request']);
  });

  it('a job answer needs a job_status with an id and a status', async () => {
    const server = await serve((req, res) => json(res, 200, req.method === 'POST' ? { job_status: { status: 'queued' } } : { job_status: { id: 'J1' } }));
    const create = await executeTool('zendesk_create_tickets_bulk', { ...creds, tickets: '[{"comment": {"body": "x"}}]' }, { ...FAST, baseUrl: server.baseUrl });
    expect(errorOf(create)).toMatchObject({ code: 'unknown_outcome' });
    expect(errorOf(create).message).toContain('without job_status.id');
    const update = await executeTool('zendesk_update_tickets_bulk', { ...creds, ticketIds: '1, 2', status: 'open' }, { ...FAST, baseUrl: server.baseUrl });
    expect(errorOf(update)).toMatchObject({ code: 'unexpected_response' });
    expect(errorOf(update).message).toContain('without job_status.status');
  });

  it('a job poll must carry job_status with an id and a status, for that job', async () => {
    for (const poll of [{ job_status: { status: 'completed' } }, { job_status: { id: 'OTHER', status: 'completed', results: [] } }, { job_status: 'done' }]) {
      const server = await serve((req, res) => json(res, 200, req.method === 'PUT' ? { job_status: { id: 'J1', status: 'queued' } } : poll));
      const result = await executeTool('zendesk_update_tickets_bulk', { ...creds, ticketIds: '1, 2', status: 'open' }, { ...FAST, ...WAIT, baseUrl: server.baseUrl });
      expect(errorOf(result)).toMatchObject({ code: 'unknown_outcome', details: { job_ids: ['J1'] } });
      expect(errorOf(result).message).toMatch(/Job J1 was queued.*before retrying/);
    }
  });
});

describe('answers have a size cap', () => {
  const CAP = 1024 * 1024;

  it.each([
    ['node-fetch, no Content-Length', undefined, false],
    ['node-fetch, a declared Content-Length', undefined, true],
    ['an injected WHATWG fetch', webFetch, false],
  ] as const)('%s: a 256 MB answer is abandoned near the cap, not read whole, and not retried', async (_name, fetch, declareLength) => {
    let written: Promise<number> = Promise.resolve(0);
    const server = await serve((_req, res) => {
      written = stream(res, 256 * 1024 * 1024, declareLength);
    });
    const result = await executeTool('zendesk_get_tickets', creds, { ...FAST, baseUrl: server.baseUrl, maxResponseBytes: CAP, fetch });
    expect(errorOf(result)).toMatchObject({ code: 'unexpected_response' });
    expect(errorOf(result).message).toContain(`larger than ${CAP} bytes`);
    expect(errorOf(result).message).toContain('maxResponseBytes');
    expect(server.requests).toHaveLength(1);
    // The connection was cut: the server stopped after what the socket buffers took, far below 256 MB.
    expect(await written).toBeLessThan(32 * 1024 * 1024);
  });

  it('has a documented default of 64 MiB, under which a large real page passes', async () => {
    expect(DEFAULT_MAX_RESPONSE_BYTES).toBe(64 * 1024 * 1024);
    const description = 'd'.repeat(20_000);
    const server = await serve((_req, res) => json(res, 200, { tickets: Array.from({ length: 100 }, (_, i) => ({ id: i + 1, description })), meta: { has_more: false } }));
    const result = await executeTool('zendesk_get_tickets', creds, { baseUrl: server.baseUrl });
    expect(result.success && result.output.tickets).toHaveLength(100);
  });

  it('a create whose answer passes the cap has an unknown outcome', async () => {
    const server = await serve((_req, res) => void stream(res, 8 * 1024 * 1024, false));
    const result = await executeTool('zendesk_create_ticket', { ...creds, description: 'x' }, { ...FAST, baseUrl: server.baseUrl, maxResponseBytes: CAP });
    expect(errorOf(result)).toMatchObject({ code: 'unknown_outcome', details: { idempotency_key: expect.any(String) } });
    expect(server.requests).toHaveLength(1);
  });
});

describe('Retry-After is bounded', () => {
  it('Retry-After: 99999999 orders at most 15 minutes, for this call and for the account after it', async () => {
    const server = await serve((_req, res) => text(res, 429, 'slow down', 'text/plain', { 'Retry-After': '99999999' }));
    const first = await executeTool('zendesk_get_ticket', { ...creds, ticketId: '1' }, { ...FAST, baseUrl: server.baseUrl });
    expect(errorOf(first)).toMatchObject({ code: 'rate_limited', retryAfter: MAX_RETRY_AFTER_MS / 1000 });
    const next = await executeTool('zendesk_get_ticket', { ...creds, ticketId: '2' }, { ...FAST, baseUrl: server.baseUrl });
    expect(errorOf(next).code).toBe('rate_limited');
    expect(errorOf(next).retryAfter).toBeLessThanOrEqual(MAX_RETRY_AFTER_MS / 1000);
    expect(server.requests).toHaveLength(1); // the account's pause holds the next call back
  });

  it('a Retry-After of 400 digits is no value: the retry backs off and succeeds, never "Infinity s"', async () => {
    const server = await serve((_req, res, i) => (i === 0 ? text(res, 429, 'slow down', 'text/plain', { 'Retry-After': '9'.repeat(400) }) : json(res, 200, { ticket: { id: 1 } })));
    const result = await executeTool('zendesk_get_ticket', { ...creds, ticketId: '1' }, { ...FAST, baseUrl: server.baseUrl });
    expect(result).toMatchObject({ success: true, output: { ticket_id: 1 } });
    const refused = await serve((_req, res) => text(res, 429, 'slow down', 'text/plain', { 'Retry-After': '9'.repeat(400) }));
    const failed = await executeTool('zendesk_get_ticket', { ...creds, ticketId: '1' }, { retry: { maxAttempts: 1 }, baseUrl: refused.baseUrl });
    expect(errorOf(failed).retryAfter).toEqual(expect.any(Number));
    expect(Number.isFinite(errorOf(failed).retryAfter)).toBe(true);
    expect(errorOf(failed).message).not.toContain('Infinity');
  });

  it('absurd rate-limit headers do not stall the account', async () => {
    const server = await serve((_req, res) => json(res, 200, { ticket: { id: 1 } }, { 'X-Rate-Limit': '0.0001', 'X-Rate-Limit-Remaining': '0' }));
    // A limit of 0.0001 a minute would space requests 7 days apart: far past this call's 5 s budget.
    for (let i = 0; i < 3; i += 1) {
      expect(await executeTool('zendesk_get_ticket', { ...creds, ticketId: '1' }, { retry: { maxWaitMs: 5000 }, baseUrl: server.baseUrl })).toMatchObject({ success: true });
    }
  });
});

describe('a cursor that does not advance', () => {
  const page = (from: number, cursor: string | null, more = true) => ({ tickets: Array.from({ length: 3 }, (_, i) => ({ id: from + i })), meta: { has_more: more, after_cursor: cursor } });

  it.each([
    ['the same cursor and the same page every time', () => page(1, 'SAME')],
    ['the same cursor with new items', (i: number) => page(i * 10, 'SAME')],
    ['a new cursor with the same items', (i: number) => page(1, `C${i}`)],
    ['cursors that alternate', (i: number) => page(i * 10, i % 2 ? 'B' : 'A')],
    ['"more" without a cursor', (i: number) => page(i * 10, null)],
  ])('all: %s is unexpected_response, after a few requests and never with duplicates', async (_what, answer) => {
    const server = await serve((_req, res, i) => json(res, 200, answer(i)));
    const result = await executeTool('zendesk_get_tickets', creds, { baseUrl: server.baseUrl, all: true });
    expect(errorOf(result)).toMatchObject({ code: 'unexpected_response' });
    expect(errorOf(result).message).toMatch(/does not advance/);
    expect(server.requests.length).toBeLessThanOrEqual(3);
  });

  it('iteratePages ends with the error instead of going on forever', async () => {
    const server = await serve((_req, res) => json(res, 200, page(1, 'SAME')));
    const seen: number[] = [];
    const iterate = async () => {
      for await (const p of iteratePages('zendesk_get_tickets', creds, { baseUrl: server.baseUrl })) seen.push((p.tickets as unknown[]).length);
    };
    await expect(iterate()).rejects.toBeInstanceOf(ZendeskToolError);
    await expect(iterate()).rejects.toMatchObject({ error: { code: 'unexpected_response' } });
    expect(seen.length).toBeLessThanOrEqual(4);
  });

  it('an offset list whose server ignores the page number stops at the repeated page', async () => {
    const server = await serve((_req, res) => json(res, 200, { organizations: [{ id: 1 }, { id: 2 }], next_page: 'https://acme.zendesk.com/api/v2/organizations/autocomplete?page=2' }));
    const result = await executeTool('zendesk_autocomplete_organizations', { ...creds, name: 'acme' }, { baseUrl: server.baseUrl, all: true });
    expect(errorOf(result)).toMatchObject({ code: 'unexpected_response' });
    expect(errorOf(result).message).toContain('page 2 repeats the records of an earlier page');
    expect(server.requests).toHaveLength(2);
  });

  it('triage: a search export that repeats its cursor fails the search, and nothing is changed', async () => {
    const server = await serve((req, res) => {
      if (path(req) === '/api/v2/search/count') return json(res, 200, { count: 3 });
      if (path(req) === '/api/v2/search/export') return json(res, 200, { results: [{ id: 1, status: 'open', tags: [] }], meta: { has_more: true, after_cursor: 'SAME' } });
      return json(res, 500, { error: 'unexpected request' });
    });
    const run = triageTickets({ ...creds, connection: { baseUrl: server.baseUrl } }, { query: 'status:open', changes: { priority: 'high' } });
    await expect(run).rejects.toBeInstanceOf(TriageError);
    await run.catch((error: TriageError) => {
      expect(error.error.code).toBe('unexpected_response');
      expect(error.error.message).toMatch(/^The search failed, so nothing was changed\..*does not advance/);
    });
    expect(server.requests.filter((r) => r.method !== 'GET')).toEqual([]);
    expect(server.requests.length).toBeLessThanOrEqual(4);
  });
});

/** A bulk create's jobs: the POST queues J1, J2...; `poll` answers each job's status requests. */
function bulkServer(poll: (jobId: string, res: http.ServerResponse) => void, queue?: (n: number, req: ReceivedRequest, res: http.ServerResponse) => boolean): Handler {
  let queued = 0;
  return (req, res) => {
    if (req.method === 'POST') {
      queued += 1;
      if (queue?.(queued, req, res)) return;
      return json(res, 200, { job_status: { id: `J${queued}`, status: 'queued', total: JSON.parse(req.body).tickets?.length ?? null } });
    }
    poll(path(req).split('/').pop()!, res);
  };
}
const completed = (id: string, count: number, from = 0) => ({
  job_status: { id, status: 'completed', total: count, progress: count, results: Array.from({ length: count }, (_, i) => ({ index: i, id: 5000 + from + i, success: true, status: 'Created' })) },
});
const items = (n: number) => JSON.stringify(Array.from({ length: n }, (_, i) => ({ comment: { body: `ticket ${i}` } })));

describe('outcomes are never understated', () => {
  it('a bulk create whose job was queued and whose polls then fail is unknown_outcome with the job id', async () => {
    const server = await serve(bulkServer((_id, res) => json(res, 500, { error: 'InternalError' })));
    const result = await executeTool('zendesk_create_tickets_bulk', { ...creds, tickets: items(2) }, { ...FAST, ...WAIT, baseUrl: server.baseUrl });
    const error = errorOf(result);
    expect(error).toMatchObject({ code: 'unknown_outcome', details: { job_ids: ['J1'] } });
    expect(error.message).toMatch(/Job J1 was queued.*Check GET \/api\/v2\/job_statuses\/J1 \(or the records\) before retrying/);
    expect(error.message).not.toMatch(/send .* again/i);
  });

  it('a merge whose job was queued and whose polls are refused is unknown_outcome with the job id', async () => {
    const server = await serve((req, res) => (req.method === 'POST' ? json(res, 200, { job_status: { id: 'M1', status: 'queued' } }) : text(res, 503, 'down', 'text/plain')));
    const result = await executeTool('zendesk_merge_tickets', { ...creds, targetTicketId: '1', sourceTicketIds: '2' }, { ...FAST, ...WAIT, baseUrl: server.baseUrl });
    expect(errorOf(result)).toMatchObject({ code: 'unknown_outcome', details: { job_ids: ['M1'] } });
    expect(server.requests.filter((r) => r.method === 'POST')).toHaveLength(1);
  });

  it('150 items: the second job queued and then unreadable leaves 50 items unknown, the first 100 created, all reported', async () => {
    const server = await serve(bulkServer((id, res) => (id === 'J1' ? json(res, 200, completed('J1', 100)) : json(res, 500, { error: 'InternalError' }))));
    const result = await executeTool('zendesk_create_tickets_bulk', { ...creds, tickets: items(150) }, { ...FAST, waitForJob: { pollIntervalMs: 5, concurrency: 1 }, baseUrl: server.baseUrl });
    const error = errorOf(result);
    expect(error).toMatchObject({ code: 'unknown_outcome', details: { job_ids: ['J2'], unknown: 50 } });
    expect(error.message).toMatch(/50 of 150 items have an unknown outcome.*100 succeeded.*before retrying/);
    const results = (result as { output?: Record<string, any> }).output!.job_status.results as Record<string, unknown>[];
    expect(results.map((r) => r.index)).toEqual(Array.from({ length: 150 }, (_, i) => i));
    expect(results.slice(0, 100).every((r) => r.success === true)).toBe(true);
    for (const r of results.slice(100)) expect(r).toMatchObject({ success: false, status: 'Unknown', error: 'unknown_outcome', job_id: 'J2' });
  });

  it.each([
    ['its request answered with an HTML page', (n: number, _req: ReceivedRequest, res: http.ServerResponse) => n === 2 && (text(res, 200, '<html>Service Unavailable</html>'), true), undefined],
    ['its poll answered with an HTML page', undefined, 'J2'],
    ['its results not a list', undefined, 'J2'],
    ['a status that is null', undefined, 'J2'],
  ] as const)('150 items, the second job with %s: every item keeps its own outcome, no TypeError', async (what, queue, jobId) => {
    const server = await serve(
      bulkServer((id, res) => {
        if (id === 'J1') return json(res, 200, completed('J1', 100));
        if (what.includes('poll')) return text(res, 200, '<html>oops</html>');
        if (what.includes('results')) return json(res, 200, { job_status: { id: 'J2', status: 'completed', results: 'garbage' } });
        return json(res, 200, { job_status: null });
      }, queue),
    );
    const result = await executeTool('zendesk_create_tickets_bulk', { ...creds, tickets: items(150) }, { ...FAST, waitForJob: { pollIntervalMs: 5, concurrency: 1 }, baseUrl: server.baseUrl });
    const error = errorOf(result);
    expect(error.code).toBe('unknown_outcome');
    expect(JSON.stringify(result)).not.toContain('TypeError');
    const results = (result as { output?: Record<string, any> }).output!.job_status.results as Record<string, unknown>[];
    expect(results).toHaveLength(150);
    expect(results.slice(0, 100).every((r) => r.success === true && typeof r.id === 'number')).toBe(true);
    for (const r of results.slice(100)) expect(r).toMatchObject({ success: false, error: 'unknown_outcome', ...(jobId ? { job_id: jobId } : {}) });
  });

  it('a create whose first answer was lost and whose replays got 500 is unknown_outcome with its idempotency key', async () => {
    const server = await serve((_req, res, i) => (i === 0 ? void res.socket?.destroy() : json(res, 500, { error: 'InternalError' })));
    const result = await executeTool('zendesk_create_ticket', { ...creds, description: 'x' }, { ...FAST, baseUrl: server.baseUrl });
    const keys = new Set(server.requests.map((r) => r.headers['idempotency-key']));
    expect(server.requests).toHaveLength(3);
    expect(keys.size).toBe(1);
    expect(errorOf(result)).toMatchObject({ code: 'unknown_outcome', status: 500, details: { idempotency_key: [...keys][0] } });
    expect(errorOf(result).message).toMatch(/got no answer.*check the record before retrying; to retry safely, send it with the same idempotency key/);
  });

  it('a create whose first answer was lost and which is then rate limited stays unknown_outcome, with retryAfter', async () => {
    const server = await serve((_req, res, i) => (i === 0 ? void res.socket?.destroy() : text(res, 429, 'slow down', 'text/plain', { 'Retry-After': '600' })));
    const result = await executeTool('zendesk_create_ticket', { ...creds, description: 'x' }, { ...FAST, baseUrl: server.baseUrl });
    expect(errorOf(result)).toMatchObject({ code: 'unknown_outcome', retryAfter: 600, details: { idempotency_key: expect.any(String) } });
  });
});

describe('secrets are redacted before anything is cut short', () => {
  it('a 401 page echoing email/token:TOKEN at any offset from 250 to 320 leaks no 8 characters of the token', async () => {
    let offset = 250;
    const server = await serve((_req, res) => text(res, 401, `${'x'.repeat(offset)}${EMAIL}/token:${TOKEN} was refused`, 'text/plain'));
    for (; offset <= 320; offset += 1) {
      const result = await executeTool('zendesk_get_ticket', { ...creds, ticketId: '1' }, { retry: { maxAttempts: 1 }, baseUrl: server.baseUrl });
      expect(errorOf(result).code).toBe('unauthorized');
      expect({ offset, leaked: leaks(result) }).toEqual({ offset, leaked: [] });
    }
  });

  it.each([
    ['the Basic value', `Authorization: Basic ${BASIC}`],
    ['the token in another base64 alignment', Buffer.from(`x:${TOKEN}`).toString('base64')],
    ['the token URL-encoded in a link', `https://example.com/?t=${encodeURIComponent(TOKEN)}`],
    ['a piece of the token', `token ${TOKEN.slice(5, 25)}... refused`],
  ])('an error body echoing %s keeps none of it', async (_what, echo) => {
    const server = await serve((_req, res) => json(res, 422, { error: 'RecordInvalid', description: `Invalid: ${echo}`, details: { base: [{ description: echo }] } }));
    const result = await executeTool('zendesk_update_ticket', { ...creds, ticketId: '1', status: 'open' }, { retry: { maxAttempts: 1 }, baseUrl: server.baseUrl });
    expect(errorOf(result).code).toBe('validation_failed');
    expect(leaks(result)).toEqual([]);
    expect(piecesOf(Buffer.from(`x:${TOKEN}`).toString('base64'), JSON.stringify(result), 12)).toEqual([]);
  });

  const echoing = (id: string) => ({
    job_status: {
      id,
      status: 'completed',
      message: `Completed for ${EMAIL}/token:${TOKEN}`,
      results: [
        { index: 0, id: 11, success: true, status: 'Updated' },
        { index: 1, id: 12, success: false, error: 'PermissionDenied', details: `Authorization Basic ${BASIC} cannot change ticket (token ${TOKEN.slice(0, 20)})` },
      ],
    },
  });

  it('job statuses are cleaned as they arrive: the output and the error message keep no credential', async () => {
    const server = await serve((req, res) => json(res, 200, req.method === 'PUT' ? { job_status: { id: 'J1', status: 'queued', message: `queued by ${TOKEN}` } } : echoing('J1')));
    const waited = await executeTool('zendesk_update_tickets_bulk', { ...creds, ticketIds: '11, 12', status: 'open' }, { ...FAST, ...WAIT, baseUrl: server.baseUrl });
    expect(errorOf(waited).code).toBe('job_failed');
    expect(leaks(waited)).toEqual([]);
    const queued = await executeTool('zendesk_update_tickets_bulk', { ...creds, ticketIds: '11, 12', status: 'open' }, { ...FAST, baseUrl: server.baseUrl });
    expect(queued.success).toBe(true);
    expect(leaks(queued)).toEqual([]);
  });

  it('triage reports (JSON, CSV, summary) keep no credential echoed by a job', async () => {
    const server = await serve((req, res) => {
      if (path(req) === '/api/v2/search/count') return json(res, 200, { count: 2 });
      if (path(req) === '/api/v2/search/export') return json(res, 200, { results: [{ id: 11, status: 'open', tags: [] }, { id: 12, status: 'open', tags: [] }], meta: { has_more: false } });
      if (req.method === 'PUT') return json(res, 200, { job_status: { id: 'J1', status: 'queued' } });
      return json(res, 200, echoing('J1'));
    });
    const report = await triageTickets({ ...creds, connection: { baseUrl: server.baseUrl } }, { query: 'status:open', changes: { priority: 'high' }, jobs: { pollIntervalMs: 5 } });
    expect(report).toMatchObject({ updated: 1, failed: 1 });
    for (const written of [reportJson(report), reportCsv(report), summaryText(report)]) expect(leaks(written)).toEqual([]);
  });
});

describe('an unknown host', () => {
  it('fails at once with network_error "host not found", never retried', async () => {
    const lines: string[] = [];
    const result = await executeTool('zendesk_get_ticket', { ...creds, ticketId: '1' }, { baseUrl: 'http://no-such-host.invalid/api/v2', log: (line) => lines.push(line) });
    expect(errorOf(result)).toMatchObject({ code: 'network_error' });
    expect(errorOf(result).message).toMatch(/host not found \(no-such-host\.invalid\): check the base URL/);
    expect(lines).toEqual([]);
  });
});
