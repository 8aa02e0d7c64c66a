/** Ticket operations against the sandbox over HTTP: reads, paging to the end, writes, jobs and merges. */
import { executeTool } from '../../catalog';
import {
  auth,
  distinct,
  endUser,
  err,
  expectEveryOperationOf,
  freshTickets,
  ok,
  run,
  sandbox,
  tickets,
  useIntegrationSandbox,
  walkCursor,
} from './harness';
import { expectValidOutput } from '../helpers';
useIntegrationSandbox();

describe('reads', () => {
  it('zendesk_get_ticket: one ticket as the state holds it', async () => {
    const ticket = tickets()[0];
    const output = ok(await run('zendesk_get_ticket', { ticketId: String(ticket.id) }));
    expect(output.ticket_id).toBe(ticket.id);
    expect(output.ticket).toMatchObject({ id: ticket.id, subject: ticket.subject, status: ticket.status, tags: ticket.tags, requester_id: ticket.requester_id });
  });

  it('zendesk_get_tickets with filters: exactly the matching tickets of the state', async () => {
    const output = ok(await run('zendesk_get_tickets', { status: 'open', priority: 'high', perPage: '20' }, { all: true }));
    const expected = tickets().filter((t) => t.status === 'open' && t.priority === 'high').map((t) => t.id);
    expect(expected.length).toBeGreaterThan(0);
    expect([...distinct(output.tickets)].sort((a, b) => a - b)).toEqual(expected.sort((a, b) => a - b));
    expect(output.metadata).toMatchObject({ total_returned: expected.length, truncated: false });
  });
});

describe('paging to the end', () => {
  it('zendesk_get_tickets: 50 per page with pageAfter to the last page, then all: true', async () => {
    const { items, pages } = await walkCursor('zendesk_get_tickets', 'tickets', { perPage: '50' });
    const size = sandbox.state.tickets.size;
    expect(pages).toBe(Math.ceil(size / 50));
    expect(items).toHaveLength(size);
    expect(distinct(items).size).toBe(size);

    const all = ok(await run('zendesk_get_tickets', { perPage: '50' }, { all: true }));
    expect(all.tickets).toHaveLength(size);
    expect(distinct(all.tickets)).toEqual(distinct(items));
    expect(all.metadata).toMatchObject({ total_returned: size, has_more: false, truncated: false });
    expect(all.paging.has_more).toBe(false);
  });

  it('zendesk_get_tickets filtered by type, assignee and organization: exactly the matching tickets', async () => {
    const sample = tickets().find((t) => t.assignee_id !== null && t.organization_id !== null && t.type !== null)!;
    const cases: [Record<string, string>, (t: ReturnType<typeof tickets>[number]) => boolean][] = [
      [{ type: sample.type! }, (t) => t.type === sample.type],
      [{ assigneeId: String(sample.assignee_id) }, (t) => t.assignee_id === sample.assignee_id],
      [{ organizationId: String(sample.organization_id) }, (t) => t.organization_id === sample.organization_id],
      [{ status: 'hold', type: 'problem' }, (t) => t.status === 'hold' && t.type === 'problem'],
    ];
    for (const [filters, match] of cases) {
      const { items } = await walkCursor('zendesk_get_tickets', 'tickets', { ...filters, perPage: '50' });
      const expected = tickets().filter(match).map((t) => t.id);
      expect({ filters, ids: [...distinct(items)].sort((a, b) => a - b) }).toEqual({ filters, ids: expected.sort((a, b) => a - b) });
      expect(items).toHaveLength(expected.length);
    }
  });

  it('zendesk_get_tickets sorted by -id: the newest first', async () => {
    const output = ok(await run('zendesk_get_tickets', { sort: '-id', perPage: '5' }));
    const newest = tickets().map((t) => t.id).sort((a, b) => b - a).slice(0, 5);
    expect(output.tickets.map((t: { id: number }) => t.id)).toEqual(newest);
    expect(output.paging.has_more).toBe(true);
  });

  it('zendesk_get_tickets with all: true and maxItems stops there and says it is truncated', async () => {
    const result = await run('zendesk_get_tickets', { perPage: '50' }, { all: true, maxItems: 120 });
    const output = ok(result);
    expect(output.tickets).toHaveLength(120);
    expect(distinct(output.tickets).size).toBe(120);
    expect(output.metadata).toMatchObject({ total_returned: 120, truncated: true });
    expect(result.success && result.warnings?.join(' ')).toMatch(/maxItems=120/);
  });
});

