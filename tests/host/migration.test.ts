/**
 * Saved blocks of the host's own Zendesk integration, migrated: for every documented operation a
 * value set as the host's block saves it goes through migrateHostWorkflowValues, then through the
 * host's call path (block mapping, tool registry, directExecution) against a sandbox; the pack's own
 * tool is called with the same intent against a twin sandbox (same seed, same calls before). The
 * requests that reach the two sandboxes, recorded by proxies over HTTP, must be the same. Then the
 * reports: every value placed or reported, never dropped.
 */
import { readFileSync } from 'node:fs';
import { createElement } from 'react';
import { executeTool, getTool } from '../../catalog';
import { HOST_LEGACY_FIELDS, HOST_LEGACY_OPERATIONS, type HostLegacyOperation, migrateHostWorkflowValues, toHostBlock, toHostTools } from '../../host';
import { zendeskBlock, zendeskBlockManifest } from '../../blocks';
import { type Sandbox, startSandbox } from '../../sandbox';
import { SPEC_PATH } from '../integration/harness';
import { type Recorder, type RecordedRequest, startRecorder } from './recorder';
import { runBlockLikeHost } from './sim-host';

jest.setTimeout(120_000);

const SANDBOX = { port: 0, tickets: 40, users: 12, organizations: 6, jobDelayMs: 5, seed: 14 };

interface Side {
  sandbox: Sandbox;
  recorder: Recorder;
}

async function startSide(): Promise<Side> {
  const sandbox = await startSandbox(SANDBOX);
  return { sandbox, recorder: await startRecorder(sandbox.baseUrl) };
}

let host: Side;
let pack: Side;
let credentials: { email: string; apiToken: string; subdomain: string };

beforeAll(async () => {
  [host, pack] = await Promise.all([startSide(), startSide()]);
  const { email, apiToken, subdomain } = host.sandbox.credentials;
  credentials = { email, apiToken, subdomain };
});
afterAll(async () => {
  for (const side of [host, pack]) {
    await side?.recorder.close();
    await side?.sandbox.close();
  }
});

/** A job's status is polled until it finishes; how often depends on timing, so polls are compared apart. */
const isPoll = (request: RecordedRequest) => request.method === 'GET' && /\/job_statuses\//.test(request.path);
/** The requests as sent: a random Idempotency-Key is compared by presence. */
const comparable = (requests: RecordedRequest[]) => requests.filter((r) => !isPoll(r)).map(({ idempotencyKey, ...rest }) => ({ ...rest, idempotencyKey: Boolean(idempotencyKey) }));

interface Case {
  /** What the host's block saved, credentials aside. */
  saved: Record<string, string>;
  /** The same intent as params of the pack's own tool. */
  intent: Record<string, unknown>;
  /** Host fields the migration must report as not placed. */
  unplaced?: string[];
}

