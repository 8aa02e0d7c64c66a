import nock from 'nock';
import Ajv from 'ajv';
import {
  anthropicTools,
  describeExpectation,
  expectationOf,
  llmTools,
  modelOutputSchema,
  modelParamsSchema,
  openAITools,
  toolAnnotations,
} from '../../agents/llm-tools';
import { callToolForModel, executeModelCall } from '../../agents/model-call';
import { allTools, getTool } from '../../catalog';
import { CREDENTIAL_PARAMS } from '../../tools/params';
import type { ParamDefinition } from '../../tools/types';
import { credentials, expectValidOutput, forbidNetwork, NO_RETRY, resetNock, unmatchedRequests, zendesk } from '../helpers';

const ajv = new Ajv({ strict: false, allErrors: true });
const NAME = /^[a-zA-Z0-9_-]{1,64}$/;
const defsOf = (id: string) => getTool(id)!.params as Record<string, ParamDefinition>;

beforeAll(forbidNetwork);
afterEach(() => {
  expect(nock.pendingMocks()).toEqual([]);
  resetNock();
});

describe('LLM tool schemas, derived from the registry', () => {
  it('covers every registry tool, in registry order, in all three shapes', () => {
    const ids = allTools.map((tool) => tool.id);
    expect(ids.length).toBeGreaterThanOrEqual(8);
    expect(llmTools().map((t) => t.name)).toEqual(ids);
    expect(openAITools().map((t) => t.function.name)).toEqual(ids);
    expect(anthropicTools().map((t) => t.name)).toEqual(ids);
    // Read-only: the tools that change nothing, and those (the raw request) whose reads a read-only connection runs.
    expect(llmTools({ readOnly: true }).map((t) => t.name)).toEqual(allTools.filter((t) => t.hints.readOnly || t.readOnlyFor).map((t) => t.id));
  });

  describe.each(allTools.map((tool) => [tool.id, tool] as const))('%s', (id, tool) => {
    const schema = modelParamsSchema(tool);
    const defs = tool.params as Record<string, ParamDefinition>;

    it('compiles as JSON Schema and is a closed object', () => {
      expect(() => ajv.compile(schema)).not.toThrow();
      expect(schema.type).toBe('object');
      expect(schema.additionalProperties).toBe(false);
    });

    it('leaves out every credential, hidden and user-only param', () => {
      const props = Object.keys(schema.properties);
      for (const name of CREDENTIAL_PARAMS) expect(props).not.toContain(name);
      for (const [name, def] of Object.entries(defs)) {
        if (def.visibility !== 'user-or-llm') expect(props).not.toContain(name);
      }
      expect(JSON.stringify(schema)).not.toMatch(/apiToken|accessToken/);
    });

    it('requires exactly the required non-credential params', () => {
      const expected = Object.entries(defs)
        .filter(([name, def]) => def.required && def.visibility === 'user-or-llm' && !CREDENTIAL_PARAMS.includes(name))
        .map(([name]) => name);
      expect(schema.required ?? []).toEqual(expected);
    });

    it('types every param for a model', () => {
      for (const [name, prop] of Object.entries(schema.properties as Record<string, any>)) {
        const def = defs[name];
        expect(typeof prop.description).toBe('string');
        switch (def.format) {
          case 'numeric-id':
            expect(prop).toMatchObject({ type: 'integer', minimum: 1 });
            break;
          case 'id-list':
            // A list that may be emptied takes its empty word as the other choice.
            expect(def.emptyWord ? prop.anyOf[0] : prop).toMatchObject({ type: 'array', items: { type: 'integer', minimum: 1 } });
            if (def.emptyWord) expect(prop.anyOf[1]).toEqual({ type: 'string', enum: [def.emptyWord] });
            expect(prop.description).toMatch(/comma-separated string/);
            break;
          case 'string-list':
            expect(prop).toMatchObject({ type: 'array', items: { type: 'string' } });
            break;
          case 'json-object':
            expect(def.acceptsArray ? prop.anyOf[0] : prop).toMatchObject({ type: 'object' });
            break;
          case 'json-array':
            expect(prop.type).toBe('array');
            expect(prop.items).toBeDefined();
            break;
          case 'boolean':
            expect(prop.type).toBe('boolean');
            expect(prop.enum).toBeUndefined();
            break;
          case 'integer':
            expect(prop.type).toBe('integer');
            if (def.minimum !== undefined) expect(prop.minimum).toBe(def.minimum);
            if (def.maximum !== undefined) expect(prop.maximum).toBe(def.maximum);
            if (def.default !== undefined) expect(prop.default).toBe(Number(def.default));
            break;
          case 'text':
            expect(prop.type).toBe('string');
            if (def.enum) expect(prop.enum).toEqual(def.enum);
            if (def.pattern) expect(prop.pattern).toBe(def.pattern);
            break;
        }
        if (def.example !== undefined) expect(prop.examples).toHaveLength(1);
        // Every example must be valid against its own property schema.
        if (prop.examples) expect(ajv.validate(prop, prop.examples[0])).toBe(true);
      }
    });

    it('has MCP annotations from its hints, a title, and valid names in every shape', () => {
      expect(toolAnnotations(tool)).toEqual({
        title: tool.name,
        readOnlyHint: tool.hints.readOnly,
        destructiveHint: tool.hints.destructive,
        idempotentHint: tool.hints.idempotent,
        openWorldHint: true,
      });
      const generic = llmTools().find((t) => t.name === id)!;
      expect(generic.annotations).toEqual(toolAnnotations(tool));
      expect(generic.title).toBe(tool.name);
      expect(id).toMatch(NAME);
      const openai = openAITools().find((t) => t.function.name === id)!;
      expect(openai.type).toBe('function');
      expect(openai.function).not.toHaveProperty('strict');
      expect(openai.function.parameters).toEqual(schema);
      expect(anthropicTools().find((t) => t.name === id)!.input_schema).toEqual(schema);
    });

    it('describes itself for a model: its own description plus what its hints and result kind imply', () => {
      const generic = llmTools().find((t) => t.name === id)!;
      expect(generic.description.startsWith(tool.description.trim())).toBe(true);
      if (tool.hints.readOnly) expect(generic.description).toMatch(/Read-only\./);
      else expect(generic.description).toMatch(/Destructive|Changes data/);
      if (tool.result.kind === 'cursor-list') expect(generic.description).toContain(tool.result.cursorParam);
      if (tool.result.kind === 'job') expect(generic.description).toMatch(/background job/);
      // Some function-calling APIs cap a description at 1,024 characters.
      expect(generic.description.length).toBeLessThanOrEqual(1024);
    });

    it('has an object output schema that compiles', () => {
      const output = modelOutputSchema(tool)!;
      expect(output).toBeDefined();
      expect(output.type).toBe('object');
      expect(output.$id).toBeUndefined();
      expect(JSON.stringify(output)).not.toContain('#/definitions/');
      expect(() => ajv.compile(output)).not.toThrow();
    });
  });

  it('says what a value must look like', () => {
    const schema = modelParamsSchema('zendesk_get_tickets');
    expect(describeExpectation(schema.properties.status)).toBe('must be one of: new, open, pending, hold, solved, closed');
    expect(describeExpectation(schema.properties.perPage)).toBe('must be a whole number from 1 to 100');
    expect(expectationOf('zendesk_get_tickets', 'assigneeId')).toBe('must be a positive integer id, e.g. 12345');
    // An integer that is not an id (a page number) is not called one.
    expect(expectationOf('zendesk_search_users', 'page')).toBe('must be a whole number of at least 1');
  });

  it('hands out copies: a caller mutating a schema changes nothing for others', () => {
    const schema = modelParamsSchema('zendesk_get_ticket');
    schema.properties.ticketId.type = 'string';
    expect(modelParamsSchema('zendesk_get_ticket').properties.ticketId.type).toBe('integer');
  });
});

