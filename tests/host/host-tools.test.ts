/**
 * The tool registry for the host: every operation as a host tool with its version, params and
 * outputs, run through the host's call path (directExecution) against the sandbox over HTTP, with a
 * recording proxy in between to see what went out. The block's wait switch reaches the executor;
 * failures, aborts, read-only mode and secrets behave as they do in the pack.
 */
import { createElement } from 'react';
import nock from 'nock';
import { allTools, executeTool } from '../../catalog';
import type { AnyToolDefinition, OutputNode, ParamDefinition } from '../../contract';
import { HOST_TOOL_VERSION, type HostOutputProperty, type HostToolConfig, toHostBlock, toHostTools } from '../../host';
import { fieldIdOf } from '../../blocks';
import { defineResource, defineTool, READ_ONLY } from '../../tools/define';
import { out } from '../../tools/outputs';
import { param } from '../../tools/param';
import { type Sandbox, startSandbox } from '../../sandbox';
import { expectValidOutput } from '../helpers';
import { type Recorder, startRecorder } from './recorder';
import { blockToolCall, executeLikeHost, runBlockLikeHost } from './sim-host';

jest.setTimeout(120_000);

const SANDBOX = { port: 0, tickets: 40, users: 12, organizations: 6, jobDelayMs: 5, seed: 21 };

let sandbox: Sandbox;
let recorder: Recorder;
let tools: Record<string, HostToolConfig>;
let auth: { email: string; apiToken: string; subdomain: string };

beforeAll(async () => {
  sandbox = await startSandbox(SANDBOX);
  recorder = await startRecorder(sandbox.baseUrl);
  tools = toHostTools({ baseUrl: recorder.baseUrl });
  const { email, apiToken, subdomain } = sandbox.credentials;
  auth = { email, apiToken, subdomain };
});
afterAll(async () => {
  await recorder?.close();
  await sandbox?.close();
});

