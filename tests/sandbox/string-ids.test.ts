/**
 * Ids sent as numeric strings (`"requester_id": "360000000001"`, merge `ids: ["5"]`) are read as the
 * numbers they spell, in every body and query the sandbox reads ids from; anything else is still refused.
 */
import { startSandbox, type Sandbox } from '../../sandbox';
import { readId } from '../../sandbox/core';
import { api, get, waitForJob } from './helpers';

let sb: Sandbox;
beforeAll(async () => {
  sb = await startSandbox({ tickets: 120, users: 30, organizations: 6, groups: 4, jobDelayMs: 5 });
});
afterAll(() => sb?.close());

const users = () => [...sb.state.users.map.values()].filter((u) => u.active);
const agent = () => users().find((u) => u.role === 'agent')!;
const endUsers = () => users().filter((u) => u.role === 'end-user');
const orgs = () => [...sb.state.organizations.map.values()];
const groups = () => [...sb.state.groups.map.values()];
const openTickets = () => [...sb.state.tickets.map.values()].filter((t) => t.status !== 'closed');
const str = (n: number) => String(n);

/** Values that are not ids and must keep being refused. */
const NOT_IDS: [string, unknown][] = [
  ['a word', 'abc'],
  ['digits then letters', '12abc'],
  ['a padded number', ' 5'],
  ['a decimal string', '5.0'],
  ['a negative string', '-5'],
  ['zero as a string', '0'],
  ['an empty string', ''],
  ['past the safe integers', '9007199254740993'],
  ['a fraction', 1.5],
  ['a negative number', -5],
  ['an object', { id: 5 }],
  ['a list', [5]],
  ['a boolean', true],
];

test('readId: positive safe integers and their digit strings, nothing else', () => {
  expect(readId(360000000001)).toBe(360000000001);
  expect(readId('360000000001')).toBe(360000000001);
  expect(readId('007')).toBe(7);
  expect(readId('9007199254740991')).toBe(9007199254740991);
  for (const [, v] of NOT_IDS) expect(readId(v)).toBeNull();
  expect(readId(0)).toBeNull();
  expect(readId(undefined)).toBeNull();
  expect(readId(null)).toBeNull();
});

