/**
 * The pure half of triage: checking the change, the query the search gets, the marker tag, and what
 * one ticket looks like before and after. No requests here.
 */
import { createHash } from 'node:crypto';
import { TICKET_PRIORITIES, TICKET_STATUSES } from '../tools/params';
import type { RequestSpec } from '../contract';
import { type TicketSnapshot, type TriageChanges, TriageError } from './types';

export const MARKER_PREFIX = 'zb-triage-';
export const DEFAULT_MAX_TICKETS = 10_000;
/** A Zendesk tag: no whitespace, no commas, no quotes. */
const TAG = /^[^\s,"']+$/;

const invalid = (param: string, message: string) => new TriageError({ code: 'invalid_input', param, message });

function checkTags(param: string, tags: readonly string[] | undefined): string[] | undefined {
  if (tags === undefined) return undefined;
  const out: string[] = [];
  for (const raw of tags) {
    const tag = String(raw).trim().toLowerCase();
    if (!tag) continue;
    if (!TAG.test(tag)) throw invalid(param, `${param}: "${tag}" is not a valid tag (no spaces, commas or quotes).`);
    if (!out.includes(tag)) out.push(tag);
  }
  return out.length ? out : undefined;
}

function checkId(param: string, value: number | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!Number.isSafeInteger(value) || value < 1) throw invalid(param, `${param} must be a positive numeric id; got ${String(value)}.`);
  return value;
}

/** The change with tags lower-cased and de-duplicated; refuses an empty or contradictory change. */
export function normalizeChanges(changes: TriageChanges): TriageChanges {
  if (!changes || typeof changes !== 'object') throw invalid('changes', 'changes must be an object.');
  const { status, priority, comment } = changes;
  if (status !== undefined && !(TICKET_STATUSES as readonly string[]).includes(status)) {
    throw invalid('status', `status must be one of: ${TICKET_STATUSES.join(', ')}; got ${JSON.stringify(status)}.`);
  }
  if (priority !== undefined && !(TICKET_PRIORITIES as readonly string[]).includes(priority)) {
    throw invalid('priority', `priority must be one of: ${TICKET_PRIORITIES.join(', ')}; got ${JSON.stringify(priority)}.`);
  }
  if (comment !== undefined && typeof comment !== 'string') throw invalid('comment', 'comment must be text.');
  const { groupName } = changes;
  if (groupName !== undefined && (typeof groupName !== 'string' || !groupName.trim())) throw invalid('groupName', 'groupName must be the name of a group.');
  if (groupName !== undefined && changes.groupId !== undefined) throw invalid('groupName', 'Give the group by id or by name, not both.');
  const normalized: TriageChanges = {
    status,
    priority,
    assigneeId: checkId('assigneeId', changes.assigneeId),
    groupId: checkId('groupId', changes.groupId),
    groupName: groupName?.trim(),
    addTags: checkTags('addTags', changes.addTags),
    removeTags: checkTags('removeTags', changes.removeTags),
    comment: comment?.trim() ? comment : undefined,
    commentPublic: changes.commentPublic === true,
  };
  const both = (normalized.addTags ?? []).filter((tag) => normalized.removeTags?.includes(tag));
  if (both.length) throw invalid('removeTags', `Tags both added and removed: ${both.join(', ')}.`);
  const fields = ['status', 'priority', 'assigneeId', 'groupId', 'groupName', 'addTags', 'removeTags', 'comment'] as const;
  if (!fields.some((field) => normalized[field] !== undefined)) {
    throw invalid('status', `Nothing to change: set at least one of ${fields.join(', ')}.`);
  }
  return normalized;
}

/** `zb-triage-` + the first 6 hex digits of a hash of the change: the same change gives the same marker. */
export function defaultMarker(changes: TriageChanges): string {
  const canonical = JSON.stringify([
    changes.status ?? null,
    changes.priority ?? null,
    changes.assigneeId ?? null,
    changes.groupId ?? null,
    [...(changes.addTags ?? [])].sort(),
    [...(changes.removeTags ?? [])].sort(),
    changes.comment ?? null,
    changes.commentPublic === true,
  ]);
  return MARKER_PREFIX + createHash('sha256').update(canonical).digest('hex').slice(0, 6);
}

/** The marker to use: the caller's, or the default when a comment is given; null otherwise. */
export function chooseMarker(changes: TriageChanges, markerTag: string | undefined): string | null {
  if (markerTag !== undefined && markerTag.trim() !== '') {
    const tag = markerTag.trim().toLowerCase();
    if (!TAG.test(tag)) throw invalid('markerTag', `markerTag "${tag}" is not a valid tag (no spaces, commas or quotes).`);
    if (changes.removeTags?.includes(tag)) throw invalid('markerTag', `markerTag "${tag}" is also in removeTags.`);
    return tag;
  }
  return changes.comment !== undefined ? defaultMarker(changes) : null;
}