describe('every operation as a host tool', () => {
  it('is in the registry once per operation, by its id', () => {
    expect(Object.keys(toHostTools()).sort()).toEqual(allTools.map((t) => t.id).sort());
  });

  const hostOutput = (node: OutputNode): HostOutputProperty => ({
    type: node.type,
    description: node.description,
    ...(node.optional ? { optional: true } : {}),
    ...(node.properties ? { properties: Object.fromEntries(Object.entries(node.properties).map(([k, n]) => [k, hostOutput(n)])) } : {}),
    ...(node.items ? { items: (({ type, description, properties }) => ({ type, description, ...(properties ? { properties } : {}) }))(hostOutput(node.items)) } : {}),
  });

  it.each(allTools.map((tool) => [tool.id, tool] as const))('%s: id, name, description, version, params a host and a model read, outputs', (id, definition) => {
    const tool = toHostTools()[id];
    expect({ id: tool.id, name: tool.name, description: tool.description, version: tool.version }).toEqual({
      id,
      name: definition.name,
      description: definition.description,
      version: HOST_TOOL_VERSION,
    });
    const params = definition.params as Record<string, ParamDefinition>;
    const expectedNames = [...Object.keys(params), ...(definition.result.kind === 'job' ? ['waitForCompletion'] : [])];
    expect(Object.keys(tool.params)).toEqual(expectedNames);
    for (const [name, p] of Object.entries(params)) {
      const hosted = tool.params[name];
      expect({ name, required: hosted.required, visibility: hosted.visibility }).toEqual({ name, required: p.required, visibility: p.visibility });
      expect(['string', 'number', 'boolean', 'array', 'json']).toContain(hosted.type);
      expect(hosted.description!.length).toBeGreaterThan(5);
      if (p.enum && hosted.type === 'string') for (const value of p.enum) expect(hosted.description).toContain(value);
      if (hosted.type === 'array') expect(hosted.items?.type).toBeDefined();
    }
    // Secrets never reach a model: the host hides them.
    for (const secret of ['apiToken', 'accessToken']) expect(tool.params[secret].visibility).toBe('hidden');
    expect(tool.outputs).toEqual(Object.fromEntries(Object.entries(definition.outputs).map(([k, n]) => [k, hostOutput(n)])));
    expect(tool.directExecution).toEqual(expect.any(Function));
  });

  it('types params for a model: ids and integers as numbers, lists as arrays of their items (JSON Schema), JSON as json, switches as booleans', () => {
    const t = toHostTools();
    expect(t.zendesk_get_ticket.params.ticketId).toMatchObject({ type: 'number', required: true, visibility: 'user-or-llm' });
    expect(t.zendesk_get_tickets.params.perPage).toMatchObject({ type: 'number', default: 100 });
    expect(t.zendesk_update_tickets_bulk.params.ticketIds).toMatchObject({ type: 'array', items: { type: 'integer' } });
    expect(t.zendesk_create_ticket.params.tags).toMatchObject({ type: 'array', items: { type: 'string' } });
    expect(t.zendesk_create_ticket.params.customFields).toMatchObject({ type: 'json' });
    expect(t.zendesk_create_tickets_bulk.params.tickets).toMatchObject({ type: 'array', items: { type: 'object' } });
    expect(t.zendesk_create_user.params.verified).toMatchObject({ type: 'boolean' });
    expect(t.zendesk_create_tickets_bulk.params.waitForCompletion).toMatchObject({ type: 'boolean', visibility: 'user-only', default: true, required: false });
  });

  it('describes a request without credentials, and refuses to read an answer it did not ask for', async () => {
    const tool = toHostTools().zendesk_update_ticket;
    const given = { email: 'agent@example.com', apiToken: 'secret-token-123', subdomain: 'acme', ticketId: '7', ticketTags: 'a, b', comment: 'Hi' };
    expect(typeof tool.request.url === 'function' && tool.request.url(given)).toBe('https://acme.zendesk.com/api/v2/tickets/7');
    expect(typeof tool.request.method === 'function' && tool.request.method(given)).toBe('PUT');
    expect(tool.request.body!(given)).toEqual({ ticket: { tags: ['a', 'b'], comment: { body: 'Hi', public: true } } });
    expect(JSON.stringify(tool.request.headers(given))).not.toMatch(/secret|Basic|Bearer/);
    expect(() => (tool.request.url as (p: unknown) => string)({ ...given, ticketId: 'x' })).toThrow(/ticketId must be a numeric id/);
    await expect(tool.transformResponse!({ ok: true, status: 200, json: async () => ({}), text: async () => '{}' })).rejects.toThrow(/runs through directExecution/);
  });
});

/** Params of each operation, by param name, as a model or the host's tool input gives them. */
function casesFor(state: Sandbox['state']): Record<string, Record<string, unknown>> {
  const tickets = [...state.tickets.map.values()].filter((t) => t.status !== 'closed').map((t) => t.id);
  const users = [...state.users.map.values()].filter((u) => u.role === 'end-user' && u.active).map((u) => u.id);
  const organizations = [...state.organizations.map.values()].map((o) => o.id);
  const prefix = state.organizations.get(organizations[0])!.name.slice(0, 3);
  return {
    zendesk_get_tickets: { status: 'open', perPage: 5 },
    zendesk_get_ticket: { ticketId: tickets[0] },
    zendesk_create_ticket: { subject: 'Via the host', description: 'Created by a host tool.', tags: ['host'] },
    zendesk_create_tickets_bulk: { tickets: [{ subject: 'Bulk', comment: { body: 'One' } }] },
    zendesk_update_ticket: { ticketId: tickets[1], priority: 'high' },
    zendesk_update_tickets_bulk: { ticketIds: [tickets[2], tickets[3]], tags: ['host-bulk'] },
    zendesk_delete_ticket: { ticketId: tickets[4] },
    zendesk_merge_tickets: { targetTicketId: tickets[5], sourceTicketIds: String(tickets[6]) },
    zendesk_get_users: { perPage: 3 },
    zendesk_get_user: { userId: users[0] },
    zendesk_get_current_user: {},
    zendesk_search_users: { query: 'a' },
    zendesk_create_user: { name: 'Host User', userEmail: 'host.user@example.com' },
    zendesk_create_users_bulk: { users: [{ name: 'Bulk User', email: 'bulk.user@example.com' }] },
    zendesk_update_user: { userId: users[1], phone: '+1 555 0100' },
    zendesk_update_users_bulk: { users: [{ id: users[2], notes: 'host' }] },
    zendesk_delete_user: { userId: users[3] },
    zendesk_get_organizations: { perPage: 2 },
    zendesk_get_organization: { organizationId: organizations[0] },
    zendesk_autocomplete_organizations: { name: prefix },
    zendesk_create_organization: { name: 'Host Org' },
    zendesk_create_organizations_bulk: { organizations: [{ name: 'Host Bulk Org' }] },
    zendesk_update_organization: { organizationId: organizations[1], notes: 'host' },
    zendesk_delete_organization: { organizationId: organizations[3] },
    zendesk_search: { query: 'status:open', filterType: 'ticket', perPage: 5 },
    zendesk_search_count: { query: 'status:open' },
    zendesk_api_request: { method: 'GET', path: `/api/v2/tickets/${tickets[7]}.json` },
    zendesk_triage_tickets: { query: 'status:new', priority: 'high', dryRun: true },
  };
}

