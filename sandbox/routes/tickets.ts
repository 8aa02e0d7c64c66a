/** /tickets endpoints. */
import { isObject, queryIds, readId, readIdList, type Handler, type RequestCtx } from '../core';
import { firstError } from '../field-errors';
import { bodyKey } from '../idempotency';
import { listReply } from '../list-reply';
import { badRequest, json, noContent, notFound, rawJson, recordInvalid, type Reply } from '../reply';
import { auditObject, commentObject } from '../serialize';
import { createTicket, mergeTickets, updateTicket, type TicketWrite } from '../ticket-writes';
import type { JobResult, TicketAudit, TicketRecord } from '../types';
import { bulkGuard, createManyItems, enqueue, updateManyChanges } from './bulk';
import type { RouteDef } from './route-def';

function ticketBody(ctx: RequestCtx, t: TicketRecord, audit: TicketAudit | null): string {
  const a = audit ?? {
    // Nothing changed: Zendesk still answers with an (empty) audit.
    id: ctx.core.state.newEventId(), ticket_id: t.id, kind: 'update' as const, author_id: ctx.userId,
    created_at: t.updated_at, changes: {}, comment_id: null, origin: ctx.origin,
  };
  return `{"ticket":${ctx.core.state.tickets.toJson(t)},"audit":${JSON.stringify(auditObject(a, ctx.core.state))}}`;
}

function writeFailure(w: Exclude<TicketWrite, { ok: true }>): Reply {
  if ('conflict' in w) return json(409, { error: 'UpdateConflict', description: w.conflict });
  return recordInvalid(w.errors);
}

const list: Handler = (ctx) => {
  const ext = ctx.query.get('external_id');
  return listReply(ctx.core.base, ctx.query, {
    coll: ctx.core.state.tickets,
    key: 'tickets',
    path: '/tickets',
    sortKeys: ['id', 'updated_at', 'status'],
    offsetSortKeys: ['id', 'created_at', 'updated_at', 'status', 'subject', 'priority'],
    match: ext === null ? null : (t) => t.external_id === ext,
  });
};

const show: Handler = (ctx) => {
  const id = readId(ctx.params.id);
  const t = id === null ? undefined : ctx.core.state.tickets.get(id);
  if (!t) return notFound();
  return rawJson(200, `{"ticket":${ctx.core.state.tickets.toJson(t)}}`);
};

const showMany: Handler = (ctx) => {
  const ids = queryIds(ctx.query.get('ids'));
  if (!ids) return badRequest('Invalid parameter', 'ids must be a comma-separated list of ticket ids');
  const coll = ctx.core.state.tickets;
  const found = ids.map((id) => coll.get(id)).filter((t): t is TicketRecord => !!t);
  return rawJson(200, `{"tickets":[${found.map((t) => coll.toJson(t)).join(',')}],"next_page":null,"previous_page":null,"count":${found.length}}`);
};

const create: Handler = (ctx) => {
  if (!isObject(ctx.body) || !('ticket' in ctx.body)) return badRequest('Invalid attribute', 'The request body must contain a ticket object');
  const key = ctx.headers['idempotency-key'];
  const idemKey = typeof key === 'string' && key ? key : null;
  // Keyed before anything is created: remembering the answer can then no longer fail after the write.
  const keyOfBody = idemKey ? bodyKey(ctx.body) : '';
  if (idemKey) {
    const seen = ctx.core.idempotency.lookup(ctx.account, idemKey, keyOfBody);
    if (seen.kind === 'hit') return { ...seen.reply, headers: { ...seen.reply.headers, 'x-idempotency-lookup': 'hit' } };
    if (seen.kind === 'mismatch') {
      return json(400, {
        error: 'IdempotentRequestError',
        description: 'The Idempotency-Key was already used with a different request body',
      });
    }
  }
  const origin = idemKey ? { ...ctx.origin, idempotencyKey: idemKey } : ctx.origin;
  const w = createTicket(ctx.core, ctx.body.ticket, origin, ctx.userId);
  if (!w.ok) {
    // Failures are not remembered: a corrected retry with the same key goes through.
    const failed = writeFailure(w);
    return idemKey ? { ...failed, headers: { ...failed.headers, 'x-idempotency-lookup': 'miss' } } : failed;
  }
  const reply = rawJson(201, ticketBody(ctx, w.ticket, w.audit), { Location: `${ctx.core.base}/tickets/${w.ticket.id}.json` });
  if (!idemKey) return reply;
  ctx.core.idempotency.remember(ctx.account, idemKey, keyOfBody, reply);
  return { ...reply, headers: { ...reply.headers, 'x-idempotency-lookup': 'miss' } };
};

const update: Handler = (ctx) => {
  const id = readId(ctx.params.id);
  const t = id === null ? undefined : ctx.core.state.tickets.get(id);
  if (!t) return notFound();
  if (!isObject(ctx.body) || !isObject(ctx.body.ticket)) return badRequest('Invalid attribute', 'The request body must contain a ticket object');
  const w = updateTicket(ctx.core, t, ctx.body.ticket, ctx.origin, ctx.userId);
  if (!w.ok) return writeFailure(w);
  return rawJson(200, ticketBody(ctx, w.ticket, w.audit));
};

const remove: Handler = (ctx) => {
  const id = readId(ctx.params.id);
  const s = ctx.core.state;
  const t = id === null ? undefined : s.tickets.remove(id);
  if (!t) return notFound();
  s.deletedTickets.set(t.id, t);
  return noContent();
};