describe('a saved block of the host migrates to the pack and sends what the pack\'s tool sends for the same intent', () => {
  const cases = new Map<string, (() => Case)[]>();
  let ids: Record<string, number>;
  let prefix: string;

  beforeAll(() => {
    const state = host.sandbox.state;
    const ticketIds = [...state.tickets.map.values()].filter((t) => t.status !== 'closed').map((t) => t.id);
    const endUsers = [...state.users.map.values()].filter((u) => u.role === 'end-user' && u.active).map((u) => u.id);
    const agent = [...state.users.map.values()].find((u) => u.role === 'agent' && u.active)!.id;
    const organizations = [...state.organizations.map.values()].map((o) => o.id);
    const group = [...state.groups.map.values()][0].id;
    ids = { agent, group };
    ticketIds.slice(0, 10).forEach((id, i) => (ids[`t${i}`] = id));
    endUsers.slice(0, 5).forEach((id, i) => (ids[`u${i}`] = id));
    organizations.slice(0, 4).forEach((id, i) => (ids[`o${i}`] = id));
    prefix = state.organizations.get(ids.o0)!.name.slice(0, 3);
  });

  // Cases are made once the sandbox is up: they name its records.
  const add = (operation: HostLegacyOperation, make: () => Case) => cases.set(operation, [...(cases.get(operation) ?? []), make]);
  const s = (id: number) => String(id);

  add('get_tickets', () => ({ saved: { status: 'open', priority: 'high', perPage: '5', sort: '-id' }, intent: { status: 'open', priority: 'high', perPage: 5 }, unplaced: ['sort'] }));
  add('get_tickets', () => ({ saved: { sort: '-id', perPage: '3' }, intent: { sort: '-id', perPage: 3 } }));
  add('get_ticket', () => ({ saved: { ticketId: s(ids.t0) }, intent: { ticketId: ids.t0 } }));
  add('create_ticket', () => ({
    saved: {
      subject: 'Printer on fire',
      description: 'It smokes when printing.',
      priority: 'urgent',
      status: 'open',
      type: 'incident',
      tags: 'printer, fire',
      assigneeId: s(ids.agent),
      groupId: s(ids.group),
      customFields: '{"360001234": "gold"}',
      organizationId: s(ids.o0),
    },
    intent: {
      subject: 'Printer on fire',
      description: 'It smokes when printing.',
      priority: 'urgent',
      status: 'open',
      type: 'incident',
      tags: ['printer', 'fire'],
      assigneeId: ids.agent,
      groupId: ids.group,
      customFields: { 360001234: 'gold' },
    },
    unplaced: ['organizationId'],
  }));
  add('create_tickets_bulk', () => {
    const tickets = [{ subject: 'One', comment: { body: 'First' } }, { subject: 'Two', comment: { body: 'Second' }, priority: 'low' }];
    return { saved: { tickets: JSON.stringify(tickets) }, intent: { tickets } };
  });
  add('update_ticket', () => ({
    saved: { ticketId: s(ids.t1), subject: 'Renamed', description: 'Looking into it.', status: 'pending', tags: 'a, b', customFields: '[{"id": 360001234, "value": "silver"}]' },
    intent: { ticketId: ids.t1, subject: 'Renamed', comment: 'Looking into it.', status: 'pending', tags: ['a', 'b'], customFields: [{ id: 360001234, value: 'silver' }] },
  }));
  add('update_tickets_bulk', () => ({
    saved: { tickets: JSON.stringify([ids.t2, ids.t3].map((id) => ({ id, status: 'solved', additional_tags: ['done', 'bulk'] }))) },
    intent: { ticketIds: [ids.t2, ids.t3], status: 'solved', tags: ['done', 'bulk'] },
  }));
  add('merge_tickets', () => ({ saved: { targetTicketId: s(ids.t4), sourceTicketIds: `${ids.t5}, ${ids.t6}` }, intent: { targetTicketId: ids.t4, sourceTicketIds: [ids.t5, ids.t6] } }));
  add('delete_ticket', () => ({ saved: { ticketId: s(ids.t7) }, intent: { ticketId: ids.t7 } }));
  add('get_users', () => ({ saved: { perPage: '4' }, intent: { perPage: 4 } }));
  add('get_user', () => ({ saved: { userId: s(ids.u0) }, intent: { userId: ids.u0 } }));
  add('get_current_user', () => ({ saved: {}, intent: {} }));
  add('search_users', () => ({ saved: { query: 'a', perPage: '2', page: '1' }, intent: { query: 'a', perPage: 2, page: 1 } }));
  add('create_user', () => ({
    saved: { name: 'Ada Lovelace', userEmail: 'ada@example.com', organizationId: s(ids.o0) },
    intent: { name: 'Ada Lovelace', userEmail: 'ada@example.com', organizationId: ids.o0 },
  }));
  add('create_users_bulk', () => {
    const users = [{ name: 'Grace Hopper', email: 'grace@example.com' }, { name: 'Alan Turing', email: 'alan@example.com', role: 'end-user' }];
    return { saved: { users: JSON.stringify(users) }, intent: { users } };
  });
  add('update_user', () => ({ saved: { userId: s(ids.u1), name: 'Renamed User', userEmail: 'second@example.com' }, intent: { userId: ids.u1, name: 'Renamed User', userEmail: 'second@example.com' } }));
  add('update_users_bulk', () => ({ saved: { users: JSON.stringify([{ id: ids.u2, notes: 'VIP' }]) }, intent: { users: [{ id: ids.u2, notes: 'VIP' }] } }));
  add('delete_user', () => ({ saved: { userId: s(ids.u3) }, intent: { userId: ids.u3 } }));
  add('get_organizations', () => ({ saved: { perPage: '2' }, intent: { perPage: 2 } }));
  add('get_organization', () => ({ saved: { organizationId: s(ids.o0) }, intent: { organizationId: ids.o0 } }));
  add('autocomplete_organizations', () => ({ saved: { organizationName: prefix, perPage: '5', page: '1' }, intent: { name: prefix, perPage: 5, page: 1 } }));
  add('create_organization', () => ({ saved: { organizationName: 'Initech' }, intent: { name: 'Initech' } }));
  add('create_organizations_bulk', () => {
    const organizations = [{ name: 'Globex' }, { name: 'Umbrella', domain_names: ['umbrella.example'] }];
    return { saved: { organizations: JSON.stringify(organizations) }, intent: { organizations } };
  });
  add('update_organization', () => ({ saved: { organizationId: s(ids.o1), organizationName: 'Initrode' }, intent: { organizationId: ids.o1, name: 'Initrode' } }));
  add('delete_organization', () => ({ saved: { organizationId: s(ids.o3) }, intent: { organizationId: ids.o3 } }));
  add('search', () => ({ saved: { query: 'type:ticket status:open', filterType: 'ticket', perPage: '5' }, intent: { query: 'type:ticket status:open', filterType: 'ticket', perPage: 5 } }));
  add('search_count', () => ({ saved: { query: 'status:open' }, intent: { query: 'status:open' } }));

  it('has a case for every documented operation and every operation of the host\'s block', () => {
    const documented = (JSON.parse(readFileSync(SPEC_PATH, 'utf8')) as { operations: { id: string }[] }).operations.map((o) => o.id);
    expect(documented).toHaveLength(26);
    expect([...HOST_LEGACY_OPERATIONS].map((op) => `zendesk_${op}`).sort()).toEqual([...documented].sort());
    expect([...cases.keys()].sort()).toEqual([...HOST_LEGACY_OPERATIONS].sort());
  });

  it.each([...HOST_LEGACY_OPERATIONS])('%s', async (operation) => {
    const block = toHostBlock({ createElement });
    const tools = toHostTools({ baseUrl: host.recorder.baseUrl });
    for (const make of cases.get(operation)!) {
      const { saved, intent, unplaced = [] } = make();
      const migration = migrateHostWorkflowValues({ operation, ...credentials, ...saved });
      expect(migration.operation).toBe(`zendesk_${operation}`);
      expect(migration.unplaced.map((u) => u.field)).toEqual(unplaced);
      expect(migration.problems).toEqual([]);

      const hostFrom = host.recorder.requests.length;
      const { toolId, response } = await runBlockLikeHost(block, tools, migration.values);
      const packFrom = pack.recorder.requests.length;
      const direct = await executeTool(`zendesk_${operation}`, { ...credentials, ...intent }, { baseUrl: pack.recorder.baseUrl, waitForJob: true });

      expect(toolId).toBe(`zendesk_${operation}`);
      if (!direct.success) throw new Error(`the pack's own call failed: ${JSON.stringify(direct.error)}`);
      expect(response).toMatchObject({ success: true });
      const hostRequests = host.recorder.requests.slice(hostFrom);
      const packRequests = pack.recorder.requests.slice(packFrom);
      expect(comparable(hostRequests)).toEqual(comparable(packRequests));
      expect(hostRequests.length).toBeGreaterThan(0);
      // Jobs were waited for on both sides: the block's wait switch is on by default.
      if (getTool(toolId)!.result.kind === 'job') {
        expect(hostRequests.some(isPoll)).toBe(true);
        expect(packRequests.some(isPoll)).toBe(true);
        expect(response.output.job_status.status).toBe('completed');
      }
    }
  });

  it('keeps the pack\'s fixes in the requests: the filter search, added tags, the merge body, the comment', () => {
    const sent = host.recorder.requests;
    const filtered = sent.find((r) => r.path.startsWith('/api/v2/search/export') && r.path.includes('filter%5Btype%5D=ticket'))!;
    expect(decodeURIComponent(filtered.path)).not.toContain('type:ticket');
    const bulk = sent.find((r) => r.path.startsWith('/api/v2/tickets/update_many'))!;
    expect(bulk.body).toEqual({ ticket: { status: 'solved', additional_tags: ['done', 'bulk'] } });
    const merge = sent.find((r) => /\/merge$/.test(r.path))!;
    expect(merge.body).toEqual({ ids: [ids.t5, ids.t6] });
    const update = sent.find((r) => r.method === 'PUT' && r.path === `/api/v2/tickets/${ids.t1}`)!;
    expect((update.body as { ticket: Record<string, unknown> }).ticket).toMatchObject({ comment: { body: 'Looking into it.', public: true }, custom_fields: [{ id: 360001234, value: 'silver' }] });
    const organization = sent.find((r) => r.method === 'POST' && r.path === '/api/v2/organizations')!;
    expect(organization.body).toEqual({ organization: { name: 'Initech' } });
  });
});

