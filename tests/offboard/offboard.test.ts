/**
 * Offboarding against the embedded sandbox over HTTP: the scenario (an agent with 1,500 unsolved
 * assigned tickets in 3 groups and 4 sessions), its dry run and its second run, a ticket step that fails
 * or whose jobs cannot be followed, deletion, and the checks made before anything changes.
 */
import { executeTool } from '../../catalog';
import { type OffboardOptions, type OffboardReport, offboardUser, reportCsv, summaryText } from '../../offboard';
import { startSandbox, type Sandbox } from '../../sandbox';
import type { TicketRecord, UserRecord } from '../../sandbox/types';
import { validatorFor } from '../schema-files';

/** The tool's output against its generated schema (without tests/helpers, which loads nock: these tests use real sockets). */
function expectValidOutput(output: unknown) {
  const validate = validatorFor('zendesk_offboard_user', 'outputs');
  if (!validate(output)) throw new Error(`output does not match its schema: ${JSON.stringify(validate.errors, null, 2)}`);
}

const UNSOLVED = ['new', 'open', 'pending', 'hold'];
const NOTE = 'Mara left the team: her tickets now wait in Escalations.';

let sandbox: Sandbox;
const target = (sb = sandbox) => ({ ...sb.credentials, accessToken: undefined, connection: { baseUrl: sb.baseUrl } });
const credentials = (sb = sandbox) => ({ subdomain: sb.credentials.subdomain, email: sb.credentials.email, apiToken: sb.credentials.apiToken });
const tickets = (): TicketRecord[] => [...sandbox.state.tickets.map.values()];
const users = (): UserRecord[] => [...sandbox.state.users.map.values()];
const liveGroups = () => [...sandbox.state.groups.map.values()].filter((g) => !g.deleted);
const ownUnsolved = (userId: number) => tickets().filter((t) => t.assignee_id === userId && UNSOLVED.includes(t.status));
/** Requests that change something, by route. */
const writes = (sb = sandbox) => Object.entries(sb.stats.requests).filter(([route]) => /^(PUT|POST|DELETE) /.test(route)).reduce((n, [, c]) => n + c, 0);
/** Everything an offboarding can change, to compare before and after. */
const snapshot = () =>
  JSON.stringify([tickets(), users(), [...sandbox.state.sessions.map.values()], [...sandbox.state.groupMemberships.map.values()], [...sandbox.state.comments]]);

/** One step of a report by name. */
const stepOf = (report: Pick<OffboardReport, 'steps'>, name: string) => report.steps.find((s) => s.step === name)!;

/**
 * Makes `agent` the assignee of exactly `count` unsolved tickets spread over `groups`, a member of exactly
 * those groups, and signed in with `sessions` sessions, editing the sandbox's records in place.
 */
function prepareAgent(agent: UserRecord, count: number, groups: number[], sessions: number, avoid: Set<number> = new Set()) {
  const state = sandbox.state;
  const others = users().filter((u) => u.role === 'agent' && u.active && u.id !== agent.id);
  // Their other unsolved tickets go to someone else, so the agent has exactly `count`.
  for (const t of ownUnsolved(agent.id)) {
    t.assignee_id = others[0].id;
    state.changed('tickets', t.id);
  }
  const chosen = tickets().filter((t) => t.status !== 'closed' && !avoid.has(t.id) && t.assignee_id !== agent.id).slice(0, count);
  if (chosen.length < count) throw new Error(`only ${chosen.length} tickets to give the agent`);
  chosen.forEach((t, i) => {
    t.assignee_id = agent.id;
    t.group_id = groups[i % groups.length];
    t.status = UNSOLVED[i % UNSOLVED.length] as TicketRecord['status'];
    state.changed('tickets', t.id);
  });
  for (const m of state.groupMembershipsOfUser(agent.id)) state.groupMemberships.remove(m.id);
  const at = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  groups.forEach((groupId, i) => {
    state.groupMemberships.add({ id: state.nextGroupMembershipId++, user_id: agent.id, group_id: groupId, default: i === 0, created_at: at, updated_at: at });
  });
  agent.default_group_id = groups[0];
  for (const s of [...state.sessions.map.values()]) if (s.user_id === agent.id) state.sessions.remove(s.id);
  for (let i = 0; i < sessions; i++) state.sessions.add({ id: state.nextSessionId++, user_id: agent.id, authenticated_at: at, last_seen_at: at });
  state.changed('users', agent.id);
  return chosen.map((t) => t.id);
}

