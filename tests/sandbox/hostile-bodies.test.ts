/**
 * Hostile request bodies: absurd nesting is refused before any handler runs (so nothing is stored and
 * an Idempotency-Key never sees a failed write), the idempotency key is computed without recursion,
 * and long hostile values are handled in linear time.
 */
import { startSandbox, type Sandbox } from '../../sandbox';
import { canonicalJson } from '../../sandbox/idempotency';
import { MAX_JSON_DEPTH, nestsDeeperThan } from '../../sandbox/json-depth';
import { api, get } from './helpers';

let sb: Sandbox;
beforeAll(async () => {
  sb = await startSandbox({ tickets: 40, users: 20, organizations: 4, jobDelayMs: 5 });
});
afterAll(() => sb?.close());

/** JSON text of `levels` nested arrays around `inner`. */
const nestedArrays = (levels: number, inner = '') => `${'['.repeat(levels)}${inner}${']'.repeat(levels)}`;
/** JSON text of `levels` nested `{"a": ...}` objects around `inner`. */
const nestedObjects = (levels: number, inner = '1') => `${'{"a":'.repeat(levels)}${inner}${'}'.repeat(levels)}`;

const DEEP = 100_000;

/** Everything a refused write could have changed. */
function snapshot() {
  const s = sb.state;
  return {
    tickets: s.tickets.size, users: s.users.size, organizations: s.organizations.size, jobs: s.jobs.size,
    nextTicketId: s.nextTicketId, ticketsVersion: s.tickets.version, usersVersion: s.users.version, orgsVersion: s.organizations.version,
  };
}

function expectTooDeep(r: { status: number; body: any }) {
  expect(r.status).toBe(400);
  expect(r.body).toEqual({
    error: { title: 'Invalid JSON', message: `The request body nests arrays and objects more than ${MAX_JSON_DEPTH} levels deep` },
  });
}

describe('a ticket create nested 100,000 deep', () => {
  test.each([
    ['in a custom field value', `{"ticket":{"comment":{"body":"deep"},"custom_fields":[{"id":1,"value":${nestedArrays(DEEP)}}]}}`],
    ['beside the ticket', `{"ticket":{"comment":{"body":"deep"}},"extra":${nestedObjects(DEEP)}}`],
  ])('%s: 400 before anything is stored, every replay of the key too', async (_where, body) => {
    const before = snapshot();
    const key = `deep-${_where}`;
    for (let attempt = 0; attempt < 3; attempt++) {
      const r = await api(sb, 'POST', '/tickets.json', body, { 'Idempotency-Key': key });
      expectTooDeep(r);
    }
    expectTooDeep(await api(sb, 'POST', '/tickets.json', body));
    expect(snapshot()).toEqual(before);
    const list = await get(sb, '/tickets.json?per_page=100');
    expect(list.status).toBe(200);
    expect(list.body.count).toBe(before.tickets);
    // The key was never remembered: a corrected body under it is a fresh create.
    const fixed = await api(sb, 'POST', '/tickets.json', { ticket: { comment: { body: 'now shallow' } } }, { 'Idempotency-Key': key });
    expect(fixed.status).toBe(201);
    expect(fixed.headers.get('x-idempotency-lookup')).toBe('miss');
    expect(sb.state.tickets.size).toBe(before.tickets + 1);
  });
});

describe('the nesting bound', () => {
  // {ticket 2 {custom_fields 3 [item 4 {value 5...: depth of the body = 4 + levels of the value.
  const withValue = (levels: number) => `{"ticket":{"comment":{"body":"bound"},"custom_fields":[{"id":7,"value":${nestedArrays(levels, '"x"')}}]}}`;

  test(`${MAX_JSON_DEPTH} levels are accepted and round-trip; ${MAX_JSON_DEPTH + 1} are refused`, async () => {
    const ok = await api(sb, 'POST', '/tickets.json', withValue(MAX_JSON_DEPTH - 4));
    expect(ok.status).toBe(201);
    const shown = await get(sb, `/tickets/${ok.body.ticket.id}.json`);
    expect(JSON.stringify(shown.body.ticket.custom_fields[0].value)).toBe(nestedArrays(MAX_JSON_DEPTH - 4, '"x"'));
    const before = snapshot();
    expectTooDeep(await api(sb, 'POST', '/tickets.json', withValue(MAX_JSON_DEPTH - 3)));
    expect(snapshot()).toEqual(before);
  });

  test('every write route refuses a deep body and changes nothing', async () => {
    const t = [...sb.state.tickets.map.values()].find((x) => x.status !== 'closed')!;
    const u = [...sb.state.users.map.values()].find((x) => x.role === 'end-user' && x.active)!;
    const o = [...sb.state.organizations.map.values()][0];
    const deep = nestedObjects(DEEP);
    const calls: [string, string, string][] = [
      ['PUT', `/tickets/${t.id}.json`, `{"ticket":{"custom_fields":[{"id":1,"value":${deep}}]}}`],
      ['POST', '/tickets/create_many.json', `{"tickets":[{"comment":{"body":"x"},"custom_fields":[{"id":1,"value":${deep}}]}]}`],
      ['PUT', `/tickets/update_many.json?ids=${t.id}`, `{"ticket":{"custom_fields":[{"id":1,"value":${deep}}]}}`],
      ['POST', `/tickets/${t.id}/merge.json`, `{"ids":${nestedArrays(DEEP)}}`],
      ['POST', '/users.json', `{"user":{"name":"Deep","user_fields":${deep}}}`],
      ['PUT', `/users/${u.id}.json`, `{"user":{"external_id":${nestedArrays(DEEP)}}}`],
      ['PUT', '/users/update_many.json', `{"users":[{"id":${u.id},"user_fields":${deep}}]}`],
      ['POST', '/users/create_many.json', `{"users":[{"name":"Deep","user_fields":${deep}}]}`],
      ['POST', '/organizations.json', `{"organization":{"name":"Deep","organization_fields":${deep}}}`],
      ['PUT', `/organizations/${o.id}.json`, `{"organization":{"external_id":${nestedArrays(DEEP)}}}`],
      ['POST', '/organizations/create_many.json', `{"organizations":[{"name":"Deep","organization_fields":${deep}}]}`],
    ];
    const before = snapshot();
    const stamps = { ticket: t.updated_at, user: u.updated_at, org: o.updated_at };
    for (const [method, path, body] of calls) expectTooDeep(await api(sb, method, path, body));
    expect(snapshot()).toEqual(before);
    expect({ ticket: t.updated_at, user: u.updated_at, org: o.updated_at }).toEqual(stamps);
    expect(sb.stats.responses[500]).toBeUndefined();
  });
});

