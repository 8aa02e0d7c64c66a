/**
 * The MCP server as a child process over stdio, driven by the SDK's own Client: `zendesk-blocks mcp
 * --sandbox` (the CLI entry), `--read-only`, credentials
 * from the environment (an OAuth access token against an in-process sandbox), and the exit code 2
 * on missing credentials.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { modelParamsSchema } from '../../agents/llm-tools';
import { toolsetNames } from '../../agents/toolsets';
import { allTools, executeTool } from '../../catalog';
import { offeredReadOnly } from '../../lib/executor';
import { startSandbox, type Sandbox } from '../../sandbox';
import { validatorFor } from '../schema-files';

jest.setTimeout(30_000);

const ROOT = path.resolve(__dirname, '..', '..');
const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');
const CLI = path.join(ROOT, 'cli', 'index.ts');
/** `zendesk-blocks mcp ...` through the CLI entry. */
const mcpArgs = (...flags: string[]) => [CLI, 'mcp', ...flags];

const textOf = (result: any) => (result.content as { text: string }[]).map((c) => c.text).join('\n');

interface Session {
  client: Client;
  stderr: () => string;
  close: () => Promise<void>;
}

async function startServer(args: string[], env: Record<string, string> = {}): Promise<Session> {
  const transport = new StdioClientTransport({ command: TSX, args, cwd: ROOT, env: { ...env, NODE_NO_WARNINGS: '1' }, stderr: 'pipe' });
  let stderr = '';
  transport.stderr?.on('data', (chunk) => (stderr += chunk.toString()));
  const client = new Client({ name: 'stdio-test', version: '1.0.0' });
  await client.connect(transport);
  return { client, stderr: () => stderr, close: () => client.close() };
}

describe('zendesk-blocks mcp --sandbox (child process over stdio)', () => {
  let session: Session;
  beforeAll(async () => {
    session = await startServer(mcpArgs('--sandbox', '--toolsets', 'all'));
  });
  afterAll(() => session?.close());

  it('lists every tool with the LLM input schema, an object output schema and annotations', async () => {
    const { tools } = await session.client.listTools();
    expect(tools.map((t) => t.name)).toEqual(allTools.map((t) => t.id));
    for (const tool of tools) {
      expect(tool.inputSchema).toEqual(modelParamsSchema(tool.name));
      for (const credential of ['email', 'apiToken', 'subdomain', 'accessToken']) expect(Object.keys(tool.inputSchema.properties ?? {})).not.toContain(credential);
      expect(tool.outputSchema).toMatchObject({ type: 'object' });
      expect(tool.annotations).toMatchObject({ openWorldHint: true, title: expect.any(String) });
    }
  });

  it('reads, writes, fails cleanly and keeps serving', async () => {
    const read = await session.client.callTool({ name: 'zendesk_get_tickets', arguments: { status: 'open', perPage: 5 } });
    expect(read.isError).toBeFalsy();
    const page = read.structuredContent as any;
    expect(page.tickets).toHaveLength(5);
    expect(page.tickets.every((t: any) => t.status === 'open')).toBe(true);
    expect(validatorFor('zendesk_get_tickets', 'outputs')(page)).toBe(true);
    const compact = JSON.parse(textOf(read));
    expect(compact.tickets).toHaveLength(5);
    expect(textOf(read)).not.toContain('null');

    const write = await session.client.callTool({
      name: 'zendesk_create_ticket',
      arguments: { description: 'The printer is on fire', priority: 'urgent', tags: ['hardware', 'fire'] },
    });
    expect(write.isError).toBeFalsy();
    const created = write.structuredContent as any;
    expect(created.ticket).toMatchObject({ subject: 'The printer is on fire', priority: 'urgent', tags: expect.arrayContaining(['hardware', 'fire']) });

    const check = await session.client.callTool({ name: 'zendesk_get_ticket', arguments: { ticketId: created.ticket_id } });
    expect((check.structuredContent as any).ticket.priority).toBe('urgent');

    const missing = await session.client.callTool({ name: 'zendesk_get_ticket', arguments: { ticketId: 987654321 } });
    expect(missing.isError).toBe(true);
    expect(textOf(missing)).toContain('[not_found, HTTP 404]');
    expect(textOf(missing)).toContain('What to do:');

    const bad = await session.client.callTool({ name: 'zendesk_get_ticket', arguments: { ticketId: 'not-a-number' } });
    expect(bad.isError).toBe(true);
    expect(textOf(bad)).toContain('Param to change: ticketId');

    const after = await session.client.callTool({ name: 'zendesk_get_current_user', arguments: {} });
    expect(after.isError).toBeFalsy();
    expect(session.stderr()).toMatch(new RegExp(`serving ${allTools.length} tools \\(${toolsetNames().join(', ')}\\) on stdio`));
  });
});

