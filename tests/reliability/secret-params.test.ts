/**
 * A `hidden` param (the password of zendesk_set_user_password) is a secret like the credentials: it
 * appears in no result, error, log line, block result, CLI output, MCP answer or LLM schema, even when
 * the server echoes it back (the sandbox's 422 quotes a refused password; hostile fake servers echo it
 * whole, URL-encoded, in base64, in keys, in part, in pages, in job statuses).
 */
import nock from 'nock';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { anthropicTools, callToolForModel, createMcpServer, llmTools, openAITools } from '../../agents';
import { zendeskBlockManifest } from '../../blocks';
import { executeTool, getTool } from '../../catalog';
import { curlCommand, planRequest } from '../../lib/request-plan';
import type { ToolResult } from '../../lib/executor';
import { startSandbox, type Sandbox } from '../../sandbox';
import { CREATES, defineTool, jobAnswer } from '../../tools/define';
import { out } from '../../tools/outputs';
import { param } from '../../tools/param';
import { cli } from '../cli/run-cli';
import { type Handler, json, text, useFakeServers } from './fake-server';

beforeAll(() => nock.restore());
jest.setTimeout(60_000);

/** Shaped like an email address, so the sandbox refuses it for the user whose email it is, quoting it. */
const PASSWORD = 'Leaky.Sekret-4711@pw-echo.test';
const creds = { email: 'agent@example.com', apiToken: 'Zq7xK2mP9vL4nR8sT1wY6bC3dF5gH0jA', subdomain: 'acme' };

/** The 8-character pieces of the password found in a text: none may be. */
function leaks(value: unknown): string[] {
  const textOf = typeof value === 'string' ? value : JSON.stringify(value);
  const found: string[] = [];
  for (let i = 0; i + 8 <= PASSWORD.length; i += 1) if (textOf.includes(PASSWORD.slice(i, i + 8))) found.push(PASSWORD.slice(i, i + 8));
  return found;
}

const serve = useFakeServers();

let sandbox: Sandbox;
let victimId: number;
beforeAll(async () => {
  sandbox = await startSandbox({ users: 20, tickets: 20, allowAdminSetPassword: true });
  const { subdomain, email, apiToken } = sandbox.credentials;
  const made = await executeTool('zendesk_create_user', { subdomain, email, apiToken, name: 'Echo Victim', userEmail: PASSWORD }, { baseUrl: sandbox.baseUrl });
  if (!made.success) throw new Error(made.error.message);
  victimId = made.output.user_id as number;
});
afterAll(() => sandbox?.close());
const sandboxCreds = () => ({ subdomain: sandbox.credentials.subdomain, email: sandbox.credentials.email, apiToken: sandbox.credentials.apiToken });

describe('the sandbox quoting the refused password in its 422', () => {
  it('the result, its error and every log line keep none of it', async () => {
    const lines: string[] = [];
    // Another client spends the only token of a 1-a-second budget the executor's pacer has not seen
    // spent: its call meets a 429, logs it, waits, and then gets the 422.
    sandbox.setRateLimit(60, 1);
    try {
      const { email, apiToken } = sandbox.credentials;
      await fetch(`${sandbox.baseUrl}/users/me.json`, { headers: { authorization: `Basic ${Buffer.from(`${email}/token:${apiToken}`).toString('base64')}` } });
      const result = await executeTool('zendesk_set_user_password', { ...sandboxCreds(), userId: String(victimId), password: PASSWORD }, { baseUrl: sandbox.baseUrl, log: (line) => lines.push(line) });
      expect(result).toMatchObject({ success: false, error: { code: 'validation_failed', status: 422 } });
      expect(!result.success && result.error.message).toContain('[redacted]');
      expect(lines.join('\n')).toContain('answer 429');
      expect(leaks(result)).toEqual([]);
      expect(leaks(lines)).toEqual([]);
    } finally {
      sandbox.setRateLimit(0);
    }
  });

  it('so does the block, which runs the same executor', async () => {
    const result = await zendeskBlockManifest.execute(
      { operation: 'zendesk_set_user_password', ...sandboxCreds(), userId: String(victimId), password: PASSWORD },
      { baseUrl: sandbox.baseUrl },
    );
    expect(result).toMatchObject({ success: false, error: { code: 'validation_failed' } });
    expect(leaks(result)).toEqual([]);
  });

  it('and the CLI: flags, JSON on stdin, a success, and a password refused before sending', async () => {
    const target = ['--base-url', sandbox.baseUrl, '--subdomain', sandbox.credentials.subdomain, '--email', sandbox.credentials.email, '--api-token', sandbox.credentials.apiToken];
    const fromFlags = await cli(['run', 'set_user_password', '--user-id', String(victimId), '--password', PASSWORD, ...target]);
    expect(fromFlags.code).toBe(1);
    expect(JSON.parse(fromFlags.stdout)).toMatchObject({ success: false, error: { code: 'validation_failed' } });
    const fromStdin = await cli(['run', 'set_user_password', ...target], { input: JSON.stringify({ userId: victimId, password: PASSWORD }) });
    expect(fromStdin.code).toBe(1);
    const other = [...sandbox.state.users.map.values()].find((u) => u.role === 'end-user' && u.active && u.id !== victimId)!;
    const success = await cli(['run', 'set_user_password', '--user-id', String(other.id), '--password', PASSWORD, ...target]);
    expect({ code: success.code, out: JSON.parse(success.stdout) }).toEqual({ code: 0, out: { success: true, output: { password_set: true, user_id: other.id } } });
    const short = await cli(['run', 'set_user_password', '--user-id', String(other.id), '--password', 'Qz9!', ...target]);
    expect(short.code).toBe(2);
    expect(short.stderr).toContain('--password must be at least 5 characters');
    for (const run of [fromFlags, fromStdin, success]) expect(leaks([run.stdout, run.stderr])).toEqual([]);
    expect(`${short.stdout}${short.stderr}`).not.toContain('Qz9!');
  });
});

