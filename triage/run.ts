/**
 * Bulk ticket triage: find every matching ticket through the search export, apply one change
 * through update_many jobs of 100, and report each ticket's outcome. Nothing is written until the
 * search has finished, so a search failure changes nothing.
 */
import type { ZendeskConnection } from '../contract';
import { countingConnection, EXPORT_PAGE_SIZE, exportSearch, jobItemReason } from '../lib/composite';
import { CallError, type ConnectionTarget, connectTarget } from '../lib/connection';
import { itemFailed, type JobItemResult, runChunkedJobs } from '../lib/jobs';
import { groupIdByName } from './group-name';
import {
  applyChanges, chooseMarker, DEFAULT_MAX_TICKETS, needsChange, normalizeChanges, snapshot, ticketQuery, updateManyRequest,
} from './plan';
import {
  type TicketSnapshot, TriageError, type TriageOptions, type TriageReport, type TriageSample, type TriageTicket,
} from './types';

export { EXPORT_PAGE_SIZE };
export const UPDATE_CHUNK_SIZE = 100;

interface Found {
  id: number;
  subject: string;
  before: TicketSnapshot;
}

/** Every ticket of the query, through the search export (no result window); nothing has been changed while it runs. */
async function exportTickets(connection: ZendeskConnection, query: string, onPage: (found: number, pages: number) => void): Promise<Found[]> {
  const tickets = await exportSearch(connection, query, 'ticket', onPage);
  return tickets.map((ticket) => ({ id: ticket.id, subject: String(ticket.subject ?? ''), before: snapshot(ticket) }));
}

/** The number of tickets the query matches (the progress total); null when Zendesk would not say. */
async function countTickets(connection: ZendeskConnection, query: string): Promise<number | null> {
  try {
    const { body } = await connection.send({ method: 'GET', path: ['search', 'count'], query: { query: `${query} type:ticket` }, reads: ['count'] });
    return typeof body?.count === 'number' ? body.count : null;
  } catch (error) {
    if (error instanceof CallError && error.toolError.code !== 'aborted') return null;
    throw error;
  }
}

/** Where the tickets are: a connection (the executor's), or credentials plus connection options. */
export type TriageTarget = ConnectionTarget;

/**
 * Runs a bulk triage. Throws a TriageError for bad input or a failed search (nothing changed then);
 * per-ticket and per-job failures are reported in the result, never thrown.
 */