describe('tickets', () => {
  test('create with every id field as a string stores the numbers', async () => {
    const requester = endUsers()[0];
    const collaborator = endUsers()[1];
    const a = agent();
    const org = orgs()[1];
    const group = groups()[0];
    const problem = openTickets().find((t) => t.type === 'problem')!;
    const r = await api(sb, 'POST', '/tickets.json', {
      ticket: {
        subject: 'String ids',
        comment: { body: 'All ids as strings', author_id: str(requester.id) },
        requester_id: str(requester.id),
        submitter_id: str(a.id),
        assignee_id: str(a.id),
        group_id: str(group.id),
        organization_id: str(org.id),
        collaborator_ids: [str(collaborator.id), collaborator.id],
        problem_id: str(problem.id),
        custom_fields: [{ id: '360000000777', value: 'gold' }],
      },
    });
    expect(r.status).toBe(201);
    expect(r.body.ticket).toMatchObject({
      requester_id: requester.id,
      submitter_id: a.id,
      assignee_id: a.id,
      group_id: group.id,
      organization_id: org.id,
      collaborator_ids: [collaborator.id],
      problem_id: problem.id,
      custom_fields: [{ id: 360000000777, value: 'gold' }],
    });
    expect(sb.state.commentsFor(r.body.ticket.id)[0].author_id).toBe(requester.id);
    const stored = sb.state.ticket(r.body.ticket.id)!;
    expect(typeof stored.requester_id).toBe('number');
    expect(typeof stored.custom_fields[0].id).toBe('number');
  });

  test('update with string ids; a custom field id as a string replaces the same field', async () => {
    const t = openTickets()[2];
    const a = agent();
    const group = groups()[1];
    await api(sb, 'PUT', `/tickets/${t.id}.json`, { ticket: { custom_fields: [{ id: 55, value: 'one' }] } });
    const r = await api(sb, 'PUT', `/tickets/${t.id}.json`, {
      ticket: { assignee_id: str(a.id), group_id: str(group.id), custom_fields: [{ id: '55', value: 'two' }] },
    });
    expect(r.status).toBe(200);
    expect(r.body.ticket).toMatchObject({ assignee_id: a.id, group_id: group.id });
    expect(r.body.ticket.custom_fields.filter((f: { id: number }) => f.id === 55)).toEqual([{ id: 55, value: 'two' }]);
  });

  test('a string id naming no record is still refused like the number', async () => {
    const r = await api(sb, 'POST', '/tickets.json', { ticket: { comment: { body: 'x' }, requester_id: '42' } });
    expect(r.status).toBe(422);
    expect(r.body.details.requester_id[0].error).toBe('InvalidValue');
  });

  test.each(NOT_IDS)('create refuses %s as requester_id, assignee_id, group_id, organization_id (422, nothing stored)', async (_name, v) => {
    const before = sb.state.tickets.size;
    for (const field of ['requester_id', 'assignee_id', 'group_id', 'organization_id']) {
      const r = await api(sb, 'POST', '/tickets.json', { ticket: { comment: { body: 'x' }, [field]: v } });
      expect(r.status).toBe(422);
      expect(r.body.details[field][0].error).toBe('InvalidValue');
    }
    const list = await api(sb, 'POST', '/tickets.json', { ticket: { comment: { body: 'x' }, collaborator_ids: [v] } });
    expect(list.body.details.collaborator_ids[0].error).toBe('InvalidValue');
    const field = await api(sb, 'POST', '/tickets.json', { ticket: { comment: { body: 'x' }, custom_fields: [{ id: v, value: 'v' }] } });
    expect(field.body.details.custom_fields[0].error).toBe('InvalidValue');
    expect(sb.state.tickets.size).toBe(before);
  });

  test('create_many items with string ids', async () => {
    const requester = endUsers()[2];
    const r = await api(sb, 'POST', '/tickets/create_many.json', {
      tickets: [
        { comment: { body: 'bulk one' }, requester_id: str(requester.id), group_id: str(groups()[0].id) },
        { comment: { body: 'bulk two' }, requester_id: 'someone' },
      ],
    });
    const job = await waitForJob(sb, r.body.job_status.id);
    expect(job.results[0]).toEqual({ id: expect.any(Number), index: 0 });
    expect(sb.state.ticket(job.results[0].id)).toMatchObject({ requester_id: requester.id, group_id: groups()[0].id });
    expect(job.results[1]).toMatchObject({ index: 1, success: false, error: 'TicketCreateFailed' });
  });

  test('update_many: tickets[].id as strings; ids that are not ids fail as not found', async () => {
    const [a, b] = openTickets().slice(5, 7);
    const r = await api(sb, 'PUT', '/tickets/update_many.json', {
      tickets: [{ id: str(a.id), priority: 'urgent' }, { id: str(b.id), assignee_id: str(agent().id) }, { id: 'abc', priority: 'low' }, { id: -3, priority: 'low' }],
    });
    const job = await waitForJob(sb, r.body.job_status.id);
    expect(job.results.slice(0, 2)).toEqual([
      { id: a.id, action: 'update', status: 'Updated', success: true },
      { id: b.id, action: 'update', status: 'Updated', success: true },
    ]);
    expect(job.results[2]).toEqual({ id: null, action: 'update', success: false, error: 'RecordNotFound', details: 'Ticket abc not found' });
    expect(job.results[3]).toEqual({ id: null, action: 'update', success: false, error: 'RecordNotFound', details: 'Ticket -3 not found' });
    expect(sb.state.ticket(a.id)!.priority).toBe('urgent');
    expect(sb.state.ticket(b.id)!.assignee_id).toBe(agent().id);
  });

  test('?ids= lists: show_many and update_many read each part as an id, and refuse the others', async () => {
    const [a, b] = openTickets().slice(8, 10);
    const shown = await get(sb, `/tickets/show_many.json?ids=${a.id}, 00${b.id}`);
    expect(shown.body.tickets.map((t: { id: number }) => t.id)).toEqual([a.id, b.id]);
    for (const ids of [`${a.id},abc`, `${a.id},0`, `${a.id},-1`, `${a.id},,${b.id}`, '']) {
      expect((await get(sb, `/tickets/show_many.json?ids=${ids}`)).status).toBe(400);
      expect((await api(sb, 'PUT', `/tickets/update_many.json?ids=${ids}`, { ticket: { priority: 'low' } })).status).toBe(400);
    }
  });
});

describe('merge', () => {
  test('ids as strings merge like numbers', async () => {
    const [target, s1, s2] = openTickets().slice(12, 15);
    const r = await api(sb, 'POST', `/tickets/${target.id}/merge.json`, { ids: [str(s1.id), s2.id] });
    expect(r.status).toBe(200);
    const job = await waitForJob(sb, r.body.job_status.id);
    expect(job.status).toBe('completed');
    expect(job.results.map((x: { id: number }) => x.id)).toEqual([s1.id, s2.id]);
    expect(sb.state.ticket(s1.id)!.status).toBe('closed');
    expect(sb.state.ticket(s2.id)!.status).toBe('closed');
  });

  test.each(NOT_IDS)('refuses %s in ids with 400 and queues nothing', async (_name, v) => {
    const [target, src] = openTickets().slice(20, 22);
    const jobs = sb.state.jobs.size;
    const r = await api(sb, 'POST', `/tickets/${target.id}/merge.json`, { ids: [src.id, v] });
    expect(r.status).toBe(400);
    expect(r.body.error).toEqual({ title: 'Invalid attribute', message: 'ids must be a non-empty list of ticket ids' });
    expect(sb.state.jobs.size).toBe(jobs);
  });
});

