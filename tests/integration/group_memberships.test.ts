/**
 * Group membership operations against the sandbox over HTTP: the three listings, agents only, the
 * default group, the working tickets a removal unassigns, and the bulk jobs.
 */
import { distinct, err, expectEveryCatalogOperationOf, freshTickets, ok, run, sandbox, useIntegrationSandbox, walkCursor } from './harness';

useIntegrationSandbox();

jest.setTimeout(60_000);

const memberships = () => [...sandbox.state.groupMemberships.map.values()];
const agents = () => [...sandbox.state.users.map.values()].filter((u) => u.active && u.role !== 'end-user');
const liveGroups = () => [...sandbox.state.groups.map.values()].filter((g) => !g.deleted);
/** An agent and a group they are not in. */
function agentOutside(skip: number[] = []) {
  for (const agent of agents()) {
    if (skip.includes(agent.id)) continue;
    const group = liveGroups().find((g) => !memberships().some((m) => m.user_id === agent.id && m.group_id === g.id));
    if (group) return { agent, group };
  }
  throw new Error('every agent is in every group');
}

describe('listings', () => {
  it('zendesk_get_group_memberships: all, of one agent, of one group; every page', async () => {
    const all = await walkCursor('zendesk_get_group_memberships', 'group_memberships', { perPage: '4' });
    expect(distinct(all.items)).toEqual(new Set(memberships().map((m) => m.id)));
    const agent = agents()[1];
    const mine = ok(await run('zendesk_get_group_memberships', { userId: String(agent.id) }, { all: true }));
    expect(distinct(mine.group_memberships)).toEqual(new Set(memberships().filter((m) => m.user_id === agent.id).map((m) => m.id)));
    expect(mine.group_memberships.filter((m: { default: boolean }) => m.default).map((m: { group_id: number }) => m.group_id)).toEqual([agent.default_group_id]);
    const group = liveGroups()[0];
    const theirs = await walkCursor('zendesk_get_group_memberships', 'group_memberships', { groupId: String(group.id), perPage: '1' });
    expect(distinct(theirs.items)).toEqual(new Set(memberships().filter((m) => m.group_id === group.id).map((m) => m.id)));
  });
});

