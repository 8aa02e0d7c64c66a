/**
 * Bulk ticket triage: find every matching ticket through the search export, apply one change
 * through update_many jobs of 100, and report each ticket's outcome. Nothing is written until the
 * search has finished, so a search failure changes nothing.
 */
import { CallError, Connection, type ConnectionOptions } from '../lib/connection';
import type { Credentials } from '../lib/input';
import { itemFailed, type JobItemResult, runChunkedJobs } from '../lib/jobs';
import type { RequestSpec, ZendeskResponse } from '../tools/types';
import {
  applyChanges, chooseMarker, DEFAULT_MAX_TICKETS, needsChange, normalizeChanges, snapshot, ticketQuery, updateManyRequest,
} from './plan';
import {
  type TicketSnapshot, TriageError, type TriageOptions, type TriageReport, type TriageSample, type TriageTicket,
} from './types';

export const EXPORT_PAGE_SIZE = 1000;
export const UPDATE_CHUNK_SIZE = 100;

/** Counts the requests made through a connection (retries aside). */
function counting(connection: Connection): { connection: Connection; count: () => number } {
  let requests = 0;
  const counted = Object.create(connection) as Connection;
  counted.send = (spec: RequestSpec): Promise<ZendeskResponse> => {
    requests += 1;
    return connection.send(spec);
  };
  return { connection: counted, count: () => requests };
}

interface Found {
  id: number;
  subject: string;
  before: TicketSnapshot;
}

/** Every ticket of the query, through the search export's cursor (1,000 per page, no result window). */
async function exportTickets(connection: Connection, query: string, onPage: (found: number, pages: number) => void): Promise<Found[]> {
  const byId = new Map<number, Found>();
  let after: string | undefined;
  for (let pages = 1; ; pages += 1) {
    const { body } = await connection.send({
      method: 'GET',
      path: ['search', 'export'],
      query: { query, 'filter[type]': 'ticket', 'page[size]': EXPORT_PAGE_SIZE, 'page[after]': after },
    });
    const results: Record<string, any>[] = Array.isArray(body?.results) ? body.results : [];
    for (const ticket of results) {
      if (typeof ticket?.id !== 'number' || byId.has(ticket.id)) continue;
      byId.set(ticket.id, { id: ticket.id, subject: String(ticket.subject ?? ''), before: snapshot(ticket) });
    }
    onPage(byId.size, pages);
    const cursor = body?.meta?.after_cursor;
    // A cursor can say has_more and then return nothing: an empty page ends the listing too.
    if (!body?.meta?.has_more || results.length === 0 || !cursor) break;
    after = cursor;
  }
  return [...byId.values()];
}

/** The number of tickets the query matches, marked or not; null when Zendesk would not say. */
async function countTickets(connection: Connection, query: string): Promise<number | null> {
  try {
    const { body } = await connection.send({ method: 'GET', path: ['search', 'count'], query: { query: `${query} type:ticket` } });
    return typeof body?.count === 'number' ? body.count : null;
  } catch (error) {
    if (error instanceof CallError && error.toolError.code !== 'aborted') return null;
    throw error;
  }
}

const reasonOf = (result: JobItemResult): string =>
  [result.error, result.details].filter((part) => part !== undefined && part !== null && part !== '').join(': ') || 'failed (no reason given)';

/** Where the tickets are: a connection (the executor's), or credentials plus connection options. */
export type TriageTarget = Connection | (Credentials & { connection?: ConnectionOptions });

function connect(target: TriageTarget): Connection {
  if (target instanceof Connection) return target;
  const { connection: options, ...credentials } = target;
  try {
    return new Connection(credentials, options);
  } catch (error) {
    throw new TriageError({ code: 'invalid_input', param: 'baseUrl', message: (error as Error).message });
  }
}

/**
 * Runs a bulk triage. Throws a TriageError for bad input or a failed search (nothing changed then);
 * per-ticket and per-job failures are reported in the result, never thrown.
 */