describe('users', () => {
  test('create and update with organization_id, default_group_id and custom_role_id as strings', async () => {
    const org = orgs()[2];
    const group = groups()[1];
    const r = await api(sb, 'POST', '/users.json', {
      user: { name: 'Stringy', email: 'stringy@example.org', role: 'agent', organization_id: str(org.id), default_group_id: str(group.id), custom_role_id: '360000000042' },
    });
    expect(r.status).toBe(201);
    expect(r.body.user).toMatchObject({ organization_id: org.id, default_group_id: group.id, custom_role_id: 360000000042 });
    const other = orgs()[3];
    const u = await api(sb, 'PUT', `/users/${r.body.user.id}.json`, { user: { organization_id: str(other.id) } });
    expect(u.status).toBe(200);
    expect(u.body.user.organization_id).toBe(other.id);
    const listed = await get(sb, '/users.json?permission_set=360000000042');
    expect(listed.body.users.map((x: { id: number }) => x.id)).toEqual([r.body.user.id]);
  });

  test.each(NOT_IDS)('refuses %s as organization_id and custom_role_id', async (_name, v) => {
    const before = sb.state.users.size;
    for (const field of ['organization_id', 'custom_role_id']) {
      const r = await api(sb, 'POST', '/users.json', { user: { name: 'Refused', [field]: v } });
      expect(r.status).toBe(422);
      expect(r.body.details[field][0].error).toBe('InvalidValue');
    }
    expect(sb.state.users.size).toBe(before);
  });

  test('update_many: users[].id as strings; a non-numeric id fails as not found', async () => {
    const [u1, u2] = endUsers().slice(3, 5);
    const r = await api(sb, 'PUT', '/users/update_many.json', {
      users: [{ id: str(u1.id), notes: 'string id' }, { id: str(u2.id), organization_id: str(orgs()[0].id) }, { id: 'u-1', notes: 'x' }],
    });
    const job = await waitForJob(sb, r.body.job_status.id);
    expect(job.results.slice(0, 2).map((x: { id: number; success: boolean }) => [x.id, x.success])).toEqual([[u1.id, true], [u2.id, true]]);
    expect(job.results[2]).toEqual({ id: null, action: 'update', success: false, error: 'RecordNotFound', details: 'User u-1 not found' });
    expect(sb.state.user(u1.id)!.notes).toBe('string id');
    expect(sb.state.user(u2.id)!.organization_id).toBe(orgs()[0].id);
    const q = await api(sb, 'PUT', `/users/update_many.json?ids=${u1.id},x`, { user: { notes: 'y' } });
    expect(q.status).toBe(400);
  });
});

describe('organizations', () => {
  test('create, update and create_many with group_id as a string', async () => {
    const [g1, g2] = groups();
    const r = await api(sb, 'POST', '/organizations.json', { organization: { name: 'String Group Org', group_id: str(g1.id) } });
    expect(r.status).toBe(201);
    expect(r.body.organization.group_id).toBe(g1.id);
    const u = await api(sb, 'PUT', `/organizations/${r.body.organization.id}.json`, { organization: { group_id: str(g2.id) } });
    expect(u.body.organization.group_id).toBe(g2.id);
    const many = await api(sb, 'POST', '/organizations/create_many.json', {
      organizations: [{ name: 'Bulk String Org', group_id: str(g1.id) }, { name: 'Bulk Word Org', group_id: 'group-one' }],
    });
    const job = await waitForJob(sb, many.body.job_status.id);
    expect(sb.state.organizations.get(job.results[0].id)!.group_id).toBe(g1.id);
    expect(job.results[1]).toMatchObject({ index: 1, success: false, error: 'OrganizationCreateFailed' });
  });

  test.each(NOT_IDS)('refuses %s as group_id', async (_name, v) => {
    const before = sb.state.organizations.size;
    const r = await api(sb, 'POST', '/organizations.json', { organization: { name: `Refused ${JSON.stringify(v)}`, group_id: v } });
    expect(r.status).toBe(422);
    expect(r.body.details.group_id[0].error).toBe('InvalidValue');
    expect(sb.state.organizations.size).toBe(before);
  });
});