/** Params from the examples of an operation's required params: enough to call one no case here knows yet. */
const fromExamples = (tool: AnyToolDefinition) =>
  Object.fromEntries(Object.entries(tool.params as Record<string, ParamDefinition>).filter(([, p]) => p.required && p.example !== undefined).map(([n, p]) => [n, p.example]));

/**
 * The host path gives what the pack's executor gives for the same params (from the examples), each on
 * its own sandbox of the same seed: the same outputs on success, the same error code on failure.
 */
async function expectSameAsExecutor(definition: AnyToolDefinition): Promise<void> {
  const [mine, twin] = await Promise.all([startSandbox(SANDBOX), startSandbox(SANDBOX)]);
  try {
    const given = { ...twin.credentials, ...fromExamples(definition) };
    const hosted = await executeLikeHost(toHostTools({ baseUrl: mine.baseUrl }), definition.id, given);
    const direct = await executeTool(definition, given, { baseUrl: twin.baseUrl, waitForJob: true });
    // Each sandbox names itself in record URLs, jobs get random ids, and the two calls may fall in different seconds.
    const same = (value: unknown, base: string) =>
      JSON.parse(
        JSON.stringify(value)
          .split(new URL(base).origin)
          .join('ORIGIN')
          .replace(/\b[0-9a-f]{32}\b/g, 'JOB')
          .replace(/\d{4}-\d\d-\d\d[T ]\d\d:\d\d:\d\d(\.\d+)?( ?[+-]\d\d:?\d\d|Z)?/g, 'TIME'),
      );
    if (direct.success) expect(same(hosted, mine.baseUrl)).toEqual(same({ success: true, output: direct.output, ...(direct.warnings ? { warnings: direct.warnings } : {}) }, twin.baseUrl));
    else expect(hosted).toMatchObject({ success: false, output: { error: { code: direct.error.code } } });
  } finally {
    await Promise.all([mine.close(), twin.close()]);
  }
}

describe('every tool runs through the host\'s call path against the sandbox', () => {
  it('gives what the executor gives, for an operation no case here knows (checked on two that it does)', async () => {
    await expectSameAsExecutor(allTools.find((t) => t.id === 'zendesk_get_current_user')!);
    await expectSameAsExecutor(allTools.find((t) => t.id === 'zendesk_get_ticket')!);
  });

  let cases: Record<string, Record<string, unknown>>;
  beforeAll(() => {
    cases = casesFor(sandbox.state);
  });

  it.each(allTools.map((tool) => [tool.id, tool] as const))('%s', async (id, definition) => {
    const params = cases[id];
    // An operation added since this file was written: the host path must give what the executor gives.
    if (!params) return expectSameAsExecutor(definition);
    const from = recorder.requests.length;
    const response = await executeLikeHost(tools, id, { ...auth, ...params, _context: { workflowId: 'w' } });
    if (!response.success) throw new Error(`${id} failed through the host path: ${response.error}`);
    expectValidOutput(id, response.output);
    const sent = recorder.requests.slice(from);
    expect(sent.length).toBeGreaterThan(0);
    // The described request is the one the executor sent first.
    if (definition.request) {
      const tool = tools[id];
      const given = { ...auth, ...params };
      const url = (tool.request.url as (p: unknown) => string)(given);
      expect({ method: (tool.request.method as (p: unknown) => string)(given), path: url.slice(url.indexOf('/api/v2')), body: tool.request.body!(given) }).toEqual({
        method: sent[0].method,
        path: sent[0].path,
        body: sent[0].body,
      });
    }
  });
});

