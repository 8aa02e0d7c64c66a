/** Single-record writes: validation details, idempotency, audits and comments, deletes. */
import { startSandbox, type Sandbox } from '../../sandbox';
import { api, get } from './helpers';

let sb: Sandbox;
beforeAll(async () => {
  sb = await startSandbox({ tickets: 100, users: 30, organizations: 6 });
});
afterAll(() => sb?.close());

const openTicket = () => [...sb.state.tickets.map.values()].find((t) => t.status !== 'closed' && t.status !== 'new')!;

describe('422 RecordInvalid details', () => {
  test.each([
    ['missing comment', { subject: 'x' }, 'description', 'BlankValue'],
    ['unknown requester_id', { comment: { body: 'x' }, requester_id: 42 }, 'requester_id', 'InvalidValue'],
    ['invalid status', { comment: { body: 'x' }, status: 'sleeping' }, 'status', 'InvalidValue'],
    ['invalid priority', { comment: { body: 'x' }, priority: 'whenever' }, 'priority', 'InvalidValue'],
    ['end-user as assignee', { comment: { body: 'x' }, assignee_id: 'nobody' }, 'assignee_id', 'InvalidValue'],
    ['unknown group', { comment: { body: 'x' }, group_id: 1 }, 'group_id', 'InvalidValue'],
  ])('ticket create: %s', async (_name, ticket, field, code) => {
    const before = sb.state.tickets.size;
    const r = await api(sb, 'POST', '/tickets.json', { ticket });
    expect(r.status).toBe(422);
    expect(r.body).toMatchObject({ error: 'RecordInvalid', description: 'Record validation errors' });
    expect(r.body.details[field][0]).toEqual({ description: expect.any(String), error: code });
    expect(sb.state.tickets.size).toBe(before);
  });

  test('users: missing name, duplicate email (case-insensitive), bad role', async () => {
    let r = await api(sb, 'POST', '/users.json', { user: { email: 'someone@example.org' } });
    expect(r.status).toBe(422);
    expect(r.body.details.name).toEqual([{ description: 'Name: cannot be blank', error: 'BlankValue' }]);
    r = await api(sb, 'POST', '/users.json', { user: { name: 'Dup', email: sb.credentials.email.toUpperCase() } });
    expect(r.status).toBe(422);
    expect(r.body.details.email[0].error).toBe('DuplicateValue');
    r = await api(sb, 'POST', '/users.json', { user: { name: 'Role', role: 'overlord' } });
    expect(r.body.details.role[0].error).toBe('InvalidValue');
  });

  test('organizations: duplicate trimmed name, blank name', async () => {
    const existing = [...sb.state.organizations.map.values()][0];
    let r = await api(sb, 'POST', '/organizations.json', { organization: { name: `  ${existing.name.toUpperCase()}  ` } });
    expect(r.status).toBe(422);
    expect(r.body.details.name).toEqual([{ description: 'Name: has already been taken', error: 'DuplicateValue' }]);
    r = await api(sb, 'POST', '/organizations.json', { organization: { name: '   ' } });
    expect(r.body.details.name[0].error).toBe('BlankValue');
  });

  test('updates of closed tickets are refused', async () => {
    const closed = [...sb.state.tickets.map.values()].find((t) => t.status === 'closed')!;
    const r = await api(sb, 'PUT', `/tickets/${closed.id}.json`, { ticket: { status: 'open' } });
    expect(r.status).toBe(422);
    expect(r.body.details.status[0].description).toBe('Status: closed prevents ticket update');
  });
});