describe('mcp --sandbox --read-only', () => {
  it('lists only the read-only tools and refuses writes', async () => {
    const session = await startServer(mcpArgs('--sandbox', '--read-only', '--toolsets', 'all'));
    try {
      const { tools } = await session.client.listTools();
      // The read-only tools, and the raw request, which runs only its GETs there.
      expect(tools.map((t) => t.name)).toEqual(allTools.filter(offeredReadOnly).map((t) => t.id));
      expect(tools.map((t) => t.name)).toContain('zendesk_api_request');
      const write = await session.client.callTool({ name: 'zendesk_api_request', arguments: { method: 'DELETE', path: 'tickets/1' } });
      expect(write.isError).toBe(true);
      expect(textOf(write)).toContain('read-only');
      const refused = await session.client.callTool({ name: 'zendesk_create_ticket', arguments: { description: 'x' } });
      expect(refused.isError).toBe(true);
      expect(textOf(refused)).toContain('read-only');
    } finally {
      await session.close();
    }
  });
});

describe('mcp with credentials from the environment', () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, tickets: 20, users: 5, organizations: 2 });
  });
  afterAll(() => sandbox?.close());

  it('the sandbox accepts its OAuth access token through the executor, as Bearer, and refuses a wrong one', async () => {
    const base = { subdomain: sandbox.credentials.subdomain, ticketId: '1' };
    const ok = await executeTool('zendesk_get_ticket', { ...base, accessToken: sandbox.credentials.accessToken }, { baseUrl: sandbox.baseUrl });
    expect(ok).toMatchObject({ success: true, output: { ticket_id: 1 } });
    const wrong = await executeTool('zendesk_get_ticket', { ...base, accessToken: 'not-the-token' }, { baseUrl: sandbox.baseUrl, retry: { maxAttempts: 1 } });
    expect(wrong).toMatchObject({ success: false, error: { code: 'unauthorized', status: 401 } });
  });

  it('serves with ZENDESK_ACCESS_TOKEN and ZENDESK_BASE_URL', async () => {
    const session = await startServer(mcpArgs(), {
      ZENDESK_SUBDOMAIN: sandbox.credentials.subdomain,
      ZENDESK_ACCESS_TOKEN: sandbox.credentials.accessToken,
      ZENDESK_BASE_URL: sandbox.baseUrl,
      ZENDESK_MCP_TOOLSETS: 'users,tickets',
    });
    try {
      const { tools } = await session.client.listTools();
      expect(tools.map((t) => t.name)).toEqual(allTools.filter((t) => t.resource === 'tickets' || t.resource === 'users').map((t) => t.id));
      const me = await session.client.callTool({ name: 'zendesk_get_current_user', arguments: {} });
      expect(me.isError).toBeFalsy();
      expect((me.structuredContent as any).user.id).toEqual(expect.any(Number));
      expect(session.stderr()).toContain('(OAuth access token)');
      expect(session.stderr()).not.toContain(sandbox.credentials.accessToken);
    } finally {
      await session.close();
    }
  });

  it('exits 2 with a clear message on stderr, and nothing on stdout, when credentials are missing', async () => {
    const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('ZENDESK_')));
    const child = spawn(TSX, mcpArgs(), { cwd: ROOT, env: { ...env, ZENDESK_SUBDOMAIN: 'acme', ZENDESK_EMAIL: 'agent@example.com', NODE_NO_WARNINGS: '1' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('ZENDESK_API_TOKEN is not set');
    expect(stderr).toContain('ZENDESK_ACCESS_TOKEN');
  });
});