describe('a hostile server echoing the password', () => {
  const echoes: [string, string][] = [
    ['whole', PASSWORD],
    ['URL-encoded', encodeURIComponent(PASSWORD)],
    ['in base64, at another alignment', Buffer.from(`pw:${PASSWORD}`).toString('base64')],
    ['in part', `...${PASSWORD.slice(3, 19)}...`],
  ];

  it.each(echoes)('a 422 echoing it %s, in the message, the details and a key, keeps none of it', async (_how, echo) => {
    const server = await serve((_req, res) => json(res, 422, { error: 'RecordInvalid', description: `Password ${echo} is weak`, details: { [echo]: [{ description: `Password: ${echo}` }], password: [{ description: echo }] } }));
    const result = await executeTool('zendesk_set_user_password', { ...creds, userId: '5', password: PASSWORD }, { baseUrl: server.baseUrl });
    expect(result).toMatchObject({ success: false, error: { code: 'validation_failed', status: 422 } });
    expect(leaks(result)).toEqual([]);
    expect(server.requests[0].body).toBe(JSON.stringify({ password: PASSWORD }));
  });

  it.each([
    ['a 500 page', (res: Parameters<Handler>[1]) => text(res, 500, `<pre>password=${PASSWORD}</pre>`)],
    ['a 401 text', (res: Parameters<Handler>[1]) => text(res, 401, `refused ${PASSWORD}`, 'text/plain')],
    ['a 200 page instead of the empty answer', (res: Parameters<Handler>[1]) => text(res, 200, `<html>${PASSWORD}</html>`)],
    ['a 200 JSON object instead of the empty answer', (res: Parameters<Handler>[1]) => json(res, 200, { password: PASSWORD })],
  ])('%s echoing it keeps none of it', async (_what, answer) => {
    const lines: string[] = [];
    const server = await serve((_req, res) => answer(res));
    const result = await executeTool('zendesk_set_user_password', { ...creds, userId: '5', password: PASSWORD }, { baseUrl: server.baseUrl, retry: { baseDelayMs: 1, maxDelayMs: 2 }, log: (line) => lines.push(line) });
    expect(result.success).toBe(false);
    expect(leaks(result)).toEqual([]);
    expect(leaks(lines)).toEqual([]);
  });

  it('any definition with a hidden param: outputs, job statuses and errors are cleaned of its value', async () => {
    const echoTool = defineTool({
      id: 'test_echo_secret',
      name: 'Echo a secret',
      resource: 'tests',
      description: 'Sends a secret and maps whatever comes back.',
      params: { secret: param.text('A secret.', { required: true, visibility: 'hidden' }) },
      request: (p) => ({ method: 'POST', path: ['echo'], body: { secret: p.secret }, reads: ['echo'] }),
      outputs: { echo: out.json('What the server said') },
      output: ({ body }) => ({ echo: body.echo }),
      result: { kind: 'single' },
      hints: CREATES,
    });
    const jobTool = defineTool({ ...echoTool, id: 'test_job_secret', request: (p) => ({ method: 'POST', path: ['jobs'], body: { secret: p.secret } }), ...jobAnswer() });
    const server = await serve((req, res) => {
      if (req.url.startsWith('/api/v2/echo')) return json(res, 200, { echo: { said: `you sent ${PASSWORD}`, [PASSWORD]: [PASSWORD.slice(2, 20)] } });
      if (req.method === 'POST') return json(res, 200, { job_status: { id: 'J1', status: 'queued', message: `queued ${PASSWORD}` } });
      return json(res, 200, { job_status: { id: 'J1', status: 'failed', message: `failed for ${PASSWORD}`, results: [{ index: 0, success: false, error: 'Bad', details: PASSWORD }] } });
    });
    const echoed = await executeTool(echoTool, { ...creds, secret: PASSWORD }, { baseUrl: server.baseUrl });
    expect(echoed).toMatchObject({ success: true, output: { echo: { said: 'you sent [redacted]' } } });
    const job = await executeTool(jobTool, { ...creds, secret: PASSWORD }, { baseUrl: server.baseUrl, waitForJob: { pollIntervalMs: 5 } });
    expect(job).toMatchObject({ success: false, error: { code: 'job_failed' } });
    const queued = await executeTool(jobTool, { ...creds, secret: PASSWORD }, { baseUrl: server.baseUrl });
    for (const result of [echoed, job, queued] as ToolResult[]) expect(leaks(result)).toEqual([]);
  });
});