export async function triageTickets(target: TriageTarget, options: TriageOptions): Promise<TriageReport> {
  const started = Date.now();
  let changes = normalizeChanges(options.changes);
  // Checked here too, so a bad marker is refused before the group lookup below sends anything.
  let marker = chooseMarker(changes, options.markerTag);
  // Tickets already carrying the marker are listed too, so the report names them (already_triaged);
  // excluding them with -tags:<marker> and searching for them apart with tags:<marker> would not do:
  // repeated positive tags: terms OR together, so that second query would match too much.
  const query = ticketQuery(options.query);
  const maxTickets = options.maxTickets ?? DEFAULT_MAX_TICKETS;
  if (!Number.isSafeInteger(maxTickets) || maxTickets < 1) {
    throw new TriageError({ code: 'invalid_input', param: 'maxTickets', message: `maxTickets must be a whole number of at least 1; got ${String(options.maxTickets)}.` });
  }
  const dryRun = options.dryRun === true;
  const emit = options.onProgress ?? (() => undefined);
  const base = connectTarget(target, (error) => new TriageError(error));
  const { connection, count } = countingConnection(base);
  const throttledBefore = base.throttled;

  // 0. A group given by name becomes its id once, before any ticket is read or written.
  if (changes.groupName !== undefined) {
    changes = { ...changes, groupId: await groupIdByName(connection, changes.groupName), groupName: undefined };
    marker = chooseMarker(changes, options.markerTag);
  }

  // 1. Find: the count (for progress), then every matching ticket.
  let found: Found[];
  let expected: number | null;
  try {
    expected = await countTickets(connection, query);
    emit({ phase: 'count', expected, marker });
    found = await exportTickets(connection, query, (n, pages) => emit({ phase: 'search', found: n, pages, expected }));
  } catch (error) {
    if (error instanceof CallError) throw new TriageError({ ...error.toolError, message: `The search failed, so nothing was changed. ${error.toolError.message}` });
    throw error;
  }

  // 2. Plan: each ticket is already triaged, skipped with a reason, or to update (in search order).
  const tickets: TriageTicket[] = [];
  const toUpdate: { entry: TriageTicket; found: Found }[] = [];
  const sample: TriageSample[] = [];
  const sampleSize = options.sampleSize ?? 10;
  for (const ticket of found) {
    const entry: TriageTicket = { id: ticket.id, outcome: 'skipped', subject: ticket.subject, before: ticket.before };
    tickets.push(entry);
    if (marker && ticket.before.tags.includes(marker)) {
      entry.outcome = 'already_triaged';
      entry.reason = `has the marker tag ${marker}: an earlier run triaged it`;
    } else if (ticket.before.status === 'closed') entry.reason = 'closed: Zendesk does not allow changing closed tickets';
    else if (!needsChange(ticket.before, changes)) entry.reason = 'already in the requested state';
    else if (toUpdate.length >= maxTickets) entry.reason = `beyond maxTickets (${maxTickets})`;
    else {
      toUpdate.push({ entry, found: ticket });
      if (sample.length < sampleSize) {
        sample.push({ id: ticket.id, subject: ticket.subject, before: ticket.before, after: applyChanges(ticket.before, changes, marker), comment: changes.comment !== undefined });
      }
      if (dryRun) {
        entry.outcome = 'would_update';
        entry.reason = 'dry run: a real run would update it';
      }
    }
  }

  // 3. Apply: update_many jobs of 100, a bounded number in flight; each ticket gets its own outcome.
  let jobs = 0;
  if (!dryRun && toUpdate.length) {
    const ids = toUpdate.map((t) => t.found.id);
    const { chunks, combined } = await runChunkedJobs(
      connection,
      { items: ids, chunkSize: UPDATE_CHUNK_SIZE, request: (chunk) => updateManyRequest(chunk, changes, marker) },
      options.jobs ?? {},
      (p) => emit({ phase: 'update', ...p }),
    );
    jobs = chunks.length;
    const byIndex = new Map<number, JobItemResult>();
    for (const result of combined.results ?? []) if (typeof result.index === 'number' && !byIndex.has(result.index)) byIndex.set(result.index, result);
    toUpdate.forEach(({ entry }, index) => {
      const result = byIndex.get(index);
      if (!result) {
        entry.outcome = 'failed';
        entry.reason = 'the job reported no result for this ticket: check it before running again';
      } else if (itemFailed(result)) {
        entry.outcome = 'failed';
        entry.reason = jobItemReason(result);
      } else {
        entry.outcome = 'updated';
        delete entry.reason;
      }
    });
  }

  const tally = (outcome: TriageTicket['outcome']) => tickets.filter((t) => t.outcome === outcome).length;
  const alreadyTriaged = tally('already_triaged');
  const report: TriageReport = {
    matched: tickets.length,
    updated: tally('updated'),
    failed: tally('failed'),
    // Every ticket left as it was: skipped with a reason, already triaged, or (dry run) would be updated.
    skipped: tally('skipped') + alreadyTriaged + tally('would_update'),
    alreadyTriaged,
    wouldUpdate: toUpdate.length,
    dryRun,
    marker,
    query,
    tickets,
    sample,
    stats: { requests: count(), rateLimited: base.throttled - throttledBefore, jobs, elapsedMs: Date.now() - started },
  };
  emit({ phase: 'done', report });
  return report;
}
