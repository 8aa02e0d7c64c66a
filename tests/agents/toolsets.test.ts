/**
 * MCP toolsets and the size of `tools/list`: the default configuration stays inside the documented
 * budget (docs/agents.md), toolsets come from the registry's resources, `--read-only` combines with
 * them, and the compact output schemas accept exactly what the full ones accept.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import Ajv from 'ajv';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import { compactOutputSchema, llmTools, modelOutputSchema } from '../../agents/llm-tools';
import { createMcpServer, mcpTools, type McpServerOptions } from '../../agents/mcp-server';
import { ALL_TOOLSETS, DEFAULT_TOOLS_LIST_BUDGET, DEFAULT_TOOLSETS, resolveToolsets, ToolsetError, toolsetNames } from '../../agents/toolsets';
import { startSandbox, type Sandbox } from '../../sandbox';
import { allTools, executeTool } from '../../catalog';
import { offeredReadOnly } from '../../lib/executor';
import { loadSchema } from '../schema-files';
import type { AnyToolDefinition, ParamDefinition } from '../../tools/types';

/**
 * The budget of the default `tools/list` answer, as docs/agents.md states it: bytes of the JSON-RPC
 * message on the wire, and tools. Adding operations to a default toolset must keep within it.
 */
const { bytes: TOOLS_LIST_BUDGET_BYTES, tools: TOOLS_LIST_BUDGET_TOOLS } = DEFAULT_TOOLS_LIST_BUDGET;

const ROOT = path.resolve(__dirname, '..', '..');
const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');

/** A server over an in-memory transport, with every message it sends kept as sent. */
async function connect(options: Partial<McpServerOptions> = {}) {
  const server = createMcpServer({ credentials: { subdomain: 'acme', email: 'a@example.com', apiToken: 'tok-123456' }, ...options });
  const client = new Client({ name: 'budget-test', version: '1.0.0' });
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  const sent: JSONRPCMessage[] = [];
  const send = serverSide.send.bind(serverSide);
  serverSide.send = (message, sendOptions) => {
    sent.push(message);
    return send(message, sendOptions);
  };
  await Promise.all([server.connect(serverSide), client.connect(clientSide)]);
  return { client, sent, close: () => Promise.all([client.close(), server.close()]) };
}

/** Bytes of the `tools/list` answer as the server serialises it, and its tools. */
async function measureToolsList(options: Partial<McpServerOptions> = {}) {
  const session = await connect(options);
  try {
    const { tools } = await session.client.listTools();
    const answer = session.sent.find((m) => 'result' in m && Array.isArray((m.result as { tools?: unknown }).tools))!;
    return { bytes: Buffer.byteLength(JSON.stringify(answer)), tools };
  } finally {
    await session.close();
  }
}

