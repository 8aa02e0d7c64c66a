/** A user's organization memberships (Users API): making one the default, removing one. */
import { readId, type Handler, type RequestCtx } from '../core';
import { makeDefaultOrganization, organizationMembership, removeFromOrganization } from '../group-writes';
import { json, noContent, notFound } from '../reply';
import { organizationMembershipObject } from '../serialize';
import type { RouteDef } from './route-def';

/** The path's user and their membership of the path's organization, or undefined when either is missing. */
function pathMembership(ctx: RequestCtx) {
  const userId = readId(ctx.params.id);
  const organizationId = readId(ctx.params.organizationId);
  const user = userId === null ? undefined : ctx.core.state.users.get(userId);
  if (!user || organizationId === null) return undefined;
  const membership = organizationMembership(ctx.core, user, organizationId);
  return membership ? { user, membership } : undefined;
}

const makeDefault: Handler = (ctx) => {
  const found = pathMembership(ctx);
  if (!found) return notFound();
  makeDefaultOrganization(ctx.core, found.user, found.membership);
  const name = ctx.core.state.organizations.get(found.membership.organization_id)!.name;
  return json(200, { organization_membership: organizationMembershipObject(found.membership, ctx.core.base, name, true) });
};

const remove: Handler = (ctx) => {
  const found = pathMembership(ctx);
  if (!found) return notFound();
  removeFromOrganization(ctx.core, found.user, found.membership, ctx.origin, ctx.userId);
  return noContent();
};

export const userOrganizationRoutes: RouteDef[] = [
  { method: 'PUT', path: '/users/:id/organizations/:organizationId/make_default', name: 'PUT /users/{id}/organizations/{organization_id}/make_default', handler: makeDefault },
  { method: 'DELETE', path: '/users/:id/organizations/:organizationId', name: 'DELETE /users/{id}/organizations/{organization_id}', handler: remove },
];
