/** /groups endpoints: groups (a deleted one is kept, marked deleted), their users and memberships. */
import { isObject, readId, type Handler, type RequestCtx } from '../core';
import { createGroup, deleteGroup, updateGroup } from '../group-writes';
import { listReply } from '../list-reply';
import { badRequest, json, noContent, notFound, rawJson, recordInvalid } from '../reply';
import { isoSeconds } from '../seed';
import type { GroupRecord } from '../types';
import type { RouteDef } from './route-def';

const SORT_KEYS = ['id', 'name', 'created_at', 'updated_at'];

const groupBody = (ctx: RequestCtx, g: GroupRecord) => `{"group":${ctx.core.state.groups.toJson(g)}}`;

/** The group of the path, or undefined. */
const pathGroup = (ctx: RequestCtx) => {
  const id = readId(ctx.params.id);
  return id === null ? undefined : ctx.core.state.groups.get(id);
};

/** Every group, or (`exclude_deleted=true`, or the assignable list) only those a ticket can be assigned to. */
const listGroups = (path: string, assignableOnly: boolean): Handler => (ctx) => {
  const live = assignableOnly || ctx.query.get('exclude_deleted') === 'true';
  return listReply(ctx.core.base, ctx.query, { coll: ctx.core.state.groups, key: 'groups', path, sortKeys: SORT_KEYS, match: live ? (g) => !g.deleted : null });
};

const count: Handler = (ctx) => {
  let value = 0;
  for (const g of ctx.core.state.groups.map.values()) if (!g.deleted) value++;
  return json(200, { count: { value, refreshed_at: isoSeconds(ctx.core.now()) } });
};

const show: Handler = (ctx) => {
  const g = pathGroup(ctx);
  return g ? rawJson(200, groupBody(ctx, g)) : notFound();
};

const users: Handler = (ctx) => {
  const g = pathGroup(ctx);
  if (!g) return notFound();
  const members = new Set<number>();
  for (const m of ctx.core.state.groupMemberships.map.values()) if (m.group_id === g.id) members.add(m.user_id);
  return listReply(ctx.core.base, ctx.query, {
    coll: ctx.core.state.users,
    key: 'users',
    path: `/groups/${g.id}/users`,
    sortKeys: SORT_KEYS,
    match: (u) => u.active && members.has(u.id),
  });
};

const memberships = (assignableOnly: boolean): Handler => (ctx) => {
  const g = pathGroup(ctx);
  if (!g) return notFound();
  // A deleted group cannot be assigned: none of its memberships is assignable.
  const listed = !(assignableOnly && g.deleted);
  return listReply(ctx.core.base, ctx.query, {
    coll: ctx.core.state.groupMemberships,
    key: 'group_memberships',
    path: ctx.path,
    sortKeys: ['id', 'created_at', 'updated_at'],
    match: (m) => listed && m.group_id === g.id,
  });
};

const create: Handler = (ctx) => {
  if (!isObject(ctx.body) || !('group' in ctx.body)) return badRequest('Invalid attribute', 'The request body must contain a group object');
  const w = createGroup(ctx.core, ctx.body.group);
  if (!w.ok) return recordInvalid(w.errors);
  return rawJson(201, groupBody(ctx, w.group), { Location: `${ctx.core.base}/groups/${w.group.id}.json` });
};

const update: Handler = (ctx) => {
  const g = pathGroup(ctx);
  if (!g) return notFound();
  if (!isObject(ctx.body) || !('group' in ctx.body)) return badRequest('Invalid attribute', 'The request body must contain a group object');
  const w = updateGroup(ctx.core, g, ctx.body.group);
  return w.ok ? rawJson(200, groupBody(ctx, w.group)) : recordInvalid(w.errors);
};

/** 204, and the group kept with deleted: true; deleting it again answers the same. */
const remove: Handler = (ctx) => {
  const g = pathGroup(ctx);
  if (!g) return notFound();
  deleteGroup(ctx.core, g);
  return noContent();
};

export const groupRoutes: RouteDef[] = [
  { method: 'GET', path: '/groups', name: 'GET /groups', handler: listGroups('/groups', false) },
  { method: 'GET', path: '/groups/assignable', name: 'GET /groups/assignable', handler: listGroups('/groups/assignable', true) },
  { method: 'GET', path: '/groups/count', name: 'GET /groups/count', handler: count },
  { method: 'GET', path: '/groups/:id', name: 'GET /groups/{id}', handler: show },
  { method: 'GET', path: '/groups/:id/users', name: 'GET /groups/{id}/users', handler: users },
  { method: 'GET', path: '/groups/:id/memberships', name: 'GET /groups/{id}/memberships', handler: memberships(false) },
  { method: 'GET', path: '/groups/:id/memberships/assignable', name: 'GET /groups/{id}/memberships/assignable', handler: memberships(true) },
  { method: 'POST', path: '/groups', name: 'POST /groups', handler: create },
  { method: 'PUT', path: '/groups/:id', name: 'PUT /groups/{id}', handler: update },
  { method: 'DELETE', path: '/groups/:id', name: 'DELETE /groups/{id}', handler: remove },
];
