/** /users/{id}/identities endpoints: list, show, create, update, make primary, verify, request verification, delete. */
import { Collection } from '../collection';
import { isObject, readId, type Handler, type RequestCtx } from '../core';
import { createIdentity, deleteIdentity, identitiesOf, identityOf, makePrimary, updateIdentity, verifyIdentity } from '../identities';
import { listReply } from '../list-reply';
import { badRequest, json, noContent, notFound, rawJson, recordInvalid, type Reply } from '../reply';
import { identityObject } from '../serialize';
import type { IdentityRecord, UserRecord } from '../types';
import type { RouteDef } from './route-def';

const userOf = (ctx: RequestCtx): UserRecord | undefined => {
  const id = readId(ctx.params.id);
  return id === null ? undefined : ctx.core.state.users.get(id);
};

/** The user and the identity the path names, or the 404. */
function target(ctx: RequestCtx): { user: UserRecord; identity: IdentityRecord } | Reply {
  const user = userOf(ctx);
  const id = readId(ctx.params.identityId);
  const identity = user && id !== null ? identityOf(ctx.core, user, id) : undefined;
  return user && identity ? { user, identity } : notFound();
}

const identityBody = (ctx: RequestCtx, identity: IdentityRecord) => json(200, { identity: identityObject(identity, ctx.core.base) });

/** The body's `identity` object, or null. */
const identityInput = (ctx: RequestCtx): Record<string, unknown> | null => (isObject(ctx.body) && isObject(ctx.body.identity) ? ctx.body.identity : null);
const noIdentity = () => badRequest('Invalid attribute', 'The request body must contain an identity object');

/** Cursor or offset pages over the user's identities, optionally of some types (`type[]=email` or `type=email`). */
const list: Handler = (ctx) => {
  const user = userOf(ctx);
  if (!user) return notFound();
  const coll = new Collection<IdentityRecord>('identities', { id: (i) => i.id }, () => '');
  coll.setSerializer((i) => JSON.stringify(identityObject(i, ctx.core.base)));
  for (const identity of identitiesOf(ctx.core, user)) coll.add(identity);
  const types = [...ctx.query.getAll('type'), ...ctx.query.getAll('type[]')];
  return listReply(ctx.core.base, ctx.query, {
    coll,
    key: 'identities',
    path: `/users/${user.id}/identities`,
    sortKeys: ['id'],
    match: types.length ? (i) => types.includes(i.type) : null,
  });
};

const show: Handler = (ctx) => {
  const found = target(ctx);
  return 'status' in found ? found : identityBody(ctx, found.identity);
};

const create: Handler = (ctx) => {
  const user = userOf(ctx);
  if (!user) return notFound();
  const input = identityInput(ctx);
  if (!input) return noIdentity();
  const w = createIdentity(ctx.core, user, input);
  if (!w.ok) return recordInvalid(w.errors);
  const location = `${ctx.core.base}/users/${user.id}/identities/${w.identity.id}.json`;
  return json(201, { identity: identityObject(w.identity, ctx.core.base) }, { Location: location });
};

const update: Handler = (ctx) => {
  const found = target(ctx);
  if ('status' in found) return found;
  const input = identityInput(ctx);
  if (!input) return noIdentity();
  const w = updateIdentity(ctx.core, found.user, found.identity, input);
  return w.ok ? identityBody(ctx, w.identity) : recordInvalid(w.errors);
};

const primary: Handler = (ctx) => {
  const found = target(ctx);
  if ('status' in found) return found;
  const identities = makePrimary(ctx.core, found.user, found.identity);
  return json(200, { identities: identities.map((i) => identityObject(i, ctx.core.base)) });
};

const verify: Handler = (ctx) => {
  const found = target(ctx);
  return 'status' in found ? found : identityBody(ctx, verifyIdentity(ctx.core, found.user, found.identity));
};

/** The email goes nowhere; the answer is the documented empty JSON string. */
const requestVerification: Handler = (ctx) => {
  const found = target(ctx);
  return 'status' in found ? found : rawJson(200, '""');
};

const remove: Handler = (ctx) => {
  const found = target(ctx);
  if ('status' in found) return found;
  deleteIdentity(ctx.core, found.user, found.identity);
  return noContent();
};

const base = '/users/:id/identities';
export const userIdentityRoutes: RouteDef[] = [
  { method: 'GET', path: base, name: 'GET /users/{id}/identities', handler: list },
  { method: 'POST', path: base, name: 'POST /users/{id}/identities', handler: create },
  { method: 'GET', path: `${base}/:identityId`, name: 'GET /users/{id}/identities/{identity_id}', handler: show },
  { method: 'PUT', path: `${base}/:identityId`, name: 'PUT /users/{id}/identities/{identity_id}', handler: update },
  { method: 'DELETE', path: `${base}/:identityId`, name: 'DELETE /users/{id}/identities/{identity_id}', handler: remove },
  { method: 'PUT', path: `${base}/:identityId/make_primary`, name: 'PUT /users/{id}/identities/{identity_id}/make_primary', handler: primary },
  { method: 'PUT', path: `${base}/:identityId/verify`, name: 'PUT /users/{id}/identities/{identity_id}/verify', handler: verify },
  {
    method: 'PUT',
    path: `${base}/:identityId/request_verification`,
    name: 'PUT /users/{id}/identities/{identity_id}/request_verification',
    handler: requestVerification,
  },
];
