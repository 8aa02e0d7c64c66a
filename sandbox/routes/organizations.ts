/** /organizations endpoints. */
import type { Collection } from '../collection';
import { isObject, readId, type Handler, type RequestCtx } from '../core';
import { firstError } from '../field-errors';
import { listReply } from '../list-reply';
import { badRequest, invalidParameter, noContent, notFound, rawJson, recordInvalid } from '../reply';
import { createOrganization, deleteOrganization, updateOrganization } from '../organization-writes';
import type { JobResult, OrganizationRecord } from '../types';
import { createManyItems, enqueue } from './bulk';
import type { RouteDef } from './route-def';

type Pick<T extends { id: number }> = (ctx: RequestCtx) => Collection<T>;

/** `GET /{key}`: every record, cursor or offset paged. */
function listAll<T extends { id: number }>(key: string, pick: Pick<T>): Handler {
  return (ctx) =>
    listReply(ctx.core.base, ctx.query, {
      coll: pick(ctx),
      key,
      path: `/${key}`,
      sortKeys: ['id', 'name', 'created_at', 'updated_at'],
      match: null,
    });
}

/** `GET /{key}s/{id}`: the record as `{"key": ...}`, or 404. */
function showOne<T extends { id: number }>(key: string, pick: Pick<T>): Handler {
  return (ctx) => {
    const id = readId(ctx.params.id);
    const coll = pick(ctx);
    const record = id === null ? undefined : coll.get(id);
    return record ? rawJson(200, `{"${key}":${coll.toJson(record)}}`) : notFound();
  };
}

const organizations: Pick<OrganizationRecord> = (ctx) => ctx.core.state.organizations;

const list = listAll('organizations', organizations);
const show = showOne('organization', organizations);

const autocomplete: Handler = (ctx) => {
  const name = ctx.query.get('name');
  if (name === null || name.trim() === '') return invalidParameter('InvalidParameter', 'name is required', 'Provide the start of an organization name in name');
  const prefix = name.trim().toLowerCase();
  return listReply(ctx.core.base, ctx.query, {
    coll: ctx.core.state.organizations,
    key: 'organizations',
    path: '/organizations/autocomplete',
    sortKeys: ['name'],
    offsetSortKeys: ['name'],
    defaultSort: 'name',
    match: (o) => o.name.toLowerCase().startsWith(prefix),
    offsetOnly: true,
  });
};

const create: Handler = (ctx) => {
  if (!isObject(ctx.body) || !('organization' in ctx.body)) return badRequest('Invalid attribute', 'The request body must contain an organization object');
  const w = createOrganization(ctx.core, ctx.body.organization);
  if (!w.ok) return recordInvalid(w.errors);
  const coll = ctx.core.state.organizations;
  return rawJson(201, `{"organization":${coll.toJson(w.organization)}}`, {
    Location: `${ctx.core.base}/organizations/${w.organization.id}.json`,
  });
};

const update: Handler = (ctx) => {
  const id = readId(ctx.params.id);
  const coll = ctx.core.state.organizations;
  const o = id === null ? undefined : coll.get(id);
  if (!o) return notFound();
  if (!isObject(ctx.body) || !('organization' in ctx.body)) return badRequest('Invalid attribute', 'The request body must contain an organization object');
  const w = updateOrganization(ctx.core, o, ctx.body.organization);
  return w.ok ? rawJson(200, `{"organization":${coll.toJson(w.organization)}}`) : recordInvalid(w.errors);
};

const remove: Handler = (ctx) => {
  const id = readId(ctx.params.id);
  const o = id === null ? undefined : ctx.core.state.organizations.get(id);
  if (!o) return notFound();
  deleteOrganization(ctx.core, o);
  return noContent();
};

const createMany: Handler = (ctx) => {
  const items = createManyItems(ctx, 'organizations', 'an');
  if (!Array.isArray(items)) return items;
  return enqueue(ctx, {
    jobType: 'bulk_create_organizations',
    total: items.length,
    item: (index): JobResult => {
      const w = createOrganization(ctx.core, items[index]);
      if (w.ok) return { id: w.organization.id, index };
      return { index, action: 'create', success: false, error: 'OrganizationCreateFailed', details: firstError(w.errors).details };
    },
  });
};

export const organizationRoutes: RouteDef[] = [
  { method: 'GET', path: '/organizations', name: 'GET /organizations', handler: list },
  { method: 'GET', path: '/organizations/autocomplete', name: 'GET /organizations/autocomplete', handler: autocomplete },
  { method: 'GET', path: '/organizations/:id', name: 'GET /organizations/{id}', handler: show },
  { method: 'POST', path: '/organizations', name: 'POST /organizations', handler: create },
  { method: 'PUT', path: '/organizations/:id', name: 'PUT /organizations/{id}', handler: update },
  { method: 'DELETE', path: '/organizations/:id', name: 'DELETE /organizations/{id}', handler: remove },
  { method: 'POST', path: '/organizations/create_many', name: 'POST /organizations/create_many', handler: createMany },
];