describe('the scenario: an agent with 1,500 unsolved tickets in 3 groups and 4 sessions', () => {
  let agent: UserRecord;
  let ticketIds: number[];
  let groups: number[];
  let escalations: number;

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, seed: 5, tickets: 2200, users: 60, jobDelayMs: 2 });
    agent = users().find((u) => u.role === 'agent' && u.active)!;
    const all = liveGroups().map((g) => g.id);
    groups = all.slice(0, 3);
    escalations = all[3];
    ticketIds = prepareAgent(agent, 1500, groups, 4);
  }, 30_000);
  afterAll(() => sandbox.close());

  const options = (): OffboardOptions => ({ userEmail: agent.email!, reassignToGroupId: escalations, comment: NOTE });

  it('a dry run reports what each step would do and changes nothing', async () => {
    const before = snapshot();
    const writesBefore = writes();
    const report = await offboardUser(target(), { ...options(), deleteUser: true, dryRun: true });
    expect(snapshot()).toBe(before);
    expect(writes()).toBe(writesBefore);
    expect(report).toMatchObject({ dryRun: true, completed: true, stoppedAt: null, user: { id: agent.id, suspended: false, active: true } });
    expect(report.steps.map((s) => [s.step, s.status, s.found, s.changed])).toEqual([
      ['suspend', 'would_change', 1, 0],
      ['sign_out', 'would_change', 4, 0],
      ['tickets', 'would_change', 1500, 0],
      ['memberships', 'would_change', 3, 0],
      ['delete', 'would_change', 1, 0],
      ['permanently_delete', 'skipped', 0, 0],
    ]);
    expect(report.tickets).toHaveLength(1500);
    expect(new Set(report.tickets.map((t) => t.id))).toEqual(new Set(ticketIds));
    expect(report.tickets.every((t) => t.outcome === 'would_move')).toBe(true);
    expect(report.memberships.map((m) => m.groupId).sort()).toEqual([...groups].sort());
    expect(summaryText(report)).toContain('Dry run: nothing was changed.');
  });

  it('one run: signed out, suspended, every ticket in the target group with the note, memberships gone; the counts match the sandbox', async () => {
    const comments = new Map(ticketIds.map((id) => [id, sandbox.state.commentsFor(id).length]));
    const jobProgress: number[] = [];
    const requestsBefore = sandbox.stats.total;
    const result = await executeTool(
      'zendesk_offboard_user',
      { ...credentials(), userEmail: agent.email!, reassignToGroupId: String(escalations), comment: NOTE },
      { baseUrl: sandbox.baseUrl, onProgress: (p) => jobProgress.push(p.done) },
    );
    if (!result.success) throw new Error(JSON.stringify(result.error));
    const output = result.output;
    expectValidOutput(output);

    // The user can do nothing more.
    const user = sandbox.state.users.get(agent.id)!;
    expect(user).toMatchObject({ suspended: true, active: true });
    expect([...sandbox.state.sessions.map.values()].filter((s) => s.user_id === agent.id)).toEqual([]);
    // Every ticket moved, unassigned, in the target group, with the note as an internal comment.
    for (const id of ticketIds) {
      const t = sandbox.state.tickets.get(id)!;
      expect({ id, group: t.group_id, assignee: t.assignee_id }).toEqual({ id, group: escalations, assignee: null });
      const list = sandbox.state.commentsFor(id);
      expect(list).toHaveLength(comments.get(id)! + 1);
      expect(list.at(-1)).toMatchObject({ body: NOTE, public: false });
    }
    expect(ownUnsolved(agent.id)).toEqual([]);
    expect(sandbox.state.groupMembershipsOfUser(agent.id)).toEqual([]);

    // The report says exactly that, and its counts are the sandbox's.
    expect(output).toMatchObject({
      user_id: agent.id,
      dry_run: false,
      completed: true,
      sessions_ended: 4,
      suspended: true,
      tickets_found: 1500,
      tickets_moved: 1500,
      tickets_failed: 0,
      tickets_unknown: 0,
      memberships_removed: 3,
      deleted: false,
      permanently_deleted: false,
    });
    expect(output.stopped_at).toBeUndefined();
    expect(output.steps.map((s) => [s.step, s.status, s.found, s.changed])).toEqual([
      ['suspend', 'done', 1, 1],
      ['sign_out', 'done', 4, 4],
      ['tickets', 'done', 1500, 1500],
      ['memberships', 'done', 3, 3],
      ['delete', 'skipped', 0, 0],
      ['permanently_delete', 'skipped', 0, 0],
    ]);
    expect(output.tickets.filter((t) => t.outcome === 'moved').map((t) => t.id).sort()).toEqual([...ticketIds].sort());
    for (const t of output.tickets) expect(groups).toContain(t.group_id);
    expect(output.tickets.every((t) => typeof t.job_id === 'string')).toBe(true);
    // All of them, not the first 1,000: two pages of the export, 15 update jobs.
    expect(sandbox.stats.requests['GET /search/export']).toBeGreaterThanOrEqual(2);
    expect(sandbox.stats.requests['PUT /tickets/update_many']).toBe(15);
    expect(Math.max(...jobProgress)).toBe(1500);
    expect(output.requests).toBe(sandbox.stats.total - requestsBefore);
  }, 60_000);

  it('a second run changes nothing and says so', async () => {
    const before = snapshot();
    const writesBefore = writes();
    const report = await offboardUser(target(), options());
    expect(snapshot()).toBe(before);
    expect(writes()).toBe(writesBefore);
    expect(report.completed).toBe(true);
    expect(report.steps.map((s) => [s.step, s.status])).toEqual([
      ['suspend', 'unchanged'],
      ['sign_out', 'unchanged'],
      ['tickets', 'unchanged'],
      ['memberships', 'unchanged'],
      ['delete', 'skipped'],
      ['permanently_delete', 'skipped'],
    ]);
    expect(stepOf(report, 'suspend').detail).toBe('already suspended');
    expect(report.tickets).toEqual([]);
    expect(summaryText(report)).toContain('Nothing to change: the user was already offboarded as asked.');
  });
});

