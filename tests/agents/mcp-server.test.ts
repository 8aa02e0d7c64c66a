/** The MCP server in-process (SDK Client over an in-memory transport), against nock. */
import nock from 'nock';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { modelParamsSchema, toolAnnotations } from '../../agents/llm-tools';
import { createMcpServer, type McpServerOptions } from '../../agents/mcp-server';
import { DEFAULT_TOOLSETS, toolsetNames } from '../../agents/toolsets';
import { allTools } from '../../catalog';
import { credentials, expectValidOutput, forbidNetwork, NO_RETRY, resetNock, unmatchedRequests, zendesk } from '../helpers';

async function connect(options: Partial<McpServerOptions> = {}) {
  const server = createMcpServer({ credentials, executeOptions: NO_RETRY, ...options });
  const client = new Client({ name: 'test', version: '1.0.0' });
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  await Promise.all([server.connect(serverSide), client.connect(clientSide)]);
  return { client, close: () => Promise.all([client.close(), server.close()]) };
}

const textOf = (result: any) => (result.content as { type: string; text: string }[]).map((c) => c.text).join('\n');

let session: Awaited<ReturnType<typeof connect>>;
beforeAll(async () => {
  forbidNetwork();
  session = await connect();
});
afterAll(() => session.close());
afterEach(() => {
  expect(nock.pendingMocks()).toEqual([]);
  resetNock();
});