describe('toolsets', () => {
  it('are the resources of the registry, plus all', () => {
    expect(toolsetNames()).toEqual([...new Set(allTools.map((t) => t.resource))]);
    expect(resolveToolsets(ALL_TOOLSETS)).toEqual(toolsetNames());
    expect(resolveToolsets(undefined)).toEqual([...DEFAULT_TOOLSETS]);
    expect(resolveToolsets(' ')).toEqual([...DEFAULT_TOOLSETS]);
    expect(resolveToolsets(' Search , tickets')).toEqual(['tickets', 'search']);
    expect(resolveToolsets(['users', 'all'])).toEqual(toolsetNames());
    for (const name of DEFAULT_TOOLSETS) expect(toolsetNames()).toContain(name);
  });

  it('refuse an unknown name, listing the valid ones', () => {
    expect(() => resolveToolsets('tickets,ticket')).toThrow(ToolsetError);
    expect(() => resolveToolsets('tickets,ticket')).toThrow(`Unknown toolset "ticket": choose from ${toolsetNames().join(', ')} or all.`);
    expect(() => createMcpServer({ credentials: { subdomain: 'acme', accessToken: 'x' }, toolsets: ['nope'] })).toThrow(/Unknown toolset "nope"/);
  });

  it('each lists exactly the tools of its resource, and --read-only keeps only their read-only tools', async () => {
    for (const name of toolsetNames()) {
      const own = allTools.filter((t) => t.resource === name);
      expect(mcpTools({ toolsets: name }).map((t) => t.name)).toEqual(own.map((t) => t.id));
      expect(mcpTools({ toolsets: [name], readOnly: true }).map((t) => t.name)).toEqual(own.filter(offeredReadOnly).map((t) => t.id));
      expect(llmTools({ toolsets: name }).map((t) => t.name)).toEqual(own.map((t) => t.id));
    }
    const session = await connect({ toolsets: 'users,search', readOnly: true });
    try {
      const { tools } = await session.client.listTools();
      // Read-only tools, and those read-only with some params (offboarding's dry run).
      expect(tools.map((t) => t.name)).toEqual(allTools.filter((t) => (t.resource === 'users' || t.resource === 'search') && offeredReadOnly(t)).map((t) => t.id));
      const write = allTools.find((t) => t.resource === 'users' && !offeredReadOnly(t))!;
      const refused = await session.client.callTool({ name: write.id, arguments: {} });
      expect(refused.isError).toBe(true);
      expect((refused.content as { text: string }[])[0].text).toContain(`${write.id} changes data and this server is read-only`);
    } finally {
      await session.close();
    }
  });

  it(`the default tools/list stays within the budget: ${TOOLS_LIST_BUDGET_BYTES / 1024} KB and ${TOOLS_LIST_BUDGET_TOOLS} tools`, async () => {
    const { bytes, tools } = await measureToolsList();
    expect(tools.map((t) => t.name)).toEqual(allTools.filter((t) => DEFAULT_TOOLSETS.includes(t.resource)).map((t) => t.id));
    expect(bytes).toBeLessThanOrEqual(TOOLS_LIST_BUDGET_BYTES);
    expect(tools.length).toBeLessThanOrEqual(TOOLS_LIST_BUDGET_TOOLS);
    // Measured and reported, so a change in size is visible in the test output.
    const all = await measureToolsList({ toolsets: 'all' });
    process.stdout.write(`tools/list: default ${tools.length} tools, ${bytes} bytes; all ${all.tools.length} tools, ${all.bytes} bytes\n`);
    expect(all.bytes).toBeGreaterThan(bytes);
  });

  it('zendesk-blocks mcp exits 2 for an unknown toolset, from the flag or the environment', async () => {
    const run = (args: string[], env: Record<string, string> = {}) =>
      new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
        const child = spawn(TSX, ['cli/index.ts', 'mcp', '--sandbox', ...args], { cwd: ROOT, env: { ...process.env, NODE_NO_WARNINGS: '1', ...env } });
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (d) => (stdout += d));
        child.stderr.on('data', (d) => (stderr += d));
        child.on('close', (code) => resolve({ code, stdout, stderr }));
      });
    const [flag, env] = await Promise.all([run(['--toolsets', 'tickets,bogus']), run([], { ZENDESK_MCP_TOOLSETS: 'nothing' })]);
    expect(flag).toMatchObject({ code: 2, stdout: '' });
    expect(flag.stderr).toContain(`--toolsets: Unknown toolset "bogus": choose from ${toolsetNames().join(', ')} or all.`);
    expect(env).toMatchObject({ code: 2, stdout: '' });
    expect(env.stderr).toContain('ZENDESK_MCP_TOOLSETS: Unknown toolset "nothing"');
  }, 30_000);
});