describe('a ticket step that fails', () => {
  beforeEach(async () => {
    sandbox = await startSandbox({ port: 0, seed: 7, tickets: 900, users: 50, jobDelayMs: 2 });
  });
  afterEach(() => sandbox.close());

  it('tickets Zendesk refuses: the user is not deleted, and the report says which tickets moved', async () => {
    const agent = users().find((u) => u.role === 'agent' && u.active)!;
    const [g1, g2, to] = liveGroups().map((g) => g.id);
    const ids = prepareAgent(agent, 250, [g1, g2], 2);
    let closed: number[] = [];
    const report = await offboardUser(target(), {
      userId: agent.id,
      reassignToGroupId: to,
      comment: NOTE,
      deleteUser: true,
      permanentlyDelete: true,
      // Someone closes three of the tickets while the offboarding is listing them.
      onProgress: (event) => {
        if (event.phase !== 'search' || closed.length) return;
        closed = ids.slice(10, 13);
        for (const id of closed) {
          sandbox.state.tickets.get(id)!.status = 'closed';
          sandbox.state.changed('tickets', id);
        }
      },
    });
    expect(report).toMatchObject({ completed: false, stoppedAt: 'tickets' });
    expect(report.steps.map((s) => [s.step, s.status])).toEqual([
      ['suspend', 'done'],
      ['sign_out', 'done'],
      ['tickets', 'failed'],
      ['memberships', 'not_run'],
      ['delete', 'not_run'],
      ['permanently_delete', 'not_run'],
    ]);
    expect(stepOf(report, 'tickets')).toMatchObject({ found: 250, changed: 247, error: { code: 'job_failed' } });
    expect(stepOf(report, 'delete').detail).toMatch(/tickets step failed, so nothing is deleted/);
    // Which tickets moved, as the sandbox has them.
    const failed = report.tickets.filter((t) => t.outcome === 'failed');
    expect(failed.map((t) => t.id).sort()).toEqual([...closed].sort());
    for (const t of failed) expect(t.reason).toMatch(/closed/i);
    for (const t of report.tickets.filter((e) => e.outcome === 'moved')) expect(sandbox.state.tickets.get(t.id)!.group_id).toBe(to);
    expect(report.tickets.filter((t) => t.outcome === 'moved')).toHaveLength(247);
    // Not deleted, still in the groups; the report's CSV names every ticket.
    expect(sandbox.state.users.get(agent.id)).toMatchObject({ active: true, suspended: true });
    expect(sandbox.state.groupMembershipsOfUser(agent.id)).toHaveLength(2);
    expect(sandbox.state.permanentlyDeletedUsers.has(agent.id)).toBe(false);
    const csv = reportCsv(report);
    for (const id of closed) expect(csv).toMatch(new RegExp(`\\r\\nticket,${id},failed,`));
    expect(summaryText(report)).toMatch(/Stopped at the tickets step; not run: memberships, delete, permanently_delete\./);
  });

  it('the same failure through the tool: job_failed, the error says what was and was not done', async () => {
    // Someone closes three of the tickets right after the search export answered: the sandbox's log line
    // for it is written synchronously after the answer, before the updates can arrive.
    let closed: number[] = [];
    await sandbox.close();
    sandbox = await startSandbox({
      port: 0, seed: 7, tickets: 900, users: 50, jobDelayMs: 2,
      logger: (line) => {
        if (!line.startsWith('GET /api/v2/search/export') || closed.length) return;
        closed = ids.slice(0, 3);
        for (const id of closed) {
          sandbox.state.tickets.get(id)!.status = 'closed';
          sandbox.state.changed('tickets', id);
        }
      },
    });
    const agent = users().find((u) => u.role === 'agent' && u.active)!;
    const [g1, , to] = liveGroups().map((g) => g.id);
    const ids = prepareAgent(agent, 120, [g1], 1);
    const result = await executeTool('zendesk_offboard_user', { ...credentials(), userId: String(agent.id), reassignToGroupId: String(to), deleteUser: 'true' }, {
      baseUrl: sandbox.baseUrl,
    });
    expect(result.success).toBe(false);
    if (result.success) return;
    expect(result.error.code).toBe('job_failed');
    expect(result.error.message).toMatch(/stopped at the tickets step \(failed\): 3 ticket\(s\) failed/);
    expect(result.error.message).toMatch(/Done: suspend, sign_out\. Not run: memberships, delete \(the user was not deleted\)/);
    expectValidOutput(result.output);
    expect(result.output).toMatchObject({ completed: false, stopped_at: 'tickets', deleted: false, tickets_found: 120, tickets_moved: 117, tickets_failed: 3, memberships_removed: 0 });
    expect(result.output!.tickets!.filter((t) => t.outcome === 'failed').map((t) => t.id).sort()).toEqual([...closed].sort());
    expect(sandbox.state.users.get(agent.id)!.active).toBe(true);
  });

  it('update jobs that cannot be followed: those tickets are unknown, with their job ids, and nothing after runs', async () => {
    await sandbox.close();
    sandbox = await startSandbox({ port: 0, seed: 7, tickets: 900, users: 50, jobDelayMs: 400 });
    const agent = users().find((u) => u.role === 'agent' && u.active)!;
    const [g1, , to] = liveGroups().map((g) => g.id);
    prepareAgent(agent, 150, [g1], 1);
    const report = await offboardUser(target(), { userId: agent.id, reassignToGroupId: to, deleteUser: true, jobs: { timeoutMs: 100, pollIntervalMs: 50 } });
    expect(report).toMatchObject({ completed: false, stoppedAt: 'tickets' });
    const step = stepOf(report, 'tickets');
    expect(step).toMatchObject({ status: 'unknown', found: 150, changed: 0, error: { code: 'unknown_outcome' } });
    expect(report.tickets.every((t) => t.outcome === 'unknown' && typeof t.jobId === 'string' && /job/.test(t.reason!))).toBe(true);
    const jobIds = new Set(report.tickets.map((t) => t.jobId));
    expect(jobIds.size).toBe(2);
    expect((step.error!.details as { job_ids: string[] }).job_ids.sort()).toEqual([...jobIds].sort());
    expect(stepOf(report, 'memberships').status).toBe('not_run');
    expect(stepOf(report, 'delete')).toMatchObject({ status: 'not_run', detail: expect.stringMatching(/has an unknown outcome, so nothing is deleted/) });
    expect(sandbox.state.users.get(agent.id)!.active).toBe(true);
  });
});