describe('idempotency keys', () => {
  test('a normal nested body is created once and replayed (keys in another order) with lookup hit', async () => {
    const ticket = {
      subject: 'Nested but normal',
      comment: { body: 'Keyed', public: false },
      custom_fields: [{ id: 11, value: { region: { country: 'FR', cities: ['Paris', { name: 'Lyon', zones: [1, 2] }] } } }],
      tags: ['a', 'b'],
    };
    const headers = { 'Idempotency-Key': 'nested-normal' };
    const first = await api(sb, 'POST', '/tickets.json', { ticket }, headers);
    expect(first.status).toBe(201);
    expect(first.headers.get('x-idempotency-lookup')).toBe('miss');
    const size = sb.state.tickets.size;
    const reordered = {
      ticket: {
        tags: ['a', 'b'],
        custom_fields: [{ value: { region: { cities: ['Paris', { zones: [1, 2], name: 'Lyon' }], country: 'FR' } }, id: 11 }],
        comment: { public: false, body: 'Keyed' },
        subject: 'Nested but normal',
      },
    };
    const again = await api(sb, 'POST', '/tickets.json', reordered, headers);
    expect(again.status).toBe(201);
    expect(again.headers.get('x-idempotency-lookup')).toBe('hit');
    expect(again.body).toEqual(first.body);
    expect(sb.state.tickets.size).toBe(size);
    // Order inside an array is part of the body: another body under the same key.
    const swapped = { ticket: { ...ticket, tags: ['b', 'a'] } };
    const other = await api(sb, 'POST', '/tickets.json', swapped, headers);
    expect(other.status).toBe(400);
    expect(other.body.error).toBe('IdempotentRequestError');
    expect(sb.state.tickets.size).toBe(size);
  });

  test('canonicalJson sorts keys, keeps array order and never recurses (100,000 levels)', () => {
    expect(canonicalJson({ b: [3, { d: null, c: 'x' }], a: true, e: '"q"' })).toBe('{"a":true,"b":[3,{"c":"x","d":null}],"e":"\\"q\\""}');
    expect(canonicalJson([])).toBe('[]');
    expect(canonicalJson({})).toBe('{}');
    expect(canonicalJson('plain')).toBe('"plain"');
    expect(canonicalJson(JSON.parse(nestedArrays(DEEP, '1')))).toBe(nestedArrays(DEEP, '1'));
    expect(canonicalJson(JSON.parse(nestedObjects(DEEP)))).toBe(nestedObjects(DEEP));
  });

  test('nestsDeeperThan counts levels of arrays and objects without recursion', () => {
    expect(nestsDeeperThan('text', 0)).toBe(false);
    expect(nestsDeeperThan([], 0)).toBe(true);
    expect(nestsDeeperThan([], 1)).toBe(false);
    expect(nestsDeeperThan({ a: [1, { b: [] }] }, 4)).toBe(false);
    expect(nestsDeeperThan({ a: [1, { b: [] }] }, 3)).toBe(true);
    expect(nestsDeeperThan([[], [[[]]], []], 3)).toBe(true);
    expect(nestsDeeperThan(JSON.parse(nestedArrays(DEEP)), MAX_JSON_DEPTH)).toBe(true);
  });
});

describe('long hostile values are handled in linear time', () => {
  test('a million "<" in html_body, 400,000 distinct tags, a megabyte email', async () => {
    const lt = '<'.repeat(1_000_000);
    const html = await api(sb, 'POST', '/tickets.json', { ticket: { comment: { html_body: `${lt}<b>kept</b>` } } });
    expect(html.status).toBe(201);
    expect(html.body.ticket.description).toBe(`${lt}kept`);

    const tags = Array.from({ length: 400_000 }, (_, i) => `t${i}`);
    const tagged = await api(sb, 'POST', '/tickets.json', { ticket: { comment: { body: 'tags' }, tags: tags.join(' '), additional_tags: tags } });
    expect(tagged.status).toBe(201);
    expect(tagged.body.ticket.tags).toHaveLength(400_000);
    const id = tagged.body.ticket.id;
    const removed = await api(sb, 'PUT', `/tickets/${id}.json`, { ticket: { remove_tags: tags.slice(1) } });
    expect(removed.body.ticket.tags).toEqual(['t0']);

    const users = sb.state.users.size;
    const email = await api(sb, 'POST', '/users.json', { user: { name: 'Long', email: `a@${'.'.repeat(1_000_000)}@` } });
    expect(email.status).toBe(422);
    expect(email.body.details.email[0].error).toBe('InvalidValue');
    expect(sb.state.users.size).toBe(users);
  });
});
