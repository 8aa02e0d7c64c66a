/**
 * Creating, updating and merging tickets. Used by the single-ticket routes and by bulk jobs alike,
 * so a ticket changed through either path gets the same validation, audit and comment records.
 */
import type { Core } from './core';
import { isObject, readId, readIdList } from './core';
import { addError, hasErrors, label, normalizeTags, notAnObject } from './field-errors';
import type { FieldErrors } from './reply';
import { isoSeconds } from './seed';
import { PRIORITY_ORDER, STATUS_ORDER } from './state';
import type {
  CustomFieldValue, FieldChange, RequestOrigin, TicketAudit, TicketComment, TicketPriority, TicketRecord, TicketStatus, TicketType,
} from './types';
import { findOrCreateRequester } from './user-writes';

export type TicketWrite =
  | { ok: true; ticket: TicketRecord; audit: TicketAudit | null }
  | { ok: false; errors: FieldErrors }
  | { ok: false; conflict: string };

const TYPES = ['question', 'incident', 'problem', 'task'] as const;
const TRACKED: (keyof TicketRecord)[] = [
  'subject', 'status', 'priority', 'type', 'requester_id', 'submitter_id', 'assignee_id', 'group_id', 'organization_id',
  'tags', 'external_id', 'due_at', 'custom_fields', 'collaborator_ids', 'problem_id',
];

type Patch = Partial<TicketRecord>;

