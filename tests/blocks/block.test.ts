import nock from 'nock';
import {
  buildZendeskBlock,
  fieldRequiredFor,
  fieldVisibleFor,
  WAIT_FIELD,
  zendeskBlock,
  zendeskBlockManifest,
} from '../../blocks/zendesk';
import { planParamFields, resourceTitle } from '../../blocks/fields';
import type { BlockConfig, SubBlockConfig } from '../../blocks/types';
import * as pkg from '../../index';
import { defineTool, READ_ONLY, UPDATES } from '../../tools/define';
import { allTools, toolIds, zendeskTools } from '../../catalog';
import { out } from '../../tools/outputs';
import { credentialParams, param } from '../../tools/params';
import type { AnyToolDefinition, ParamMap, ResourceName } from '../../tools/types';
import { credentials, forbidNetwork, resetNock, unmatchedRequests, zendesk } from '../helpers';
import { operationProblems } from './check';

const field = (id: string, block: BlockConfig = zendeskBlock): SubBlockConfig => {
  const found = block.subBlocks.find((f) => f.id === id);
  if (!found) throw new Error(`no field ${id}`);
  return found;
};
const shownFor = (id: string, block: BlockConfig = zendeskBlock) => allToolsOf(block).filter((toolId) => fieldVisibleFor(field(id, block), toolId));
const allToolsOf = (block: BlockConfig) => block.tools.access;