describe('one membership', () => {
  let created: { id: number; user_id: number; group_id: number };

  it('zendesk_create_group_membership: an agent joins a group, not as default', async () => {
    const { agent, group } = agentOutside();
    const defaultBefore = agent.default_group_id;
    const output = ok(await run('zendesk_create_group_membership', { userId: String(agent.id), groupId: String(group.id) }));
    created = output.group_membership;
    expect(output).toMatchObject({ group_membership_id: created.id, group_membership: { user_id: agent.id, group_id: group.id, default: false } });
    expect(sandbox.state.users.get(agent.id)!.default_group_id).toBe(defaultBefore);
  });

  it('refuses an end user (422) and a second membership of the same group (422)', async () => {
    const endUser = [...sandbox.state.users.map.values()].find((u) => u.active && u.role === 'end-user')!;
    const refused = err(await run('zendesk_create_group_membership', { userId: String(endUser.id), groupId: String(created.group_id) }));
    expect(refused).toMatchObject({ code: 'validation_failed', status: 422 });
    expect(refused.message).toMatch(/user_id: .*end user/);
    const again = err(await run('zendesk_create_group_membership', { userId: String(created.user_id), groupId: String(created.group_id) }));
    expect(again).toMatchObject({ code: 'validation_failed', status: 422 });
  });

  it('zendesk_make_group_membership_default: the agent\'s default group follows', async () => {
    const output = ok(await run('zendesk_make_group_membership_default', { userId: String(created.user_id), groupMembershipId: String(created.id) }));
    expect(output.default_group_id).toBe(created.group_id);
    expect(output.group_memberships.filter((m: { default: boolean }) => m.default).map((m: { id: number }) => m.id)).toEqual([created.id]);
    expect(sandbox.state.users.get(created.user_id)!.default_group_id).toBe(created.group_id);
    expect(err(await run('zendesk_make_group_membership_default', { userId: String(agents()[0].id === created.user_id ? agents()[1].id : agents()[0].id), groupMembershipId: String(created.id) })).code).toBe('not_found');
  });

  it('zendesk_delete_group_membership: the agent leaves; their working tickets of the group lose the assignee, another group becomes the default', async () => {
    const [working, solved] = freshTickets(2, (t) => t.status !== 'solved');
    ok(await run('zendesk_update_ticket', { ticketId: String(working.id), assigneeId: String(created.user_id), groupId: String(created.group_id) }));
    ok(await run('zendesk_update_ticket', { ticketId: String(solved.id), assigneeId: String(created.user_id), groupId: String(created.group_id), status: 'solved' }));

    expect(ok(await run('zendesk_delete_group_membership', { groupMembershipId: String(created.id) }))).toEqual({ deleted: true, group_membership_id: String(created.id) });
    expect(sandbox.state.groupMemberships.get(created.id)).toBeUndefined();
    expect(sandbox.state.ticket(working.id)).toMatchObject({ assignee_id: null, group_id: created.group_id });
    expect(sandbox.state.ticket(solved.id)).toMatchObject({ assignee_id: created.user_id, status: 'solved' });
    const left = memberships().filter((m) => m.user_id === created.user_id);
    expect(left.length).toBeGreaterThan(0);
    expect(left.filter((m) => m.default).map((m) => m.group_id)).toEqual([left[0].group_id]);
    expect(sandbox.state.users.get(created.user_id)!.default_group_id).toBe(left[0].group_id);
    expect(err(await run('zendesk_delete_group_membership', { groupMembershipId: String(created.id) })).code).toBe('not_found');
  });
});

describe('bulk', () => {
  it('zendesk_create_group_memberships_bulk then zendesk_delete_group_memberships_bulk, waiting for the jobs', async () => {
    const group = liveGroups()[2];
    const outside = agents().filter((a) => !memberships().some((m) => m.user_id === a.id && m.group_id === group.id));
    expect(outside.length).toBeGreaterThan(1);
    const input = outside.map((a) => ({ user_id: a.id, group_id: group.id }));
    const createdJob = ok(await run('zendesk_create_group_memberships_bulk', { groupMemberships: JSON.stringify(input) }, { waitForJob: true }));
    expect(createdJob.job_status.status).toBe('completed');
    const ids: number[] = createdJob.job_status.results.map((r: { id: number }) => r.id);
    expect(ids.map((id) => sandbox.state.groupMemberships.get(id)!.user_id)).toEqual(outside.map((a) => a.id));

    const deletedJob = ok(await run('zendesk_delete_group_memberships_bulk', { groupMembershipIds: ids.join(',') }, { waitForJob: true }));
    expect(deletedJob.job_status.results.map((r: { id: number; success: boolean }) => [r.id, r.success])).toEqual(ids.map((id) => [id, true]));
    for (const id of ids) expect(sandbox.state.groupMemberships.get(id)).toBeUndefined();
  });

  it('a bulk create with an end user: that item fails, the others are created', async () => {
    const { agent, group } = agentOutside();
    const endUser = [...sandbox.state.users.map.values()].find((u) => u.active && u.role === 'end-user')!;
    const input = [{ user_id: agent.id, group_id: group.id }, { user_id: endUser.id, group_id: group.id }];
    const result = await run('zendesk_create_group_memberships_bulk', { groupMemberships: JSON.stringify(input) }, { waitForJob: true });
    expect(err(result).code).toBe('job_failed');
    expect(result.output!.job_status.results).toMatchObject([{ index: 0, id: expect.any(Number) }, { index: 1, success: false, error: 'GroupMembershipCreateFailed' }]);
  });
});

expectEveryCatalogOperationOf('group_memberships');
