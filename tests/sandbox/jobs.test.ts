/** Bulk calls: job progress, per-item failures, the 100-item limit, the live-job cap and merges. */
import { startSandbox, type Sandbox } from '../../sandbox';
import { api, get, sleep, waitForJob } from './helpers';

const started: Sandbox[] = [];
async function sandbox(opts: Parameters<typeof startSandbox>[0] = {}): Promise<Sandbox> {
  const sb = await startSandbox({ tickets: 200, users: 30, organizations: 5, jobDelayMs: 5, ...opts });
  started.push(sb);
  return sb;
}
afterAll(() => Promise.all(started.map((s) => s.close())));

test('a job goes queued → working → completed with progress and total', async () => {
  const sb = await sandbox({ jobDelayMs: 60 });
  const items = Array.from({ length: 10 }, (_, i) => ({ subject: `Bulk ${i}`, comment: { body: `Body ${i}` } }));
  const r = await api(sb, 'POST', '/tickets/create_many.json', { tickets: items });
  expect(r.status).toBe(200);
  const first = r.body.job_status;
  expect(first).toMatchObject({ status: 'queued', total: 10, progress: null, results: null });
  expect(first.url).toBe(`${sb.baseUrl}/job_statuses/${first.id}.json`);
  expect(first.id).toMatch(/^[0-9a-f]{32}$/);
  const seen = new Set<string>([first.status]);
  const progress: number[] = [];
  let job;
  do {
    job = (await get(sb, `/job_statuses/${first.id}.json`)).body.job_status;
    seen.add(job.status);
    if (job.status === 'working') progress.push(job.progress);
    await sleep(10);
  } while (job.status !== 'completed');
  expect([...seen]).toEqual(expect.arrayContaining(['queued', 'working', 'completed']));
  expect(progress).toEqual([...progress].sort((a, b) => a - b));
  expect(job.progress).toBe(10);
  expect(job.message).toMatch(/^Completed at /);
  expect(job.results).toHaveLength(10);
  job.results.forEach((res: { id: number; index: number }, i: number) => {
    expect(res.index).toBe(i);
    expect(sb.state.ticket(res.id)!.subject).toBe(`Bulk ${i}`);
  });
});

test('create_many: invalid items fail one by one, the rest are created', async () => {
  const sb = await sandbox();
  const before = sb.state.tickets.size;
  const r = await api(sb, 'POST', '/tickets/create_many.json', {
    tickets: [
      { subject: 'ok', comment: { body: 'fine' } },
      { subject: 'no comment' },
      { subject: 'bad status', comment: { body: 'x' }, status: 'sleeping' },
      { subject: 'bad priority', comment: { body: 'x' }, priority: 'meh' },
    ],
  });
  const job = await waitForJob(sb, r.body.job_status.id);
  expect(job.status).toBe('completed');
  expect(job.results[0]).toEqual({ id: expect.any(Number), index: 0 });
  for (const i of [1, 2, 3]) {
    expect(job.results[i]).toMatchObject({ index: i, action: 'create', success: false, error: 'TicketCreateFailed' });
  }
  expect(job.results[1].details).toMatch(/Description: cannot be blank/);
  expect(job.results[2].details).toMatch(/Status/);
  expect(sb.state.tickets.size).toBe(before + 1);
});

test('a job whose every item failed ends failed', async () => {
  const sb = await sandbox();
  const r = await api(sb, 'POST', '/users/create_many.json', { users: [{ email: 'nameless@example.org' }] });
  const job = await waitForJob(sb, r.body.job_status.id);
  expect(job.status).toBe('failed');
  expect(job.results[0]).toMatchObject({ index: 0, success: false, error: 'UserCreateFailed', details: 'Name: cannot be blank' });
});

