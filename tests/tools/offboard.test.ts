/** zendesk_offboard_user with nock: the input checks (nothing sent on bad input), the exact requests of a run, and failures. */
import { executeTool } from '../../catalog';
import { OffboardError, offboardUser } from '../../offboard';
import { credentials, expectRefused, expectValidOutput, unmatchedRequests, useNock, zendesk } from '../helpers';

const TOOL = 'zendesk_offboard_user';
const FAST = { retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 2 } };
const USER = { id: 501, name: 'Mara Lind', email: 'mara@acme.test', role: 'agent', active: true, suspended: false };
const ME = { id: 1, name: 'Admin', email: 'agent@example.com', role: 'admin', active: true };
const job = (id: string, results: Record<string, unknown>[]) => ({ job_status: { id, url: `https://acme.zendesk.com/api/v2/job_statuses/${id}.json`, status: 'completed', total: results.length, progress: results.length, message: null, results } });

useNock();

describe('input checks: nothing is sent, not even the email lookup', () => {
  const cases: [string, Record<string, unknown>, string, string][] = [
    ['no user', {}, 'userId', 'Say which user to offboard'],
    ['both an id and an email', { userId: '501', userEmail: 'mara@acme.test' }, 'userEmail', 'not both'],
    ['an email that is not one', { userEmail: 'mara' }, 'userEmail', 'one email address'],
    ['two emails', { userEmail: 'mara@acme.test, bob@acme.test' }, 'userEmail', 'one email address'],
    ['search syntax in the email', { userEmail: 'mara*@acme.test' }, 'userEmail', 'one email address'],
    ['an id that is not one', { userId: 'mara' }, 'userId', 'numeric id'],
    ['a group id that is not one', { userId: '501', reassignToGroupId: '-4' }, 'reassignToGroupId', 'numeric id'],
    ['permanent deletion without deletion', { userEmail: 'mara@acme.test', permanentlyDelete: 'true' }, 'permanentlyDelete', 'it needs deleteUser'],
    ['a note with no reassign target', { userEmail: 'mara@acme.test', comment: 'Bye' }, 'comment', 'give reassignToGroupId or reassignToAgentId'],
    ['the user as their own replacement', { userId: '501', reassignToAgentId: '501' }, 'reassignToAgentId', 'the user being offboarded'],
    ['nothing to do', { userId: '501', signOut: 'false', suspend: 'false', removeFromGroups: 'false' }, 'signOut', 'Nothing to do'],
    ['a boolean that is not one', { userId: '501', dryRun: 'maybe' }, 'dryRun', 'one of: true, false'],
  ];
  it.each(cases)('%s', async (_name, params, param, text) => {
    await expectRefused(TOOL, { ...credentials, ...params }, param, text);
  });

  it('the library refuses the same input with an OffboardError, before any request', async () => {
    const before = unmatchedRequests();
    const target = { ...credentials };
    await expect(offboardUser(target, { userEmail: 'mara@acme.test', permanentlyDelete: true })).rejects.toMatchObject({
      error: { code: 'invalid_input', param: 'permanentlyDelete' },
    });
    await expect(offboardUser(target, { userId: 0 })).rejects.toBeInstanceOf(OffboardError);
    await expect(offboardUser(target, { userId: 501, signOut: 'no' as never })).rejects.toMatchObject({ error: { param: 'signOut' } });
    expect(unmatchedRequests()).toBe(before);
  });
});

