/**
 * Every sandbox endpoint's real HTTP answers, validated against the response schema Zendesk's
 * OpenAPI file declares for that path, method and status.
 */
import { readFileSync } from 'node:fs';
import Ajv, { type ValidateFunction } from 'ajv';
import YAML from 'yaml';
import { startSandbox, type Sandbox } from '../../sandbox';
import { api, get, waitForJob } from './helpers';

const OAS_PATH = `${__dirname}/../../../shared/reference/zendesk-support-oas.yaml`;

type Json = Record<string, any>;

/** OAS 3.0 `nullable: true` also admits null in an `enum`; ajv wants it listed. */
function fixNullableEnums(node: unknown): void {
  if (Array.isArray(node)) node.forEach(fixNullableEnums);
  else if (node && typeof node === 'object') {
    const o = node as Json;
    if (o.nullable === true && Array.isArray(o.enum) && !o.enum.includes(null)) o.enum = [...o.enum, null];
    Object.values(o).forEach(fixNullableEnums);
  }
}

let doc: Json;
let ajv: Ajv;
const validators = new Map<string, ValidateFunction>();

function validatorFor(path: string, method: string, status: number): ValidateFunction {
  const key = `${method} ${path} ${status}`;
  let v = validators.get(key);
  if (!v) {
    const op = doc.paths[path]?.[method];
    if (!op) throw new Error(`OAS has no ${method.toUpperCase()} ${path}`);
    const schema = op.responses?.[String(status)]?.content?.['application/json']?.schema;
    if (!schema) throw new Error(`OAS declares no JSON body for ${key}`);
    // Point the response schema's $refs at the whole document registered as oas.json.
    const rewritten = JSON.parse(JSON.stringify(schema).replace(/"\$ref":"#\//g, '"$ref":"oas.json#/'));
    v = ajv.compile(rewritten);
    validators.set(key, v);
  }
  return v;
}

function expectConforms(path: string, method: string, status: number, res: { status: number; body: unknown; text: string }): void {
  expect({ status: res.status, text: res.status === status ? 'ok' : res.text }).toEqual({ status, text: 'ok' });
  const v = validatorFor(path, method, status);
  const ok = v(res.body);
  if (!ok) throw new Error(`${method.toUpperCase()} ${path} ${status} does not match the OAS: ${ajv.errorsText(v.errors, { separator: '\n' })}`);
}

let sb: Sandbox;

beforeAll(async () => {
  doc = YAML.parse(readFileSync(OAS_PATH, 'utf8')) as Json;
  fixNullableEnums(doc.components);
  fixNullableEnums(doc.paths);
  const formats: Record<string, true | RegExp> = {};
  for (const f of ['int64', 'int32', 'binary', 'float', 'string', 'text', 'integer']) formats[f] = true;
  formats['date-time'] = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/;
  formats.date = /^\d{4}-\d\d-\d\d$/;
  formats.email = /^[^\s@]+@[^\s@]+$/;
  formats.uri = /^[a-z][a-z0-9+.-]*:\/\/\S+$/i;
  ajv = new Ajv({ strict: false, allErrors: true, formats });
  ajv.addSchema({ $id: 'oas.json', components: doc.components });
  sb = await startSandbox({ tickets: 300, users: 60, organizations: 12, jobDelayMs: 5 });
}, 30_000);

afterAll(() => sb?.close());

describe('tickets', () => {
  test('list (cursor and offset), show', async () => {
    expectConforms('/api/v2/tickets', 'get', 200, await get(sb, '/tickets.json?page[size]=50'));
    expectConforms('/api/v2/tickets', 'get', 200, await get(sb, '/tickets.json?page=2&per_page=25'));
    expectConforms('/api/v2/tickets/{ticket_id}', 'get', 200, await get(sb, '/tickets/7.json'));
  });

  test('create, update, delete', async () => {
    const created = await api(sb, 'POST', '/tickets.json', {
      ticket: { subject: 'OAS check', comment: { body: 'Body', public: false }, priority: 'high', type: 'task', due_at: '2030-01-01T00:00:00Z', tags: ['a', 'b'], custom_fields: [{ id: 1, value: 'x' }] },
    });
    expectConforms('/api/v2/tickets', 'post', 201, created);
    expect(created.headers.get('location')).toBe(`${sb.baseUrl}/tickets/${created.body.ticket.id}.json`);
    const id = created.body.ticket.id;
    const updated = await api(sb, 'PUT', `/tickets/${id}.json`, { ticket: { status: 'pending', assignee_id: null, tags: [], comment: { body: 'Update' } } });
    expectConforms('/api/v2/tickets/{ticket_id}', 'put', 200, updated);
    const unchanged = await api(sb, 'PUT', `/tickets/${id}.json`, { ticket: { status: 'pending' } });
    expectConforms('/api/v2/tickets/{ticket_id}', 'put', 200, unchanged);
    const del = await api(sb, 'DELETE', `/tickets/${id}.json`);
    expect(del.status).toBe(204);
    expect(del.text).toBe('');
  });

  test('bulk calls and their job statuses', async () => {
    const cm = await api(sb, 'POST', '/tickets/create_many.json', { tickets: [{ comment: { body: 'one' } }, { comment: { body: 'two' } }] });
    expectConforms('/api/v2/tickets/create_many', 'post', 200, cm);
    const um = await api(sb, 'PUT', '/tickets/update_many.json?ids=1,2,999999', { ticket: { priority: 'low' } });
    expectConforms('/api/v2/tickets/update_many', 'put', 200, um);
    const um2 = await api(sb, 'PUT', '/tickets/update_many.json', { tickets: [{ id: 3, status: 'open' }, { id: 4, status: 'bogus' }] });
    expectConforms('/api/v2/tickets/update_many', 'put', 200, um2);
    const merge = await api(sb, 'POST', '/tickets/20/merge.json', { ids: [21, 22], target_comment: 'merged', source_comment: 'closed' });
    expectConforms('/api/v2/tickets/{ticket_id}/merge', 'post', 200, merge);
    for (const r of [cm, um, um2, merge]) {
      await waitForJob(sb, r.body.job_status.id);
      expectConforms('/api/v2/job_statuses/{job_status_id}', 'get', 200, await get(sb, `/job_statuses/${r.body.job_status.id}.json`));
    }
    const ids = [cm, um, um2, merge].map((r) => r.body.job_status.id).join(',');
    expectConforms('/api/v2/job_statuses/show_many', 'get', 200, await get(sb, `/job_statuses/show_many.json?ids=${ids}`));
    expectConforms('/api/v2/job_statuses', 'get', 200, await get(sb, '/job_statuses.json'));
  });
});

describe('users', () => {
  test('list, show, me, search', async () => {
    expectConforms('/api/v2/users', 'get', 200, await get(sb, '/users.json?page[size]=30'));
    expectConforms('/api/v2/users', 'get', 200, await get(sb, '/users.json?role=agent'));
    const first = (await get(sb, '/users.json?per_page=1')).body.users[0];
    expectConforms('/api/v2/users/{user_id}', 'get', 200, await get(sb, `/users/${first.id}.json`));
    expectConforms('/api/v2/users/me', 'get', 200, await get(sb, '/users/me.json'));
    expectConforms('/api/v2/users/search', 'get', 200, await get(sb, `/users/search.json?query=${encodeURIComponent('role:end-user')}`));
  });

  test('create, update, delete, bulk', async () => {
    const c = await api(sb, 'POST', '/users.json', { user: { name: 'Oas User', email: 'oas.user@example.org', role: 'end-user', phone: null } });
    expectConforms('/api/v2/users', 'post', 201, c);
    const bare = await api(sb, 'POST', '/users.json', { user: { name: 'No Email' } });
    expectConforms('/api/v2/users', 'post', 201, bare);
    const u = await api(sb, 'PUT', `/users/${c.body.user.id}.json`, { user: { notes: 'hi', tags: ['x'] } });
    expectConforms('/api/v2/users/{user_id}', 'put', 200, u);
    const d = await api(sb, 'DELETE', `/users/${c.body.user.id}.json`);
    expectConforms('/api/v2/users/{user_id}', 'delete', 200, d);
    const cm = await api(sb, 'POST', '/users/create_many.json', { users: [{ name: 'Bulk One', email: 'bulk1@example.org' }] });
    expectConforms('/api/v2/users/create_many', 'post', 200, cm);
    const um = await api(sb, 'PUT', `/users/update_many.json?ids=${bare.body.user.id}`, { user: { notes: 'bulk' } });
    expectConforms('/api/v2/users/update_many', 'put', 200, um);
    await waitForJob(sb, um.body.job_status.id);
    expectConforms('/api/v2/job_statuses/{job_status_id}', 'get', 200, await get(sb, `/job_statuses/${um.body.job_status.id}.json`));
  });
});

describe('organizations', () => {
  test('list, show, autocomplete, create, update, delete, create_many', async () => {
    expectConforms('/api/v2/organizations', 'get', 200, await get(sb, '/organizations.json'));
    expectConforms('/api/v2/organizations', 'get', 200, await get(sb, '/organizations.json?page[size]=5'));
    const org = (await get(sb, '/organizations.json')).body.organizations[0];
    expectConforms('/api/v2/organizations/{organization_id}', 'get', 200, await get(sb, `/organizations/${org.id}.json`));
    expectConforms('/api/v2/organizations/autocomplete', 'get', 200, await get(sb, `/organizations/autocomplete.json?name=${encodeURIComponent(org.name.slice(0, 3))}`));
    expectConforms('/api/v2/organizations/autocomplete', 'get', 400, await get(sb, '/organizations/autocomplete.json'));
    const c = await api(sb, 'POST', '/organizations.json', { organization: { name: 'OAS Org', domain_names: ['oas.example'] } });
    expectConforms('/api/v2/organizations', 'post', 201, c);
    const u = await api(sb, 'PUT', `/organizations/${c.body.organization.id}.json`, { organization: { notes: 'n' } });
    expectConforms('/api/v2/organizations/{organization_id}', 'put', 200, u);
    expect((await api(sb, 'DELETE', `/organizations/${c.body.organization.id}.json`)).status).toBe(204);
    const cm = await api(sb, 'POST', '/organizations/create_many.json', { organizations: [{ name: 'OAS Many' }] });
    expectConforms('/api/v2/organizations/create_many', 'post', 200, cm);
  });
});

describe('search', () => {
  test('search, count, export', async () => {
    expectConforms('/api/v2/search', 'get', 200, await get(sb, `/search.json?query=${encodeURIComponent('status:open')}`));
    expectConforms('/api/v2/search', 'get', 200, await get(sb, `/search.json?query=a&sort_by=updated_at&sort_order=asc&per_page=50`));
    expectConforms('/api/v2/search/count', 'get', 200, await get(sb, `/search/count.json?query=${encodeURIComponent('type:ticket')}`));
    expectConforms('/api/v2/search/export', 'get', 200, await get(sb, `/search/export.json?query=${encodeURIComponent('status:open')}&filter[type]=ticket&page[size]=20`));
    expectConforms('/api/v2/search/export', 'get', 200, await get(sb, `/search/export.json?query=a&filter[type]=user`));
  });
});

describe('the check itself', () => {
  test('rejects bodies that do not match', () => {
    const v = validatorFor('/api/v2/tickets/{ticket_id}', 'get', 200);
    expect(v({ ticket: { id: 'seven', status: 'sleeping' } })).toBe(false);
    const j = validatorFor('/api/v2/job_statuses/{job_status_id}', 'get', 200);
    expect(j({ job_status: { id: 'x', results: [{ id: 1, index: 0, success: false, error: 'E', details: 'd', action: 'update' }] } })).toBe(false);
  });
});
