/**
 * Group operations against the sandbox over HTTP: reads and paging, and the membership rule of
 * zendesk_update_group in all three cases (left out, given, "none"), with 250 agents through bulk
 * membership jobs; a deleted group can no longer be assigned.
 */
import { distinct, err, expectEveryCatalogOperationOf, freshTickets, ok, run, sandbox, useIntegrationSandbox, walkCursor } from './harness';

useIntegrationSandbox();

jest.setTimeout(60_000);

const groups = () => [...sandbox.state.groups.map.values()];
const agentsNow = () => [...sandbox.state.users.map.values()].filter((u) => u.active && u.role !== 'end-user').map((u) => u.id);
/** The agents of a group as the sandbox holds them, ascending. */
const membersOf = (groupId: number) => [...sandbox.state.groupMemberships.map.values()].filter((m) => m.group_id === groupId).map((m) => m.user_id).sort((a, b) => a - b);
const requests = (route: string) => sandbox.stats.requests[route] ?? 0;

describe('reads', () => {
  it('zendesk_get_groups: every group once, page by page; assignableOnly leaves deleted groups out', async () => {
    const { items, pages } = await walkCursor('zendesk_get_groups', 'groups', { perPage: '3' });
    expect(pages).toBe(Math.ceil(groups().length / 3));
    expect(distinct(items)).toEqual(new Set(groups().map((g) => g.id)));
    const assignable = ok(await run('zendesk_get_groups', { assignableOnly: 'true' }, { all: true }));
    expect(distinct(assignable.groups)).toEqual(new Set(groups().filter((g) => !g.deleted).map((g) => g.id)));
  });

  it('zendesk_get_group, zendesk_count_groups, zendesk_get_group_users', async () => {
    const group = groups()[1];
    expect(ok(await run('zendesk_get_group', { groupId: String(group.id) }))).toMatchObject({ group_id: group.id, group: { name: group.name, deleted: false } });
    const { count } = ok(await run('zendesk_count_groups'));
    expect(count).toBe(groups().filter((g) => !g.deleted).length);
    const { items } = await walkCursor('zendesk_get_group_users', 'users', { groupId: String(group.id), perPage: '1' });
    expect([...distinct(items)].sort((a, b) => a - b)).toEqual(membersOf(group.id));
    expect(err(await run('zendesk_get_group', { groupId: '999' })).code).toBe('not_found');
  });
});

