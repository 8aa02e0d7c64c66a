/**
 * A user's account security beyond sessions: setting a password (only when the account allows it),
 * password requirements, GDPR deletion statuses, ticket skips, deleted users and permanent deletion,
 * the owner reminder for an agent seat, and the Talk endpoint that shows a profile to an agent.
 */
import { deletedUserObject, passwordDigest, permanentlyDelete } from '../account-security';
import { isObject, readId, type Handler, type RequestCtx } from '../core';
import { listReply } from '../list-reply';
import { isoSeconds } from '../seed';
import { badRequest, json, notFound, recordInvalid } from '../reply';
import type { RouteDef } from './route-def';

/** The rules of the account's password policy (Zendesk's "low" level, as the OAS example gives them). */
export const PASSWORD_REQUIREMENTS = ['must be at least 5 characters', 'must be different from email address'] as const;
const MIN_PASSWORD = 5;

/** Zendesk's 403 when the account does not let admins set passwords. */
const FORBIDDEN = {
  error: 'Forbidden',
  description: 'You do not have access to this page. Please contact the account owner of this help desk for further help.',
};

const userOf = (ctx: RequestCtx, raw: string | undefined) => {
  const id = readId(raw);
  return id === null ? undefined : ctx.core.state.users.get(id);
};

const setPassword: Handler = (ctx) => {
  const user = userOf(ctx, ctx.params.id);
  if (!user || !user.active) return notFound();
  if (!ctx.core.state.allowAdminSetPassword) return json(403, FORBIDDEN);
  const password = isObject(ctx.body) ? ctx.body.password : undefined;
  if (typeof password !== 'string' || password === '') return badRequest('Invalid attribute', 'The request body must contain a password string');
  // The refusal quotes the password, as a careless server might: the pack must remove it from what it shows.
  const broken = [
    ...(password.length < MIN_PASSWORD ? [PASSWORD_REQUIREMENTS[0]] : []),
    ...(user.email !== null && password.trim().toLowerCase() === user.email ? [PASSWORD_REQUIREMENTS[1]] : []),
  ];
  if (broken.length) return recordInvalid({ password: broken.map((rule) => ({ description: `Password: "${password}" ${rule}`, error: 'InvalidValue' as const })) });
  ctx.core.state.passwords.set(user.id, { sha256: passwordDigest(password), set_at: isoSeconds(ctx.core.now()), set_by: ctx.userId });
  return json(200, '');
};

const passwordRequirements: Handler = (ctx) => (userOf(ctx, ctx.params.id) ? json(200, { requirements: PASSWORD_REQUIREMENTS }) : notFound());

/** The GDPR steps of a user still in the account or deleted for good (none until a permanent deletion). */
const complianceDeletionStatuses: Handler = (ctx) => {
  const id = readId(ctx.params.id);
  const s = ctx.core.state;
  if (id === null || (!s.users.get(id) && !s.permanentlyDeletedUsers.has(id))) return notFound();
  const application = ctx.query.get('application');
  return listReply(ctx.core.base, ctx.query, {
    coll: s.complianceDeletionStatuses,
    key: 'compliance_deletion_statuses',
    path: `/users/${id}/compliance_deletion_statuses`,
    sortKeys: ['id'],
    match: (r) => r.user_id === id && (application === null || r.application === application),
  });
};

/** The agent's skips of tickets still in the account, by id; `sort_order=desc` newest first. */
const ticketSkips: Handler = (ctx) => {
  const user = userOf(ctx, ctx.params.id);
  if (!user) return notFound();
  const s = ctx.core.state;
  const mine = [...s.ticketSkips.map.values()].filter((k) => k.user_id === user.id);
  // A skip embeds its ticket, which may have changed since its JSON was cached.
  for (const skip of mine) s.ticketSkips.changed(skip);
  const query = new URLSearchParams(ctx.query);
  if (query.get('sort_order') === 'desc' && !query.has('sort')) query.set('sort', '-id');
  return listReply(ctx.core.base, query, {
    coll: s.ticketSkips,
    key: 'skips',
    path: `/users/${user.id}/skips`,
    sortKeys: ['id'],
    match: (k) => k.user_id === user.id && s.tickets.get(k.ticket_id) !== undefined,
  });
};

/** A user deleted but not yet for good. */
const deletedUserOf = (ctx: RequestCtx) => {
  const user = userOf(ctx, ctx.params.id);
  return user && !user.active ? user : undefined;
};

const showDeletedUser: Handler = (ctx) => {
  const user = deletedUserOf(ctx);
  return user ? json(200, { deleted_user: deletedUserObject(user, ctx.core.base) }) : notFound();
};

/** Only a deleted user can be erased for good: an active one is not among the deleted users (404). */
const permanentlyDeleteUser: Handler = (ctx) => {
  const user = deletedUserOf(ctx);
  if (!user) return notFound();
  const answer = deletedUserObject(user, ctx.core.base);
  permanentlyDelete(ctx.core, user, ctx.userId);
  return json(200, { deleted_user: answer });
};

const requestCreate: Handler = (ctx) => {
  const user = isObject(ctx.body) ? ctx.body.user : undefined;
  if (!isObject(user) || typeof user.name !== 'string' || !user.name.trim()) return badRequest('Invalid attribute', 'The request body must contain a user with a name');
  if (user.email !== undefined && user.email !== null && typeof user.email !== 'string') return badRequest('Invalid attribute', 'email must be a string');
  ctx.core.state.userCreateRequests.push({ name: user.name.trim(), email: typeof user.email === 'string' ? user.email : null, requested_by: ctx.userId, at: isoSeconds(ctx.core.now()) });
  return json(200, '');
};

/** Shows a user's profile to an active agent; the OAS gives both answers as "". */
const displayProfile: Handler = (ctx) => {
  const agent = userOf(ctx, ctx.params.agentId);
  const user = userOf(ctx, ctx.params.id);
  if (!agent || !agent.active || agent.role === 'end-user' || !user || !user.active) return json(404, '');
  ctx.core.state.profileDisplays.push({ agent_id: agent.id, user_id: user.id, at: isoSeconds(ctx.core.now()) });
  return json(200, '');
};

export const accountSecurityRoutes: RouteDef[] = [
  { method: 'POST', path: '/users/:id/password', name: 'POST /users/{id}/password', handler: setPassword },
  { method: 'GET', path: '/users/:id/password/requirements', name: 'GET /users/{id}/password/requirements', handler: passwordRequirements },
  { method: 'GET', path: '/users/:id/compliance_deletion_statuses', name: 'GET /users/{id}/compliance_deletion_statuses', handler: complianceDeletionStatuses },
  { method: 'GET', path: '/users/:id/skips', name: 'GET /users/{id}/skips', handler: ticketSkips },
  { method: 'POST', path: '/users/request_create', name: 'POST /users/request_create', handler: requestCreate },
  { method: 'GET', path: '/deleted_users/:id', name: 'GET /deleted_users/{id}', handler: showDeletedUser },
  { method: 'DELETE', path: '/deleted_users/:id', name: 'DELETE /deleted_users/{id}', handler: permanentlyDeleteUser },
  {
    method: 'POST',
    path: '/channels/voice/agents/:agentId/users/:id/display',
    name: 'POST /channels/voice/agents/{agent_id}/users/{user_id}/display',
    handler: displayProfile,
  },
];