describe('a run, request by request', () => {
  it('looks up, then suspends, signs out, moves the tickets with the note, removes the memberships, deletes', async () => {
    const api = zendesk();
    // Looked up first: the user by email, the caller, the group.
    api.get('/api/v2/users/search').query({ query: 'email:mara@acme.test' }).reply(200, { users: [{ ...USER, email: 'Mara@Acme.test' }, { id: 502, email: 'mara@acme.test.other' }], count: 2 });
    api.get('/api/v2/users/me').reply(200, { user: ME });
    api.get('/api/v2/groups/77').reply(200, { group: { id: 77, name: 'Escalations', deleted: false } });
    // Then the steps, in order.
    api.put('/api/v2/users/501', { user: { suspended: true } }).reply(200, { user: { ...USER, suspended: true } });
    api.get('/api/v2/users/501/sessions').query({ 'page[size]': '100' }).reply(200, { sessions: [{ id: 1, user_id: 501 }, { id: 2, user_id: 501 }], meta: { has_more: false } });
    api.delete('/api/v2/users/501/sessions').reply(204);
    api
      .get('/api/v2/search/export')
      .query({ query: 'assignee:501 status<solved', 'filter[type]': 'ticket', 'page[size]': '1000' })
      .reply(200, {
        results: [
          { id: 11, subject: 'One', status: 'open', assignee_id: 501, group_id: 5 },
          { id: 12, subject: 'Two', status: 'hold', assignee_id: 501, group_id: 6 },
          // The index lags: this one is already someone else's.
          { id: 13, subject: 'Three', status: 'open', assignee_id: 900, group_id: 6 },
        ],
        meta: { has_more: false, after_cursor: null },
      });
    api
      .put('/api/v2/tickets/update_many', { ticket: { assignee_id: null, group_id: 77, comment: { body: 'Mara left', public: false } } })
      .query({ ids: '11,12' })
      .reply(200, job('j1', [{ id: 11, action: 'update', status: 'Updated', success: true }, { id: 12, action: 'update', status: 'Updated', success: true }]));
    api.get('/api/v2/users/501/group_memberships').query({ 'page[size]': '100' }).reply(200, { group_memberships: [{ id: 31, user_id: 501, group_id: 5 }, { id: 32, user_id: 501, group_id: 6 }], meta: { has_more: false } });
    api.delete('/api/v2/group_memberships/destroy_many').query({ ids: '31,32' }).reply(200, job('j2', [{ id: 31, action: 'delete', success: true }, { id: 32, action: 'delete', success: true }]));
    api.delete('/api/v2/users/501').reply(200, { user: { ...USER, active: false, suspended: true } });

    const result = await executeTool(TOOL, { ...credentials, userEmail: ' mara@acme.test ', reassignToGroupId: '77', comment: 'Mara left', deleteUser: 'true' });
    if (!result.success) throw new Error(JSON.stringify(result.error));
    expectValidOutput(TOOL, result.output);
    expect(result.output).toMatchObject({
      user_id: 501,
      completed: true,
      reassign_group_id: 77,
      sessions_ended: 2,
      suspended: true,
      tickets_found: 2,
      tickets_moved: 2,
      memberships_removed: 2,
      deleted: true,
      permanently_deleted: false,
      requests: 11,
    });
    expect(result.output.tickets).toEqual([
      { id: 11, outcome: 'moved', reason: null, job_id: 'j1', group_id: 5 },
      { id: 12, outcome: 'moved', reason: null, job_id: 'j1', group_id: 6 },
      { id: 13, outcome: 'skipped', reason: 'no longer assigned to the user (assignee 900)', job_id: null, group_id: 6 },
    ]);
    expect(result.output.steps.map((s) => s.status)).toEqual(['done', 'done', 'done', 'done', 'done', 'skipped']);
  });

  it('a dry run reads and changes nothing, and is allowed in read-only mode', async () => {
    const api = zendesk();
    api.get('/api/v2/users/501').reply(200, { user: USER });
    api.get('/api/v2/users/me').reply(200, { user: ME });
    api.get('/api/v2/users/501/sessions').query({ 'page[size]': '100' }).reply(200, { sessions: [{ id: 1, user_id: 501 }], meta: { has_more: false } });
    api.get('/api/v2/search/export').query(true).reply(200, { results: [], meta: { has_more: false } });
    api.get('/api/v2/users/501/group_memberships').query({ 'page[size]': '100' }).reply(200, { group_memberships: [], meta: { has_more: false } });
    const result = await executeTool(TOOL, { ...credentials, userId: '501', dryRun: 'true' }, { readOnly: true });
    if (!result.success) throw new Error(JSON.stringify(result.error));
    expect(result.output.steps.map((s) => [s.step, s.status])).toEqual([
      ['suspend', 'would_change'],
      ['sign_out', 'would_change'],
      ['tickets', 'unchanged'],
      ['memberships', 'unchanged'],
      ['delete', 'skipped'],
      ['permanently_delete', 'skipped'],
    ]);
    expect(result.output).toMatchObject({ dry_run: true, suspended: false, sessions_ended: 0 });
    // A real run is not read-only: refused before any request.
    const before = unmatchedRequests();
    const refused = await executeTool(TOOL, { ...credentials, userId: '501' }, { readOnly: true });
    expect(refused).toMatchObject({ success: false, error: { code: 'forbidden' } });
    expect(unmatchedRequests()).toBe(before);
  });

  it('an agent that is not in the target group is refused before any change', async () => {
    const api = zendesk();
    api.get('/api/v2/users/501').reply(200, { user: USER });
    api.get('/api/v2/users/me').reply(200, { user: ME });
    api.get('/api/v2/groups/77').reply(200, { group: { id: 77, deleted: false } });
    api.get('/api/v2/users/600').reply(200, { user: { id: 600, role: 'agent', active: true, suspended: false } });
    api.get('/api/v2/users/600/group_memberships').query({ 'page[size]': '100' }).reply(200, { group_memberships: [{ id: 1, user_id: 600, group_id: 78 }], meta: { has_more: false } });
    const result = await executeTool(TOOL, { ...credentials, userId: '501', reassignToGroupId: '77', reassignToAgentId: '600' });
    expect(result).toMatchObject({ success: false, error: { code: 'invalid_input', param: 'reassignToAgentId', message: expect.stringContaining('not a member of group 77') } });
  });
});

