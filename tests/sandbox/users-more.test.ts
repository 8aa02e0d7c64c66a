/**
 * The sandbox's rest of the Users API, over raw HTTP: the export endpoints' own limit, the export's
 * order and cursors, merge refusals, identity edge cases, and the bulk calls' refusals.
 */
import { startSandbox, type Sandbox } from '../../sandbox';
import { api, bearerAuth, get } from './helpers';

let sb: Sandbox;

beforeAll(async () => {
  sb = await startSandbox({ tickets: 80, users: 40, organizations: 4, jobDelayMs: 5 });
});
afterAll(() => sb?.close());

const aYearAgo = () => Math.floor(Date.now() / 1000) - 365 * 24 * 3600;
const endUsers = () => [...sb.state.users.map.values()].filter((u) => u.role === 'end-user' && u.active && u.email !== null);

describe('the incremental exports', () => {
  afterEach(() => sb.setExportRateLimit(10));

  it('take 10 requests a minute per credential (429 with Retry-After after that), apart from the account limit and other endpoints', async () => {
    sb.setExportRateLimit(10);
    for (let i = 0; i < 10; i += 1) expect((await get(sb, `/incremental/users/cursor.json?start_time=${aYearAgo()}&per_page=1`)).status).toBe(200);
    const refused = await get(sb, `/incremental/users.json?start_time=${aYearAgo()}`);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(refused.text).toContain('10 requests per minute');
    expect((await get(sb, '/users/count.json')).status).toBe(200);
    // The OAuth token is another credential, with its own export budget.
    expect((await get(sb, `/incremental/users/cursor.json?start_time=${aYearAgo()}&per_page=1`, { Authorization: bearerAuth(sb) })).status).toBe(200);
    sb.setExportRateLimit(0);
    expect((await get(sb, `/incremental/users/cursor.json?start_time=${aYearAgo()}&per_page=1`)).status).toBe(200);
  });

  it('follow the order of changes, and a cursor at the end sees the changes made after it', async () => {
    sb.setExportRateLimit(0);
    // The last change before the export is the user with the highest id: the cursor ends on it.
    const highest = Math.max(...sb.state.users.map.keys());
    await api(sb, 'PUT', `/users/${highest}.json`, { user: { notes: 'changed before' } });
    const pages: any[] = [];
    let url = '/incremental/users/cursor.json?start_time=0&per_page=7';
    for (;;) {
      const page = (await get(sb, url)).body;
      pages.push(page);
      if (page.end_of_stream) break;
      url = page.after_url;
    }
    const exported = pages.flatMap((p) => p.users);
    expect(exported.map((u: { id: number }) => u.id).sort()).toEqual([...sb.state.users.map.keys()].sort());
    const stamps = exported.map((u: { updated_at: string }) => u.updated_at);
    expect(stamps).toEqual([...stamps].sort());
    const end = pages[pages.length - 1].after_cursor;
    expect((await get(sb, `/incremental/users/cursor.json?cursor=${end}`)).body).toMatchObject({ users: [], end_of_stream: true, after_cursor: end });

    // A user with a lower id changes after the cursor was handed out, most likely within the same second.
    expect(exported[exported.length - 1].id).toBe(highest);
    const earliest = exported[0];
    await api(sb, 'PUT', `/users/${earliest.id}.json`, { user: { notes: 'changed later' } });
    const later = (await get(sb, `/incremental/users/cursor.json?cursor=${end}`)).body;
    expect(later.users.map((u: { id: number }) => u.id)).toEqual([earliest.id]);
  });

  it('refuse a start time within the last minute, a bad cursor, and a missing start', async () => {
    sb.setExportRateLimit(0);
    const recent = await get(sb, `/incremental/users/cursor.json?start_time=${Math.floor(Date.now() / 1000) - 10}`);
    expect(recent.status).toBe(400);
    expect(recent.text).toContain('older than 1 minute');
    expect((await get(sb, '/incremental/users/cursor.json?cursor=not-a-cursor')).status).toBe(400);
    expect((await get(sb, '/incremental/users/cursor.json')).status).toBe(400);
    expect((await get(sb, '/incremental/users.json')).status).toBe(400);
  });
});