describe('agents never see or set the password', () => {
  it('the LLM schemas of every shape have no password param, and say an agent cannot run it', () => {
    for (const tools of [llmTools(), openAITools(), anthropicTools()]) {
      const text = JSON.stringify(tools);
      expect(leaks(text)).toEqual([]);
      const tool = tools.find((t) => JSON.stringify(t).includes('"zendesk_set_user_password"'))!;
      expect(JSON.stringify(tool)).not.toMatch(/"password"\s*:/);
      expect(JSON.stringify(tool)).toContain('agents cannot run this operation');
    }
  });

  it('a model call is refused before anything is sent, with or without the password, and never quotes it', async () => {
    const before = sandbox.stats.total;
    for (const args of [{ userId: victimId, password: PASSWORD }, { userId: victimId }]) {
      const answer = await callToolForModel('zendesk_set_user_password', args, sandboxCreds(), { baseUrl: sandbox.baseUrl });
      expect(answer.isError).toBe(true);
      expect(leaks(answer)).toEqual([]);
    }
    const refused = await callToolForModel('zendesk_set_user_password', { userId: victimId }, sandboxCreds(), { baseUrl: sandbox.baseUrl });
    expect(refused.text).toContain('cannot be run by a model');
    expect(sandbox.stats.total).toBe(before);
  });

  it('the MCP server lists it without a password param and refuses its calls without quoting the password', async () => {
    const server = createMcpServer({ credentials: sandboxCreds(), toolsets: 'all', executeOptions: { baseUrl: sandbox.baseUrl } });
    const client = new Client({ name: 'test', version: '1.0.0' });
    const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
    await Promise.all([server.connect(serverSide), client.connect(clientSide)]);
    try {
      const { tools } = await client.listTools();
      const tool = tools.find((t) => t.name === 'zendesk_set_user_password')!;
      expect(Object.keys(tool.inputSchema.properties ?? {})).toEqual(['userId']);
      const called = await client.callTool({ name: 'zendesk_set_user_password', arguments: { userId: victimId, password: PASSWORD } });
      expect(called.isError).toBe(true);
      expect(leaks(called)).toEqual([]);
      expect(leaks(tools)).toEqual([]);
    } finally {
      await Promise.all([client.close(), server.close()]);
    }
  });
});

describe('the request preview', () => {
  it('masks the password in the planned request and its curl line', () => {
    const plan = planRequest(getTool('zendesk_set_user_password')!, { ...creds, userId: '5', password: PASSWORD });
    expect(plan.success && plan.request).toBeTruthy();
    const text = JSON.stringify(plan) + (plan.success && plan.request ? curlCommand(plan.request) : '');
    expect(text).not.toContain(PASSWORD);
  });
});
