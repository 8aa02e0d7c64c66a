/** Users created or updated by email or external id, deleted in bulk, and merged. */
import { isObject, queryIds, readId, type Handler, type RequestCtx } from '../core';
import { firstError } from '../field-errors';
import { badRequest, notFound, rawJson, recordInvalid } from '../reply';
import type { JobResult, UserRecord } from '../types';
import { mergeProblem, mergeUsers } from '../user-merge';
import { createUser, deleteUser, updateUser, type UserWrite } from '../user-writes';
import { bulkGuard, createManyItems, enqueue } from './bulk';
import type { RouteDef } from './route-def';

const userBody = (ctx: RequestCtx, u: UserRecord) => `{"user":${ctx.core.state.users.toJson(u)}}`;

const byExternalId = (ctx: RequestCtx, externalId: string) => {
  const wanted = externalId.toLowerCase();
  return [...ctx.core.state.users.map.values()].find((u) => u.external_id !== null && u.external_id.toLowerCase() === wanted);
};

/** The user an upsert updates: the one with its external id (in any case), else the one with its email. */
function matchOf(ctx: RequestCtx, input: Record<string, unknown>): UserRecord | undefined {
  if (typeof input.external_id === 'string' || typeof input.external_id === 'number') {
    const found = byExternalId(ctx, String(input.external_id));
    if (found) return found;
  }
  if (typeof input.email !== 'string') return undefined;
  const id = ctx.core.state.userByEmail.get(input.email.trim().toLowerCase());
  return id === undefined ? undefined : ctx.core.state.users.get(id);
}

/** Updates the matching user or creates one; `created` says which. */
function upsert(ctx: RequestCtx, input: Record<string, unknown>): { write: UserWrite; matched?: UserRecord } {
  const matched = matchOf(ctx, input);
  return { write: matched ? updateUser(ctx.core, matched, input) : createUser(ctx.core, input), matched };
}

/** 201 with the new user, or 200 with the updated one. */
const createOrUpdate: Handler = (ctx) => {
  const input = isObject(ctx.body) ? ctx.body.user : undefined;
  if (!isObject(input)) return badRequest('Invalid attribute', 'The request body must contain a user object');
  const { write, matched } = upsert(ctx, input);
  if (!write.ok) return recordInvalid(write.errors);
  if (matched) return rawJson(200, userBody(ctx, write.user));
  return rawJson(201, userBody(ctx, write.user), { Location: `${ctx.core.base}/users/${write.user.id}.json` });
};

/** A job: one result per user, `{id, index, status: "Created" | "Updated"}` or a failure at its index. */
const createOrUpdateMany: Handler = (ctx) => {
  const items = createManyItems(ctx, 'users');
  if (!Array.isArray(items)) return items;
  return enqueue(ctx, {
    jobType: 'bulk_create_or_update_users',
    total: items.length,
    item: (index): JobResult => {
      const input = items[index];
      if (!isObject(input)) return { index, action: 'create_or_update', success: false, error: 'InvalidValue', details: 'User: must be an object' };
      const { write, matched } = upsert(ctx, input);
      if (write.ok) return { id: write.user.id, index, status: matched ? 'Updated' : 'Created' };
      const f = firstError(write.errors);
      return { ...(matched ? { id: matched.id } : {}), index, action: matched ? 'update' : 'create', success: false, error: f.error, details: f.details };
    },
  });
};

/** `?ids=` or `?external_ids=` (one of them, at most 100): a job that soft-deletes each user, with a result per user. */
const destroyMany: Handler = (ctx) => {
  const idsRaw = ctx.query.get('ids');
  const externalRaw = ctx.query.get('external_ids');
  if ((idsRaw === null) === (externalRaw === null)) return badRequest('Invalid parameter', 'Send ids or external_ids, one of them');
  const deleted = (u: UserRecord): JobResult => {
    deleteUser(ctx.core, u);
    return { id: u.id, action: 'delete', status: 'Deleted', success: true };
  };
  if (idsRaw !== null) {
    const ids = queryIds(idsRaw);
    if (!ids) return badRequest('Invalid parameter', 'ids must be a comma-separated list of user ids');
    return bulkGuard(ctx, ids.length, 'users') ?? enqueue(ctx, {
      jobType: 'bulk_delete_users',
      total: ids.length,
      item: (index): JobResult => {
        const u = ctx.core.state.users.get(ids[index]);
        return u ? deleted(u) : { id: ids[index], action: 'delete', success: false, error: 'RecordNotFound', details: `User ${ids[index]} not found` };
      },
    });
  }
  const externalIds = externalRaw!.split(',').map((e) => e.trim()).filter(Boolean);
  if (externalIds.length === 0) return badRequest('Invalid parameter', 'external_ids must list at least one external id');
  return bulkGuard(ctx, externalIds.length, 'users') ?? enqueue(ctx, {
    jobType: 'bulk_delete_users',
    total: externalIds.length,
    item: (index): JobResult => {
      const externalId = externalIds[index];
      const u = byExternalId(ctx, externalId);
      if (!u) return { external_id: externalId, action: 'delete', success: false, error: 'RecordNotFound', details: `No user has the external id ${externalId}` };
      return { ...deleted(u), external_id: u.external_id };
    },
  });
};

/** `{user: {id: target}}`: the path user is merged into the target (end users only) and deleted; 200 with the target. */
const merge: Handler = (ctx) => {
  const id = readId(ctx.params.id);
  const source = id === null ? undefined : ctx.core.state.users.get(id);
  if (!source) return notFound();
  const targetId = isObject(ctx.body) && isObject(ctx.body.user) ? readId(ctx.body.user.id) : null;
  if (targetId === null) return badRequest('Invalid attribute', 'The request body must contain a user object with the id of the user to merge into');
  const target = ctx.core.state.users.get(targetId);
  if (!target) return recordInvalid({ base: [{ description: `The user to merge into (${targetId}) was not found`, error: 'InvalidValue' }] });
  const problem = mergeProblem(ctx.core, source, target);
  return problem ? recordInvalid(problem) : rawJson(200, userBody(ctx, mergeUsers(ctx.core, source, target)));
};

export const userChangeRoutes: RouteDef[] = [
  { method: 'POST', path: '/users/create_or_update', name: 'POST /users/create_or_update', handler: createOrUpdate },
  { method: 'POST', path: '/users/create_or_update_many', name: 'POST /users/create_or_update_many', handler: createOrUpdateMany },
  { method: 'DELETE', path: '/users/destroy_many', name: 'DELETE /users/destroy_many', handler: destroyMany },
  { method: 'PUT', path: '/users/:id/merge', name: 'PUT /users/{id}/merge', handler: merge },
];