function failure(w: Exclude<TicketWrite, { ok: true }>): { error: string; details: string } {
  if ('conflict' in w) return { error: 'UpdateConflict', details: w.conflict };
  return firstError(w.errors);
}

const createMany: Handler = (ctx) => {
  const items = createManyItems(ctx, 'tickets');
  if (!Array.isArray(items)) return items;
  const origin = ctx.origin;
  return enqueue(ctx, {
    jobType: 'bulk_create_tickets',
    total: items.length,
    item: (index, jobId): JobResult => {
      const w = createTicket(ctx.core, items[index], { ...origin, jobId }, ctx.userId);
      if (w.ok) return { id: w.ticket.id, index };
      return { index, action: 'create', success: false, error: 'TicketCreateFailed', details: failure(w).details };
    },
  });
};

const updateMany: Handler = (ctx) => {
  const changes = updateManyChanges(ctx, 'ticket');
  if (!Array.isArray(changes)) return changes;
  return enqueue(ctx, {
    jobType: 'bulk_update_tickets',
    total: changes.length,
    item: (index, jobId): JobResult => {
      const { id, sent, input } = changes[index];
      const t = id === null ? undefined : ctx.core.state.tickets.get(id);
      if (!t) return { id, action: 'update', success: false, error: 'RecordNotFound', details: `Ticket ${String(sent)} not found` };
      const w = updateTicket(ctx.core, t, input, { ...ctx.origin, jobId }, ctx.userId);
      if (w.ok) return { id: t.id, action: 'update', status: 'Updated', success: true };
      const f = failure(w);
      return { id: t.id, action: 'update', success: false, error: f.error, details: f.details };
    },
  });
};

const merge: Handler = (ctx) => {
  const targetId = readId(ctx.params.id);
  const target = targetId === null ? undefined : ctx.core.state.tickets.get(targetId);
  if (!target) return notFound();
  const b = ctx.body;
  const ids = isObject(b) ? readIdList(b.ids) : null;
  if (!isObject(b) || !ids || ids.length === 0) return badRequest('Invalid attribute', 'ids must be a non-empty list of ticket ids');
  for (const f of ['target_comment', 'source_comment'] as const) {
    if (b[f] !== undefined && typeof b[f] !== 'string') {
      return badRequest('Invalid attribute', `${f} must be a string (the comment text), not ${Array.isArray(b[f]) ? 'an array' : typeof b[f]}`);
    }
  }
  for (const f of ['target_comment_is_public', 'source_comment_is_public'] as const) {
    if (b[f] !== undefined && typeof b[f] !== 'boolean') return badRequest('Invalid attribute', `${f} must be true or false`);
  }
  const refused = bulkGuard(ctx, ids.length, 'tickets');
  if (refused) return refused;
  const opts = {
    targetComment: (b.target_comment as string | undefined) ?? `Requests #${ids.join(', #')} were closed and merged into this request.`,
    sourceComment: (b.source_comment as string | undefined) ?? `This request was closed and merged into request #${target.id}.`,
    targetPublic: b.target_comment_is_public !== false,
    sourcePublic: b.source_comment_is_public !== false,
  };
  return enqueue(ctx, {
    jobType: 'merge_tickets',
    total: ids.length,
    all: (jobId) => {
      const r = mergeTickets(ctx.core, target.id, ids, opts, { ...ctx.origin, jobId }, ctx.userId);
      if (r.ok) return { failed: false, results: ids.map((id) => ({ id, action: 'merge', status: 'Merged', success: true })) };
      return {
        failed: true,
        message: `Failed: ${r.details}`,
        results: [{ id: r.id, action: 'merge', success: false, error: 'InvalidValue', details: r.details }],
      };
    },
  });
};

const comments: Handler = (ctx) => {
  const id = readId(ctx.params.id);
  if (id === null || !ctx.core.state.tickets.get(id)) return notFound();
  const list = ctx.core.state.commentsFor(id).map(commentObject);
  return json(200, { comments: list, next_page: null, previous_page: null, count: list.length });
};

const audits: Handler = (ctx) => {
  const id = readId(ctx.params.id);
  if (id === null || !ctx.core.state.tickets.get(id)) return notFound();
  const list = ctx.core.state.auditsFor(id).map((a) => auditObject(a, ctx.core.state));
  return json(200, { audits: list, next_page: null, previous_page: null, count: list.length });
};

export const ticketRoutes: RouteDef[] = [
  { method: 'GET', path: '/tickets', name: 'GET /tickets', handler: list, ticketList: true },
  { method: 'GET', path: '/tickets/show_many', name: 'GET /tickets/show_many', handler: showMany, ticketList: true },
  { method: 'GET', path: '/tickets/:id', name: 'GET /tickets/{id}', handler: show },
  { method: 'POST', path: '/tickets', name: 'POST /tickets', handler: create },
  { method: 'PUT', path: '/tickets/:id', name: 'PUT /tickets/{id}', handler: update },
  { method: 'DELETE', path: '/tickets/:id', name: 'DELETE /tickets/{id}', handler: remove },
  { method: 'POST', path: '/tickets/create_many', name: 'POST /tickets/create_many', handler: createMany },
  { method: 'PUT', path: '/tickets/update_many', name: 'PUT /tickets/update_many', handler: updateMany },
  { method: 'POST', path: '/tickets/:id/merge', name: 'POST /tickets/{id}/merge', handler: merge },
  { method: 'GET', path: '/tickets/:id/comments', name: 'GET /tickets/{id}/comments', handler: comments },
  { method: 'GET', path: '/tickets/:id/audits', name: 'GET /tickets/{id}/audits', handler: audits },
];