/** Whitespace-separated terms; a quoted phrase (alone or as a value) stays one term. */
function terms(query: string): { text: string; start: number; end: number }[] {
  const out: { text: string; start: number; end: number }[] = [];
  const pattern = /(?:[^\s"]*"[^"]*"?)+[^\s"]*|\S+/g;
  for (let m = pattern.exec(query); m; m = pattern.exec(query)) out.push({ text: m[0], start: m.index, end: m.index + m[0].length });
  return out;
}

const TYPE_TERM = /^(-?)type(:|<=|>=|<|>)(.*)$/i;

/**
 * The user's query as the ticket export takes it: a `type:ticket` term is dropped (the export's
 * filter[type]=ticket says it, and the export refuses the keyword); any other `type:` term is refused.
 */
export function ticketQuery(query: string): string {
  if (typeof query !== 'string' || !query.trim()) {
    throw invalid('query', 'query is required: Zendesk search syntax for the tickets to change, e.g. "status<solved tags:billing".');
  }
  let kept = '';
  let last = 0;
  for (const term of terms(query)) {
    const m = TYPE_TERM.exec(term.text);
    if (!m) continue;
    const value = m[3].replace(/^"|"$/g, '').trim().toLowerCase();
    if (m[1] === '' && m[2] === ':' && value === 'ticket') {
      kept += query.slice(last, term.start);
      last = term.end;
      continue;
    }
    throw invalid('query', `Triage changes tickets only: remove "${term.text}" from the query (type:ticket is implied).`);
  }
  kept += query.slice(last);
  const cleaned = kept.replace(/\s+/g, ' ').trim();
  if (!cleaned) throw invalid('query', 'query has no search terms besides type:ticket; say which tickets to change, e.g. "status<solved".');
  return cleaned;
}

/** The fields of a search result that triage may change. */
export function snapshot(ticket: Record<string, any>): TicketSnapshot {
  return {
    status: ticket.status ?? null,
    priority: ticket.priority ?? null,
    assignee_id: ticket.assignee_id ?? null,
    group_id: ticket.group_id ?? null,
    tags: Array.isArray(ticket.tags) ? ticket.tags.map(String) : [],
  };
}

/** What the update makes of a ticket (the marker included). */
export function applyChanges(before: TicketSnapshot, changes: TriageChanges, marker: string | null): TicketSnapshot {
  const add = [...(changes.addTags ?? []), ...(marker ? [marker] : [])];
  let tags = [...before.tags, ...add.filter((tag) => !before.tags.includes(tag))];
  tags = tags.filter((tag, i) => !changes.removeTags?.includes(tag) && tags.indexOf(tag) === i);
  return {
    status: changes.status ?? before.status,
    priority: changes.priority ?? before.priority,
    assignee_id: changes.assigneeId ?? before.assignee_id,
    group_id: changes.groupId ?? before.group_id,
    tags,
  };
}

/** Whether the change does anything to this ticket, the marker aside (a comment always does). */
export function needsChange(before: TicketSnapshot, changes: TriageChanges): boolean {
  if (changes.comment !== undefined) return true;
  const after = applyChanges(before, changes, null);
  return (
    after.status !== before.status ||
    after.priority !== before.priority ||
    after.assignee_id !== before.assignee_id ||
    after.group_id !== before.group_id ||
    after.tags.length !== before.tags.length ||
    after.tags.some((tag) => !before.tags.includes(tag))
  );
}

/** `PUT /tickets/update_many?ids=...` with the same change for every ticket of the chunk. */
export function updateManyRequest(ids: number[], changes: TriageChanges, marker: string | null): RequestSpec {
  const ticket: Record<string, unknown> = {};
  if (changes.status) ticket.status = changes.status;
  if (changes.priority) ticket.priority = changes.priority;
  if (changes.assigneeId) ticket.assignee_id = changes.assigneeId;
  if (changes.groupId) ticket.group_id = changes.groupId;
  const add = [...(changes.addTags ?? []), ...(marker ? [marker] : [])];
  // additional_tags / remove_tags edit each ticket's tags; `tags` would replace them all.
  if (add.length) ticket.additional_tags = add;
  if (changes.removeTags?.length) ticket.remove_tags = changes.removeTags;
  if (changes.comment !== undefined) ticket.comment = { body: changes.comment, public: changes.commentPublic === true };
  return {
    method: 'PUT',
    path: ['tickets', 'update_many'],
    query: { ids },
    body: { ticket },
    // A comment appended twice is a duplicate: never replay it after an unknown outcome.
    idempotent: changes.comment === undefined,
  };
}
