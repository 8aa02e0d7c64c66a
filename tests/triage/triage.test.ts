/** Bulk triage as a library, in-process against the embedded sandbox. */
import { executeTool } from '../../catalog';
import { startSandbox, type Sandbox } from '../../sandbox';
import type { TicketRecord } from '../../sandbox/types';
import {
  csvField, defaultMarker, reportCsv, reportJson, summaryText, ticketQuery, TriageError, triageTickets, type TriageOptions, type TriageReport,
} from '../../triage';
import { validatorFor } from '../schema-files';

/** The tool's output against its generated schema (without tests/helpers, which loads nock: these tests use real sockets). */
function expectValidOutput(toolId: string, output: unknown) {
  const validate = validatorFor(toolId, 'outputs');
  if (!validate(output)) throw new Error(`${toolId} output does not match its schema: ${JSON.stringify(validate.errors, null, 2)}`);
}

let sandbox: Sandbox;
const target = () => ({ ...sandbox.credentials, accessToken: undefined, connection: { baseUrl: sandbox.baseUrl } });
const run = (options: TriageOptions) => triageTickets(target(), options);
const tickets = (): TicketRecord[] => [...sandbox.state.tickets.map.values()];
const billingGroup = () => [...sandbox.state.groups.map.values()].find((g) => g.name === 'Billing')!.id;

/** The invariants every report keeps: one entry per matched ticket, counts that add up. */
function expectConsistent(report: TriageReport) {
  const count = (outcome: string) => report.tickets.filter((t) => t.outcome === outcome).length;
  expect(report.updated + report.failed + report.skipped).toBe(report.matched);
  expect(report.tickets.length).toBe(report.matched);
  for (const outcome of ['updated', 'failed'] as const) expect(count(outcome)).toBe(report[outcome]);
  expect(count('already_triaged')).toBe(report.alreadyTriaged);
  expect(count('skipped') + count('already_triaged') + count('would_update')).toBe(report.skipped);
  expect(count('would_update')).toBe(report.dryRun ? report.wouldUpdate : 0);
  if (report.dryRun) expect(count('updated') + count('failed')).toBe(0);
  expect(new Set(report.tickets.map((t) => t.id)).size).toBe(report.tickets.length);
  for (const t of report.tickets) if (t.outcome !== 'updated') expect(t.reason).toEqual(expect.any(String));
}

beforeEach(async () => {
  sandbox = await startSandbox({ port: 0, seed: 3, tickets: 1500, users: 60, jobDelayMs: 5 });
});
afterEach(() => sandbox.close());