describe('the block\'s values through the host', () => {
  const block = toHostBlock({ createElement });
  const job = (waitForCompletion?: unknown) => ({
    operation: 'zendesk_update_tickets_bulk',
    ...auth,
    ticketIds: String([...sandbox.state.tickets.map.values()].filter((t) => t.status !== 'closed')[8].id),
    ticketTagsToAdd: 'waited',
    ...(waitForCompletion === undefined ? {} : { waitForCompletion }),
  });

  it('waits for a job by default and when the switch is on, with the host\'s own polling settings', async () => {
    for (const values of [job(), job(true), job('true')]) {
      const { response } = await runBlockLikeHost(block, tools, values);
      expect(response).toMatchObject({ success: true, output: { job_status: { status: 'completed' } } });
    }
    const polled: number[] = [];
    const patient = toHostTools({ baseUrl: recorder.baseUrl, waitForJob: { pollIntervalMs: 1 }, onProgress: (p) => polled.push(p.done) });
    const { response } = await runBlockLikeHost(block, patient, job(true));
    expect(response).toMatchObject({ success: true, output: { job_status: { status: 'completed' } } });
    expect(polled.length).toBeGreaterThan(0);
  });

  it('returns the queued job when the switch is off, from the block or from a tool input', async () => {
    const { toolId, params } = blockToolCall(block, job(false));
    expect(params).toMatchObject({ waitForCompletion: false, tags: 'waited', ticketIds: expect.any(String) });
    const { response } = await runBlockLikeHost(block, tools, job(false));
    expect(response.output.job_status.status).toBe('queued');
    const direct = await executeLikeHost(tools, toolId, { ...auth, ticketIds: params.ticketIds, tags: ['direct'], waitForCompletion: false });
    expect(direct.output.job_status.status).toBe('queued');
  });

  it('refuses a switch that is not a boolean, naming it, before anything is sent', async () => {
    const from = recorder.requests.length;
    const { response } = await runBlockLikeHost(block, tools, job('maybe'));
    expect(response).toMatchObject({ success: false, output: { error: { code: 'invalid_input', param: 'waitForCompletion' } } });
    expect(response.error).toContain('waitForCompletion must be true or false');
    expect(recorder.requests.length).toBe(from);
  });

  it('reads each param from its own field when field and param names differ, and ignores what is not the tool\'s', async () => {
    const values = { operation: 'zendesk_create_ticket', ...auth, description: 'Field ids', ticketTags: 'from-field', userTags: 'not-mine', subject: 'Fields' };
    const { params } = blockToolCall(block, values);
    expect(params).not.toHaveProperty('userTags');
    const from = recorder.requests.length;
    const { response } = await runBlockLikeHost(block, tools, values);
    expect(response.success).toBe(true);
    expect(recorder.requests[from].body).toMatchObject({ ticket: { subject: 'Fields', tags: ['from-field'], comment: { body: 'Field ids' } } });
  });
});