describe('the block over the registry', () => {
  it('is an AACFlow tools block', () => {
    expect(zendeskBlock).toMatchObject({ type: 'zendesk', name: 'Zendesk', category: 'tools', bgColor: '#03363D' });
    expect(zendeskBlock.description).toBeTruthy();
    expect(zendeskBlock.longDescription).toContain(`${allTools.length} Zendesk Support operations`);
    expect(zendeskBlock.icon).toMatch(/^<svg [^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"[\s\S]*<\/svg>$/);
  });

  it('lists every tool id exactly once in the operation dropdown, grouped by resource, labelled with its name', () => {
    const operation = field('operation');
    expect(operation).toMatchObject({ type: 'dropdown', required: true, defaultValue: toolIds[0] });
    const ids = operation.options!.map((o) => o.id);
    expect([...ids].sort()).toEqual([...toolIds].sort());
    expect(new Set(ids).size).toBe(ids.length);
    for (const option of operation.options!) {
      const tool = zendeskTools[option.id];
      expect({ id: option.id, label: option.label, group: option.group }).toEqual({ id: tool.id, label: tool.name, group: resourceTitle(tool.resource) });
    }
    // Grouped: each resource's operations are next to each other.
    const groups = operation.options!.map((o) => o.group);
    expect(groups.filter((g, i) => g !== groups[i - 1])).toEqual([...new Set(groups)]);
    expect(operation.condition).toBeUndefined();
  });

  it('gives tools.access every tool id', () => {
    expect([...zendeskBlock.tools.access].sort()).toEqual([...toolIds].sort());
  });

  it('has unique field ids, each with an input of its type', () => {
    const ids = zendeskBlock.subBlocks.map((f) => f.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(Object.keys(zendeskBlock.inputs).sort()).toEqual([...ids].sort());
    for (const f of zendeskBlock.subBlocks) {
      const type = f.type === 'switch' ? 'boolean' : f.type === 'code' ? 'json' : 'string';
      expect({ id: f.id, ...zendeskBlock.inputs[f.id] }).toEqual({ id: f.id, type, description: f.description });
      expect(f.description.length).toBeGreaterThan(0);
    }
  });

  it('shows a field only for operations that take its param, and never one without operations', () => {
    for (const f of zendeskBlock.subBlocks) {
      if (f.condition) expect({ id: f.id, shown: f.condition.value.length }).not.toEqual({ id: f.id, shown: 0 });
      if (typeof f.required === 'object') {
        for (const id of f.required.value) expect({ id: f.id, requiredFor: id, shown: fieldVisibleFor(f, id) }).toEqual({ id: f.id, requiredFor: id, shown: true });
      }
    }
  });

  it('has the credentials first: email, apiToken (secret), subdomain, accessToken (secret, advanced)', () => {
    expect(zendeskBlock.subBlocks.slice(1, 5).map((f) => f.id)).toEqual(['email', 'apiToken', 'subdomain', 'accessToken']);
    expect(field('email')).toMatchObject({ type: 'short-input', required: true });
    expect(field('apiToken')).toMatchObject({ type: 'short-input', password: true, required: true });
    expect(field('subdomain')).toMatchObject({ type: 'short-input', required: true, placeholder: 'acme (for acme.zendesk.com)' });
    expect(field('accessToken')).toMatchObject({ password: true, mode: 'advanced' });
    expect(field('accessToken').required).toBeUndefined();
  });

  it('offers waitForCompletion, advanced and on by default, for exactly the job operations', () => {
    const wait = field(WAIT_FIELD);
    expect(wait).toMatchObject({ type: 'switch', mode: 'advanced', defaultValue: true });
    expect(wait.param).toBeUndefined();
    const jobs = allTools.filter((t) => t.result.kind === 'job').map((t) => t.id);
    expect(jobs.length).toBeGreaterThan(0);
    expect([...shownFor(WAIT_FIELD)].sort()).toEqual([...jobs].sort());
  });

  it('throws on an unknown operation', () => {
    expect(() => zendeskBlock.tools.config.tool({ operation: 'zendesk_fly' })).toThrow(/Unknown Zendesk operation/);
    expect(() => zendeskBlock.tools.config.params({})).toThrow(/Unknown Zendesk operation/);
  });
});

describe.each(allTools.map((tool): [string, AnyToolDefinition] => [tool.id, tool]))('%s on the block', (_id, tool) => {
  it('has a field per param with the same required flag, input kind and options; no other; params map back exactly; outputs covered', () => {
    expect(operationProblems(zendeskBlock, tool)).toEqual([]);
  });
});

describe('the checks can fail', () => {
  const tool = zendeskTools.zendesk_update_user;
  const broken = (change: (block: BlockConfig) => void): BlockConfig => {
    const copy: BlockConfig = {
      ...zendeskBlock,
      subBlocks: zendeskBlock.subBlocks.map((f) => ({ ...f, options: f.options?.map((o) => ({ ...o })), condition: f.condition && { ...f.condition, value: [...f.condition.value] } })),
      outputs: { ...zendeskBlock.outputs },
      tools: { ...zendeskBlock.tools, config: { ...zendeskBlock.tools.config } },
    };
    change(copy);
    return copy;
  };
  const problemsWith = (change: (block: BlockConfig) => void) => operationProblems(broken(change), tool);

  it('passes on the real block', () => {
    expect(operationProblems(broken(() => undefined), tool)).toEqual([]);
  });

  it.each<[string, (block: BlockConfig) => void, RegExp]>([
    ['a missing field', (b) => (b.subBlocks = b.subBlocks.filter((f) => f.id !== 'userId')), /param userId: 0 visible fields/],
    ['a wrong required flag', (b) => (b.subBlocks.find((f) => f.id === 'userId')!.required = undefined), /required=false, the tool says true/],
    ['required for every operation it shows', (b) => (b.subBlocks.find((f) => f.id === 'userName')!.required = true), /param name: field userName required=true/],
    ['a missing option', (b) => b.subBlocks.find((f) => f.id === 'role')!.options!.pop(), /param role: options/],
    ['a text field for allowed values', (b) => (b.subBlocks.find((f) => f.id === 'role')!.type = 'short-input'), /is a short-input, expected dropdown/],
    ['a basic field for an advanced param', (b) => delete b.subBlocks.find((f) => f.id === 'userCustomFields')!.mode, /mode basic, advanced=true/],
    ['a clear secret', (b) => delete b.subBlocks.find((f) => f.id === 'apiToken')!.password, /password=false/],
    ['a field shown for a tool without its param', (b) => b.subBlocks.find((f) => f.id === 'ticketId')!.condition!.value.push(tool.id), /takes no param ticketId/],
    ['two fields for one param', (b) => b.subBlocks.find((f) => f.id === 'organizationName')!.condition!.value.push(tool.id), /param name: 2 visible fields/],
    ['the wait switch on a single operation', (b) => b.subBlocks.find((f) => f.id === WAIT_FIELD)!.condition!.value.push(tool.id), /runs no job/],
    ['params that leak other fields', (b) => (b.tools.config.params = (v) => ({ ...zendeskBlock.tools.config.params(v), ticketId: '1' })), /tools.config.params gives/],
    ['params under the field id', (b) => (b.tools.config.params = (v) => { const p = zendeskBlock.tools.config.params(v); return { ...p, userName: p.name, name: undefined }; }), /param name got undefined/],
    ['empty values passed on', (b) => (b.tools.config.params = (v) => ({ ...zendeskBlock.tools.config.params(v), phone: v.phone })), /empty values are passed on/],
    ['a missing output', (b) => delete b.outputs.user, /output user missing/],
    ['an output of the wrong type', (b) => (b.outputs.user = { ...b.outputs.user, type: 'string' }), /output user: string/],
    ['an output promised but not given', (b) => (b.outputs.count = { type: 'number', description: 'x' }), /output count promised/],
  ])('%s', (_what, change, problem) => {
    expect(problemsWith(change).join('\n')).toMatch(problem);
  });
});

describe('field-naming decisions on the registry', () => {
  const paramOf = (id: string) => field(id).param;

  it('keeps one field for a param with one meaning: priority, ticketId, organizationId, role, paging', () => {
    for (const name of ['priority', 'ticketId', 'organizationId', 'role', 'perPage', 'pageAfter', 'page']) {
      const fields = zendeskBlock.subBlocks.filter((f) => f.param === name);
      expect({ name, fields: fields.map((f) => f.id) }).toEqual({ name, fields: [name] });
      const takers = allTools.filter((t) => name in t.params).map((t) => t.id);
      expect({ name, shown: shownFor(name).sort() }).toEqual({ name, shown: takers.sort() });
    }
  });

  it('gives the ticket status one field and a sharing agreement\'s status (other values) its own', () => {
    expect(zendeskBlock.subBlocks.filter((f) => f.param === 'status').map((f) => f.id)).toEqual(['status', 'sharingAgreementStatus']);
    const ticketTakers = allTools.filter((t) => 'status' in t.params && t.resource !== 'sharing_agreements').map((t) => t.id);
    expect(shownFor('status').sort()).toEqual(ticketTakers.sort());
    expect(shownFor('sharingAgreementStatus')).toEqual(['zendesk_update_sharing_agreement']);
    expect(field('sharingAgreementStatus').options!.map((o) => o.id)).toEqual(['accepted', 'declined', 'pending', 'inactive']);
  });

  it('makes status required nowhere and ticketId everywhere it shows; organizationId only where the organization is the target', () => {
    expect(field('status').required).toBeUndefined();
    expect(field('ticketId').required).toBe(true);
    const organizationId = field('organizationId');
    expect(fieldRequiredFor(organizationId, 'zendesk_get_organization')).toBe(true);
    expect(fieldRequiredFor(organizationId, 'zendesk_get_tickets')).toBe(false);
    expect(fieldRequiredFor(organizationId, 'zendesk_create_user')).toBe(false);
  });

  it('splits tags: set on tickets, added by the bulk update, and the user and organization tags', () => {
    expect(shownFor('ticketTags')).toEqual(['zendesk_create_ticket', 'zendesk_update_ticket']);
    expect(shownFor('ticketTagsToAdd')).toEqual(['zendesk_update_tickets_bulk']);
    expect(shownFor('userTags')).toEqual(['zendesk_create_user', 'zendesk_update_user', 'zendesk_create_or_update_user']);
    expect(shownFor('organizationTags')).toEqual(['zendesk_create_organization', 'zendesk_update_organization']);
    for (const id of ['ticketTags', 'ticketTagsToAdd', 'userTags', 'organizationTags']) expect(paramOf(id)).toBe('tags');
  });

  it('splits name: a user, an organization, and the start of an organization name', () => {
    expect(shownFor('userName')).toEqual(['zendesk_create_user', 'zendesk_update_user', 'zendesk_create_or_update_user', 'zendesk_request_user_create']);
    expect(shownFor('organizationName')).toEqual(['zendesk_create_organization', 'zendesk_update_organization']);
    expect(shownFor('organizationNamePrefix')).toEqual(['zendesk_autocomplete_organizations']);
    expect(field('organizationNamePrefix').required).toBe(true);
    expect(field('userName').required).toEqual({ field: 'operation', value: ['zendesk_create_user', 'zendesk_request_user_create'] });
    expect(field('organizationName').required).toEqual({ field: 'operation', value: ['zendesk_create_organization'] });
  });

  it('splits customFields (numeric ticket field ids vs user and organization field keys), query, and the email added on a user update', () => {
    expect(['ticketCustomFields', 'userCustomFields', 'organizationCustomFields'].map(paramOf)).toEqual(['customFields', 'customFields', 'customFields']);
    expect(field('ticketCustomFields').placeholder).not.toEqual(field('userCustomFields').placeholder);
    expect(shownFor('userQuery')).toEqual(['zendesk_search_users']);
    expect(shownFor('searchQuery')).toEqual(['zendesk_search', 'zendesk_search_count']);
    expect(shownFor('userEmail')).toEqual(['zendesk_create_user', 'zendesk_create_or_update_user', 'zendesk_request_user_create', 'zendesk_offboard_user']);
    expect(shownFor('userEmailToAdd')).toEqual(['zendesk_update_user']);
    expect(paramOf('userEmailToAdd')).toBe('userEmail');
  });

  it('describes a shared field per operation where the operations describe it differently', () => {
    expect(field('status').description).toContain('Get tickets: Only tickets with this status.');
    expect(field('status').description).toContain('Create ticket, Update ticket, Update tickets in bulk: Ticket status.');
    expect(field('email').description).not.toContain(':  ');
    expect(zendeskBlock.outputs.ticket_id).toMatchObject({ type: 'any' });
    expect(zendeskBlock.outputs.ticket_id.description).toContain('Type: number (Get ticket, Create ticket, Update ticket); string (Delete ticket).');
  });

  it('uses a code editor with a JSON example for JSON params and a multi-line field for comments', () => {
    expect(field('tickets')).toMatchObject({ type: 'code', language: 'json', placeholder: zendeskTools.zendesk_create_tickets_bulk.params.tickets.example });
    expect(field('ticketCustomFields')).toMatchObject({ type: 'code', language: 'json', mode: 'advanced' });
    expect(field('comment')).toMatchObject({ type: 'long-input' });
    expect(field('perPage')).toMatchObject({ mode: 'advanced', placeholder: '100 (default)' });
  });
});

describe('derivation from any registry', () => {
  const tool = (id: string, resource: ResourceName, params: ParamMap, extra: Partial<AnyToolDefinition> = {}): AnyToolDefinition =>
    defineTool({
      id,
      name: id.replace(/_/g, ' '),
      description: id,
      resource,
      params: { ...credentialParams, ...params },
      request: () => ({ method: 'GET', path: ['x'] }),
      outputs: { thing: out.string('A thing') },
      output: () => ({}),
      result: { kind: 'single' },
      hints: UPDATES,
      ...extra,
    });

  it('shares a field between operations whose param is the same, with per-operation required', () => {
    const block = buildZendeskBlock([
      tool('a_get', 'tickets', { level: param.choice(['x', 'y'], 'Level.', { required: true }) }),
      tool('a_set', 'tickets', { level: param.choice(['x', 'y'], 'Level.') }),
      tool('a_other', 'tickets', {}),
    ]);
    expect(field('level', block)).toMatchObject({ param: 'level', condition: { field: 'operation', value: ['a_get', 'a_set'] }, required: { field: 'operation', value: ['a_get'] } });
    expect(block.tools.config.params({ operation: 'a_other', level: 'x' })).toEqual({});
  });

  it('gives a param whose allowed values differ its own field, and maps each field back', () => {
    const tools = [
      tool('b_one', 'tickets', { level: param.choice(['x', 'y'], 'Level.') }),
      tool('b_two', 'tickets', { level: param.choice(['p', 'q'], 'Other level.', { field: 'level2' }) }),
    ];
    // Ids are given, never derived: without its own field, the second `level` is a definition error.
    expect(() => buildZendeskBlock([tools[0], tool('b_two', 'tickets', { level: param.choice(['p', 'q'], 'Other level.') })])).toThrow(/"level".*b_one \/ b_two/);
    const block = buildZendeskBlock(tools);
    const levels = block.subBlocks.filter((f) => f.param === 'level');
    expect(levels.map((f) => [f.id, f.options!.map((o) => o.id)])).toEqual([['level', ['x', 'y']], ['level2', ['p', 'q']]]);
    expect(block.tools.config.params({ operation: 'b_two', level: 'x', level2: 'q' })).toEqual({ level: 'q' });
    for (const t of tools) expect(operationProblems(block, t)).toEqual([]);
  });

  it('gives each meaning of a name its own field by resource, lookup and addition; shares ids and identical definitions', () => {
    const tools = [
      tool('c_user', 'users', {
        name: param.text('Name of the user.', { field: 'userName' }),
        ownerId: param.numericId('Owner.'),
        tags: param.stringList('Tags; they replace the current tags.'),
      }),
      tool('c_org', 'organizations', { name: param.text('Name of the organization.', { field: 'organizationName' }), ownerId: param.numericId('Owner of the organization.') }),
      tool('c_find', 'organizations', { name: param.text('The beginning of the name.', { required: true, field: 'organizationNamePrefix' }) }, { hints: READ_ONLY }),
      tool('c_bulk', 'users', { tags: param.stringList('Tags to add (existing tags are kept).', { field: 'tagsToAdd' }) }),
    ];
    const block = buildZendeskBlock(tools);
    const byParam = (name: string) => block.subBlocks.filter((f) => f.param === name).map((f) => [f.id, f.condition?.value]);
    expect(byParam('name')).toEqual([['userName', ['c_user']], ['organizationName', ['c_org']], ['organizationNamePrefix', ['c_find']]]);
    expect(byParam('ownerId')).toEqual([['ownerId', ['c_user', 'c_org']]]);
    expect(byParam('tags')).toEqual([['tags', ['c_user']], ['tagsToAdd', ['c_bulk']]]);
    expect(byParam('email')).toEqual([['email', undefined]]);
    expect(block.tools.config.params({ operation: 'c_find', userName: 'u', organizationName: 'o', organizationNamePrefix: 'ac' })).toEqual({ name: 'ac' });
    for (const t of tools) expect(operationProblems(block, t)).toEqual([]);
  });

  it('refuses a param that would take a field id already in use', () => {
    expect(() => buildZendeskBlock([tool('d_one', 'tickets', { operation: param.text('Oops.') })])).toThrow(/"operation".*taken by the block itself/);
    expect(() =>
      planParamFields([
        tool('d_user', 'users', { name: param.text('User name.', { field: 'userName' }), userName: param.text('Login.') }),
        tool('d_org', 'organizations', { name: param.text('Organization name.', { field: 'organizationName' }) }),
      ]),
    ).toThrow(/"userName"/);
  });

  it('adds a new operation without any change to the block', () => {
    const extra = tool('zendesk_extra', 'search', { query: param.text('Something else entirely.', { required: true }), limit: param.integer('Limit.', { advanced: true }) });
    const block = buildZendeskBlock([...allTools, extra]);
    expect(block.subBlocks.find((f) => f.id === 'operation')!.options!.map((o) => o.id)).toContain('zendesk_extra');
    for (const t of [...allTools, extra]) expect({ id: t.id, problems: operationProblems(block, t) }).toEqual({ id: t.id, problems: [] });
  });
});

describe('zendeskBlockManifest.execute', () => {
  const job = (id: string, status: string, extra: Record<string, unknown> = {}) => ({
    job_status: { id, url: `https://acme.zendesk.com/api/v2/job_statuses/${id}.json`, status, total: 2, progress: status === 'completed' ? 2 : 0, results: null, ...extra },
  });
  const base = { email: credentials.email, apiToken: credentials.apiToken, subdomain: credentials.subdomain };

  beforeAll(forbidNetwork);
  afterEach(() => {
    expect(nock.pendingMocks()).toEqual([]);
    resetNock();
  });

  it('is exported from the package with the block and the registry', () => {
    expect(pkg.zendeskBlockManifest).toBe(zendeskBlockManifest);
    expect(pkg.zendeskBlock).toBe(zendeskBlock);
    expect(zendeskBlockManifest.block).toBe(zendeskBlock);
    expect(zendeskBlockManifest.tools).toBe(zendeskTools);
  });

  it('maps ticketTagsToAdd back to tags (sent as additional_tags) and waits for the job by default with the host\'s polling settings', async () => {
    zendesk()
      .put('/api/v2/tickets/update_many', { ticket: { status: 'solved', additional_tags: ['triaged', 'vip'] } })
      .query({ ids: '111,222' })
      .reply(200, job('feed', 'queued'));
    zendesk()
      .get('/api/v2/job_statuses/feed')
      .reply(200, job('feed', 'completed', { results: [{ id: 111, action: 'update', success: true, status: 'Updated' }, { id: 222, action: 'update', success: true, status: 'Updated' }] }));
    const result = await zendeskBlockManifest.execute(
      // Stale values of fields the operation does not show are dropped.
      { ...base, operation: 'zendesk_update_tickets_bulk', ticketIds: '111, 222', status: 'solved', ticketTagsToAdd: 'triaged, vip', ticketTags: 'replaced', ticketId: '9', userName: 'x' },
      { waitForJob: { pollIntervalMs: 1 } },
    );
    expect(result).toMatchObject({ success: true, output: { job_id: 'feed', job_status: { status: 'completed' } } });
  });

  it('returns the queued job when waitForCompletion is off', async () => {
    zendesk().post('/api/v2/tickets/10/merge', { ids: [11], target_comment: 'Duplicate' }).reply(200, job('cafe', 'queued'));
    const result = await zendeskBlockManifest.execute({ ...base, operation: 'zendesk_merge_tickets', targetTicketId: '10', sourceTicketIds: '11', targetComment: 'Duplicate', waitForCompletion: 'false' });
    expect(result).toMatchObject({ success: true, output: { job_id: 'cafe', target_ticket_id: '10', job_status: { status: 'queued' } } });
  });

  it('maps userName back to name and sends only the chosen operation\'s params', async () => {
    zendesk().post('/api/v2/users', { user: { name: 'Jane Doe', email: 'jane@example.com', role: 'agent' } }).reply(201, { user: { id: 42, name: 'Jane Doe' } });
    const result = await zendeskBlockManifest.execute({
      ...base,
      operation: 'zendesk_create_user',
      userName: 'Jane Doe',
      userEmail: 'jane@example.com',
      userEmailToAdd: 'other@example.com',
      role: 'agent',
      organizationName: 'Acme Inc',
      phone: '',
      waitForCompletion: true,
    });
    expect(result).toMatchObject({ success: true, output: { user_id: 42, user: { name: 'Jane Doe' } } });
  });

  it('maps organizationNamePrefix back to name', async () => {
    zendesk().get('/api/v2/organizations/autocomplete').query({ name: 'acm', per_page: '100' }).reply(200, { organizations: [{ id: 7, name: 'Acme Inc' }], next_page: null });
    const result = await zendeskBlockManifest.execute({ ...base, operation: 'zendesk_autocomplete_organizations', organizationNamePrefix: 'acm', organizationName: 'ignored' });
    expect(result).toMatchObject({ success: true, output: { organizations: [{ id: 7 }] } });
  });

  it('fails without a request on an unknown operation, a bad switch value or a missing required field', async () => {
    const before = unmatchedRequests();
    expect(await zendeskBlockManifest.execute({ ...base, operation: 'nope' })).toMatchObject({ success: false, error: { code: 'unknown_tool', param: 'operation' } });
    expect(await zendeskBlockManifest.execute({ ...base, operation: 'zendesk_create_users_bulk', users: '[{"name": "A"}]', waitForCompletion: 'maybe' })).toMatchObject({
      success: false,
      error: { code: 'invalid_input', param: WAIT_FIELD },
    });
    expect(await zendeskBlockManifest.execute({ ...base, operation: 'zendesk_create_organization', organizationNamePrefix: 'Acme' })).toMatchObject({
      success: false,
      error: { code: 'invalid_input', param: 'name' },
    });
    expect(unmatchedRequests()).toBe(before);
  });
});