interface CommentInput {
  body: string;
  public: boolean;
  author_id: number | null;
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Drops `<...>` tags; `[^<>]` keeps it linear on hostile text such as a long run of `<`. */
function stripTags(html: string): string {
  return html.replace(/<[^<>]*>/g, '');
}

function readComment(input: Record<string, unknown>, errors: FieldErrors): CommentInput | null {
  const c = input.comment;
  if (c === undefined || c === null) return null;
  if (typeof c === 'string') return c.trim() ? { body: c, public: true, author_id: null } : null;
  if (!isObject(c)) {
    addError(errors, 'comment', 'Comment: must be an object with a body', 'InvalidValue');
    return null;
  }
  const body = typeof c.body === 'string' ? c.body : typeof c.html_body === 'string' ? stripTags(c.html_body) : '';
  if (c.public !== undefined && typeof c.public !== 'boolean') addError(errors, 'comment', 'Comment: public must be true or false', 'InvalidValue');
  if (!body.trim()) return null;
  return { body, public: c.public !== false, author_id: readId(c.author_id) };
}

function readEnum<T extends string>(
  input: Record<string, unknown>, field: string, allowed: readonly T[], nullable: boolean, errors: FieldErrors, patch: Patch,
): void {
  if (!(field in input)) return;
  const v = input[field];
  if (v === null && nullable) {
    (patch as Record<string, unknown>)[field] = null;
    return;
  }
  if (typeof v === 'string' && (allowed as readonly string[]).includes(v.toLowerCase())) {
    (patch as Record<string, unknown>)[field] = v.toLowerCase();
    return;
  }
  addError(errors, field, `${label(field)}: ${JSON.stringify(v)} is not valid (expected one of ${allowed.join(', ')})`, 'InvalidValue');
}

function readRef(
  input: Record<string, unknown>, field: keyof TicketRecord & string, errors: FieldErrors, patch: Patch,
  exists: (id: number) => boolean, what: string,
): void {
  if (!(field in input)) return;
  const v = input[field];
  if (v === null && field !== 'requester_id' && field !== 'submitter_id') {
    (patch as Record<string, unknown>)[field] = null;
    return;
  }
  const id = readId(v);
  if (id !== null && exists(id)) {
    (patch as Record<string, unknown>)[field] = id;
    return;
  }
  addError(errors, field, `${label(field)}: ${JSON.stringify(v)} is not a valid ${what}`, 'InvalidValue');
}

/** Reads every writable field present in `input` into a patch, collecting 422 details. */
function readFields(core: Core, input: Record<string, unknown>, current: TicketRecord | null, errors: FieldErrors): Patch {
  const s = core.state;
  const patch: Patch = {};
  if ('subject' in input) {
    if (typeof input.subject === 'string') patch.subject = input.subject;
    else if (input.subject === null) patch.subject = '';
    else addError(errors, 'subject', 'Subject: must be text', 'InvalidValue');
  }
  readEnum<TicketStatus>(input, 'status', STATUS_ORDER, false, errors, patch);
  readEnum<TicketPriority>(input, 'priority', PRIORITY_ORDER, true, errors, patch);
  readEnum<TicketType>(input, 'type', TYPES, true, errors, patch);
  const isUser = (id: number) => s.users.get(id)?.active === true;
  const isAgent = (id: number) => { const u = s.users.get(id); return !!u && u.active && u.role !== 'end-user'; };
  readRef(input, 'requester_id', errors, patch, isUser, 'user');
  readRef(input, 'submitter_id', errors, patch, isUser, 'user');
  readRef(input, 'assignee_id', errors, patch, isAgent, 'agent');
  // A deleted group is kept (its tickets still name it) but can no longer be assigned.
  readRef(input, 'group_id', errors, patch, (id) => s.groups.get(id)?.deleted === false, 'group');
  readRef(input, 'organization_id', errors, patch, (id) => s.organizations.get(id) !== undefined, 'organization');
  readRef(input, 'problem_id', errors, patch, (id) => s.tickets.get(id)?.type === 'problem', 'problem ticket');
  if (typeof input.assignee_email === 'string') {
    const id = s.userByEmail.get(input.assignee_email.toLowerCase());
    if (id !== undefined && isAgent(id)) patch.assignee_id = id;
    else addError(errors, 'assignee_id', `Assignee: ${input.assignee_email} is not an agent`, 'InvalidValue');
  }
  if ('external_id' in input) {
    const v = input.external_id;
    if (v === null || typeof v === 'string') patch.external_id = v;
    else if (typeof v === 'number') patch.external_id = String(v);
    else addError(errors, 'external_id', 'External id: must be text', 'InvalidValue');
  }
  if ('due_at' in input) {
    const v = input.due_at;
    if (v === null) patch.due_at = null;
    else if (typeof v === 'string' && !Number.isNaN(Date.parse(v))) patch.due_at = isoSeconds(Date.parse(v));
    else addError(errors, 'due_at', `Due at: ${JSON.stringify(v)} is not a valid date`, 'InvalidValue');
  }
  if ('collaborator_ids' in input) {
    const ids = readIdList(input.collaborator_ids);
    if (ids && ids.every(isUser)) patch.collaborator_ids = [...new Set(ids)];
    else addError(errors, 'collaborator_ids', 'Collaborators: contains an unknown user', 'InvalidValue');
  }
  // Tags: `tags` replaces the list; additional_tags / remove_tags edit it.
  let tags = current ? current.tags : [];
  let tagsTouched = false;
  for (const field of ['tags', 'additional_tags', 'remove_tags'] as const) {
    if (!(field in input)) continue;
    const list = normalizeTags(input[field]);
    if (list === null) {
      addError(errors, 'tags', `${label(field)}: must be a list of tags`, 'InvalidValue');
      continue;
    }
    tagsTouched = true;
    if (field === 'tags') tags = list;
    else if (field === 'additional_tags') tags = [...new Set([...tags, ...list])];
    else {
      const removed = new Set(list);
      tags = tags.filter((t) => !removed.has(t));
    }
  }
  if (tagsTouched) patch.tags = tags;
  const cf = input.custom_fields ?? input.fields;
  if (cf !== undefined) {
    if (!Array.isArray(cf) || !cf.every((f) => isObject(f) && readId(f.id) !== null)) {
      addError(errors, 'custom_fields', 'Custom fields: must be a list of {id, value}', 'InvalidValue');
    } else {
      const merged = new Map<number, CustomFieldValue>((current?.custom_fields ?? []).map((f) => [f.id, f]));
      for (const f of cf as { id: unknown; value: unknown }[]) {
        const id = readId(f.id)!;
        if (f.value === null || f.value === undefined) merged.delete(id);
        else merged.set(id, { id, value: f.value });
      }
      patch.custom_fields = [...merged.values()];
    }
  }
  return patch;
}

function addComment(core: Core, ticketId: number, c: CommentInput, authorId: number, auditId: number, at: string): TicketComment {
  const author = c.author_id !== null && core.state.users.get(c.author_id) ? c.author_id : authorId;
  const comment: TicketComment = {
    id: core.state.newEventId(), ticket_id: ticketId, audit_id: auditId, author_id: author, body: c.body, public: c.public, created_at: at,
  };
  core.state.commentsFor(ticketId).push(comment);
  return comment;
}

function recordAudit(core: Core, audit: TicketAudit): void {
  const list = core.state.audits.get(audit.ticket_id);
  if (list) list.push(audit);
  else core.state.audits.set(audit.ticket_id, [audit]);
}

export function createTicket(core: Core, input: unknown, origin: RequestOrigin, authorId: number): TicketWrite {
  if (!isObject(input)) return notAnObject('Ticket');
  const errors: FieldErrors = {};
  let comment = readComment(input, errors);
  if (!comment && typeof input.description === 'string' && input.description.trim()) {
    comment = { body: input.description, public: true, author_id: null };
  }
  if (!comment && !errors.comment) addError(errors, 'description', 'Description: cannot be blank', 'BlankValue');
  const patch = readFields(core, input, null, errors);
  if (hasErrors(errors) || !comment) return { ok: false, errors };
  let requesterId = patch.requester_id;
  if (requesterId === undefined && input.requester !== undefined) {
    // Only now, so a rejected ticket never leaves a new user behind.
    const r = findOrCreateRequester(core, input.requester);
    if (r === null) {
      addError(errors, 'requester', 'Requester: must have an email or an existing id', 'InvalidValue');
      return { ok: false, errors };
    }
    requesterId = r;
  }
  const s = core.state;
  const at = isoSeconds(core.now());
  const id = s.nextTicketId++;
  const requester = s.users.get(requesterId ?? authorId)!;
  const assignee = patch.assignee_id ?? null;
  const ticket: TicketRecord = {
    id,
    external_id: patch.external_id ?? null,
    via_channel: 'api',
    created_at: at,
    updated_at: at,
    type: patch.type ?? null,
    subject: patch.subject ?? comment.body.split('\n')[0].slice(0, 80),
    description: comment.body,
    priority: patch.priority ?? null,
    status: patch.status ?? (assignee !== null ? 'open' : 'new'),
    requester_id: requester.id,
    submitter_id: patch.submitter_id ?? authorId,
    assignee_id: assignee,
    organization_id: patch.organization_id !== undefined ? patch.organization_id : requester.organization_id,
    group_id: patch.group_id !== undefined ? patch.group_id : assignee !== null ? s.users.get(assignee)?.default_group_id ?? null : null,
    collaborator_ids: patch.collaborator_ids ?? [],
    follower_ids: [],
    problem_id: patch.problem_id ?? null,
    due_at: patch.due_at ?? null,
    tags: patch.tags ?? [],
    custom_fields: patch.custom_fields ?? [],
    is_public: comment.public,
  };
  s.tickets.add(ticket);
  const auditId = s.newEventId();
  const c = addComment(core, id, { ...comment, author_id: comment.author_id ?? requester.id }, authorId, auditId, at);
  const changes: Record<string, FieldChange> = {};
  for (const f of TRACKED) {
    const v = ticket[f];
    if (v !== null && !(Array.isArray(v) && v.length === 0)) changes[f] = { from: null, to: v };
  }
  const audit: TicketAudit = { id: auditId, ticket_id: id, kind: 'create', author_id: authorId, created_at: at, changes, comment_id: c.id, origin };
  recordAudit(core, audit);
  return { ok: true, ticket, audit };
}

export function updateTicket(core: Core, ticket: TicketRecord, input: unknown, origin: RequestOrigin, authorId: number): TicketWrite {
  if (!isObject(input)) return notAnObject('Ticket');
  const errors: FieldErrors = {};
  if (ticket.status === 'closed') {
    addError(errors, 'status', 'Status: closed prevents ticket update', 'InvalidValue');
    return { ok: false, errors };
  }
  if (input.safe_update === true && input.updated_stamp !== undefined) {
    const stamp = typeof input.updated_stamp === 'string' ? Date.parse(input.updated_stamp) : NaN;
    if (stamp !== Date.parse(ticket.updated_at)) {
      return { ok: false, conflict: 'Safe Update prevented the update due to outdated ticket data. Please fetch the latest ticket data and try again.' };
    }
  }
  const comment = readComment(input, errors);
  const patch = readFields(core, input, ticket, errors);
  if (hasErrors(errors)) return { ok: false, errors };
  const s = core.state;
  const actor = s.users.get(comment?.author_id ?? authorId);
  // An agent touching a new ticket opens it, as in Zendesk.
  if (ticket.status === 'new' && patch.status === undefined && actor && actor.role !== 'end-user' && (comment || patch.assignee_id != null)) {
    patch.status = 'open';
  }
  const changes: Record<string, FieldChange> = {};
  for (const f of TRACKED) {
    if (!(f in patch)) continue;
    const next = patch[f];
    if (!sameValue(ticket[f], next)) changes[f] = { from: ticket[f], to: next };
  }
  if (!comment && Object.keys(changes).length === 0) return { ok: true, ticket, audit: null };
  const at = isoSeconds(core.now());
  const auditId = s.newEventId();
  for (const f of Object.keys(changes)) (ticket as unknown as Record<string, unknown>)[f] = changes[f].to;
  ticket.updated_at = at;
  const c = comment ? addComment(core, ticket.id, comment, authorId, auditId, at) : null;
  s.tickets.changed(ticket);
  const audit: TicketAudit = {
    id: auditId, ticket_id: ticket.id, kind: 'update', author_id: authorId, created_at: at, changes, comment_id: c ? c.id : null, origin,
  };
  recordAudit(core, audit);
  return { ok: true, ticket, audit };
}

/** Closes each source with a comment and comments on the target; all or nothing (checked first). */
export function mergeTickets(
  core: Core, targetId: number, sourceIds: number[], m: { targetComment: string; sourceComment: string; targetPublic: boolean; sourcePublic: boolean },
  origin: RequestOrigin, authorId: number,
): { ok: true } | { ok: false; id: number; details: string } {
  const s = core.state;
  const target = s.tickets.get(targetId);
  if (!target) return { ok: false, id: targetId, details: `Ticket ${targetId} not found` };
  if (target.status === 'closed') return { ok: false, id: targetId, details: `Ticket ${targetId} is closed and cannot be merged into` };
  for (const id of sourceIds) {
    if (id === targetId) return { ok: false, id, details: 'A ticket cannot be merged into itself' };
    const src = s.tickets.get(id);
    if (!src) return { ok: false, id, details: `Ticket ${id} not found` };
    if (src.status === 'closed') return { ok: false, id, details: `Ticket ${id} is closed and cannot be merged` };
  }
  const at = isoSeconds(core.now());
  for (const id of sourceIds) {
    const src = s.tickets.get(id)!;
    const auditId = s.newEventId();
    const c = addComment(core, id, { body: m.sourceComment, public: m.sourcePublic, author_id: null }, authorId, auditId, at);
    const changes: Record<string, FieldChange> = { status: { from: src.status, to: 'closed' } };
    const tags = src.tags.includes('closed_by_merge') ? src.tags : [...src.tags, 'closed_by_merge'];
    if (tags !== src.tags) changes.tags = { from: src.tags, to: tags };
    src.status = 'closed';
    src.tags = tags;
    src.updated_at = at;
    s.tickets.changed(src);
    recordAudit(core, { id: auditId, ticket_id: id, kind: 'merge', author_id: authorId, created_at: at, changes, comment_id: c.id, origin });
  }
  const auditId = s.newEventId();
  const c = addComment(core, targetId, { body: m.targetComment, public: m.targetPublic, author_id: null }, authorId, auditId, at);
  target.updated_at = at;
  s.tickets.changed(target);
  recordAudit(core, { id: auditId, ticket_id: targetId, kind: 'merge', author_id: authorId, created_at: at, changes: {}, comment_id: c.id, origin });
  return { ok: true };
}