describe('failures', () => {
  it('a lookup that fails changes nothing and says so', async () => {
    zendesk().get('/api/v2/users/search').query(true).reply(401, { error: "Couldn't authenticate you" });
    const result = await executeTool(TOOL, { ...credentials, userEmail: 'mara@acme.test' });
    expect(result).toMatchObject({ success: false, error: { code: 'unauthorized', message: expect.stringContaining('Looking up the user failed, so nothing was changed') } });
    expect(result.success ? undefined : result.output).toBeUndefined();
  });

  it('a suspension whose answer is lost is unknown, and nothing after it runs', async () => {
    const api = zendesk();
    api.get('/api/v2/users/501').reply(200, { user: USER });
    api.get('/api/v2/users/me').reply(200, { user: ME });
    api.put('/api/v2/users/501').times(2).reply(502, { error: 'Bad gateway' });
    const result = await executeTool(TOOL, { ...credentials, userId: '501', deleteUser: 'true' }, FAST);
    expect(result.success).toBe(false);
    if (result.success) return;
    expect(result.error.code).toBe('unknown_outcome');
    expect(result.error.message).toMatch(/stopped at the suspend step \(unknown\)/);
    expect(result.error.message).toMatch(/Not run: sign_out, tickets, memberships, delete \(the user was not deleted\)/);
    expectValidOutput(TOOL, result.output);
    expect(result.output!.steps!.map((s) => s.status)).toEqual(['unknown', 'not_run', 'not_run', 'not_run', 'not_run', 'skipped']);
    expect(result.output).toMatchObject({ stopped_at: 'suspend', deleted: false });
  });

  it('a user unknown by id (never one) is refused; one erased earlier has nothing left to do', async () => {
    const api = zendesk();
    api.get('/api/v2/users/404').reply(404, { error: 'RecordNotFound', description: 'Not found' });
    api.get('/api/v2/users/404/compliance_deletion_statuses').reply(404, { error: 'RecordNotFound', description: 'Not found' });
    const unknown = await executeTool(TOOL, { ...credentials, userId: '404' });
    expect(unknown).toMatchObject({ success: false, error: { code: 'invalid_input', param: 'userId', message: expect.stringContaining('No user has the id 404') } });

    api.get('/api/v2/users/405').reply(404, { error: 'RecordNotFound', description: 'Not found' });
    api.get('/api/v2/users/405/compliance_deletion_statuses').reply(200, {
      compliance_deletion_statuses: [{ action: 'complete', application: 'support', account_subdomain: 'acme', executer_id: null, user_id: 405, created_at: '2026-01-01T00:00:00Z' }],
    });
    const erased = await executeTool(TOOL, { ...credentials, userId: '405', signOut: 'false' });
    if (!erased.success) throw new Error(JSON.stringify(erased.error));
    expectValidOutput(TOOL, erased.output);
    expect(erased.output).toMatchObject({ completed: true, deleted: true, permanently_deleted: true, requests: 2 });
    expect(erased.output.steps.map((s) => s.status)).toEqual(['unchanged', 'skipped', 'unchanged', 'unchanged', 'skipped', 'skipped']);
    expect(erased.output.steps[0].detail).toMatch(/permanently deleted by an earlier run/);
  });
});