export async function triageTickets(target: TriageTarget, options: TriageOptions): Promise<TriageReport> {
  const started = Date.now();
  const changes = normalizeChanges(options.changes);
  const marker = chooseMarker(changes, options.markerTag);
  const baseQuery = ticketQuery(options.query);
  const query = marker ? `${baseQuery} -tags:${marker}` : baseQuery;
  const maxTickets = options.maxTickets ?? DEFAULT_MAX_TICKETS;
  if (!Number.isSafeInteger(maxTickets) || maxTickets < 1) {
    throw new TriageError({ code: 'invalid_input', param: 'maxTickets', message: `maxTickets must be a whole number of at least 1; got ${String(options.maxTickets)}.` });
  }
  const dryRun = options.dryRun === true;
  const emit = options.onProgress ?? (() => undefined);
  const base = connect(target);
  const { connection, count } = counting(base);
  const throttledBefore = base.pacer.throttled;

  // 1. Find: the count (for progress and the already-triaged tally), then every candidate.
  let found: Found[];
  let expected: number | null;
  try {
    expected = await countTickets(connection, baseQuery);
    emit({ phase: 'count', expected, marker });
    found = await exportTickets(connection, query, (n, pages) => emit({ phase: 'search', found: n, pages, expected }));
  } catch (error) {
    if (error instanceof CallError) throw new TriageError({ ...error.toolError, message: `The search failed, so nothing was changed. ${error.toolError.message}` });
    throw error;
  }

  // 2. Plan: each ticket is skipped with a reason, or goes into the update list (in search order).
  const tickets: TriageTicket[] = [];
  const toUpdate: { entry: TriageTicket; found: Found }[] = [];
  const sample: TriageSample[] = [];
  const sampleSize = options.sampleSize ?? 10;
  for (const ticket of found) {
    const entry: TriageTicket = { id: ticket.id, outcome: 'skipped', subject: ticket.subject, before: ticket.before };
    tickets.push(entry);
    if (marker && ticket.before.tags.includes(marker)) entry.reason = `already triaged: has the marker tag ${marker}`;
    else if (ticket.before.status === 'closed') entry.reason = 'closed: Zendesk does not allow changing closed tickets';
    else if (!needsChange(ticket.before, changes)) entry.reason = 'already in the requested state';
    else if (toUpdate.length >= maxTickets) entry.reason = `beyond maxTickets (${maxTickets})`;
    else {
      toUpdate.push({ entry, found: ticket });
      if (sample.length < sampleSize) {
        sample.push({ id: ticket.id, subject: ticket.subject, before: ticket.before, after: applyChanges(ticket.before, changes, marker), comment: changes.comment !== undefined });
      }
      if (dryRun) entry.reason = 'dry run: would be updated';
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
        entry.reason = reasonOf(result);
      } else {
        entry.outcome = 'updated';
        delete entry.reason;
      }
    });
  }

  // Tickets the search excluded because they carry the marker: counted, without entries.
  const alreadyTriaged = marker && expected !== null ? Math.max(0, expected - found.length) : 0;
  const tally = (outcome: TriageTicket['outcome']) => tickets.filter((t) => t.outcome === outcome).length;
  const report: TriageReport = {
    matched: tickets.length + alreadyTriaged,
    updated: tally('updated'),
    failed: tally('failed'),
    skipped: tally('skipped') + alreadyTriaged,
    alreadyTriaged: alreadyTriaged + tickets.filter((t) => t.reason?.startsWith('already triaged')).length,
    wouldUpdate: toUpdate.length,
    dryRun,
    marker,
    query,
    tickets,
    sample,
    stats: { requests: count(), rateLimited: base.pacer.throttled - throttledBefore, jobs, elapsedMs: Date.now() - started },
  };
  emit({ phase: 'done', report });
  return report;
}