describe('the migration report', () => {
  const credentials = { email: 'agent@example.com', apiToken: 'secret-token-123', subdomain: 'acme' };
  const migrate = (saved: Record<string, unknown>) => migrateHostWorkflowValues({ ...credentials, ...saved });

  it('places every value of a legacy field for every operation it is shown for, under a field of the pack\'s block shown for that operation', () => {
    for (const operation of HOST_LEGACY_OPERATIONS) {
      const toolId = `zendesk_${operation}`;
      for (const [field, legacy] of Object.entries(HOST_LEGACY_FIELDS)) {
        if (legacy.shownFor && !legacy.shownFor.includes(operation)) continue;
        const migration = migrate({ operation, [field]: field === 'tickets' && operation === 'update_tickets_bulk' ? '[{"id": 1, "status": "open"}]' : '7' });
        const placed = Object.keys(migration.values).filter((key) => key !== 'operation' && !(key in credentials));
        const reported = migration.unplaced.map((u) => u.field);
        // Placed, or reported: never both, never neither.
        expect({ operation, field, dropped: placed.length === 0 && !reported.includes(field) && !(field in credentials) }).toEqual({ operation, field, dropped: false });
        for (const key of placed) {
          const shown = zendeskBlock.subBlocks.find((f) => f.id === key);
          expect({ operation, field, key, shown: Boolean(shown && (!shown.condition || shown.condition.value.includes(toolId))) }).toEqual({ operation, field, key, shown: true });
        }
      }
    }
  });

  it('maps the shared host ids by operation: query, name, tags, customFields', () => {
    expect(migrate({ operation: 'search_users', query: 'ada' }).values).toMatchObject({ operation: 'zendesk_search_users', userQuery: 'ada' });
    expect(migrate({ operation: 'search', query: 'status:open', filterType: 'ticket' }).values).toMatchObject({ searchQuery: 'status:open', filterType: 'ticket' });
    expect(migrate({ operation: 'search_count', query: 'status:open' }).values).toMatchObject({ searchQuery: 'status:open' });
    expect(migrate({ operation: 'create_user', name: 'Ada' }).values).toMatchObject({ userName: 'Ada' });
    expect(migrate({ operation: 'update_user', userId: '5', userEmail: 'b@example.com' }).values).toMatchObject({ userEmailToAdd: 'b@example.com' });
    expect(migrate({ operation: 'autocomplete_organizations', organizationName: 'Ac' }).values).toMatchObject({ organizationNamePrefix: 'Ac' });
    expect(migrate({ operation: 'create_organization', organizationName: 'Acme' }).values).toMatchObject({ organizationName: 'Acme' });
    expect(migrate({ operation: 'create_ticket', description: 'x', tags: 'a', customFields: '{}' }).values).toMatchObject({ ticketTags: 'a', ticketCustomFields: '{}' });
  });

  it('reports values of fields hidden for the operation, unknown fields and trigger settings, with the value and why', () => {
    const migration = migrate({ operation: 'get_user', userId: '5', tags: 'vip', selectedTriggerId: 'zendesk_webhook', favouriteColour: 'green' });
    expect(migration.values).toEqual({ operation: 'zendesk_get_user', ...credentials, userId: '5' });
    expect(migration.unplaced).toEqual([
      { field: 'tags', value: 'vip', reason: expect.stringContaining('not shown for get_user') },
      { field: 'selectedTriggerId', value: 'zendesk_webhook', reason: expect.stringContaining('trigger setting') },
      { field: 'favouriteColour', value: 'green', reason: expect.stringContaining('not a field of the host\'s Zendesk block') },
    ]);
  });

  it('reports a hidden ticket field the host still sent to a user or organization tool, naming the pack\'s field for it', () => {
    const migration = migrate({ operation: 'create_user', name: 'Ada', tags: 'vip', customFields: '{"plan": "gold"}' });
    expect(migration.values).toEqual({ operation: 'zendesk_create_user', ...credentials, userName: 'Ada' });
    expect(migration.unplaced).toEqual([
      { field: 'tags', value: 'vip', reason: expect.stringMatching(/host sent it .* set the pack's userTags if it was meant/) },
      { field: 'customFields', value: '{"plan": "gold"}', reason: expect.stringContaining('userCustomFields') },
    ]);
    expect(migrate({ operation: 'update_organization', organizationId: '1', tags: 'x' }).unplaced[0].reason).toContain('organizationTags');
  });

  it('never repeats a secret: an unplaceable API token is reported without its value', () => {
    const migration = migrate({ operation: 'get_everything' });
    expect(migration.values).toEqual({});
    expect(migration.operation).toBeUndefined();
    expect(migration.unplaced.map((u) => u.field).sort()).toEqual(['apiToken', 'email', 'operation', 'subdomain']);
    expect(migration.unplaced.find((u) => u.field === 'apiToken')).not.toHaveProperty('value');
    expect(JSON.stringify(migration)).not.toContain('secret-token-123');
  });

  it('leaves empty values out and runs the host\'s default operation when none was saved', () => {
    const migration = migrate({ status: '', priority: null, perPage: '  ' });
    expect(migration.values).toEqual({ operation: 'zendesk_get_tickets', ...credentials });
    expect(migration.unplaced).toEqual([]);
  });

  it('reports what the pack will refuse, leaving references to run time', () => {
    const refused = migrate({ operation: 'update_ticket', ticketId: 'abc' });
    expect(refused.problems).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'ticketId', message: expect.stringContaining('numeric id') })]));
    const referenced = migrate({ operation: 'get_ticket', ticketId: '<start.ticketId>', apiToken: '{{ZENDESK_TOKEN}}' });
    expect(referenced.problems).toEqual([]);
    expect(referenced.values).toMatchObject({ ticketId: '<start.ticketId>', apiToken: '{{ZENDESK_TOKEN}}' });
  });

  it('turns the host\'s bulk Tickets into ids and one change only when every item asks for the same change', () => {
    const same = migrate({ operation: 'update_tickets_bulk', tickets: '[{"id": 1, "priority": "high", "assignee_id": 9}, {"id": "2", "assignee_id": 9, "priority": "high"}]' });
    expect(same.values).toMatchObject({ ticketIds: '1, 2', priority: 'high', assigneeId: '9' });
    expect(same.unplaced).toEqual([]);
    const cases: [string, string][] = [
      ['[{"id": 1, "status": "open"}, {"id": 2, "status": "solved"}]', 'different changes'],
      ['[{"id": 1, "tags": ["a"]}]', 'only adds them'],
      ['[{"status": "open"}]', 'has no ticket id'],
      ['[{"id": 1}]', 'change nothing'],
      ['not json', 'not JSON'],
      ['<agent.tickets>', 'only known when the workflow runs'],
    ];
    for (const [tickets, why] of cases) {
      const migration = migrate({ operation: 'update_tickets_bulk', tickets });
      expect(migration.values).not.toHaveProperty('ticketIds');
      expect(migration.unplaced).toEqual([{ field: 'tickets', value: tickets, reason: expect.stringContaining(why) }]);
    }
  });

  it('says what changes where the pack fixes the host: a comment, a rename, a create, custom field arrays, job waits, filtered listing', () => {
    const changed = (saved: Record<string, unknown>) => migrate(saved).changes.map((c) => `${c.field}→${c.to}`);
    expect(changed({ operation: 'update_ticket', ticketId: '1', description: 'hi' })).toEqual(['description→comment']);
    expect(changed({ operation: 'update_organization', organizationId: '1', organizationName: 'New' })).toEqual(['organizationName→organizationName']);
    expect(changed({ operation: 'create_organization', organizationName: 'New' })).toEqual(['organizationName→organizationName']);
    expect(changed({ operation: 'create_ticket', description: 'x', customFields: '[{"id": 1, "value": 2}]' })).toEqual(['customFields→ticketCustomFields']);
    expect(changed({ operation: 'create_ticket', description: 'x', customFields: '{"1": 2}' })).toEqual([]);
    expect(changed({ operation: 'merge_tickets', targetTicketId: '1', sourceTicketIds: '2' })).toEqual(['operation→operation']);
    expect(changed({ operation: 'get_tickets', status: 'open' })).toEqual(['operation→operation']);
    expect(changed({ operation: 'get_tickets' })).toEqual([]);
    const cased = migrate({ operation: 'create_ticket', description: 'x', status: ' Open', priority: 'HIGH', type: 'Incidents' });
    expect(cased.values).toMatchObject({ status: 'open', priority: 'high', type: 'Incidents' });
    expect(cased.changes.map((c) => c.to)).toEqual(['status', 'priority']);
    expect(cased.problems).toEqual([expect.objectContaining({ field: 'type' })]);
  });

  it('keeps values already migrated (a pack operation id), reporting keys the pack\'s block has no field for', () => {
    const values = { operation: 'zendesk_update_ticket', ...credentials, ticketId: '1', ticketTags: 'a', waitForCompletion: true };
    expect(migrateHostWorkflowValues(values)).toEqual({ values, operation: 'zendesk_update_ticket', unplaced: [], changes: [], problems: [] });
    const stray = migrateHostWorkflowValues({ ...values, tags: 'b' });
    expect(stray.values).toEqual(values);
    expect(stray.unplaced).toEqual([{ field: 'tags', value: 'b', reason: expect.stringContaining('not a field of the pack\'s block') }]);
  });

  it('gives the migrated values to the pack\'s own block as they are', async () => {
    const { values } = migrate({ operation: 'get_ticket', ticketId: 'abc' });
    const result = await zendeskBlockManifest.execute(values);
    expect(result).toMatchObject({ success: false, error: { code: 'invalid_input', param: 'ticketId' } });
  });
});