describe('merge', () => {
  it('refuses agents and admins, a user into itself, a deleted or unknown target, with 422; an unknown source is a 404', async () => {
    const agent = [...sb.state.users.map.values()].find((u) => u.role === 'agent' && u.active)!;
    const [a, b] = endUsers();
    const refusal = async (source: number, target: unknown) => {
      const r = await api(sb, 'PUT', `/users/${source}/merge.json`, { user: { id: target } });
      expect(r.status).toBe(422);
      return r.body.details.base[0].description as string;
    };
    expect(await refusal(agent.id, a.id)).toContain('is an agent: agents, admins, and users with more than 10,000 requested tickets cannot be merged');
    expect(await refusal(a.id, sb.state.ownerId)).toContain('is an admin');
    expect(await refusal(a.id, a.id)).toContain('into itself');
    expect(await refusal(a.id, 360000999999)).toContain('was not found');
    expect((await api(sb, 'PUT', '/users/360000999999/merge.json', { user: { id: a.id } })).status).toBe(404);
    expect((await api(sb, 'PUT', `/users/${a.id}/merge.json`, { user: {} })).status).toBe(400);
    expect(sb.state.users.get(a.id)!.active && sb.state.users.get(b.id)!.active).toBe(true);
  });
});

describe('identities', () => {
  it('a new email identity made primary on creation becomes the email; deleting the primary promotes the next address', async () => {
    const user = endUsers()[5];
    const former = user.email!;
    const created = await api(sb, 'POST', `/users/${user.id}/identities.json`, { identity: { type: 'email', value: 'made.primary@example.org', primary: true } });
    expect(created.status).toBe(201);
    expect(sb.state.users.get(user.id)).toMatchObject({ email: 'made.primary@example.org', secondary_emails: [former] });
    expect((await api(sb, 'DELETE', `/users/${user.id}/identities/${created.body.identity.id}.json`)).status).toBe(204);
    expect(sb.state.users.get(user.id)).toMatchObject({ email: former, secondary_emails: [] });
    const list = (await get(sb, `/users/${user.id}/identities.json`)).body.identities;
    expect(list.map((i: { value: string; primary: boolean }) => [i.value, i.primary])).toEqual([[former, true]]);
  });

  it('refuse what Zendesk refuses: a type that cannot be added, a value that is not an address, an address the user has', async () => {
    const user = endUsers()[6];
    const refused = async (identity: unknown) => {
      const r = await api(sb, 'POST', `/users/${user.id}/identities.json`, { identity });
      return [r.status, Object.keys(r.body.details ?? r.body.error ?? {})[0]];
    };
    expect(await refused({ type: 'messaging', value: 'x' })).toEqual([422, 'type']);
    expect(await refused({ type: 'email', value: 'not-an-address' })).toEqual([422, 'value']);
    expect(await refused({ type: 'google', value: 'not-an-address' })).toEqual([422, 'value']);
    expect(await refused({ type: 'email', value: user.email!.toUpperCase() })).toEqual([422, 'value']);
    expect(await refused({ type: 'email', value: 'a@b.example', verified: 'yes' })).toEqual([422, 'verified']);
    expect((await api(sb, 'POST', `/users/${user.id}/identities.json`, { type: 'email' })).status).toBe(400);
    expect((await get(sb, `/users/${user.id}/identities/1.json`)).status).toBe(404);
  });
});

describe('bulk refusals', () => {
  it('destroy_many takes ids or external_ids, one of them, at most 100; show_many at most 100', async () => {
    expect((await api(sb, 'DELETE', '/users/destroy_many.json')).status).toBe(400);
    expect((await api(sb, 'DELETE', '/users/destroy_many.json?ids=1&external_ids=a')).status).toBe(400);
    expect((await api(sb, 'DELETE', '/users/destroy_many.json?ids=1,x')).status).toBe(400);
    const many = Array.from({ length: 101 }, (_, i) => i + 1).join(',');
    expect((await api(sb, 'DELETE', `/users/destroy_many.json?ids=${many}`)).status).toBe(400);
    expect((await get(sb, `/users/show_many.json?ids=${many}`)).status).toBe(400);
    expect((await get(sb, '/users/show_many.json')).status).toBe(400);
  });
});