describe('triageTickets', () => {
  it('dry run: reports the count and a sample of before -> after, and changes nothing', async () => {
    const before = JSON.stringify(tickets());
    const report = await run({ query: 'status<solved tags:billing', changes: { priority: 'urgent', addTags: ['triaged'], comment: 'Looking into it' }, dryRun: true });
    expect(JSON.stringify(tickets())).toBe(before);
    expect(sandbox.stats.requests['PUT /tickets/update_many'] ?? 0).toBe(0);
    const expected = tickets().filter((t) => t.tags.includes('billing') && ['new', 'open', 'pending', 'hold'].includes(t.status)).length;
    expect(report).toMatchObject({ dryRun: true, matched: expected, updated: 0, failed: 0, wouldUpdate: expected, skipped: expected });
    expect(report.sample).toHaveLength(10);
    const s = report.sample[0];
    expect(s.after).toMatchObject({ priority: 'urgent', status: s.before.status });
    expect(s.after.tags).toEqual(expect.arrayContaining([...s.before.tags, 'triaged', report.marker!]));
    expect(report.tickets.every((t) => t.outcome === 'would_update')).toBe(true);
    expectConsistent(report);
  });

  it('updates every match through update_many jobs of 100, keeps other tags, and reports each ticket as the sandbox has it', async () => {
    const group = billingGroup();
    const matching = tickets().filter((t) => t.tags.includes('billing') && t.status !== 'solved' && t.status !== 'closed');
    const tagsBefore = new Map(matching.map((t) => [t.id, [...t.tags]]));
    const events: string[] = [];
    const report = await run({
      query: 'status<solved tags:billing',
      changes: { priority: 'high', groupId: group, addTags: ['triaged'], removeTags: ['vip'], comment: 'Routed to Billing' },
      onProgress: (e) => events.push(e.phase),
    });
    expect(report.matched).toBe(matching.length);
    expect(report.updated).toBe(matching.length);
    expect(report.stats.jobs).toBe(Math.ceil(matching.length / 100));
    expect(sandbox.stats.requests['PUT /tickets/update_many']).toBe(Math.ceil(matching.length / 100));
    expect(events).toEqual(expect.arrayContaining(['count', 'search', 'update', 'done']));
    for (const entry of report.tickets) {
      const t = sandbox.state.tickets.get(entry.id)!;
      expect(entry.outcome).toBe('updated');
      expect(t).toMatchObject({ priority: 'high', group_id: group });
      const kept = tagsBefore.get(t.id)!.filter((tag) => tag !== 'vip');
      expect(t.tags).toEqual([...kept, 'triaged', report.marker]);
      const comments = sandbox.state.commentsFor(t.id);
      expect(comments[comments.length - 1]).toMatchObject({ body: 'Routed to Billing', public: false });
    }
    expectConsistent(report);
  });

  it('running the same triage twice comments once: the second run skips the marked tickets', async () => {
    const options: TriageOptions = { query: 'status:open tags:refund', changes: { status: 'pending', comment: 'We are on it' } };
    const first = await run(options);
    expect(first.updated).toBeGreaterThan(0);
    expect(first.marker).toBe(defaultMarker({ status: 'pending', comment: 'We are on it', commentPublic: false }));
    const counts = new Map(first.tickets.map((t) => [t.id, sandbox.state.commentsFor(t.id).length]));
    // The first run set them pending, so the query no longer matches them; the marker protects a broader rerun too.
    const again = await run({ ...options, query: 'tags:refund status<solved' });
    // The rerun's report lists every ticket the first run triaged, as already_triaged, and leaves them alone.
    const listed = new Map(again.tickets.map((t) => [t.id, t]));
    for (const id of counts.keys()) expect(listed.get(id)).toMatchObject({ outcome: 'already_triaged', reason: expect.stringContaining(first.marker!) });
    expect(again.tickets.filter((t) => t.outcome === 'already_triaged').every((t) => counts.has(t.id))).toBe(true);
    expect(again.alreadyTriaged).toBe(first.updated);
    for (const [id, n] of counts) expect(sandbox.state.commentsFor(id).length).toBe(n);
    const third = await run({ ...options, query: 'tags:refund status<solved' });
    expect(third).toMatchObject({ updated: 0, failed: 0 });
    expect(third.skipped).toBe(third.matched);
    expectConsistent(again);
    expectConsistent(third);
  });

  it('without a comment needs no marker: tickets already in the requested state are skipped', async () => {
    const first = await run({ query: 'tags:shipping status<solved', changes: { priority: 'low', addTags: ['ship-q'] } });
    expect(first.marker).toBeNull();
    expect(first.updated).toBeGreaterThan(0);
    const second = await run({ query: 'tags:shipping status<solved', changes: { priority: 'low', addTags: ['ship-q'] } });
    expect(second).toMatchObject({ matched: first.matched, updated: 0, skipped: first.matched });
    expect(second.tickets.every((t) => t.reason === 'already in the requested state')).toBe(true);
    expectConsistent(second);
  });

  it('maxTickets: changes that many in search order and reports the rest as skipped', async () => {
    const report = await run({ query: 'tags:login status<solved', changes: { priority: 'normal', addTags: ['cap-test'] }, maxTickets: 7 });
    expect(report.updated).toBe(7);
    const beyond = report.tickets.filter((t) => t.reason === 'beyond maxTickets (7)');
    expect(beyond.length).toBe(report.matched - 7 - report.tickets.filter((t) => t.reason === 'already in the requested state').length);
    expect(tickets().filter((t) => t.tags.includes('cap-test'))).toHaveLength(7);
    expectConsistent(report);
  });

  it('skips closed tickets, which Zendesk refuses to change', async () => {
    const report = await run({ query: 'tags:billing', changes: { addTags: ['seen'] } });
    const closed = report.tickets.filter((t) => sandbox.state.tickets.get(t.id)!.status === 'closed');
    expect(closed.length).toBeGreaterThan(0);
    for (const t of closed) expect(t).toMatchObject({ outcome: 'skipped', reason: expect.stringMatching(/^closed/) });
    expectConsistent(report);
  });

  it("surfaces Zendesk's per-item failures: tickets closed between the search and the update fail with the reason", async () => {
    let closedIds: number[] = [];
    const report = await run({
      query: 'status:open tags:bug',
      changes: { priority: 'urgent' },
      onProgress: (e) => {
        if (e.phase !== 'search' || closedIds.length) return;
        // Someone closes three tickets while the triage is listing them.
        closedIds = tickets().filter((t) => t.status === 'open' && t.tags.includes('bug') && t.priority !== 'urgent').slice(0, 3).map((t) => t.id);
        for (const id of closedIds) {
          sandbox.state.tickets.get(id)!.status = 'closed';
          sandbox.state.changed('tickets', id);
        }
      },
    });
    expect(report.failed).toBe(3);
    const failed = report.tickets.filter((t) => t.outcome === 'failed');
    expect(failed.map((t) => t.id).sort()).toEqual([...closedIds].sort());
    for (const t of failed) expect(t.reason).toMatch(/closed/i);
    expect(report.updated).toBe(report.wouldUpdate - 3);
    expectConsistent(report);
  });

  it('reports a lost answer as failed with an unknown outcome, never replaying a comment', async () => {
    const report = await run({
      query: 'status:pending tags:account',
      changes: { comment: 'Checking your account' },
      onProgress: (e) => {
        // The connection drops after the sandbox applied the update.
        if (e.phase === 'search') sandbox.setFaults({ resetAfter: 1 });
      },
    });
    sandbox.setFaults(null);
    expect(report.updated).toBe(0);
    expect(report.failed).toBe(report.wouldUpdate);
    expect(report.tickets[0].reason).toMatch(/unknown_outcome/);
    expect(sandbox.stats.requests['PUT /tickets/update_many']).toBe(Math.ceil(report.wouldUpdate / 100));
    // The jobs went on in the sandbox: the comment was applied once, and not twice.
    for (let i = 0; i < 100 && [...sandbox.state.jobs.values()].some((j) => j.status === 'queued' || j.status === 'working'); i += 1) await new Promise((r) => setTimeout(r, 20));
    for (const t of report.tickets) expect(sandbox.state.commentsFor(t.id).filter((c) => c.body === 'Checking your account')).toHaveLength(1);
    expectConsistent(report);
  });

  it('a rerun lists the tickets an earlier run triaged as already_triaged, even for a query with tags:, and updates only the new ones', async () => {
    const options: TriageOptions = { query: 'status<solved tags:billing', changes: { priority: 'high', comment: 'Routed to Billing' } };
    const first = await run(options);
    expect(first.updated).toBeGreaterThan(0);
    const comments = new Map(first.tickets.map((t) => [t.id, sandbox.state.commentsFor(t.id).length]));
    const { subdomain, email, apiToken } = sandbox.credentials;
    const created = await executeTool('zendesk_create_ticket', { subdomain, email, apiToken, subject: 'New billing question', description: 'Invoice?', tags: 'billing' }, { baseUrl: sandbox.baseUrl });
    if (!created.success) throw new Error(created.error.message);
    const fresh = created.output.ticket_id as number;
    const before = JSON.stringify(first.tickets.map((t) => sandbox.state.tickets.get(t.id)));

    const again = await run(options);
    expect(again).toMatchObject({ matched: first.matched + 1, updated: 1, failed: 0, alreadyTriaged: first.updated });
    expect(again.tickets.find((t) => t.id === fresh)).toMatchObject({ outcome: 'updated' });
    for (const entry of first.tickets) expect(again.tickets.find((t) => t.id === entry.id)).toMatchObject({ outcome: entry.outcome === 'updated' ? 'already_triaged' : entry.outcome });
    // Listed, not touched: no second comment, no change at all.
    expect(JSON.stringify(first.tickets.map((t) => sandbox.state.tickets.get(t.id)))).toBe(before);
    for (const [id, n] of comments) expect(sandbox.state.commentsFor(id).length).toBe(n);
    // Only tickets the query matches are listed (a tags:<marker> term would have OR-ed with tags:billing).
    for (const t of again.tickets) expect(sandbox.state.tickets.get(t.id)!.tags).toContain('billing');
    expectConsistent(again);

    // The CSV and the summary say it too.
    const csv = reportCsv(again).split('\r\n');
    expect(csv.filter((line) => /^\d+,already_triaged,/.test(line))).toHaveLength(first.updated);
    expect(summaryText(again)).toMatch(new RegExp(`already triaged\\s+${first.updated}`));
  });

  it('a dry run reports would_update per ticket in the JSON, the CSV and the summary', async () => {
    const report = await run({ query: 'status:new tags:billing', changes: { priority: 'urgent' }, dryRun: true });
    expect(report.wouldUpdate).toBeGreaterThan(0);
    expect(report.tickets.filter((t) => t.outcome === 'would_update')).toHaveLength(report.wouldUpdate);
    expect(JSON.parse(reportJson(report)).tickets.filter((t: { outcome: string }) => t.outcome === 'would_update')).toHaveLength(report.wouldUpdate);
    expect(reportCsv(report).split('\r\n').filter((line) => /^\d+,would_update,/.test(line))).toHaveLength(report.wouldUpdate);
    expect(summaryText(report)).toMatch(new RegExp(`would update\\s+${report.wouldUpdate}`));
    expectConsistent(report);
  });

  it('drops type:ticket from the query and refuses any other type', async () => {
    const report = await run({ query: 'type:ticket status:new tags:billing', changes: { priority: 'low' }, dryRun: true });
    expect(report.query).toBe('status:new tags:billing');
    expect(report.matched).toBe(tickets().filter((t) => t.status === 'new' && t.tags.includes('billing')).length);
    for (const query of ['type:user name:jane', 'status:open -type:ticket', 'type:"organization"', 'type:ticket']) {
      await expect(run({ query, changes: { priority: 'low' } })).rejects.toMatchObject({ error: { code: 'invalid_input', param: 'query' } });
    }
    expect(ticketQuery('subject:"type:user here" Type:Ticket  status:open')).toBe('subject:"type:user here" status:open');
    expect(ticketQuery('ticket_type:incident')).toBe('ticket_type:incident');
  });

  it('refuses an empty or contradictory change before any request', async () => {
    await expect(run({ query: 'status:open', changes: {} })).rejects.toBeInstanceOf(TriageError);
    await expect(run({ query: 'status:open', changes: { addTags: ['a'], removeTags: ['a'] } })).rejects.toMatchObject({ error: { param: 'removeTags' } });
    await expect(run({ query: 'status:open', changes: { status: 'shelved' as never } })).rejects.toMatchObject({ error: { param: 'status' } });
    await expect(run({ query: 'status:open', changes: { addTags: ['two words'] } })).rejects.toMatchObject({ error: { param: 'addTags' } });
    await expect(run({ query: 'status:open', changes: { priority: 'low' }, maxTickets: 0 })).rejects.toMatchObject({ error: { param: 'maxTickets' } });
    expect(sandbox.stats.total).toBe(0);
  });

  it('a group given by name is resolved once, before the search, to the one assignable group of that name', async () => {
    const group = billingGroup();
    const report = await run({ query: 'status<solved tags:login', changes: { groupName: 'billing' } });
    expect(sandbox.stats.requests['GET /groups/assignable']).toBe(1);
    expect(report.updated).toBeGreaterThan(0);
    for (const t of report.tickets) if (t.outcome === 'updated') expect(sandbox.state.ticket(t.id)!.group_id).toBe(group);
    // The same change as by id: the same default marker.
    const byId = await run({ query: 'status<solved tags:refund', changes: { groupId: group, comment: 'x' }, dryRun: true });
    const byName = await run({ query: 'status<solved tags:refund', changes: { groupName: 'Billing', comment: 'x' }, dryRun: true });
    expect(byName.marker).toBe(byId.marker);
  });

  it('refuses an unknown, a deleted or an ambiguous group name before any search or change', async () => {
    const before = JSON.stringify(tickets());
    await expect(run({ query: 'status:open', changes: { groupName: 'No such team' } })).rejects.toMatchObject({
      error: { code: 'invalid_input', param: 'groupName', message: expect.stringMatching(/No assignable group is named "No such team"; groups include "Support", "Billing"/) },
    });
    const gone = [...sandbox.state.groups.map.values()].find((g) => g.name === 'Shipping')!;
    gone.deleted = true;
    sandbox.state.changed('groups', gone.id);
    await expect(run({ query: 'status:open', changes: { groupName: 'Shipping' } })).rejects.toMatchObject({ error: { param: 'groupName' } });
    const technical = [...sandbox.state.groups.map.values()].find((g) => g.name === 'Technical')!;
    const twin = { ...technical, id: sandbox.state.nextGroupId++ };
    sandbox.state.groups.add(twin);
    await expect(run({ query: 'status:open', changes: { groupName: 'Technical' } })).rejects.toMatchObject({
      error: { code: 'invalid_input', param: 'groupName', message: expect.stringContaining(`ambiguous: groups ${technical.id}, ${twin.id} are all named so`) },
    });
    await expect(run({ query: 'status:open', changes: { groupName: 'Billing', groupId: 5 } })).rejects.toMatchObject({ error: { param: 'groupName' } });
    expect(sandbox.stats.requests['GET /search/export'] ?? 0).toBe(0);
    expect(sandbox.stats.requests['GET /search/count'] ?? 0).toBe(0);
    expect(JSON.stringify(tickets())).toBe(before);
  });

  it('fails the whole triage, changing nothing, when the search fails', async () => {
    const bad = triageTickets({ ...sandbox.credentials, apiToken: 'wrong-token', accessToken: undefined, connection: { baseUrl: sandbox.baseUrl } }, { query: 'status:open', changes: { priority: 'low' } });
    await expect(bad).rejects.toMatchObject({ error: { code: 'unauthorized' } });
    expect(sandbox.stats.requests['PUT /tickets/update_many'] ?? 0).toBe(0);
  });
});