describe('other errors', () => {
  test('404 RecordNotFound; 400 for malformed JSON', async () => {
    for (const p of ['/tickets/999999.json', '/users/1.json', '/organizations/abc.json', '/job_statuses/nope.json']) {
      const r = await get(sb, p);
      expect(r.status).toBe(404);
      expect(r.body).toEqual({ error: 'RecordNotFound', description: 'Not found' });
    }
    const bad = await api(sb, 'POST', '/tickets.json', '{"ticket": {');
    expect(bad.status).toBe(400);
    expect(bad.body.error.title).toBe('Invalid JSON');
  });

  test('safe_update with a stale updated_stamp answers 409', async () => {
    const t = openTicket();
    const r = await api(sb, 'PUT', `/tickets/${t.id}.json`, { ticket: { safe_update: true, updated_stamp: '2001-01-01T00:00:00Z', priority: 'low' } });
    expect(r.status).toBe(409);
    expect(r.body.error).toBe('UpdateConflict');
    const ok = await api(sb, 'PUT', `/tickets/${t.id}.json`, { ticket: { safe_update: true, updated_stamp: t.updated_at, subject: 'Fresh' } });
    expect(ok.status).toBe(200);
  });
});

describe('idempotency on ticket create', () => {
  test('miss, then hit with the first answer replayed and nothing created', async () => {
    const body = { ticket: { subject: 'Once only', comment: { body: 'Please create me once' } } };
    const headers = { 'Idempotency-Key': 'key-123' };
    const first = await api(sb, 'POST', '/tickets.json', body, headers);
    expect(first.status).toBe(201);
    expect(first.headers.get('x-idempotency-lookup')).toBe('miss');
    const size = sb.state.tickets.size;
    const second = await api(sb, 'POST', '/tickets.json', { ticket: { comment: { body: 'Please create me once' }, subject: 'Once only' } }, headers);
    expect(second.status).toBe(201);
    expect(second.headers.get('x-idempotency-lookup')).toBe('hit');
    expect(second.body).toEqual(first.body);
    expect(sb.state.tickets.size).toBe(size);
    expect(sb.state.auditsFor(first.body.ticket.id)).toHaveLength(1);
    expect(sb.state.auditsFor(first.body.ticket.id)[0].origin.idempotencyKey).toBe('key-123');
  });

  test('the same key with another body is 400 IdempotentRequestError', async () => {
    const headers = { 'Idempotency-Key': 'key-456' };
    expect((await api(sb, 'POST', '/tickets.json', { ticket: { comment: { body: 'a' } } }, headers)).status).toBe(201);
    const size = sb.state.tickets.size;
    const r = await api(sb, 'POST', '/tickets.json', { ticket: { comment: { body: 'b' } } }, headers);
    expect(r.status).toBe(400);
    expect(r.body.error).toBe('IdempotentRequestError');
    expect(typeof r.body.description).toBe('string');
    expect(sb.state.tickets.size).toBe(size);
  });
});