describe('the membership rule of zendesk_update_group', () => {
  let groupId: number;
  let many: number[];

  it('zendesk_create_group: the group with its agents', async () => {
    const three = agentsNow().slice(0, 3);
    const output = ok(await run('zendesk_create_group', { name: 'Product line X', description: 'New product line', agentIds: three.join(',') }));
    groupId = output.group_id;
    expect(output).toMatchObject({ group: { name: 'Product line X', description: 'New product line', deleted: false }, agent_ids: three, failed_changes: [] });
    expect(membersOf(groupId)).toEqual(three);
  });

  it('agentIds left out: the agents stay as they are, before and after reported', async () => {
    const before = membersOf(groupId);
    const output = ok(await run('zendesk_update_group', { groupId: String(groupId), name: 'Product line X (EU)' }));
    expect(output).toMatchObject({ group: { name: 'Product line X (EU)' }, agent_ids_before: before, agent_ids_after: before, added: [], removed: [] });
    expect(membersOf(groupId)).toEqual(before);
    expect(sandbox.state.groups.get(groupId)!.name).toBe('Product line X (EU)');
  });

  it('agentIds given: exactly that set, one change adding and removing', async () => {
    const [a, b, c] = membersOf(groupId);
    const d = agentsNow().find((id) => ![a, b, c].includes(id))!;
    const output = ok(await run('zendesk_update_group', { groupId: String(groupId), agentIds: `${b}, ${d}` }));
    expect(output).toMatchObject({ agent_ids_before: [a, b, c], agent_ids_after: [b, d].sort((x, y) => x - y), added: [d], removed: [a, c].sort((x, y) => x - y), failed_changes: [] });
    expect(membersOf(groupId)).toEqual([b, d].sort((x, y) => x - y));
  });

  it('a group of 250 agents: the memberships go through bulk jobs of 100', async () => {
    const agents = Array.from({ length: 250 }, (_, i) => ({ name: `Routing Agent ${i}`, email: `routing.agent.${i}@example.org`, role: 'agent' }));
    const createdUsers = ok(await run('zendesk_create_users_bulk', { users: JSON.stringify(agents) }, { waitForJob: { pollIntervalMs: 20 } }));
    many = createdUsers.job_status.results.map((r: { id: number }) => r.id);
    expect(many).toHaveLength(250);

    const before = membersOf(groupId);
    const jobsBefore = requests('POST /group_memberships/create_many');
    const removesBefore = requests('DELETE /group_memberships/destroy_many');
    const output = ok(await run('zendesk_update_group', { groupId: String(groupId), agentIds: many.join(',') }, { waitForJob: { pollIntervalMs: 20 } }));
    expect(requests('POST /group_memberships/create_many') - jobsBefore).toBe(3);
    expect(requests('DELETE /group_memberships/destroy_many') - removesBefore).toBe(1);
    expect(output.agent_ids_before).toEqual(before);
    expect(output.added).toEqual([...many].sort((x, y) => x - y));
    expect(output.removed).toEqual(before);
    expect(output.agent_ids_after).toEqual([...many].sort((x, y) => x - y));
    expect(membersOf(groupId)).toEqual([...many].sort((x, y) => x - y));
  });

  it('a change that both adds and removes across many agents', async () => {
    const keep = many.slice(0, 200);
    const extra = agentsNow().filter((id) => !many.includes(id)).slice(0, 2);
    const output = ok(await run('zendesk_update_group', { groupId: String(groupId), agentIds: [...keep, ...extra].join(',') }, { waitForJob: { pollIntervalMs: 20 } }));
    expect(output.added).toEqual([...extra].sort((x, y) => x - y));
    expect(output.removed).toEqual(many.slice(200).sort((x, y) => x - y));
    expect(membersOf(groupId)).toEqual([...keep, ...extra].sort((x, y) => x - y));
    expect(output.agent_ids_after).toEqual(membersOf(groupId));
  });

  it('agentIds "none": every agent removed (in jobs of 100)', async () => {
    const before = membersOf(groupId);
    const removesBefore = requests('DELETE /group_memberships/destroy_many');
    const output = ok(await run('zendesk_update_group', { groupId: String(groupId), agentIds: 'none' }, { waitForJob: { pollIntervalMs: 20 } }));
    expect(requests('DELETE /group_memberships/destroy_many') - removesBefore).toBe(Math.ceil(before.length / 100));
    expect(output).toMatchObject({ agent_ids_before: before, agent_ids_after: [], added: [], removed: before, failed_changes: [] });
    expect(membersOf(groupId)).toEqual([]);
  });

  it('an end user among the agents: that one membership fails, the others are made, the output says which', async () => {
    const agent = agentsNow()[0];
    const endUser = [...sandbox.state.users.map.values()].find((u) => u.active && u.role === 'end-user')!.id;
    const result = await run('zendesk_update_group', { groupId: String(groupId), agentIds: `${agent}, ${endUser}` });
    expect(err(result)).toMatchObject({ code: 'job_failed', details: { added: [agent], failed_agent_ids: [endUser] } });
    expect(result.output).toMatchObject({ added: [agent], agent_ids_after: [agent], failed_changes: [{ agent_id: endUser, change: 'add', outcome: 'failed' }] });
    expect(membersOf(groupId)).toEqual([agent]);
  });
});

describe('zendesk_delete_group', () => {
  it('keeps the group with deleted: true; tickets can no longer be assigned to it (422)', async () => {
    const { group_id: groupId } = ok(await run('zendesk_create_group', { name: 'Short-lived' }));
    const [ticket, other] = freshTickets(2);
    ok(await run('zendesk_update_ticket', { ticketId: String(ticket.id), groupId: String(groupId) }));

    expect(ok(await run('zendesk_delete_group', { groupId: String(groupId) }))).toEqual({ deleted: true, group_id: String(groupId) });
    expect(ok(await run('zendesk_get_group', { groupId: String(groupId) })).group).toMatchObject({ id: groupId, deleted: true });
    expect(sandbox.state.ticket(ticket.id)!.group_id).toBe(groupId);
    const assignable = ok(await run('zendesk_get_groups', { assignableOnly: 'true' }, { all: true }));
    expect(distinct(assignable.groups).has(groupId)).toBe(false);

    const refused = err(await run('zendesk_update_ticket', { ticketId: String(other.id), groupId: String(groupId) }));
    expect(refused).toMatchObject({ code: 'validation_failed', status: 422 });
    expect(refused.message).toMatch(/group_id: /);
    expect(err(await run('zendesk_create_ticket', { description: 'To a deleted group', groupId: String(groupId) }))).toMatchObject({ code: 'validation_failed', status: 422 });
    const bulk = await run('zendesk_update_tickets_bulk', { ticketIds: String(other.id), groupId: String(groupId) }, { waitForJob: true });
    expect(err(bulk).code).toBe('job_failed');
    expect(sandbox.state.ticket(other.id)!.group_id).not.toBe(groupId);
  });
});

expectEveryCatalogOperationOf('groups');