describe('compact output schemas', () => {
  const ajv = new Ajv({ allErrors: true, strict: false });
  const full = new Map(allTools.map((t) => [t.id, ajv.compile(modelOutputSchema(t)!)]));
  const compact = new Map(allTools.map((t) => [t.id, ajv.compile(compactOutputSchema(t)!)]));
  let sandbox: Sandbox;

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, tickets: 60, users: 12, organizations: 4, jobDelayMs: 1 });
  });
  afterAll(() => sandbox?.close());

  it('are much smaller, keep the top-level descriptions and no additionalProperties noise', () => {
    const size = (schema: unknown) => JSON.stringify(schema).length;
    const total = (of: (tool: AnyToolDefinition) => unknown) => allTools.reduce((sum, tool) => sum + size(of(tool)), 0);
    // Against the published output schemas (schemas/*.outputs.json), which MCP declared before.
    expect(total(compactOutputSchema)).toBeLessThan(total((tool) => loadSchema(tool.id, 'outputs')) * 0.6);
    for (const tool of allTools) {
      const small = compactOutputSchema(tool)!;
      const text = JSON.stringify(small);
      expect(text.length).toBeLessThanOrEqual(size(modelOutputSchema(tool)));
      expect(text).not.toContain('"additionalProperties":{}');
      for (const [name, node] of Object.entries(small.properties as Record<string, any>)) {
        expect({ name, description: node.description }).toEqual({ name, description: tool.outputs[name].description });
      }
    }
  });

  /** Params that make each tool run against the sandbox: required ids point at seeded records. */
  function paramsFor(tool: AnyToolDefinition): Record<string, string> {
    const ticket = [...sandbox.state.tickets.map.values()].find((t) => t.status !== 'closed')!;
    const user = [...sandbox.state.users.map.values()][1];
    const org = [...sandbox.state.organizations.map.values()][0];
    const session = [...sandbox.state.sessions.map.values()].find((s) => s.user_id === user.id)!;
    const group = [...sandbox.state.groups.map.values()][0];
    const agreement = [...sandbox.state.sharingAgreements.map.values()][0];
    const byName: Record<string, string> = {
      ticketId: String(ticket.id),
      userId: String(user.id),
      organizationId: String(org.id),
      groupId: String(group.id),
      sharingAgreementId: String(agreement.id),
      name: org.name.slice(0, 3),
      query: 'status:open',
      sessionId: String(session.id),
    };
    const params: Record<string, string> = {};
    for (const [name, definition] of Object.entries(tool.params as Record<string, ParamDefinition>)) {
      if (!definition.required || name in sandbox.credentials) continue;
      params[name] = byName[name] ?? definition.example ?? '';
    }
    return params;
  }

  it('accept every real output the full schema accepts (read tools and a few writes against the sandbox)', async () => {
    const open = [...sandbox.state.tickets.map.values()].filter((t) => t.status !== 'closed').slice(0, 2).map((t) => t.id);
    const writes: [string, Record<string, string>][] = [
      ['zendesk_create_ticket', { description: 'Compact schema check', tags: 'schema' }],
      ['zendesk_update_ticket', { status: 'pending', comment: 'checked' }],
      ['zendesk_update_tickets_bulk', { ticketIds: open.join(','), tags: 'schema' }],
      ['zendesk_triage_tickets', { query: 'status:open', priority: 'high', dryRun: 'true' }],
      ['zendesk_create_organization', { name: 'Compact Org' }],
    ];
    // Read tools need no more than their required params, but some want one of two params (a query or an external id, ids or
    // external ids, a start time or a cursor), and an identity id must be one of the user's.
    const user = [...sandbox.state.users.map.values()][1];
    const { subdomain, email, apiToken } = sandbox.credentials;
    const identities = await executeTool('zendesk_get_user_identities', { subdomain, email, apiToken, userId: String(user.id) }, { baseUrl: sandbox.baseUrl });
    const oneOf: Record<string, Record<string, string>> = {
      zendesk_search_users: { query: 'admin' },
      zendesk_get_users_by_ids: { userIds: String(user.id) },
      zendesk_export_users_incremental: { startTime: '0' },
      zendesk_get_user_identity: { identityId: String(identities.success && identities.output.identities[0].id) },
    };
    const reads = allTools.filter((t) => t.hints.readOnly).map((t): [string, Record<string, string>] => [t.id, oneOf[t.id] ?? {}]);
    const runs = [...reads, ...writes];
    for (const [id, extra] of runs) {
      const tool = allTools.find((t) => t.id === id)!;
      const result = await executeTool(tool, { ...paramsFor(tool), ...extra, subdomain, email, apiToken }, { baseUrl: sandbox.baseUrl, waitForJob: true });
      expect({ id, success: result.success, error: result.success ? undefined : result.error }).toEqual({ id, success: true, error: undefined });
      const output = result.success ? result.output : undefined;
      expect({ id, full: full.get(id)!(output) }).toEqual({ id, full: true });
      expect({ id, compact: compact.get(id)!(output), errors: compact.get(id)!.errors }).toEqual({ id, compact: true, errors: null });
    }
  });

  it('refuse what the full schema refuses: a wrong type deep inside, a missing output', async () => {
    const { subdomain, email, apiToken } = sandbox.credentials;
    const result = await executeTool('zendesk_get_tickets', { subdomain, email, apiToken, perPage: '3' }, { baseUrl: sandbox.baseUrl });
    if (!result.success) throw new Error(result.error.message);
    const wrongType = structuredClone(result.output) as any;
    wrongType.tickets[0].via.channel = 42;
    const wrongItem = structuredClone(result.output) as any;
    wrongItem.tickets[1].tags = 'not-a-list';
    const missing = structuredClone(result.output) as any;
    delete missing.paging;
    for (const bad of [wrongType, wrongItem, missing]) {
      expect(full.get('zendesk_get_tickets')!(bad)).toBe(false);
      expect(compact.get('zendesk_get_tickets')!(bad)).toBe(false);
    }
  });
});
