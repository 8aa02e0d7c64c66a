/** Reading users in other ways: several at once by id or external id, by the start of a name, counted, and what a user is linked to. */
import { queryIds, readId, type Handler } from '../core';
import { json, notFound, rawJson } from '../reply';
import { isoSeconds } from '../seed';
import { normalize, normalizeTerm } from '../search/text';
import type { UserRecord } from '../types';
import { BULK_LIMIT } from './bulk';
import type { RouteDef } from './route-def';

const usersBody = (coll: { toJson(u: UserRecord): string }, list: UserRecord[]) => `{"users":[${list.map((u) => coll.toJson(u)).join(',')}]}`;

/** A 400 as these endpoints give it (`{"error": "..."}`, the shape the OAS documents for autocomplete). */
const invalid = (description: string) => json(400, { error: 'InvalidValue', description });

/** `?ids=1,2` or `?external_ids=a,b` (external ids regardless of case), at most 100; deleted users only with include_deleted=true. */
const showMany: Handler = (ctx) => {
  const q = ctx.query;
  const users = ctx.core.state.users;
  const idsRaw = q.get('ids');
  const externalRaw = q.get('external_ids');
  let found: UserRecord[];
  if (idsRaw !== null) {
    const ids = queryIds(idsRaw);
    if (!ids) return invalid('ids must be a comma-separated list of user ids');
    if (ids.length > BULK_LIMIT) return invalid(`Too many ids: ${ids.length} given, at most ${BULK_LIMIT} are allowed`);
    found = ids.map((id) => users.get(id)).filter((u): u is UserRecord => u !== undefined);
  } else if (externalRaw !== null) {
    const wanted = new Set(externalRaw.split(',').map((e) => e.trim().toLowerCase()).filter(Boolean));
    if (wanted.size > BULK_LIMIT) return invalid(`Too many external ids: ${wanted.size} given, at most ${BULK_LIMIT} are allowed`);
    found = [...users.map.values()].filter((u) => u.external_id !== null && wanted.has(u.external_id.toLowerCase()));
  } else return invalid('Provide ids or external_ids');
  const includeDeleted = q.get('include_deleted') === 'true';
  const list = [...new Set(found)].filter((u) => includeDeleted || u.active).sort((a, b) => a.id - b.id);
  return rawJson(200, usersBody(users, list));
};

/** Active users with a word of their name starting with `name` (or a phone starting with `phone`), by name, at most per_page (100). */
const autocomplete: Handler = (ctx) => {
  const q = ctx.query;
  const name = q.get('name')?.trim();
  const phone = q.get('phone')?.trim();
  if (!name && !phone) return invalid('Provide name or phone');
  const perPageRaw = q.get('per_page');
  const perPage = perPageRaw === null ? 100 : Number(perPageRaw);
  if (!Number.isInteger(perPage) || perPage < 1 || perPage > 100) return invalid('per_page must be a whole number from 1 to 100');
  const term = name ? normalizeTerm(name) : (phone ?? '').replace(/\D/g, '');
  const matches = (u: UserRecord) =>
    u.active && term !== '' && (name ? normalize(u.name).includes(` ${term}`) : (u.phone ?? '').replace(/\D/g, '').startsWith(term));
  const list = [...ctx.core.state.users.map.values()].filter(matches).sort((a, b) => a.name.localeCompare(b.name) || a.id - b.id);
  return rawJson(200, usersBody(ctx.core.state.users, list.slice(0, perPage)));
};

/** Active users, optionally of some roles (`role`, `role[]`) or a custom role (`permission_set`). */
const count: Handler = (ctx) => {
  const q = ctx.query;
  const roles = [...q.getAll('role'), ...q.getAll('role[]')].map((r) => r.toLowerCase().replace('_', '-'));
  const permissionSet = q.get('permission_set');
  const customRoleId = readId(permissionSet);
  let value = 0;
  for (const u of ctx.core.state.users.map.values()) {
    if (!u.active || (roles.length > 0 && !roles.includes(u.role))) continue;
    if (permissionSet !== null && (customRoleId === null || u.custom_role_id !== customRoleId)) continue;
    value++;
  }
  return json(200, { count: { value, refreshed_at: isoSeconds(ctx.core.now()) } });
};

const related: Handler = (ctx) => {
  const id = readId(ctx.params.id);
  if (id === null || !ctx.core.state.users.get(id)) return notFound();
  const user_related = { assigned_tickets: 0, requested_tickets: 0, ccd_tickets: 0, organization_subscriptions: 0 };
  for (const t of ctx.core.state.tickets.map.values()) {
    if (t.assignee_id === id) user_related.assigned_tickets++;
    if (t.requester_id === id) user_related.requested_tickets++;
    if (t.collaborator_ids.includes(id)) user_related.ccd_tickets++;
  }
  return json(200, { user_related });
};

export const userLookupRoutes: RouteDef[] = [
  { method: 'GET', path: '/users/show_many', name: 'GET /users/show_many', handler: showMany },
  { method: 'GET', path: '/users/autocomplete', name: 'GET /users/autocomplete', handler: autocomplete },
  { method: 'GET', path: '/users/count', name: 'GET /users/count', handler: count },
  { method: 'GET', path: '/users/:id/related', name: 'GET /users/{id}/related', handler: related },
];