describe('MCP server (in-process)', () => {
  it('with toolsets "all", lists every registry tool with its LLM input schema, object output schema and annotations', async () => {
    const all = await connect({ toolsets: 'all' });
    try {
      const { tools } = await all.client.listTools();
      expect(tools.map((t) => t.name)).toEqual(allTools.map((t) => t.id));
      for (const tool of tools) {
        expect(tool.inputSchema).toEqual(modelParamsSchema(tool.name));
        expect(tool.outputSchema?.type).toBe('object');
        expect(tool.annotations).toEqual(toolAnnotations(tool.name));
        expect(tool.title).toBe(allTools.find((t) => t.id === tool.name)!.name);
      }
      expect(all.client.getInstructions()).toMatch(/compact JSON/);
    } finally {
      await all.close();
    }
  });

  it('by default lists the tools of the default toolsets only, and says which others exist', async () => {
    const { tools } = await session.client.listTools();
    expect(tools.map((t) => t.name)).toEqual(allTools.filter((t) => DEFAULT_TOOLSETS.includes(t.resource)).map((t) => t.id));
    const others = toolsetNames().filter((name) => !DEFAULT_TOOLSETS.includes(name));
    for (const name of others) expect(session.client.getInstructions()).toContain(name);
    const outside = allTools.find((t) => !DEFAULT_TOOLSETS.includes(t.resource))!;
    const refused = await session.client.callTool({ name: outside.id, arguments: {} });
    expect(refused.isError).toBe(true);
    expect(textOf(refused)).toContain(`${outside.id} belongs to the ${outside.resource} toolset, which this server does not offer`);
  });

  it('answers a read with structuredContent (checked by the client against outputSchema) and a compact text', async () => {
    zendesk()
      .get('/api/v2/tickets/12')
      .reply(200, { ticket: { id: 12, subject: 'Broken', status: 'open', assignee_id: null, tags: [] } });
    const result = await session.client.callTool({ name: 'zendesk_get_ticket', arguments: { ticketId: 12 } });
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent).toMatchObject({ ticket_id: 12, ticket: { id: 12, assignee_id: null } });
    expectValidOutput('zendesk_get_ticket', result.structuredContent);
    expect(JSON.parse(textOf(result))).toEqual({ ticket: { id: 12, subject: 'Broken', status: 'open' }, ticket_id: 12 });
  });

  it('answers a write', async () => {
    zendesk()
      .post('/api/v2/tickets', { ticket: { subject: 'Help', priority: 'high', comment: { body: 'Help' } } })
      .reply(201, { ticket: { id: 77, subject: 'Help', priority: 'high' } });
    const result = await session.client.callTool({ name: 'zendesk_create_ticket', arguments: { description: 'Help', priority: 'high' } });
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent).toMatchObject({ ticket_id: 77 });
  });

  it('turns failures into isError results and keeps serving', async () => {
    zendesk().get('/api/v2/tickets/404404').reply(404, { error: 'RecordNotFound', description: 'Not found' });
    const notFound = await session.client.callTool({ name: 'zendesk_get_ticket', arguments: { ticketId: 404404 } });
    expect(notFound.isError).toBe(true);
    expect(notFound.structuredContent).toBeUndefined();
    expect(textOf(notFound)).toMatch(/^Error \[not_found, HTTP 404\] from zendesk_get_ticket: Zendesk answered 404: RecordNotFound: Not found/);

    const before = unmatchedRequests();
    const badArgs = await session.client.callTool({ name: 'zendesk_get_ticket', arguments: { ticketId: 'twelve' } });
    expect(badArgs.isError).toBe(true);
    expect(textOf(badArgs)).toContain('Param to change: ticketId');
    const unknown = await session.client.callTool({ name: 'zendesk_nope', arguments: {} });
    expect(unknown.isError).toBe(true);
    expect(textOf(unknown)).toContain('There is no tool "zendesk_nope"');
    expect(unmatchedRequests()).toBe(before);

    zendesk().get('/api/v2/tickets/12').reply(200, { ticket: { id: 12 } });
    const after = await session.client.callTool({ name: 'zendesk_get_ticket', arguments: { ticketId: 12 } });
    expect(after.isError).toBeFalsy();
  });

  it('tells a model that passed a credential one thing: call again without it', async () => {
    const before = unmatchedRequests();
    const result = await session.client.callTool({ name: 'zendesk_get_ticket', arguments: { ticketId: 12, apiToken: 'model-made-up-token' } });
    expect(result.isError).toBe(true);
    const text = textOf(result);
    expect(text).toContain('Param to remove: apiToken');
    expect(text).toContain('What to do: Call again without apiToken: the server already has the Zendesk credentials.');
    expect(text.match(/What to do:/g)).toHaveLength(1);
    expect(text).not.toMatch(/tell the user|misconfigured|leave .* out/i);
    expect(text).not.toContain('model-made-up-token');
    expect(unmatchedRequests()).toBe(before);
  });

  it('says how long to wait when rate limited', async () => {
    // Own credentials: the account pacer then holds only this account back after the 429.
    const other = await connect({ credentials: { ...credentials, apiToken: 'another-token-456' } });
    try {
      nock('https://acme.zendesk.com').get('/api/v2/tickets/1').reply(429, 'Too many', { 'Retry-After': '30' });
      const limited = await other.client.callTool({ name: 'zendesk_get_ticket', arguments: { ticketId: 1 } });
      expect(limited.isError).toBe(true);
      expect(textOf(limited)).toContain('[rate_limited, HTTP 429]');
      expect(textOf(limited)).toContain('retryAfter: 30 s');
    } finally {
      await other.close();
    }
  });

  it('survives a transport that answers garbage', async () => {
    const odd = await connect({ executeOptions: { ...NO_RETRY, fetch: (async () => ({ weird: true })) as never } });
    try {
      const result = await odd.client.callTool({ name: 'zendesk_get_ticket', arguments: { ticketId: 1 } });
      expect(result.isError).toBe(true);
      expect(textOf(result)).toMatch(/^Error \[/);
      const again = await odd.client.listTools();
      expect(again.tools.length).toBe(allTools.filter((t) => DEFAULT_TOOLSETS.includes(t.resource)).length);
    } finally {
      await odd.close();
    }
  });

  it('read-only: lists only read-only tools and refuses the others', async () => {
    const ro = await connect({ readOnly: true, toolsets: 'all' });
    try {
      const { tools } = await ro.client.listTools();
      // The read-only tools, and the raw request, which the executor lets run only its GETs here.
      expect(tools.map((t) => t.name)).toEqual(allTools.filter((t) => t.hints.readOnly || t.readOnlyFor).map((t) => t.id));
      expect(tools.every((t) => t.annotations?.readOnlyHint === true)).toBe(true);
      const refused = await ro.client.callTool({ name: 'zendesk_delete_ticket', arguments: { ticketId: 1 } });
      expect(refused.isError).toBe(true);
      expect(textOf(refused)).toContain('zendesk_delete_ticket changes data and this server is read-only');
    } finally {
      await ro.close();
    }
  });

  it('without structured output: no outputSchema and no structuredContent', async () => {
    const plain = await connect({ structuredOutput: false });
    try {
      const { tools } = await plain.client.listTools();
      expect(tools.every((t) => t.outputSchema === undefined)).toBe(true);
      zendesk().get('/api/v2/tickets/3').reply(200, { ticket: { id: 3 } });
      const result = await plain.client.callTool({ name: 'zendesk_get_ticket', arguments: { ticketId: 3 } });
      expect(result.structuredContent).toBeUndefined();
      expect(JSON.parse(textOf(result))).toEqual({ ticket: { id: 3 }, ticket_id: 3 });
    } finally {
      await plain.close();
    }
  });

  it('waits for bulk jobs by default and reports progress to a client that asks', async () => {
    zendesk()
      .put('/api/v2/tickets/update_many', { ticket: { status: 'solved' } })
      .query({ ids: '1,2' })
      .reply(200, { job_status: { id: 'j9', status: 'queued', total: 2, progress: 0 } });
    zendesk()
      .get('/api/v2/job_statuses/j9')
      .reply(200, {
        job_status: {
          id: 'j9', status: 'completed', total: 2, progress: 2,
          results: [{ id: 1, action: 'update', success: true, status: 'Updated' }, { id: 2, action: 'update', success: false, error: 'TicketNotFound' }],
        },
      });
    const progress: number[] = [];
    const result = await session.client.callTool(
      { name: 'zendesk_update_tickets_bulk', arguments: { ticketIds: [1, 2], status: 'solved' } },
      undefined,
      { onprogress: (p) => progress.push(p.progress) },
    );
    expect(result.isError).toBe(true);
    expect(textOf(result)).toContain('[job_failed]');
    expect(textOf(result)).toContain('TicketNotFound');
    expect(progress.length).toBeGreaterThan(0);
  });
});
