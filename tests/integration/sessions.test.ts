/** Session operations against the sandbox over HTTP: listing to the end, ending one, all, and many users' sessions in chunks. */
import { allTools } from '../../catalog';
import { distinct, err, ok, run, sandbox, succeeded, useIntegrationSandbox, users, walkCursor } from './harness';
useIntegrationSandbox();

const sessionsOf = (userId: number) => [...sandbox.state.sessions.map.values()].filter((s) => s.user_id === userId);
/** Active users who still have sessions, each caller taking its own. */
let taken = 0;
const userWithSessions = (atLeast = 2) => {
  const user = users().filter((u) => u.active && sessionsOf(u.id).length >= atLeast)[taken++];
  if (!user) throw new Error('no user with sessions left');
  return user;
};

describe('reads', () => {
  it("zendesk_get_user_sessions: every session of the user once, page by page and with all: true", async () => {
    const user = userWithSessions(3);
    const expected = sessionsOf(user.id);
    const { items, pages } = await walkCursor('zendesk_get_user_sessions', 'sessions', { userId: String(user.id), perPage: '1' });
    expect(pages).toBe(expected.length);
    expect(distinct(items)).toEqual(new Set(expected.map((s) => s.id)));
    const all = ok(await run('zendesk_get_user_sessions', { userId: String(user.id) }, { all: true }));
    expect(all.sessions).toEqual(
      expected.map((s) => ({ ...s, url: `${sandbox.baseUrl}/users/${user.id}/sessions/${s.id}.json` })),
    );
  });

  it('zendesk_get_user_session: the session as the state holds it; a session of another user is not found', async () => {
    const user = userWithSessions();
    const session = sessionsOf(user.id)[0];
    const output = ok(await run('zendesk_get_user_session', { userId: String(user.id), sessionId: String(session.id) }));
    expect(output).toMatchObject({ session_id: session.id, session: { user_id: user.id, authenticated_at: session.authenticated_at, last_seen_at: session.last_seen_at } });
    const other = userWithSessions();
    expect(err(await run('zendesk_get_user_session', { userId: String(other.id), sessionId: String(session.id) })).code).toBe('not_found');
  });
});

describe('signing out', () => {
  it('zendesk_delete_user_session: that session ends, the others stay', async () => {
    const user = userWithSessions();
    const [first, ...rest] = sessionsOf(user.id);
    expect(ok(await run('zendesk_delete_user_session', { userId: String(user.id), sessionId: String(first.id) }))).toEqual({ deleted: true, user_id: user.id, session_id: first.id });
    expect(sessionsOf(user.id)).toEqual(rest);
    expect(err(await run('zendesk_delete_user_session', { userId: String(user.id), sessionId: String(first.id) })).code).toBe('not_found');
  });

  it('zendesk_delete_user_sessions: every session of the user ends, and the list is then empty', async () => {
    const user = userWithSessions();
    expect(ok(await run('zendesk_delete_user_sessions', { userId: String(user.id) }))).toEqual({ signed_out: true, user_id: user.id });
    expect(sessionsOf(user.id)).toEqual([]);
    expect(ok(await run('zendesk_get_user_sessions', { userId: String(user.id) })).sessions).toEqual([]);
  });

  it('zendesk_logout_users_bulk: 140 ids in two requests of at most 100; every listed user signed out, the others not', async () => {
    const listed = users().filter((u) => u.active && sessionsOf(u.id).length > 0).slice(0, 20);
    const spared = users().filter((u) => u.active && sessionsOf(u.id).length > 0 && !listed.includes(u));
    expect(spared.length).toBeGreaterThan(0);
    // Ids of no user are passed over by Zendesk: they fill the list past one request.
    const unknownIds = Array.from({ length: 120 }, (_, i) => 999_000_000_000 + i);
    const requestsBefore = sandbox.stats.requests['POST /users/logout_many'] ?? 0;
    const userIds = [...listed.map((u) => u.id), ...unknownIds];
    const output = ok(await run('zendesk_logout_users_bulk', { userIds: userIds.join(',') }));
    expect(output.succeeded_ids).toEqual(userIds);
    expect(output.requests.map((r: { ids: number[] }) => r.ids.length)).toEqual([100, 40]);
    expect(sandbox.stats.requests['POST /users/logout_many'] - requestsBefore).toBe(2);
    for (const user of listed) expect({ user: user.id, sessions: sessionsOf(user.id) }).toEqual({ user: user.id, sessions: [] });
    for (const user of spared) expect(sessionsOf(user.id).length).toBeGreaterThan(0);
  });

  it('zendesk_logout_users_bulk whose answers are all lost: unknown outcome, though the sandbox did sign them out', async () => {
    const user = users().find((u) => u.active && sessionsOf(u.id).length > 0)!;
    sandbox.setFaults({ resetAfter: 1 });
    let result;
    try {
      result = await run('zendesk_logout_users_bulk', { userIds: String(user.id) }, { retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 2 } });
    } finally {
      sandbox.setFaults(null);
    }
    expect(err(result)).toMatchObject({ code: 'unknown_outcome' });
    expect(result.output).toMatchObject({ unknown_ids: [user.id], succeeded_ids: [], failed_ids: [] });
    expect(sessionsOf(user.id)).toEqual([]);
  });
});

it('exercised every sessions operation with a validated success', () => {
  const operations = allTools.filter((t) => t.resource === 'sessions').map((t) => t.id);
  expect(operations).toHaveLength(5);
  expect(operations.filter((id) => !succeeded.has(id))).toEqual([]);
});
