import { executeTool } from '../../catalog';
import { credentials, expectMissingRequired, expectRefused, expectValidOutput, NO_RETRY, useNock, zendesk } from '../helpers';

const session = (id: number, userId = 12345) => ({
  id,
  user_id: userId,
  authenticated_at: '2026-01-05T09:00:00Z',
  last_seen_at: '2026-01-05T11:30:00Z',
  url: `https://acme.zendesk.com/api/v2/users/${userId}/sessions/${id}.json`,
});
const FAST = { retry: { baseDelayMs: 1, maxDelayMs: 2 } };
const ids = (from: number, count: number) => Array.from({ length: count }, (_, i) => from + i);

useNock();

describe('zendesk_get_user_sessions', () => {
  it("lists one page of the user's sessions with cursor paging", async () => {
    zendesk()
      .get('/api/v2/users/12345/sessions')
      .query({ 'page[size]': '2', 'page[after]': 'c1' })
      .reply(200, { sessions: [session(1), session(2)], meta: { has_more: true, after_cursor: 'c2' }, links: { next: 'https://acme.zendesk.com/api/v2/users/12345/sessions?page[after]=c2' } });
    const result = await executeTool('zendesk_get_user_sessions', { ...credentials, userId: '12345', perPage: '2', pageAfter: 'c1' });
    expect(result).toMatchObject({ success: true, output: { sessions: [{ id: 1, user_id: 12345 }, { id: 2 }], paging: { has_more: true, after_cursor: 'c2' }, metadata: { total_returned: 2 } } });
    if (result.success) expectValidOutput('zendesk_get_user_sessions', result.output);
  });

  it('needs the user id, sending nothing without it', async () => {
    await expectMissingRequired('zendesk_get_user_sessions', { ...credentials, userId: '1' }, 'userId');
  });
});

describe('zendesk_get_user_session', () => {
  it('reads the session from the one-item list the reference documents', async () => {
    zendesk().get('/api/v2/users/12345/sessions/14').reply(200, { session: [session(14)] });
    const result = await executeTool('zendesk_get_user_session', { ...credentials, userId: '12345', sessionId: '14' });
    expect(result).toEqual({ success: true, output: { session: session(14), session_id: 14 } });
    if (result.success) expectValidOutput('zendesk_get_user_session', result.output);
  });

  it('reads a session object the same way', async () => {
    zendesk().get('/api/v2/users/12345/sessions/15').reply(200, { session: session(15) });
    const result = await executeTool('zendesk_get_user_session', { ...credentials, userId: '12345', sessionId: 15 });
    expect(result).toMatchObject({ success: true, output: { session_id: 15, session: { last_seen_at: '2026-01-05T11:30:00Z' } } });
  });

  it('refuses an answer without a session id, and a session id that is not a number', async () => {
    zendesk().get('/api/v2/users/12345/sessions/16').reply(200, { session: [] });
    const result = await executeTool('zendesk_get_user_session', { ...credentials, userId: '12345', sessionId: '16' }, NO_RETRY);
    expect(result).toMatchObject({ success: false, error: { code: 'unexpected_response' } });
    expect(!result.success && result.error.message).toContain('no session with an id');
    await expectRefused('zendesk_get_user_session', { ...credentials, userId: '12345', sessionId: 'current' }, 'sessionId', 'numeric id');
  });
});

describe('zendesk_delete_user_session', () => {
  it('deletes one session (204)', async () => {
    zendesk().delete('/api/v2/users/12345/sessions/14').reply(204);
    const result = await executeTool('zendesk_delete_user_session', { ...credentials, userId: '12345', sessionId: '14' });
    expect(result).toEqual({ success: true, output: { deleted: true, user_id: 12345, session_id: 14 } });
    if (result.success) expectValidOutput('zendesk_delete_user_session', result.output);
  });

  it('maps a 404 for an unknown session', async () => {
    zendesk().delete('/api/v2/users/12345/sessions/99').reply(404, { error: 'RecordNotFound', description: 'Not found' });
    const result = await executeTool('zendesk_delete_user_session', { ...credentials, userId: '12345', sessionId: '99' }, NO_RETRY);
    expect(result).toMatchObject({ success: false, error: { code: 'not_found', status: 404 } });
  });
});

describe('zendesk_delete_user_sessions', () => {
  it('deletes every session of the user (204)', async () => {
    zendesk().delete('/api/v2/users/12345/sessions').reply(204);
    const result = await executeTool('zendesk_delete_user_sessions', { ...credentials, userId: '12345' });
    expect(result).toEqual({ success: true, output: { signed_out: true, user_id: 12345 } });
    if (result.success) expectValidOutput('zendesk_delete_user_sessions', result.output);
  });
});

