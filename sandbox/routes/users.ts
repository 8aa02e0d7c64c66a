/** /users endpoints. */
import { isObject, readId, type Handler } from '../core';
import { firstError } from '../field-errors';
import { listReply } from '../list-reply';
import { badRequest, notFound, rawJson, recordInvalid } from '../reply';
import { compileSearch } from '../search/compile';
import type { JobResult, UserRecord } from '../types';
import { createUser, deleteUser, updateUser } from '../user-writes';
import { createManyItems, enqueue, updateManyChanges } from './bulk';
import type { RouteDef } from './route-def';

const userBody = (ctx: Parameters<Handler>[0], u: UserRecord) => `{"user":${ctx.core.state.users.toJson(u)}}`;

const list: Handler = (ctx) => {
  const q = ctx.query;
  const roles = [...q.getAll('role'), ...q.getAll('role[]')].map((r) => r.toLowerCase().replace('_', '-'));
  const permissionSet = q.get('permission_set');
  const customRoleId = readId(permissionSet);
  const externalId = q.get('external_id');
  const filtered = roles.length > 0 || permissionSet !== null || externalId !== null;
  return listReply(ctx.core.base, q, {
    coll: ctx.core.state.users,
    key: 'users',
    path: '/users',
    sortKeys: ['id', 'name', 'created_at', 'updated_at'],
    match: (u) =>
      u.active &&
      (!filtered ||
        ((roles.length === 0 || roles.includes(u.role)) &&
          (permissionSet === null || (customRoleId !== null && u.custom_role_id === customRoleId)) &&
          (externalId === null || u.external_id === externalId))),
  });
};

const show: Handler = (ctx) => {
  const id = readId(ctx.params.id);
  const u = id === null ? undefined : ctx.core.state.users.get(id);
  return u ? rawJson(200, userBody(ctx, u)) : notFound();
};

const me: Handler = (ctx) => {
  const u = ctx.core.state.users.get(ctx.userId);
  if (!u) return notFound();
  const json = ctx.core.state.users.toJson(u);
  return rawJson(200, `{"user":${json.slice(0, -1)},"authenticity_token":"sandbox-${u.id}"}}`);
};

const search: Handler = (ctx) => {
  const q = ctx.query;
  const query = q.get('query');
  const externalId = q.get('external_id');
  if (query === null && externalId === null) return badRequest('Invalid search', 'Provide query or external_id');
  let match: (u: UserRecord) => boolean;
  if (externalId !== null) match = (u) => u.external_id === externalId;
  else {
    const cs = compileSearch(`${query} type:user`, { state: ctx.core.state, meId: ctx.userId, now: ctx.core.now() });
    const pred = cs.match.user;
    match = pred ? (u) => pred(u) : () => false;
  }
  return listReply(ctx.core.base, q, {
    coll: ctx.core.state.users,
    key: 'users',
    path: '/users/search',
    sortKeys: ['id'],
    match,
    offsetOnly: true,
  });
};

const create: Handler = (ctx) => {
  if (!isObject(ctx.body) || !('user' in ctx.body)) return badRequest('Invalid attribute', 'The request body must contain a user object');
  const w = createUser(ctx.core, ctx.body.user);
  if (!w.ok) return recordInvalid(w.errors);
  return rawJson(201, userBody(ctx, w.user), { Location: `${ctx.core.base}/users/${w.user.id}.json` });
};

const update: Handler = (ctx) => {
  const id = readId(ctx.params.id);
  const u = id === null ? undefined : ctx.core.state.users.get(id);
  if (!u) return notFound();
  if (!isObject(ctx.body) || !('user' in ctx.body)) return badRequest('Invalid attribute', 'The request body must contain a user object');
  const w = updateUser(ctx.core, u, ctx.body.user);
  return w.ok ? rawJson(200, userBody(ctx, w.user)) : recordInvalid(w.errors);
};

const remove: Handler = (ctx) => {
  const id = readId(ctx.params.id);
  const u = id === null ? undefined : ctx.core.state.users.get(id);
  if (!u) return notFound();
  return rawJson(200, userBody(ctx, deleteUser(ctx.core, u)));
};

const createMany: Handler = (ctx) => {
  const items = createManyItems(ctx, 'users');
  if (!Array.isArray(items)) return items;
  return enqueue(ctx, {
    jobType: 'bulk_create_users',
    total: items.length,
    item: (index): JobResult => {
      const w = createUser(ctx.core, items[index]);
      if (w.ok) return { id: w.user.id, index };
      return { index, action: 'create', success: false, error: 'UserCreateFailed', details: firstError(w.errors).details };
    },
  });
};

const updateMany: Handler = (ctx) => {
  const changes = updateManyChanges(ctx, 'user');
  if (!Array.isArray(changes)) return changes;
  return enqueue(ctx, {
    jobType: 'bulk_update_users',
    total: changes.length,
    item: (index): JobResult => {
      const { id, sent, input } = changes[index];
      const u = id === null ? undefined : ctx.core.state.users.get(id);
      if (!u) return { id, action: 'update', success: false, error: 'RecordNotFound', details: `User ${String(sent)} not found` };
      const clean = isObject(input) ? { ...input } : input;
      if (isObject(clean)) delete clean.id;
      const w = updateUser(ctx.core, u, clean);
      if (w.ok) return { id: u.id, action: 'update', status: 'Updated', success: true };
      const f = firstError(w.errors);
      return { id: u.id, action: 'update', success: false, error: f.error, details: f.details };
    },
  });
};

export const userRoutes: RouteDef[] = [
  { method: 'GET', path: '/users', name: 'GET /users', handler: list },
  { method: 'GET', path: '/users/me', name: 'GET /users/me', handler: me },
  { method: 'GET', path: '/users/search', name: 'GET /users/search', handler: search },
  { method: 'GET', path: '/users/:id', name: 'GET /users/{id}', handler: show },
  { method: 'POST', path: '/users', name: 'POST /users', handler: create },
  { method: 'PUT', path: '/users/:id', name: 'PUT /users/{id}', handler: update },
  { method: 'DELETE', path: '/users/:id', name: 'DELETE /users/{id}', handler: remove },
  { method: 'POST', path: '/users/create_many', name: 'POST /users/create_many', handler: createMany },
  { method: 'PUT', path: '/users/update_many', name: 'PUT /users/update_many', handler: updateMany },
];