describe('executeModelCall', () => {
  it('runs a model-shaped call (typed values, no credentials) with the right request', async () => {
    const args = { ticketIds: [111, 222], status: 'pending', tags: ['vip', 'billing'], assigneeId: 77 };
    expect(ajv.validate(modelParamsSchema('zendesk_update_tickets_bulk'), args)).toBe(true);
    zendesk()
      .put('/api/v2/tickets/update_many', { ticket: { status: 'pending', assignee_id: 77, additional_tags: ['vip', 'billing'] } })
      .query({ ids: '111,222' })
      .reply(200, { job_status: { id: 'abc', status: 'queued', url: 'https://acme.zendesk.com/api/v2/job_statuses/abc.json' } });
    const result = await executeModelCall('zendesk_update_tickets_bulk', args, credentials, NO_RETRY);
    expect(result).toMatchObject({ success: true, output: { job_id: 'abc' } });
  });

  it('sends integers, arrays and objects of a model as Zendesk expects them', async () => {
    const args = { description: 'Printer on fire', priority: 'urgent', tags: ['hardware'], requesterId: 42, customFields: { '360001': 'gold' } };
    expect(ajv.validate(modelParamsSchema('zendesk_create_ticket'), args)).toBe(true);
    zendesk()
      .post('/api/v2/tickets', {
        ticket: { subject: 'Printer on fire', priority: 'urgent', tags: ['hardware'], requester_id: 42, custom_fields: [{ id: 360001, value: 'gold' }], comment: { body: 'Printer on fire' } },
      })
      .reply(201, { ticket: { id: 9, subject: 'Printer on fire' } });
    const result = await executeModelCall('zendesk_create_ticket', args, credentials, NO_RETRY);
    expect(result).toMatchObject({ success: true, output: { ticket_id: 9 } });
    if (result.success) expectValidOutput('zendesk_create_ticket', result.output);
  });

  it('takes the JSON text OpenAI sends as arguments', async () => {
    zendesk().get('/api/v2/tickets').query({ 'page[size]': '5' }).reply(200, { tickets: [], meta: { has_more: false } });
    const result = await executeModelCall('zendesk_get_tickets', '{"perPage": 5}', credentials, NO_RETRY);
    expect(result.success).toBe(true);
  });

  it('accepts the string forms the descriptions promise, and null as "not set"', async () => {
    zendesk()
      .post('/api/v2/tickets/5/merge', { ids: [6, 7] })
      .reply(200, { job_status: { id: 'j1', status: 'queued' } });
    const result = await executeModelCall('zendesk_merge_tickets', { targetTicketId: '5', sourceTicketIds: '6, 7', targetComment: null }, credentials, NO_RETRY);
    expect(result.success).toBe(true);
    zendesk()
      .post('/api/v2/tickets/5/merge', { ids: [8, 9] })
      .reply(200, { job_status: { id: 'j2', status: 'queued' } });
    const arrayOfStrings = await executeModelCall('zendesk_merge_tickets', { targetTicketId: 5, sourceTicketIds: ['8', '9'] }, credentials, NO_RETRY);
    expect(arrayOfStrings.success).toBe(true);
  });

  it('refuses wrongly typed args before any request, naming the param and the expected form', async () => {
    const before = unmatchedRequests();
    const bad = await executeModelCall('zendesk_get_tickets', { status: 'opened', perPage: 500 }, credentials);
    expect(bad).toMatchObject({ success: false, error: { code: 'invalid_input', param: 'status' } });
    expect(!bad.success && bad.error.message).toContain('status must be one of: new, open, pending, hold, solved, closed; got "opened"');
    expect(!bad.success && bad.error.message).toContain('perPage must be a whole number from 1 to 100; got 500');
    const unknown = await executeModelCall('zendesk_get_ticket', { ticketId: 1, id: 2 }, credentials);
    expect(!unknown.success && unknown.error.message).toBe('Unknown param "id" for zendesk_get_ticket. It takes: ticketId.');
    const missing = await executeModelCall('zendesk_get_ticket', {}, credentials);
    expect(missing).toMatchObject({ success: false, error: { code: 'invalid_input', param: 'ticketId' } });
    const notObject = await executeModelCall('zendesk_get_ticket', '[1]', credentials);
    expect(notObject).toMatchObject({ success: false, error: { code: 'invalid_input' } });
    expect(unmatchedRequests()).toBe(before);
  });

  it('never takes credentials (or the base URL) from the model, even valid-looking ones', async () => {
    for (const name of [...CREDENTIAL_PARAMS, 'baseUrl']) {
      const result = await executeModelCall('zendesk_get_ticket', { ticketId: 1, [name]: 'x' }, credentials);
      expect(result).toMatchObject({ success: false, error: { code: 'invalid_input', param: name, details: { remove: [name] } } });
      expect(!result.success && result.error.message).toMatch(new RegExp(`Remove ${name} from the arguments`));
    }
  });

  it('tells a model that sent a credential one thing: call again without it (not "tell the user")', async () => {
    for (const args of [{ ticketId: 1, apiToken: 'abc-123' }, { ticketId: 1, email: 'a@b.c', apiToken: 'abc-123' }, { ticketId: 1, baseUrl: 'http://evil.test' }]) {
      const answer = await callToolForModel('zendesk_get_ticket', args, credentials);
      expect(answer.isError).toBe(true);
      const sent = Object.keys(args).filter((name) => name !== 'ticketId');
      expect(answer.text).toContain(`What to do: Call again without ${sent.join(', ')}`);
      for (const name of sent) expect(answer.text).toContain(`Param to remove: ${name}`);
      expect(answer.text).not.toMatch(/tell the user|misconfigured|Param to change/i);
      expect(answer.text).not.toContain('abc-123');
      expect(answer.text.match(/What to do:/g)).toHaveLength(1);
    }
  });

  it('says where malformed JSON arguments break, without repeating them', async () => {
    const result = await executeModelCall('zendesk_get_ticket', '{"ticketId": 1, "note": tok_SECRET_42', credentials);
    expect(result).toMatchObject({ success: false, error: { code: 'invalid_input' } });
    const message = !result.success ? result.error.message : '';
    expect(message).toMatch(/not valid JSON \(unexpected character at line 1, column 25\)/);
    expect(message).not.toMatch(/tok|SECRET|42/);
  });

  it('callToolForModel gives the text for the model in one step', async () => {
    zendesk().get('/api/v2/tickets').query({ 'page[size]': '2' }).reply(200, { tickets: [{ id: 1, assignee_id: null }, { id: 2 }], meta: { has_more: true, after_cursor: 'NEXT' } });
    const answer = await callToolForModel('zendesk_get_tickets', '{"perPage": 2}', credentials, NO_RETRY);
    expect(answer.isError).toBe(false);
    const data = JSON.parse(answer.text);
    expect(data.tickets).toEqual([{ id: 1 }, { id: 2 }]);
    expect(data.note).toContain('pageAfter="NEXT"');
    const failed = await callToolForModel('zendesk_get_ticket', { ticketId: 0 }, credentials);
    expect(failed).toMatchObject({ isError: true });
    expect(failed.text).toContain('Param to change: ticketId');
  });

  it('says so for a tool that does not exist', async () => {
    const result = await executeModelCall('zendesk_do_magic', {}, credentials);
    expect(result).toMatchObject({ success: false, error: { code: 'unknown_tool' } });
    expect(!result.success && result.error.message).toContain('zendesk_get_tickets');
  });

  it('typed args of every tool reach the executor: a valid example set passes the model check', async () => {
    // For each tool, the required params filled from their examples (or a typed stand-in) validate.
    for (const tool of allTools) {
      const schema = modelParamsSchema(tool);
      const args: Record<string, unknown> = {};
      for (const name of schema.required ?? []) {
        const prop = schema.properties[name];
        args[name] = prop.examples?.[0] ?? (prop.enum ? prop.enum[0] : prop.type === 'integer' ? 1 : prop.type === 'array' ? [1] : prop.type === 'boolean' ? true : 'x');
      }
      expect({ id: tool.id, ok: ajv.validate(schema, args), errors: ajv.errors ?? null }).toEqual({ id: tool.id, ok: true, errors: null });
    }
    expect(Object.keys(defsOf('zendesk_get_ticket'))).toContain('accessToken');
  });
});