describe('audits and comments', () => {
  test('create records one audit and the first comment', async () => {
    const r = await api(sb, 'POST', '/tickets.json', {
      ticket: { subject: 'Audit me', comment: { body: 'First words', public: true }, priority: 'high', tags: ['Alpha', 'beta', 'alpha'] },
    });
    expect(r.status).toBe(201);
    const id = r.body.ticket.id;
    expect(r.body.ticket.tags).toEqual(['alpha', 'beta']);
    expect(r.body.audit.events.some((e: { type: string; body?: string }) => e.type === 'Comment' && e.body === 'First words')).toBe(true);
    const audits = sb.state.auditsFor(id);
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ kind: 'create', origin: { method: 'POST', path: '/tickets' } });
    expect(audits[0].changes.priority).toEqual({ from: null, to: 'high' });
    expect(sb.state.commentsFor(id).map((c) => c.body)).toEqual(['First words']);
  });

  test('an update with a comment appends exactly one comment and one audit; a no-op adds none', async () => {
    const t = [...sb.state.tickets.map.values()].filter((x) => x.status === 'open' || x.status === 'solved')[3];
    const before = sb.state.commentsFor(t.id).length;
    const audits = sb.state.auditsFor(t.id).length;
    const r = await api(sb, 'PUT', `/tickets/${t.id}.json`, { ticket: { status: 'pending', comment: { body: 'We are on it', public: false } } });
    expect(r.status).toBe(200);
    expect(r.body.ticket.status).toBe('pending');
    const comments = sb.state.commentsFor(t.id);
    expect(comments).toHaveLength(before + 1);
    expect(comments.at(-1)).toMatchObject({ body: 'We are on it', public: false, author_id: sb.state.ownerId });
    expect(comments[0].body).toBe(t.description);
    expect(sb.state.auditsFor(t.id)).toHaveLength(audits + 1);
    expect(sb.state.auditsFor(t.id).at(-1)!.changes.status.to).toBe('pending');
    const stamp = sb.state.ticket(t.id)!.updated_at;
    const noop = await api(sb, 'PUT', `/tickets/${t.id}.json`, { ticket: { status: 'pending' } });
    expect(noop.status).toBe(200);
    expect(sb.state.auditsFor(t.id)).toHaveLength(audits + 1);
    expect(sb.state.ticket(t.id)!.updated_at).toBe(stamp);
    const listed = await get(sb, `/tickets/${t.id}/comments.json`);
    expect(listed.body.comments).toHaveLength(before + 1);
  });

  test('tags replaces; additional_tags and remove_tags edit', async () => {
    const t = [...sb.state.tickets.map.values()].filter((x) => x.status !== 'closed')[5];
    await api(sb, 'PUT', `/tickets/${t.id}.json`, { ticket: { tags: ['one', 'two'] } });
    expect(sb.state.ticket(t.id)!.tags).toEqual(['one', 'two']);
    await api(sb, 'PUT', `/tickets/${t.id}.json`, { ticket: { additional_tags: ['three'], remove_tags: ['one'] } });
    expect(sb.state.ticket(t.id)!.tags).toEqual(['two', 'three']);
    const shown = await get(sb, `/tickets/${t.id}.json`);
    expect(shown.body.ticket.tags).toEqual(['two', 'three']);
  });

  test('an agent commenting on a new ticket opens it', async () => {
    const t = [...sb.state.tickets.map.values()].find((x) => x.status === 'new')!;
    const r = await api(sb, 'PUT', `/tickets/${t.id}.json`, { ticket: { comment: { body: 'Looking' } } });
    expect(r.body.ticket.status).toBe('open');
  });
});

describe('deletes', () => {
  test('ticket delete is 204 then 404', async () => {
    const t = openTicket();
    const r = await api(sb, 'DELETE', `/tickets/${t.id}.json`);
    expect(r.status).toBe(204);
    expect((await get(sb, `/tickets/${t.id}.json`)).status).toBe(404);
    expect(sb.state.deletedTickets.has(t.id)).toBe(true);
  });

  test('user delete is a soft delete answering the user with active false', async () => {
    const u = [...sb.state.users.map.values()].find((x) => x.role === 'end-user')!;
    const r = await api(sb, 'DELETE', `/users/${u.id}.json`);
    expect(r.status).toBe(200);
    expect(r.body.user.active).toBe(false);
    const list = await get(sb, '/users.json?per_page=100');
    expect(list.body.users.map((x: { id: number }) => x.id)).not.toContain(u.id);
  });

  test('an email on user update adds an identity instead of replacing the primary', async () => {
    const u = [...sb.state.users.map.values()].find((x) => x.role === 'end-user' && x.active)!;
    const primary = u.email;
    const r = await api(sb, 'PUT', `/users/${u.id}.json`, { user: { email: 'second.address@example.org' } });
    expect(r.status).toBe(200);
    expect(r.body.user.email).toBe(primary);
    const found = await get(sb, `/users/search.json?query=${encodeURIComponent('second.address@example.org')}`);
    expect(found.body.users.map((x: { id: number }) => x.id)).toEqual([u.id]);
  });
});