describe('deletion, the checks before any change, and unassigned tickets', () => {
  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, seed: 9, tickets: 600, users: 150, jobDelayMs: 2 });
  });
  afterAll(() => sandbox.close());

  it('deletes and erases a user once the steps before succeeded; a second run finds nothing left to do', async () => {
    const agent = users().find((u) => u.role === 'agent' && u.active && u.id !== users()[0].id)!;
    const [g1, g2, to] = liveGroups().map((g) => g.id);
    prepareAgent(agent, 30, [g1, g2], 2);
    const first = await executeTool('zendesk_offboard_user', {
      ...credentials(), userId: String(agent.id), reassignToGroupId: String(to), deleteUser: 'true', permanentlyDelete: 'true',
    }, { baseUrl: sandbox.baseUrl });
    if (!first.success) throw new Error(JSON.stringify(first.error));
    expectValidOutput(first.output);
    expect(first.output).toMatchObject({ completed: true, tickets_moved: 30, memberships_removed: 2, deleted: true, permanently_deleted: true });
    expect(sandbox.state.permanentlyDeletedUsers.has(agent.id)).toBe(true);
    expect(sandbox.state.users.get(agent.id)).toBeUndefined();

    const writesBefore = writes();
    const again = await executeTool('zendesk_offboard_user', {
      ...credentials(), userId: String(agent.id), reassignToGroupId: String(to), deleteUser: 'true', permanentlyDelete: 'true',
    }, { baseUrl: sandbox.baseUrl });
    if (!again.success) throw new Error(JSON.stringify(again.error));
    expect(writes()).toBe(writesBefore);
    expect(again.output.steps.every((s) => s.status === 'unchanged' && /permanently deleted/.test(s.detail ?? ''))).toBe(true);
    expect(again.output).toMatchObject({ completed: true, deleted: true, permanently_deleted: true, tickets_moved: 0 });
  });

  it('a user who still has unsolved tickets and no reassign target is not deleted', async () => {
    const agent = users().find((u) => u.role === 'agent' && u.active && ownUnsolved(u.id).length > 0)!;
    const before = ownUnsolved(agent.id).length;
    const report = await offboardUser(target(), { userId: agent.id, deleteUser: true });
    expect(stepOf(report, 'tickets')).toMatchObject({ status: 'failed', found: before, changed: 0, error: { code: 'conflict' } });
    expect(report.tickets.filter((t) => t.outcome === 'not_moved')).toHaveLength(before);
    expect(stepOf(report, 'delete').status).toBe('not_run');
    expect(sandbox.state.users.get(agent.id)).toMatchObject({ active: true, suspended: true });
    expect(ownUnsolved(agent.id)).toHaveLength(before);
  });

  it('without a reassign target and without deletion, the tickets stay and the other steps run', async () => {
    const agent = users().find((u) => u.role === 'agent' && u.active && !u.suspended && ownUnsolved(u.id).length > 0)!;
    const report = await offboardUser(target(), { userId: agent.id, removeFromGroups: false });
    expect(report.completed).toBe(true);
    expect(stepOf(report, 'tickets')).toMatchObject({ status: 'skipped', found: ownUnsolved(agent.id).length, detail: expect.stringMatching(/no reassign target/) });
    expect(stepOf(report, 'memberships')).toMatchObject({ status: 'skipped', detail: 'not asked: removeFromGroups is false' });
    expect(sandbox.state.users.get(agent.id)!.suspended).toBe(true);
  });

  it('refuses, before any change, an unknown user or email, the caller itself, and a reassign target that cannot take the tickets', async () => {
    const admin = users()[0];
    const agent = users().find((u) => u.role === 'agent' && u.active && !u.suspended && u.id !== admin.id)!;
    const endUser = users().find((u) => u.role === 'end-user' && u.active)!;
    const deleted = liveGroups()[0];
    deleted.deleted = true;
    sandbox.state.changed('groups', deleted.id);
    const outsider = users().find((u) => u.role === 'agent' && u.active && !u.suspended && u.id !== agent.id && u.id !== admin.id)!;
    const foreign = liveGroups().find((g) => !sandbox.state.groupMembershipsOfUser(outsider.id).some((m) => m.group_id === g.id))!;
    const before = snapshot();
    const writesBefore = writes();
    const cases: [Record<string, string>, string, RegExp][] = [
      [{ userId: '999999' }, 'userId', /No user has the id 999999/],
      [{ userEmail: 'nobody@nowhere.test' }, 'userEmail', /No active user has the primary email nobody@nowhere\.test/],
      [{ userId: String(admin.id) }, 'userId', /the account these credentials belong to/],
      [{ userEmail: admin.email! }, 'userEmail', /the account these credentials belong to/],
      [{ userId: String(agent.id), reassignToGroupId: '999999' }, 'reassignToGroupId', /No group has the id 999999/],
      [{ userId: String(agent.id), reassignToGroupId: String(deleted.id) }, 'reassignToGroupId', /is deleted/],
      [{ userId: String(agent.id), reassignToAgentId: String(endUser.id) }, 'reassignToAgentId', /an end user, not an agent/],
      [{ userId: String(agent.id), reassignToAgentId: String(outsider.id), reassignToGroupId: String(foreign.id) }, 'reassignToAgentId', /not a member of group/],
    ];
    for (const [params, param, message] of cases) {
      const result = await executeTool('zendesk_offboard_user', { ...credentials(), ...params }, { baseUrl: sandbox.baseUrl });
      expect({ params, error: result.success ? null : { code: result.error.code, param: result.error.param } }).toEqual({ params, error: { code: 'invalid_input', param } });
      if (!result.success) expect(result.error.message).toMatch(message);
    }
    expect(writes()).toBe(writesBefore);
    expect(snapshot()).toBe(before);
  });

  it('finds the user by primary email, whatever its case, and assigns to an agent of the target group', async () => {
    const agent = users().find((u) => u.role === 'agent' && u.active && !u.suspended && ownUnsolved(u.id).length > 0)!;
    const membership = [...sandbox.state.groupMemberships.map.values()].find((m) => {
      const u = sandbox.state.users.get(m.user_id);
      return !!u && u.id !== agent.id && u.role === 'agent' && u.active && !u.suspended && u.id !== users()[0].id;
    })!;
    const moving = ownUnsolved(agent.id).map((t) => t.id);
    const report = await offboardUser(target(), {
      userEmail: agent.email!.toUpperCase(),
      reassignToGroupId: membership.group_id,
      reassignToAgentId: membership.user_id,
      signOut: false,
      suspend: false,
      removeFromGroups: false,
    });
    expect(report.user.id).toBe(agent.id);
    expect(report.completed).toBe(true);
    expect(stepOf(report, 'tickets')).toMatchObject({ status: 'done', changed: moving.length });
    for (const id of moving) expect(sandbox.state.tickets.get(id)).toMatchObject({ assignee_id: membership.user_id, group_id: membership.group_id });
    expect(sandbox.state.users.get(agent.id)!.suspended).toBe(false);
  });
});