test('update_many with ?ids= and one change; unknown ids fail per item', async () => {
  const sb = await sandbox();
  const [a, b] = [...sb.state.tickets.map.values()].filter((t) => t.status !== 'closed').map((t) => t.id);
  const r = await api(sb, 'PUT', `/tickets/update_many.json?ids=${a},${b},999999`, { ticket: { priority: 'urgent', additional_tags: ['bulk'] } });
  const job = await waitForJob(sb, r.body.job_status.id);
  expect(job.results).toEqual([
    { id: a, action: 'update', status: 'Updated', success: true },
    { id: b, action: 'update', status: 'Updated', success: true },
    { id: 999999, action: 'update', success: false, error: 'RecordNotFound', details: 'Ticket 999999 not found' },
  ]);
  for (const id of [a, b]) {
    expect(sb.state.ticket(id)!.priority).toBe('urgent');
    expect(sb.state.ticket(id)!.tags).toContain('bulk');
  }
  const closed = [...sb.state.tickets.map.values()].find((t) => t.status === 'closed')!;
  const again = await waitForJob(sb, (await api(sb, 'PUT', `/tickets/update_many.json?ids=${closed.id}`, { ticket: { priority: 'low' } })).body.job_status.id);
  expect(again.status).toBe('failed');
  expect(again.results[0]).toMatchObject({ id: closed.id, success: false, details: 'Status: closed prevents ticket update' });
});

test('update_many with a tickets array: tags added and removed without replacing the list', async () => {
  const sb = await sandbox();
  const open = [...sb.state.tickets.map.values()].filter((t) => t.status !== 'closed').slice(0, 2);
  const [a, b] = open;
  const tagsB = [...b.tags];
  const r = await api(sb, 'PUT', '/tickets/update_many.json', {
    tickets: [
      { id: a.id, additional_tags: ['alpha', 'beta'] },
      { id: b.id, remove_tags: [tagsB[0]], status: 'bogus' },
    ],
  });
  const job = await waitForJob(sb, r.body.job_status.id);
  expect(job.results[0]).toEqual({ id: a.id, action: 'update', status: 'Updated', success: true });
  expect(job.results[1]).toMatchObject({ id: b.id, action: 'update', success: false, error: 'InvalidValue' });
  expect(sb.state.ticket(a.id)!.tags).toEqual(expect.arrayContaining(['alpha', 'beta']));
  expect(sb.state.ticket(b.id)!.tags).toEqual(tagsB); // the failed item changed nothing
  expect(sb.state.auditsFor(a.id)).toHaveLength(1);
  expect(sb.state.auditsFor(a.id)[0].origin.jobId).toBe(job.id);
});

test('users update_many (both forms) and organizations create_many', async () => {
  const sb = await sandbox();
  const [u1, u2] = [...sb.state.users.map.values()].slice(3, 5);
  let job = await waitForJob(sb, (await api(sb, 'PUT', `/users/update_many.json?ids=${u1.id},${u2.id}`, { user: { notes: 'vip customer' } })).body.job_status.id);
  expect(job.results.every((x: { success: boolean }) => x.success)).toBe(true);
  expect(sb.state.user(u2.id)!.notes).toBe('vip customer');
  job = await waitForJob(sb, (await api(sb, 'PUT', '/users/update_many.json', { users: [{ id: u1.id, name: 'Renamed' }, { id: 1, name: 'x' }] })).body.job_status.id);
  expect(sb.state.user(u1.id)!.name).toBe('Renamed');
  expect(job.results[1]).toMatchObject({ id: 1, success: false, error: 'RecordNotFound' });
  const taken = [...sb.state.organizations.map.values()][0].name;
  job = await waitForJob(sb, (await api(sb, 'POST', '/organizations/create_many.json', { organizations: [{ name: 'Fresh Org' }, { name: ` ${taken} ` }] })).body.job_status.id);
  expect(job.results[0]).toEqual({ id: expect.any(Number), index: 0 });
  expect(job.results[1]).toMatchObject({ index: 1, success: false, error: 'OrganizationCreateFailed', details: 'Name: has already been taken' });
});

test('more than 100 items is refused with 400 and nothing is queued', async () => {
  const sb = await sandbox();
  const tickets = Array.from({ length: 101 }, () => ({ comment: { body: 'x' } }));
  const r = await api(sb, 'POST', '/tickets/create_many.json', { tickets });
  expect(r.status).toBe(400);
  expect(r.body.error).toBe('InvalidValue');
  const ids = Array.from({ length: 101 }, (_, i) => i + 1).join(',');
  expect((await api(sb, 'PUT', `/tickets/update_many.json?ids=${ids}`, { ticket: { status: 'open' } })).status).toBe(400);
  expect((await api(sb, 'POST', '/users/create_many.json', { users: Array.from({ length: 101 }, (_, i) => ({ name: `u${i}` })) })).status).toBe(400);
  expect(sb.state.jobs.size).toBe(0);
});