describe('zendesk_triage_tickets (the tool)', () => {
  const creds = () => ({ subdomain: sandbox.credentials.subdomain, email: sandbox.credentials.email, apiToken: sandbox.credentials.apiToken });

  it('runs the triage through the executor and returns the documented outputs', async () => {
    const result = await executeTool(
      'zendesk_triage_tickets',
      { ...creds(), query: 'status:hold', addTags: 'on-hold-review', comment: 'Reviewing held tickets', maxTickets: '5' },
      { baseUrl: sandbox.baseUrl },
    );
    expect(result.success).toBe(true);
    if (!result.success) return;
    expectValidOutput('zendesk_triage_tickets', result.output);
    expect(result.output).toMatchObject({ updated: 5, failed: 0, dry_run: false, marker_tag: expect.stringMatching(/^zb-triage-[0-9a-f]{6}$/) });
    expect(Object.keys(result.output.tickets[0])).toEqual(['id', 'outcome', 'reason']);
    expect(result.output.matched).toBe(result.output.updated + result.output.failed + result.output.skipped);
  });

  it('a dry run omits marker_tag when no marker is used and validates', async () => {
    const result = await executeTool('zendesk_triage_tickets', { ...creds(), query: 'status:new', priority: 'high', dryRun: 'true' }, { baseUrl: sandbox.baseUrl });
    expect(result.success).toBe(true);
    if (!result.success) return;
    expectValidOutput('zendesk_triage_tickets', result.output);
    expect(result.output.marker_tag).toBeUndefined();
    expect(result.output.sample.length).toBeLessThanOrEqual(10);
  });

  it('tickets[].outcome says would_update on a dry run and already_triaged on a rerun', async () => {
    const params = { ...creds(), query: 'status:hold', addTags: 'hold-review', comment: 'Reviewing held tickets' };
    const dry = await executeTool('zendesk_triage_tickets', { ...params, dryRun: 'true' }, { baseUrl: sandbox.baseUrl });
    if (!dry.success) throw new Error(dry.error.message);
    expectValidOutput('zendesk_triage_tickets', dry.output);
    expect(dry.output.tickets.length).toBeGreaterThan(0);
    expect(dry.output.tickets.every((t) => t.outcome === 'would_update')).toBe(true);
    const real = await executeTool('zendesk_triage_tickets', params, { baseUrl: sandbox.baseUrl });
    if (!real.success) throw new Error(real.error.message);
    const rerun = await executeTool('zendesk_triage_tickets', params, { baseUrl: sandbox.baseUrl });
    if (!rerun.success) throw new Error(rerun.error.message);
    expectValidOutput('zendesk_triage_tickets', rerun.output);
    expect(rerun.output).toMatchObject({ updated: 0, already_triaged: real.output.updated, matched: real.output.matched });
    expect(rerun.output.tickets.map((t) => [t.id, t.outcome])).toEqual(real.output.tickets.map((t) => [t.id, t.outcome === 'updated' ? 'already_triaged' : t.outcome]));
  });

  it('needs at least one change, and reports a refused query as invalid input', async () => {
    const none = await executeTool('zendesk_triage_tickets', { ...creds(), query: 'status:new' }, { baseUrl: sandbox.baseUrl });
    expect(none).toMatchObject({ success: false, error: { code: 'invalid_input' } });
    const typed = await executeTool('zendesk_triage_tickets', { ...creds(), query: 'type:user', priority: 'low' }, { baseUrl: sandbox.baseUrl });
    expect(typed).toMatchObject({ success: false, error: { code: 'invalid_input', param: 'query' } });
  });

  it('is a failure with outputs when some tickets failed', async () => {
    const result = await executeTool('zendesk_triage_tickets', { ...creds(), query: 'status:open tags:bug', assigneeId: String(sandbox.state.ownerId + 99_999) }, { baseUrl: sandbox.baseUrl });
    expect(result).toMatchObject({ success: false, error: { code: 'job_failed' } });
    if (result.success) return;
    expect(result.output?.failed).toBeGreaterThan(0);
    expect(result.output?.tickets?.[0].reason).toMatch(/assignee/i);
  });
});

describe('report files', () => {
  it('quotes CSV fields with commas, quotes and line breaks, and defuses formulas', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a, b')).toBe('"a, b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('=SUM(A1)')).toBe("'=SUM(A1)");
    expect(csvField(undefined)).toBe('');
    const csv = reportCsv({ tickets: [{ id: 1, outcome: 'failed', reason: 'RecordInvalid: Status: closed, sorry', subject: 'Refund "now"' }] } as TriageReport);
    expect(csv).toBe('id,outcome,reason,subject\r\n1,failed,"RecordInvalid: Status: closed, sorry","Refund ""now"""\r\n');
  });
});
