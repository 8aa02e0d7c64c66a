/**
 * The playground's server over HTTP, without a browser: who it answers (its own Host, its own page's
 * Origin), what it refuses on a real account without a confirmation, and that no secret ever leaves
 * it or reaches its history.
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { type Playground, startPlayground } from '../../playground/server';
import { RunHistory } from '../../playground/history';
import { type Sandbox, startSandbox } from '../../sandbox';

const TOKEN = 'real-account-token-5f0c2a9be1d47';
let account: Sandbox;
let real: Playground;
let dir: string;
const refused: string[] = [];

beforeAll(async () => {
  account = await startSandbox({ port: 0, tickets: 30, users: 10, organizations: 2, token: TOKEN, seed: 4, jobDelayMs: 5 });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zb-playground-server-'));
  real = await startPlayground({
    target: { credentials: { subdomain: 'acme', email: account.credentials.email, apiToken: TOKEN }, options: { baseUrl: account.baseUrl }, label: 'acme.zendesk.com', sandbox: false },
    db: path.join(dir, 'runs.db'),
    log: (line) => refused.push(line),
  });
});

afterAll(async () => {
  await real?.close();
  await account?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

interface Answer {
  status: number;
  type: string;
  body: string;
}

/** A request with any headers (fetch() cannot set Host). */
function request(method: string, pathname: string, headers: Record<string, string> = {}, body?: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    // An empty Host means none at all.
    const all = Object.fromEntries(Object.entries({ Host: `127.0.0.1:${real.port}`, ...headers }).filter(([, v]) => v !== ''));
    const req = http.request({ host: '127.0.0.1', port: real.port, method, path: pathname, headers: all, setHost: false }, (res) => {
      let text = '';
      res.on('data', (chunk) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type'] ?? ''), body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** A POST as the playground's own page sends it. */
const own = (pathname: string, value: unknown, extra: Record<string, string> = {}) =>
  request('POST', pathname, { Origin: `http://127.0.0.1:${real.port}`, 'Content-Type': 'application/json', 'Sec-Fetch-Site': 'same-origin', ...extra }, JSON.stringify(value));

/** The run a /api/run answer ends with. */
const runOf = (answer: Answer) => JSON.parse(answer.body.trim().split('\n').pop()!).run;

describe('who the playground answers', () => {
  it('serves its own Host names, and refuses any other (DNS rebinding)', async () => {
    for (const host of [`127.0.0.1:${real.port}`, `localhost:${real.port}`]) expect((await request('GET', '/api/catalog', { Host: host })).status).toBe(200);
    for (const host of [`evil.example:${real.port}`, `127.0.0.1:${real.port + 1}`, '127.0.0.1', `127.0.0.1.evil.example:${real.port}`]) {
      const answer = await request('GET', '/', { Host: host });
      expect(answer.status).toBe(403);
      expect(JSON.parse(answer.body).error.code).toBe('forbidden');
    }
    // No Host at all: node's server refuses it before the playground sees it.
    expect((await request('GET', '/', { Host: '' })).status).toBe(400);
  });

  it('acts only on requests from its own page: its Origin, same-origin, JSON', async () => {
    const values = { values: { operation: 'zendesk_get_ticket', ticketId: '1' } };
    const base = { Origin: `http://127.0.0.1:${real.port}`, 'Content-Type': 'application/json' };
    const cases: [Record<string, string | undefined>, RegExp][] = [
      [{ Origin: undefined }, /Origin is missing/],
      [{ Origin: 'http://evil.example' }, /Origin "http:\/\/evil.example"/],
      [{ Origin: `http://localhost:${real.port}` }, /Origin/], // another of its names than the one asked
      [{ Origin: 'null' }, /Origin "null"/],
      [{ 'Sec-Fetch-Site': 'cross-site' }, /Sec-Fetch-Site is "cross-site"/],
      [{ 'Content-Type': 'text/plain' }, /must send JSON/],
    ];
    for (const [change, message] of cases) {
      const headers = Object.fromEntries(Object.entries({ ...base, ...change }).filter(([, v]) => v !== undefined)) as Record<string, string>;
      for (const pathname of ['/api/run', '/api/preview']) {
        const answer = await request('POST', pathname, headers, JSON.stringify(values));
        expect({ pathname, change, status: answer.status }).toEqual({ pathname, change, status: 403 });
        expect(JSON.parse(answer.body).error.message).toMatch(message);
      }
    }
    expect((await request('OPTIONS', '/api/run', { Origin: 'http://evil.example', 'Access-Control-Request-Method': 'POST' })).status).toBe(403);
    expect(refused.length).toBeGreaterThanOrEqual(cases.length * 2);
    expect(real.history.list()).toEqual([]);
    expect((await own('/api/preview', values)).status).toBe(200);
  });

  it('sends headers that keep it out of frames and other origins', async () => {
    const page = await request('GET', '/');
    expect(page.status).toBe(200);
    expect(page.body).toContain('<script type="module" src="/assets/app.js">');
    const csp = await new Promise<http.IncomingHttpHeaders>((resolve) => http.get({ port: real.port, path: '/', host: '127.0.0.1' }, (res) => resolve(res.headers)));
    expect(csp['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(csp['x-frame-options']).toBe('DENY');
  });

  it('says what it cannot do: an unknown run, an unknown operation, a body too large', async () => {
    expect((await request('GET', '/api/runs/999')).status).toBe(404);
    expect(JSON.parse((await own('/api/preview', { values: { operation: 'zendesk_nope' } })).body).error).toMatchObject({ code: 'unknown_tool', param: 'operation' });
    expect((await own('/api/run', { values: { operation: 'zendesk_get_ticket', ticketId: 'x'.repeat(1_100_000) } })).status).toBe(413);
  });
});

describe('a real account', () => {
  it('refuses a write without the page\'s confirmation, and sends nothing', async () => {
    const before = account.stats.total;
    for (const values of [
      { operation: 'zendesk_delete_ticket', ticketId: '2' },
      { operation: 'zendesk_update_ticket', ticketId: '2', status: 'pending' },
      { operation: 'zendesk_api_request', apiMethod: 'DELETE', apiPath: '/api/v2/tickets/2' },
    ]) {
      const answer = await own('/api/run', { values });
      expect(answer.status).toBe(409);
      expect(JSON.parse(answer.body).error.message).toBe(`${values.operation} changes data in acme.zendesk.com, a real account: confirm it in the page first. Nothing was sent.`);
    }
    expect(account.stats.total).toBe(before);
    expect(account.state.ticket(2)).toBeDefined();
    // What changes nothing needs no confirmation; a confirmed write runs.
    expect(runOf(await own('/api/run', { values: { operation: 'zendesk_get_ticket', ticketId: '2' } })).status).toBe('success');
    expect(runOf(await own('/api/run', { values: { operation: 'zendesk_api_request', apiMethod: 'GET', apiPath: '/api/v2/tickets/2' } })).status).toBe('success');
    expect(runOf(await own('/api/run', { values: { operation: 'zendesk_delete_ticket', ticketId: '2' }, confirm: true })).status).toBe('success');
    expect(account.state.ticket(2)).toBeUndefined();
  });

  it('never lets a secret out: not to the page, not into the history', async () => {
    const typed = 'typed-in-the-page-secret-77aa';
    const basic = Buffer.from(`${account.credentials.email}/token:${TOKEN}`).toString('base64');
    const answers = [
      await request('GET', '/api/catalog'),
      await own('/api/preview', { values: { operation: 'zendesk_get_ticket', ticketId: '3' } }),
      await own('/api/preview', { values: { operation: 'zendesk_get_ticket', ticketId: 'bad' } }),
      await own('/api/run', { values: { operation: 'zendesk_get_ticket', ticketId: '3' } }),
      // A token typed in the page is used for that run (it is wrong here), and kept nowhere.
      await own('/api/run', { values: { operation: 'zendesk_get_ticket', ticketId: '3', apiToken: typed } }),
      await own('/api/run', { values: { operation: 'zendesk_get_ticket', ticketId: 'bad', apiToken: typed } }),
      await request('GET', '/api/runs'),
    ];
    const runs = real.history.list();
    for (const run of runs) answers.push(await request('GET', `/api/runs/${run.id}`));
    for (const { body } of answers) for (const secret of [TOKEN, TOKEN.slice(0, 10), basic, typed]) expect(body).not.toContain(secret);
    expect(runOf(answers[4]).status).toBe('unauthorized');
    for (const run of runs) {
      const params = real.history.get(run.id)!.params;
      expect(Object.keys(params).filter((name) => ['email', 'apiToken', 'accessToken', 'subdomain'].includes(name))).toEqual([]);
    }
    // Not in the database file either, whatever SQLite keeps on disk.
    const files = fs.readdirSync(dir).filter((file) => file.startsWith('runs.db'));
    for (const file of files) {
      const bytes = fs.readFileSync(path.join(dir, file)).toString('latin1');
      expect(bytes).not.toContain(TOKEN);
      expect(bytes).not.toContain(typed);
    }
  });

  it('shows an invalid param on its field in the preview, as in a run', async () => {
    const preview = JSON.parse((await own('/api/preview', { values: { operation: 'zendesk_triage_tickets', status: 'pending' } })).body);
    expect(preview).toMatchObject({ success: false, error: { code: 'invalid_input', param: 'query' }, fieldErrors: { ticketQuery: expect.stringMatching(/^query is required/) } });
    const run = runOf(await own('/api/run', { values: { operation: 'zendesk_get_ticket', ticketId: '1.5' } }));
    expect(run.fieldErrors).toEqual({ ticketId: expect.stringContaining('ticketId must be a numeric id') });
  });
});

describe('the history', () => {
  it('keeps runs in one SQLite file, across openings', () => {
    const file = path.join(dir, 'nested', 'history.db');
    const history = new RunHistory(file);
    const id = history.add({ operation: 'zendesk_get_ticket', params: { ticketId: '5' }, wait: true, status: 'success', durationMs: 12, target: 'sandbox', result: { success: true, output: { ticket: { id: 5 } } } });
    history.close();
    const again = new RunHistory(file);
    expect(again.get(id)).toEqual({ id, createdAt: expect.any(String), operation: 'zendesk_get_ticket', params: { ticketId: '5' }, wait: true, status: 'success', durationMs: 12, target: 'sandbox', result: { success: true, output: { ticket: { id: 5 } } } });
    expect(again.list()).toEqual([{ id, createdAt: expect.any(String), operation: 'zendesk_get_ticket', status: 'success', durationMs: 12, target: 'sandbox' }]);
    expect(again.get(id + 1)).toBeUndefined();
    again.close();
  });
});