describe('tickets', () => {
  it('zendesk_create_ticket: the description is the first comment, the subject derived from it', async () => {
    const requester = endUser();
    const description = 'The invoice PDF for March is blank\nWhen I open the invoice from the billing page the PDF has no content at all.';
    const output = ok(
      await run('zendesk_create_ticket', {
        description,
        priority: 'high',
        type: 'incident',
        tags: 'billing, pdf',
        requesterId: String(requester.id),
        customFields: '{"360001234": "gold", "360001235": "2024-03-31"}',
      }),
    );
    const id = output.ticket_id as number;
    expect(output.ticket).toMatchObject({ id, subject: 'The invoice PDF for March is blank', priority: 'high', type: 'incident' });
    const stored = sandbox.state.ticket(id)!;
    expect(stored).toMatchObject({ subject: 'The invoice PDF for March is blank', priority: 'high', type: 'incident', requester_id: requester.id });
    expect(stored.tags).toEqual(expect.arrayContaining(['billing', 'pdf']));
    expect(stored.custom_fields).toEqual(expect.arrayContaining([{ id: 360001234, value: 'gold' }, { id: 360001235, value: '2024-03-31' }]));
    const comments = sandbox.state.commentsFor(id);
    expect(comments).toHaveLength(1);
    expect(comments[0].body).toBe(description);

    // An explicit subject is kept as given.
    const titled = ok(await run('zendesk_create_ticket', { subject: 'Printer on fire', description: 'Smoke everywhere' }));
    expect(sandbox.state.ticket(titled.ticket_id)).toMatchObject({ subject: 'Printer on fire', requester_id: sandbox.state.ownerId });
    expect(sandbox.state.commentsFor(titled.ticket_id)[0].body).toBe('Smoke everywhere');

    // A long first line is cut on a word boundary, at most 80 characters with the ellipsis.
    const long = 'Since the upgrade last night every export of the quarterly report times out after two minutes and the scheduled email never arrives\nDetails follow.';
    const cut = ok(await run('zendesk_create_ticket', { description: long }));
    const subject = sandbox.state.ticket(cut.ticket_id)!.subject;
    expect(subject.length).toBeLessThanOrEqual(80);
    expect(subject.endsWith('…')).toBe(true);
    expect(long.startsWith(subject.slice(0, -1))).toBe(true);
    expect(long[subject.length - 1]).toBe(' ');
    expect(sandbox.state.commentsFor(cut.ticket_id)[0].body).toBe(long);
  });

  it('zendesk_create_ticket / zendesk_get_ticket: checkbox, number and multi-select custom field values give schema-valid outputs', async () => {
    // Zendesk's OAS (TicketFieldValueInput.value): string | number | boolean | string[], by field type.
    const customFields = '{"360002001": true, "360002002": 42.5, "360002003": ["emea", "apac"], "360002004": null}';
    const result = await executeTool('zendesk_create_ticket', { ...auth, description: 'Checkbox, number and multi-select fields', customFields }, { baseUrl: sandbox.baseUrl });
    const output = ok(result);
    expect(sandbox.state.ticket(output.ticket_id)!.custom_fields).toEqual(
      expect.arrayContaining([
        { id: 360002001, value: true },
        { id: 360002002, value: 42.5 },
        { id: 360002003, value: ['emea', 'apac'] },
      ]),
    );
    expectValidOutput('zendesk_create_ticket', output);
    expectValidOutput('zendesk_get_ticket', ok(await executeTool('zendesk_get_ticket', { ...auth, ticketId: String(output.ticket_id) }, { baseUrl: sandbox.baseUrl })));
  });

  it('zendesk_update_ticket: changes the fields and adds the comment', async () => {
    const [ticket] = freshTickets(1);
    const before = sandbox.state.commentsFor(ticket.id).length;
    const output = ok(
      await run('zendesk_update_ticket', {
        ticketId: String(ticket.id),
        comment: 'We are looking into it.',
        status: 'pending',
        priority: 'urgent',
        customFields: '[{"id": 360001234, "value": "silver"}]',
      }),
    );
    expect(output.ticket_id).toBe(ticket.id);
    expect(output.ticket).toMatchObject({ id: ticket.id, status: 'pending', priority: 'urgent' });
    const comments = sandbox.state.commentsFor(ticket.id);
    expect(comments).toHaveLength(before + 1);
    expect(comments.at(-1)).toMatchObject({ body: 'We are looking into it.', public: true });
    expect(sandbox.state.ticket(ticket.id)).toMatchObject({ status: 'pending', priority: 'urgent' });
    expect(sandbox.state.ticket(ticket.id)!.custom_fields).toContainEqual({ id: 360001234, value: 'silver' });
  });

  it('zendesk_update_tickets_bulk: adds the tags and keeps the existing ones', async () => {
    const chosen = freshTickets(3, (t) => t.tags.length > 0);
    const tagsBefore = new Map(chosen.map((t) => [t.id, [...t.tags]]));
    const result = await run('zendesk_update_tickets_bulk', { ticketIds: chosen.map((t) => t.id).join(', '), tags: 'escalated, q3-review', priority: 'high' }, { waitForJob: true });
    const output = ok(result);
    expect(output.job_status.status).toBe('completed');
    expect(output.job_status.results).toHaveLength(3);
    expect(output.job_status.results.every((r: { success: boolean }) => r.success)).toBe(true);
    for (const t of chosen) {
      const stored = sandbox.state.ticket(t.id)!;
      expect(stored.tags).toEqual(expect.arrayContaining([...tagsBefore.get(t.id)!, 'escalated', 'q3-review']));
      expect(stored.priority).toBe('high');
    }
  });

  it('zendesk_update_tickets_bulk without waiting: answers the queued job', async () => {
    const chosen = freshTickets(2);
    const output = ok(await run('zendesk_update_tickets_bulk', { ticketIds: chosen.map((t) => t.id).join(','), tags: 'queued-check' }));
    expect(typeof output.job_id).toBe('string');
    expect(output.job_status.id).toBe(output.job_id);
    expect(sandbox.state.job(output.job_id)).toBeDefined();
  });

  it('zendesk_update_tickets_bulk with an unknown id: job_failed, the failing item reported with its index', async () => {
    const chosen = freshTickets(2);
    const ids = [chosen[0].id, 987654, chosen[1].id];
    const result = await run('zendesk_update_tickets_bulk', { ticketIds: ids.join(','), status: 'open', tags: 'partial-run' }, { waitForJob: true });
    const error = err(result);
    expect(error.code).toBe('job_failed');
    expect(error.message).toMatch(/1 of 3 items failed/);
    expect(error.message).toContain('987654');
    const output = (result as { output?: Record<string, any> }).output!;
    expect(output).toBeDefined();
    expectValidOutput('zendesk_update_tickets_bulk', output);
    const results = output.job_status.results as { id: number; index: number; success: boolean; error?: string }[];
    expect(results).toHaveLength(3);
    expect(results.find((r) => r.id === 987654)).toMatchObject({ index: 1, success: false });
    expect(results.filter((r) => r.success).map((r) => r.index).sort()).toEqual([0, 2]);
    for (const t of chosen) expect(sandbox.state.ticket(t.id)!.tags).toContain('partial-run');
  });

  it('zendesk_update_tickets_bulk with 150 ids: two jobs, every item reported with indexes 0..149', async () => {
    const chosen = freshTickets(150);
    const jobsBefore = sandbox.state.jobs.size;
    const progress: number[] = [];
    const result = await run(
      'zendesk_update_tickets_bulk',
      { ticketIds: chosen.map((t) => t.id).join(','), tags: 'batch-150' },
      { onProgress: (p) => progress.push(p.done), waitForJob: { pollIntervalMs: 50 } },
    );
    const output = ok(result);
    expect(sandbox.state.jobs.size - jobsBefore).toBe(2);
    expect(output.job_status.id.split(',')).toHaveLength(2);
    expect(output.job_status.status).toBe('completed');
    expect(output.job_status.total).toBe(150);
    const results = output.job_status.results as { id: number; index: number; success: boolean }[];
    expect(results.map((r) => r.index)).toEqual(chosen.map((_, i) => i));
    expect(results.map((r) => r.id)).toEqual(chosen.map((t) => t.id));
    expect(results.every((r) => r.success)).toBe(true);
    for (const t of chosen) expect(sandbox.state.ticket(t.id)!.tags).toContain('batch-150');
    expect(progress.at(-1)).toBe(150);
  });

  it('zendesk_update_tickets_bulk splits a long input even without waitForJob', async () => {
    const chosen = freshTickets(101);
    const output = ok(await run('zendesk_update_tickets_bulk', { ticketIds: chosen.map((t) => t.id).join(','), priority: 'low' }, { waitForJob: { pollIntervalMs: 50 } }));
    expect(output.job_status.results).toHaveLength(101);
    expect(chosen.every((t) => sandbox.state.ticket(t.id)!.priority === 'low')).toBe(true);
  });

  it('zendesk_update_tickets_bulk: an unknown id in the second job is reported at its own index', async () => {
    const chosen = freshTickets(149);
    const ids = chosen.map((t) => t.id);
    ids.splice(120, 0, 876543);
    const result = await run('zendesk_update_tickets_bulk', { ticketIds: ids.join(','), tags: 'second-chunk' }, { waitForJob: { pollIntervalMs: 50 } });
    const error = err(result);
    expect(error.code).toBe('job_failed');
    expect(error.message).toMatch(/1 of 150 items failed: item 120 \(id 876543\)/);
    const output = (result as { output?: Record<string, any> }).output!;
    expectValidOutput('zendesk_update_tickets_bulk', output);
    const results = output.job_status.results as { id: number; index: number; success: boolean }[];
    expect(results.map((r) => r.index)).toEqual(ids.map((_, i) => i));
    expect(results.filter((r) => !r.success)).toEqual([expect.objectContaining({ id: 876543, index: 120 })]);
    for (const t of chosen) expect(sandbox.state.ticket(t.id)!.tags).toContain('second-chunk');
  });

  it('zendesk_create_tickets_bulk with 150 items: two jobs, a failing item reported at its own index', async () => {
    const before = sandbox.state.tickets.size;
    const input = Array.from({ length: 150 }, (_, i) => ({ subject: `Imported ${i}`, description: `Imported ticket number ${i}`, priority: i === 120 ? 'extreme' : 'normal' }));
    const result = await run('zendesk_create_tickets_bulk', { tickets: JSON.stringify(input) }, { waitForJob: { pollIntervalMs: 50 } });
    const error = err(result);
    expect(error.code).toBe('job_failed');
    expect(error.message).toMatch(/1 of 150 items failed: item 120/);
    const output = (result as { output?: Record<string, any> }).output!;
    expectValidOutput('zendesk_create_tickets_bulk', output);
    expect(output.job_status.id.split(',')).toHaveLength(2);
    const results = output.job_status.results as { id?: number; index: number; success?: boolean; error?: string }[];
    expect(results.map((r) => r.index)).toEqual(input.map((_, i) => i));
    expect(results[120]).toMatchObject({ success: false, error: 'TicketCreateFailed' });
    expect(sandbox.state.tickets.size - before).toBe(149);
    results.forEach((r, i) => {
      if (i === 120) return;
      expect(sandbox.state.ticket(r.id!)!.subject).toBe(`Imported ${i}`);
    });
  });

  it('zendesk_create_tickets_bulk: waits for the job, and the tickets exist', async () => {
    const before = sandbox.state.tickets.size;
    const input = [
      { subject: 'Bulk one', comment: { body: 'First bulk ticket' }, priority: 'low' },
      { subject: 'Bulk two', description: 'Second bulk ticket', tags: ['imported'] },
      { subject: 'Bulk three', comment: { body: 'Third bulk ticket' }, type: 'question' },
    ];
    const output = ok(await run('zendesk_create_tickets_bulk', { tickets: JSON.stringify(input) }, { waitForJob: true }));
    expect(output.job_status.status).toBe('completed');
    const results = output.job_status.results as { id: number; index: number }[];
    expect(results.map((r) => r.index)).toEqual([0, 1, 2]);
    expect(sandbox.state.tickets.size - before).toBe(3);
    results.forEach((r, i) => {
      const stored = sandbox.state.ticket(r.id)!;
      expect(stored.subject).toBe(input[i].subject);
      expect(sandbox.state.commentsFor(r.id)[0].body).toBe(input[i].comment?.body ?? input[i].description);
    });
    expect(sandbox.state.ticket(results[1].id)!.tags).toContain('imported');
    expect(sandbox.state.ticket(results[2].id)!.type).toBe('question');
  });

  it('zendesk_merge_tickets: closes the sources and comments on the target', async () => {
    const [target, ...sources] = freshTickets(3);
    const targetComments = sandbox.state.commentsFor(target.id).length;
    const output = ok(
      await run(
        'zendesk_merge_tickets',
        { targetTicketId: String(target.id), sourceTicketIds: sources.map((s) => s.id).join(', '), targetComment: 'Merged duplicates of this request.' },
        { waitForJob: true },
      ),
    );
    expect(output.target_ticket_id).toBe(String(target.id));
    expect(output.job_status.status).toBe('completed');
    for (const s of sources) {
      const stored = sandbox.state.ticket(s.id)!;
      expect(stored.status).toBe('closed');
      expect(stored.tags).toContain('closed_by_merge');
    }
    const comments = sandbox.state.commentsFor(target.id);
    expect(comments.length).toBe(targetComments + 1);
    expect(comments.at(-1)!.body).toBe('Merged duplicates of this request.');
    expect(sandbox.state.ticket(target.id)!.status).not.toBe('closed');

    // Merging a closed source again fails as a job: reported as job_failed with the job's output.
    const again = await run('zendesk_merge_tickets', { targetTicketId: String(target.id), sourceTicketIds: String(sources[0].id) }, { waitForJob: true });
    expect(err(again).code).toBe('job_failed');
  });

  it('zendesk_delete_ticket: 204 mapped to deleted: true, the ticket gone', async () => {
    const [ticket] = freshTickets(1);
    const before = sandbox.state.tickets.size;
    const output = ok(await run('zendesk_delete_ticket', { ticketId: String(ticket.id) }));
    expect(output).toEqual({ deleted: true, ticket_id: String(ticket.id) });
    expect(sandbox.state.ticket(ticket.id)).toBeUndefined();
    expect(sandbox.state.deletedTickets.has(ticket.id)).toBe(true);
    expect(sandbox.state.tickets.size).toBe(before - 1);
    expect(err(await run('zendesk_get_ticket', { ticketId: String(ticket.id) })).code).toBe('not_found');
  });
});

expectEveryOperationOf('tickets');