describe('failures through the host', () => {
  it('a Zendesk error: the message for the host, the pack\'s error in the output, no secret anywhere', async () => {
    const response = await executeLikeHost(tools, 'zendesk_get_ticket', { ...auth, apiToken: 'wrong-secret-token-987', ticketId: 1 });
    expect(response).toMatchObject({ success: false, output: { error: { code: 'unauthorized', status: 401 } } });
    expect(response.error).toContain('(unauthorized)');
    expect(JSON.stringify(response)).not.toContain('wrong-secret-token-987');
  });

  it('bad input: invalid_input naming the param, nothing sent', async () => {
    const from = recorder.requests.length;
    const response = await executeLikeHost(tools, 'zendesk_update_ticket', { ...auth, ticketId: '1/../../users/5', status: 'open' });
    expect(response).toMatchObject({ success: false, output: { error: { code: 'invalid_input', param: 'ticketId' } } });
    expect(recorder.requests.length).toBe(from);
  });

  it('the host\'s abort signal cancels the call', async () => {
    const controller = new AbortController();
    controller.abort();
    const response = await executeLikeHost(tools, 'zendesk_get_tickets', { ...auth }, controller.signal);
    expect(response).toMatchObject({ success: false, output: { error: { code: 'aborted' } } });
  });

  it('takes no per-call option as a default for every call: one idempotency key for all creates, a signal', async () => {
    const aborted = new AbortController();
    aborted.abort();
    const shared = toHostTools({ baseUrl: recorder.baseUrl, idempotencyKey: 'one-key-for-all', signal: aborted.signal } as never);
    for (const subject of ['First', 'Second']) {
      const response = await executeLikeHost(shared, 'zendesk_create_ticket', { ...auth, subject, description: `${subject} ticket` });
      expect(response).toMatchObject({ success: true, output: { ticket: { subject } } });
    }
    const keys = recorder.requests.slice(-2).map((r) => r.idempotencyKey);
    expect(new Set(keys).size).toBe(2);
    expect(keys).not.toContain('one-key-for-all');
  });

  it('read-only: only what changes nothing is offered, and a raw request that would write is refused unsent', async () => {
    const readOnly = toHostTools({ baseUrl: recorder.baseUrl, readOnly: true });
    expect(Object.keys(readOnly).sort()).toEqual(allTools.filter((t) => t.hints.readOnly || t.readOnlyFor).map((t) => t.id).sort());
    expect(Object.keys(toHostBlock({ createElement, readOnly: true }).tools.access).length).toBe(Object.keys(readOnly).length);
    const from = recorder.requests.length;
    const response = await executeLikeHost(readOnly, 'zendesk_api_request', { ...auth, method: 'DELETE', path: 'tickets/1' });
    expect(response).toMatchObject({ success: false, output: { error: { code: 'forbidden' } } });
    expect(recorder.requests.length).toBe(from);
  });
});

describe('an operation added to the pack', () => {
  const widgets = defineResource({ id: 'widgets', title: 'Widgets', singular: 'widget' });
  const getWidget = defineTool({
    id: 'zendesk_get_widget',
    name: 'Get widget',
    resource: widgets.id,
    description: 'Read one widget.',
    params: { widgetId: param.numericId('Id of the widget.', { required: true }), widgetTags: param.stringList('Tags.', { field: 'widgetTagList' }) },
    request: (p) => ({ method: 'GET', path: ['widgets', p.widgetId], query: { tags: p.widgetTags } }),
    outputs: { widget: out.json('The widget') },
    output: ({ body }) => ({ widget: body.widget }),
    result: { kind: 'single' },
    hints: READ_ONLY,
  });
  const registry = [...allTools, getWidget];

  afterEach(() => nock.cleanAll());

  it('flows through the block and the tools with no change to the adapter', async () => {
    const block = toHostBlock({ createElement, tools: registry });
    const hostTools = toHostTools({ tools: registry });
    expect(block.tools.access).toContain('zendesk_get_widget');
    expect(block.subBlocks.find((f) => f.id === 'operation')!.options).toContainEqual({ label: 'Get widget', id: 'zendesk_get_widget', group: 'Widgets' });
    expect(block.subBlocks.find((f) => f.id === fieldIdOf('widgetTags', getWidget.params.widgetTags))).toMatchObject({ condition: { field: 'operation', value: ['zendesk_get_widget'] } });
    expect(hostTools.zendesk_get_widget.params.widgetId).toMatchObject({ type: 'number', required: true });

    const scope = nock('https://acme.zendesk.com').get('/api/v2/widgets/5').query({ tags: 'a,b' }).reply(200, { widget: { id: 5 } });
    const { response } = await runBlockLikeHost(block, hostTools, {
      operation: 'zendesk_get_widget',
      email: 'agent@example.com',
      apiToken: 'secret-token-123',
      subdomain: 'acme',
      widgetId: '5',
      widgetTagList: 'a, b',
    });
    expect(response).toEqual({ success: true, output: { widget: { id: 5 } } });
    scope.done();
  });
});
