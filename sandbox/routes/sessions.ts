/** Sessions of users: list, show, end one or all, and sign many users out (POST /users/logout_many). */
import { endSessions } from '../account-security';
import { queryIds, readId, type Handler, type RequestCtx } from '../core';
import { listReply } from '../list-reply';
import { badRequest, json, noContent, notFound } from '../reply';
import { BULK_LIMIT } from './bulk';
import type { RouteDef } from './route-def';

/** The user of the path, when it exists (deleted or not). */
const pathUser = (ctx: RequestCtx) => {
  const id = readId(ctx.params.id);
  return id === null ? undefined : ctx.core.state.users.get(id);
};

/** The session of the path, when it belongs to the path's user. */
const pathSession = (ctx: RequestCtx) => {
  const user = pathUser(ctx);
  const id = readId(ctx.params.sessionId);
  const session = id === null ? undefined : ctx.core.state.sessions.get(id);
  return user && session && session.user_id === user.id ? session : undefined;
};

const list: Handler = (ctx) => {
  const user = pathUser(ctx);
  if (!user) return notFound();
  return listReply(ctx.core.base, ctx.query, {
    coll: ctx.core.state.sessions,
    key: 'sessions',
    path: `/users/${user.id}/sessions`,
    sortKeys: ['id'],
    match: (s) => s.user_id === user.id,
  });
};

// The OAS gives `session` as a list of one.
const show: Handler = (ctx) => {
  const session = pathSession(ctx);
  return session ? json(200, { session: [JSON.parse(ctx.core.state.sessions.toJson(session))] }) : notFound();
};

const removeOne: Handler = (ctx) => {
  const session = pathSession(ctx);
  if (!session) return notFound();
  ctx.core.state.sessions.remove(session.id);
  return noContent();
};

const removeAll: Handler = (ctx) => {
  const user = pathUser(ctx);
  if (!user) return notFound();
  endSessions(ctx.core.state, [user.id]);
  return noContent();
};

/** `?ids=` of up to 100 users: every session of each ends. Ids of no user are passed over, as Zendesk does. Answers 202 with "". */
const logoutMany: Handler = (ctx) => {
  const ids = queryIds(ctx.query.get('ids'));
  if (ids === null || ids.length === 0) return badRequest('Invalid parameter', 'ids must list one or more user ids, comma-separated');
  if (ids.length > BULK_LIMIT) {
    return json(400, { error: 'InvalidValue', description: `Too many ids: ${ids.length} given, at most ${BULK_LIMIT} are allowed in one request` });
  }
  endSessions(ctx.core.state, ids);
  return json(202, '');
};

export const sessionRoutes: RouteDef[] = [
  { method: 'GET', path: '/users/:id/sessions', name: 'GET /users/{id}/sessions', handler: list },
  { method: 'DELETE', path: '/users/:id/sessions', name: 'DELETE /users/{id}/sessions', handler: removeAll },
  { method: 'GET', path: '/users/:id/sessions/:sessionId', name: 'GET /users/{id}/sessions/{session_id}', handler: show },
  { method: 'DELETE', path: '/users/:id/sessions/:sessionId', name: 'DELETE /users/{id}/sessions/{session_id}', handler: removeOne },
  { method: 'POST', path: '/users/logout_many', name: 'POST /users/logout_many', handler: logoutMany },
];
