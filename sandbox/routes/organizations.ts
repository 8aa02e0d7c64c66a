/** /organizations and /groups endpoints. */
import { isObject, pathId, type Handler } from '../core';
import { firstError } from '../field-errors';
import { listReply } from '../list-reply';
import { badRequest, invalidParameter, noContent, notFound, rawJson, recordInvalid } from '../reply';
import { createOrganization, deleteOrganization, updateOrganization } from '../organization-writes';
import type { JobResult } from '../types';
import { bulkGuard, enqueue } from './bulk';
import type { RouteDef } from './route-def';

const list: Handler = (ctx) =>
  listReply(ctx.core.base, ctx.query, {
    coll: ctx.core.state.organizations,
    key: 'organizations',
    path: '/organizations',
    sortKeys: ['id', 'name', 'created_at', 'updated_at'],
    match: null,
  });

const show: Handler = (ctx) => {
  const id = pathId(ctx.params.id);
  const coll = ctx.core.state.organizations;
  const o = id === null ? undefined : coll.get(id);
  return o ? rawJson(200, `{"organization":${coll.toJson(o)}}`) : notFound();
};

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
  const id = pathId(ctx.params.id);
  const coll = ctx.core.state.organizations;
  const o = id === null ? undefined : coll.get(id);
  if (!o) return notFound();
  if (!isObject(ctx.body) || !('organization' in ctx.body)) return badRequest('Invalid attribute', 'The request body must contain an organization object');
  const w = updateOrganization(ctx.core, o, ctx.body.organization);
  return w.ok ? rawJson(200, `{"organization":${coll.toJson(w.organization)}}`) : recordInvalid(w.errors);
};

const remove: Handler = (ctx) => {
  const id = pathId(ctx.params.id);
  const o = id === null ? undefined : ctx.core.state.organizations.get(id);
  if (!o) return notFound();
  deleteOrganization(ctx.core, o);
  return noContent();
};

const createMany: Handler = (ctx) => {
  const items = isObject(ctx.body) ? ctx.body.organizations : undefined;
  if (!Array.isArray(items)) return badRequest('Invalid attribute', 'The request body must contain an organizations array');
  const refused = bulkGuard(ctx, items.length, 'organizations');
  if (refused) return refused;
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

const listGroups: Handler = (ctx) =>
  listReply(ctx.core.base, ctx.query, {
    coll: ctx.core.state.groups,
    key: 'groups',
    path: '/groups',
    sortKeys: ['id', 'name', 'created_at', 'updated_at'],
    match: null,
  });

const showGroup: Handler = (ctx) => {
  const id = pathId(ctx.params.id);
  const coll = ctx.core.state.groups;
  const g = id === null ? undefined : coll.get(id);
  return g ? rawJson(200, `{"group":${coll.toJson(g)}}`) : notFound();
};

export const organizationRoutes: RouteDef[] = [
  { method: 'GET', path: '/organizations', name: 'GET /organizations', handler: list },
  { method: 'GET', path: '/organizations/autocomplete', name: 'GET /organizations/autocomplete', handler: autocomplete },
  { method: 'GET', path: '/organizations/:id', name: 'GET /organizations/{id}', handler: show },
  { method: 'POST', path: '/organizations', name: 'POST /organizations', handler: create },
  { method: 'PUT', path: '/organizations/:id', name: 'PUT /organizations/{id}', handler: update },
  { method: 'DELETE', path: '/organizations/:id', name: 'DELETE /organizations/{id}', handler: remove },
  { method: 'POST', path: '/organizations/create_many', name: 'POST /organizations/create_many', handler: createMany },
  { method: 'GET', path: '/groups', name: 'GET /groups', handler: listGroups },
  { method: 'GET', path: '/groups/:id', name: 'GET /groups/{id}', handler: showGroup },
];
