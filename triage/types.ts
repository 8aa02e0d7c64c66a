/** Types of bulk ticket triage: the change, the options, the progress events and the report. */
import type { JobWaitOptions } from '../lib/jobs';
import type { ToolError } from '../lib/errors';
import type { TICKET_PRIORITIES, TICKET_STATUSES } from '../tools/params';

export type TriageStatus = (typeof TICKET_STATUSES)[number];
export type TriagePriority = (typeof TICKET_PRIORITIES)[number];

/** The one change applied to every matching ticket. At least one field must be set. */
export interface TriageChanges {
  status?: TriageStatus;
  priority?: TriagePriority;
  assigneeId?: number;
  groupId?: number;
  /**
   * The group by its exact name instead of groupId: looked up once among the assignable groups before
   * the search, so nothing is read or written for an unknown or ambiguous name (refused as invalid_input).
   */
  groupName?: string;
  /** Added to each ticket's tags (additional_tags: existing tags are kept). */
  addTags?: string[];
  /** Removed from each ticket's tags (remove_tags). */
  removeTags?: string[];
  /** A comment added to every ticket; with one, the marker tag makes a rerun skip triaged tickets. */
  comment?: string;
  /** Whether the comment is public (emailed to requesters). Default false: an internal note. */
  commentPublic?: boolean;
}

export interface TriageOptions {
  /** Zendesk search syntax for tickets, e.g. `status<solved tags:billing`. `type:ticket` is implied. */
  query: string;
  changes: TriageChanges;
  /** Report what would change, change nothing. */
  dryRun?: boolean;
  /** Change at most this many tickets (in search order); the rest are reported as skipped. Default 10,000. */
  maxTickets?: number;
  /** The tag that marks triaged tickets. Default with a comment: `zb-triage-` + a short hash of the changes. */
  markerTag?: string;
  onProgress?: (event: TriageProgress) => void;
  /** Job polling and the number of jobs in flight (default 5). */
  jobs?: JobWaitOptions;
  /** Tickets shown with before → after. Default 10. */
  sampleSize?: number;
}

export type TriageProgress =
  /** The search's total is known (from /search/count), or null when the count failed. */
  | { phase: 'count'; expected: number | null; marker: string | null }
  /** A page of the search export arrived. */
  | { phase: 'search'; found: number; pages: number; expected: number | null }
  /** The updates: tickets processed by the jobs so far. */
  | { phase: 'update'; done: number; total: number; jobs: number; jobsFinished: number }
  | { phase: 'done'; report: TriageReport };

/** The fields triage can change, as Zendesk names them. */
export interface TicketSnapshot {
  status: string | null;
  priority: string | null;
  assignee_id: number | null;
  group_id: number | null;
  tags: string[];
}

/**
 * What happened to one ticket: `updated`; `failed` (with Zendesk's reason); `skipped` (closed, already in
 * the requested state, beyond maxTickets); `already_triaged` (it carries the marker tag: an earlier run
 * changed it, so it is left alone); `would_update` (a dry run: a real run would update it).
 */
export type TriageOutcome = 'updated' | 'failed' | 'skipped' | 'already_triaged' | 'would_update';

export interface TriageTicket {
  id: number;
  outcome: TriageOutcome;
  /** Why it failed, was skipped or left alone. */
  reason?: string;
  subject?: string;
  /** The ticket as the search returned it. */
  before?: TicketSnapshot;
}

export interface TriageSample {
  id: number;
  subject: string;
  before: TicketSnapshot;
  after: TicketSnapshot;
  /** Whether the comment is added. */
  comment: boolean;
}

export interface TriageReport {
  /** Every ticket the query matches: updated + failed + skipped, one entry each in `tickets`. */
  matched: number;
  updated: number;
  failed: number;
  /** Every ticket left as it was: outcomes skipped, already_triaged and (dry run) would_update. */
  skipped: number;
  /** Of the skipped: tickets that already carry the marker tag (a previous run triaged them). */
  alreadyTriaged: number;
  /** Dry run: how many tickets a real run would update. Otherwise the number it tried to update. */
  wouldUpdate: number;
  dryRun: boolean;
  /** The marker tag added with the change, or null when none is used. */
  marker: string | null;
  /** The query sent to the search export (a type:ticket term dropped). */
  query: string;
  /** One entry per ticket the query matches, in search order; those carrying the marker included. */
  tickets: TriageTicket[];
  /** Up to `sampleSize` tickets to update (or that would be), with before → after. */
  sample: TriageSample[];
  stats: { requests: number; rateLimited: number; jobs: number; elapsedMs: number };
}

/** A triage that could not start (bad input) or whose search failed; nothing was changed. */
export class TriageError extends Error {
  constructor(readonly error: ToolError) {
    super(error.message);
    this.name = 'TriageError';
  }
}