describe('zendesk_logout_users_bulk', () => {
  it('posts the ids as ?ids= with no body and takes the 202 with "" as its answer', async () => {
    zendesk()
      .post('/api/v2/users/logout_many', (body) => body === '' || body === undefined)
      .query({ ids: '1,2,3' })
      .reply(202, '""', { 'Content-Type': 'application/json' });
    const result = await executeTool('zendesk_logout_users_bulk', { ...credentials, userIds: '1, 2, 3, 2' });
    expect(result).toEqual({
      success: true,
      output: { succeeded_ids: [1, 2, 3], failed_ids: [], unknown_ids: [], requests: [{ ids: [1, 2, 3], outcome: 'succeeded', status: 202, error: null }] },
    });
    if (result.success) expectValidOutput('zendesk_logout_users_bulk', result.output);
  });

  it('takes an empty 202 as well', async () => {
    zendesk().post('/api/v2/users/logout_many').query({ ids: '7' }).reply(202);
    expect(await executeTool('zendesk_logout_users_bulk', { ...credentials, userIds: [7] })).toMatchObject({ success: true, output: { succeeded_ids: [7] } });
  });

  it('sends 250 ids as three requests of at most 100, in order', async () => {
    const all = ids(1, 250);
    for (const chunk of [all.slice(0, 100), all.slice(100, 200), all.slice(200)]) {
      zendesk().post('/api/v2/users/logout_many').query({ ids: chunk.join(',') }).reply(202, '""');
    }
    const result = await executeTool('zendesk_logout_users_bulk', { ...credentials, userIds: all.join(',') });
    expect(result.success).toBe(true);
    if (!result.success) return;
    expect(result.output.succeeded_ids).toEqual(all);
    expect(result.output.requests!.map((r) => [r.ids!.length, r.outcome])).toEqual([[100, 'succeeded'], [100, 'succeeded'], [50, 'succeeded']]);
    expectValidOutput('zendesk_logout_users_bulk', result.output);
  });

  it('a refused second request: the call fails, saying which ids were signed out and which were not, and the third is still sent', async () => {
    const all = ids(1, 250);
    zendesk().post('/api/v2/users/logout_many').query({ ids: all.slice(0, 100).join(',') }).reply(202, '""');
    zendesk().post('/api/v2/users/logout_many').query({ ids: all.slice(100, 200).join(',') }).reply(400, { error: 'InvalidValue', description: 'Invalid ids' });
    zendesk().post('/api/v2/users/logout_many').query({ ids: all.slice(200).join(',') }).reply(202, '""');
    const result = await executeTool('zendesk_logout_users_bulk', { ...credentials, userIds: all }, NO_RETRY);
    expect(result).toMatchObject({ success: false, error: { code: 'bad_request', status: 400, details: { succeeded: 150, failed: 100, unknown: 0, total: 250 } } });
    if (result.success) return;
    expect(result.error.message).toContain('1 of 3 requests did not succeed');
    expect(result.error.message).toContain('150 done (1, 2, 3');
    expect(result.error.message).toContain('100 not done (101, 102');
    expect(result.output).toMatchObject({ succeeded_ids: [...all.slice(0, 100), ...all.slice(200)], failed_ids: all.slice(100, 200), unknown_ids: [] });
    expect(result.output!.requests![1]).toEqual({ ids: all.slice(100, 200), outcome: 'failed', status: 400, error: expect.stringContaining('bad_request: Zendesk answered 400: InvalidValue: Invalid ids') });
    expectValidOutput('zendesk_logout_users_bulk', result.output);
  });

  it('a 403 on the first request: the others are not sent, and every id is reported as not signed out', async () => {
    zendesk().post('/api/v2/users/logout_many').query({ ids: ids(1, 100).join(',') }).reply(403, { error: 'Forbidden', description: 'Admins only' });
    const result = await executeTool('zendesk_logout_users_bulk', { ...credentials, userIds: ids(1, 150) }, NO_RETRY);
    expect(result).toMatchObject({ success: false, error: { code: 'forbidden', status: 403 }, output: { succeeded_ids: [], failed_ids: ids(1, 150), unknown_ids: [] } });
    if (result.success) return;
    expect(result.output!.requests![1]).toMatchObject({ outcome: 'failed', status: null, error: expect.stringContaining('not sent: an earlier request failed with forbidden') });
  });

  it('a 500 after retries leaves that request unknown (it may have been applied), and says repeating is safe', async () => {
    zendesk().post('/api/v2/users/logout_many').query({ ids: ids(1, 100).join(',') }).reply(202, '""');
    zendesk().post('/api/v2/users/logout_many').query({ ids: '101' }).times(2).reply(500, { error: 'InternalServerError' });
    const result = await executeTool('zendesk_logout_users_bulk', { ...credentials, userIds: ids(1, 101) }, { retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 2 } });
    expect(result).toMatchObject({ success: false, error: { code: 'unknown_outcome', status: 500 }, output: { unknown_ids: [101], failed_ids: [] } });
    expect(!result.success && result.error.message).toContain('repeating them is safe');
  });

  it('refuses an empty or malformed id list, sending nothing', async () => {
    await expectRefused('zendesk_logout_users_bulk', { ...credentials, userIds: ' , ' }, 'userIds');
    await expectRefused('zendesk_logout_users_bulk', { ...credentials, userIds: '1, two' }, 'userIds', 'numeric id');
  });

  it('a 202 with a page instead of nothing is not its answer', async () => {
    zendesk().post('/api/v2/users/logout_many').query({ ids: '9' }).reply(202, '<html>Sign in</html>', { 'Content-Type': 'text/html' });
    const result = await executeTool('zendesk_logout_users_bulk', { ...credentials, userIds: '9' }, { ...FAST, ...NO_RETRY });
    expect(result).toMatchObject({ success: false, error: { code: 'unknown_outcome' }, output: { unknown_ids: [9] } });
    expect(!result.success && result.error.message).toContain('instead of the empty answer this endpoint gives');
  });

  // Last: the 429 pauses this account for every later call of the file.
  it('one request refused: its own error, with the ids in the output', async () => {
    zendesk().post('/api/v2/users/logout_many').query({ ids: '5,6' }).reply(429, 'slow down', { 'Retry-After': '900' });
    const result = await executeTool('zendesk_logout_users_bulk', { ...credentials, userIds: '5,6' }, NO_RETRY);
    expect(result).toMatchObject({ success: false, error: { code: 'rate_limited', status: 429 }, output: { failed_ids: [5, 6], succeeded_ids: [], unknown_ids: [] } });
  });
});
