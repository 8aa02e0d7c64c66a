/** /group_memberships and /users/{id}/group_memberships: agents in groups, one by one or as jobs. */
import { isObject, queryIds, readId, type Handler, type RequestCtx } from '../core';
import { firstError } from '../field-errors';
import { createMembership, deleteMembership, makeDefaultMembership } from '../group-writes';
import { listReply } from '../list-reply';
import { badRequest, noContent, notFound, rawJson, recordInvalid, type Reply } from '../reply';
import type { GroupMembershipRecord, JobResult } from '../types';
import { bulkGuard, createManyItems, enqueue } from './bulk';
import type { RouteDef } from './route-def';

const SORT_KEYS = ['id', 'created_at', 'updated_at'];

const membershipBody = (ctx: RequestCtx, m: GroupMembershipRecord) => `{"group_membership":${ctx.core.state.groupMemberships.toJson(m)}}`;

/** The user of a `/users/{id}/...` path, or undefined. */
const pathUser = (ctx: RequestCtx) => {
  const id = readId(ctx.params.id);
  return id === null ? undefined : ctx.core.state.users.get(id);
};

/** The membership named by the path (`membershipId` under a user, which it must belong to; else `id`). */
function pathMembership(ctx: RequestCtx): GroupMembershipRecord | undefined {
  const underUser = ctx.params.membershipId !== undefined;
  const id = readId(underUser ? ctx.params.membershipId : ctx.params.id);
  const m = id === null ? undefined : ctx.core.state.groupMemberships.get(id);
  if (!m || (underUser && m.user_id !== readId(ctx.params.id))) return undefined;
  return m;
}

/** Memberships of the path's user (when under /users/{id}), of groups a ticket can be assigned to when `assignableOnly`. */
const list = (assignableOnly: boolean): Handler => (ctx) => {
  const user = ctx.params.id === undefined ? null : pathUser(ctx);
  if (user === undefined) return notFound();
  const groups = ctx.core.state.groups;
  return listReply(ctx.core.base, ctx.query, {
    coll: ctx.core.state.groupMemberships,
    key: 'group_memberships',
    path: ctx.path,
    sortKeys: SORT_KEYS,
    match: user === null && !assignableOnly ? null : (m) => (user === null || m.user_id === user.id) && (!assignableOnly || groups.get(m.group_id)?.deleted === false),
  });
};

const show: Handler = (ctx) => {
  const m = pathMembership(ctx);
  return m ? rawJson(200, membershipBody(ctx, m)) : notFound();
};

const create: Handler = (ctx) => {
  if (!isObject(ctx.body) || !('group_membership' in ctx.body)) return badRequest('Invalid attribute', 'The request body must contain a group_membership object');
  let userId: number | undefined;
  if (ctx.params.id !== undefined) {
    const user = pathUser(ctx);
    if (!user) return notFound();
    userId = user.id;
  }
  const w = createMembership(ctx.core, ctx.body.group_membership, userId);
  if (!w.ok) return recordInvalid(w.errors);
  return rawJson(201, membershipBody(ctx, w.membership), { Location: `${ctx.core.base}/group_memberships/${w.membership.id}.json` });
};

const remove: Handler = (ctx) => {
  const m = pathMembership(ctx);
  if (!m) return notFound();
  deleteMembership(ctx.core, m, ctx.origin, ctx.userId);
  return noContent();
};

/** Answers every membership of the agent, the chosen one now their default. */
const makeDefault: Handler = (ctx) => {
  const user = pathUser(ctx);
  const m = pathMembership(ctx);
  if (!user || !m) return notFound();
  makeDefaultMembership(ctx.core, user, m);
  const all = ctx.core.state.groupMembershipsOfUser(user.id).map((x) => ctx.core.state.groupMemberships.toJson(x));
  return rawJson(200, `{"group_memberships":[${all.join(',')}]}`);
};

const createMany: Handler = (ctx) => {
  const items = createManyItems(ctx, 'group_memberships');
  if (!Array.isArray(items)) return items;
  return enqueue(ctx, {
    jobType: 'bulk_create_group_memberships',
    total: items.length,
    item: (index): JobResult => {
      const w = createMembership(ctx.core, items[index]);
      if (w.ok) return { id: w.membership.id, index };
      return { index, action: 'create', success: false, error: 'GroupMembershipCreateFailed', details: firstError(w.errors).details };
    },
  });
};

const destroyMany: Handler = (ctx): Reply => {
  const ids = queryIds(ctx.query.get('ids'));
  if (!ids) return badRequest('Invalid parameter', 'ids must be a comma-separated list of group membership ids');
  const refused = bulkGuard(ctx, ids.length, 'group memberships');
  if (refused) return refused;
  return enqueue(ctx, {
    jobType: 'bulk_destroy_group_memberships',
    total: ids.length,
    item: (index, jobId): JobResult => {
      const id = ids[index];
      const m = ctx.core.state.groupMemberships.get(id);
      if (!m) return { id, action: 'delete', success: false, error: 'RecordNotFound', details: `Group membership ${id} not found` };
      deleteMembership(ctx.core, m, { ...ctx.origin, jobId }, ctx.userId);
      return { id, action: 'delete', status: 'Deleted', success: true };
    },
  });
};

export const groupMembershipRoutes: RouteDef[] = [
  { method: 'GET', path: '/group_memberships', name: 'GET /group_memberships', handler: list(false) },
  { method: 'GET', path: '/group_memberships/assignable', name: 'GET /group_memberships/assignable', handler: list(true) },
  { method: 'GET', path: '/group_memberships/:id', name: 'GET /group_memberships/{id}', handler: show },
  { method: 'POST', path: '/group_memberships', name: 'POST /group_memberships', handler: create },
  { method: 'DELETE', path: '/group_memberships/:id', name: 'DELETE /group_memberships/{id}', handler: remove },
  { method: 'POST', path: '/group_memberships/create_many', name: 'POST /group_memberships/create_many', handler: createMany },
  { method: 'DELETE', path: '/group_memberships/destroy_many', name: 'DELETE /group_memberships/destroy_many', handler: destroyMany },
  { method: 'GET', path: '/users/:id/group_memberships', name: 'GET /users/{id}/group_memberships', handler: list(false) },
  { method: 'POST', path: '/users/:id/group_memberships', name: 'POST /users/{id}/group_memberships', handler: create },
  { method: 'GET', path: '/users/:id/group_memberships/:membershipId', name: 'GET /users/{id}/group_memberships/{membership_id}', handler: show },
  { method: 'DELETE', path: '/users/:id/group_memberships/:membershipId', name: 'DELETE /users/{id}/group_memberships/{membership_id}', handler: remove },
  {
    method: 'PUT',
    path: '/users/:id/group_memberships/:membershipId/make_default',
    name: 'PUT /users/{id}/group_memberships/{membership_id}/make_default',
    handler: makeDefault,
  },
];