test('past maxLiveJobs queued or working jobs, bulk calls answer 429 with Retry-After', async () => {
  const sb = await sandbox({ maxLiveJobs: 2, jobDelayMs: 300 });
  const body = { tickets: [{ comment: { body: 'x' } }] };
  expect((await api(sb, 'POST', '/tickets/create_many.json', body)).status).toBe(200);
  expect((await api(sb, 'POST', '/tickets/create_many.json', body)).status).toBe(200);
  const refused = await api(sb, 'POST', '/tickets/create_many.json', body);
  expect(refused.status).toBe(429);
  expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
  expect(refused.body.error).toBe('TooManyJobs');
  // The cap is per credential.
  expect((await api(sb, 'POST', '/tickets/create_many.json', body, { Authorization: `Bearer ${sb.credentials.accessToken}` })).status).toBe(200);
});

test('merge closes the sources with a comment and comments on the target', async () => {
  const sb = await sandbox();
  const open = [...sb.state.tickets.map.values()].filter((t) => t.status !== 'closed').slice(0, 3);
  const [target, s1, s2] = open;
  const r = await api(sb, 'POST', `/tickets/${target.id}/merge.json`, {
    ids: [s1.id, s2.id], target_comment: 'Merged duplicates', source_comment: 'Closed as a duplicate', source_comment_is_public: false,
  });
  expect(r.status).toBe(200);
  const job = await waitForJob(sb, r.body.job_status.id);
  expect(job.status).toBe('completed');
  for (const s of [s1, s2]) {
    const t = sb.state.ticket(s.id)!;
    expect(t.status).toBe('closed');
    expect(t.tags).toContain('closed_by_merge');
    const last = sb.state.commentsFor(s.id).at(-1)!;
    expect(last).toMatchObject({ body: 'Closed as a duplicate', public: false });
  }
  expect(sb.state.commentsFor(target.id).at(-1)).toMatchObject({ body: 'Merged duplicates', public: true });
  expect(sb.state.commentsFor(target.id).filter((c) => c.body === 'Merged duplicates')).toHaveLength(1);
});

test('merge refuses comment objects (400) and fails the job for a source equal to the target', async () => {
  const sb = await sandbox();
  const [target, src] = [...sb.state.tickets.map.values()].filter((t) => t.status !== 'closed');
  const obj = await api(sb, 'POST', `/tickets/${target.id}/merge.json`, { ids: [src.id], target_comment: { body: 'x' } });
  expect(obj.status).toBe(400);
  expect(obj.body.error.message).toMatch(/target_comment must be a string/);
  const self = await api(sb, 'POST', `/tickets/${target.id}/merge.json`, { ids: [target.id] });
  const job = await waitForJob(sb, self.body.job_status.id);
  expect(job.status).toBe('failed');
  expect(job.results[0]).toMatchObject({ id: target.id, success: false });
  expect(sb.state.ticket(target.id)!.status).not.toBe('closed');
  expect((await api(sb, 'POST', '/tickets/999999/merge.json', { ids: [src.id] })).status).toBe(404);
});

test('jobEarly404Ms: a fresh job is unknown for a moment; show_many lists found jobs', async () => {
  const sb = await sandbox({ jobEarly404Ms: 400 });
  const r = await api(sb, 'POST', '/tickets/create_many.json', { tickets: [{ comment: { body: 'x' } }] });
  const id = r.body.job_status.id;
  expect((await get(sb, `/job_statuses/${id}.json`)).status).toBe(404);
  await sleep(450);
  const job = await waitForJob(sb, id);
  expect(job.status).toBe('completed');
  const many = await get(sb, `/job_statuses/show_many.json?ids=${id},ffff`);
  expect(many.body.job_statuses.map((j: { id: string }) => j.id)).toEqual([id]);
});
