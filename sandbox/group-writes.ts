/**
 * Groups, group memberships and users' organization memberships: creating, changing and removing
 * them, shared by the single routes and the bulk jobs. Removing a membership also unassigns the
 * working tickets it covered, as Zendesk does.
 */
import type { Core } from './core';
import { isObject, readId } from './core';
import { addError, hasErrors, notAnObject, readBooleans } from './field-errors';
import type { FieldErrors } from './reply';
import { isoSeconds } from './seed';
import { updateTicket } from './ticket-writes';
import type { GroupMembershipRecord, GroupRecord, OrganizationMembershipRecord, RequestOrigin, TicketRecord, UserRecord } from './types';

export type GroupWrite = { ok: true; group: GroupRecord } | { ok: false; errors: FieldErrors };
export type MembershipWrite = { ok: true; membership: GroupMembershipRecord } | { ok: false; errors: FieldErrors };

/** Tickets still being worked on: a membership's removal unassigns these, not solved or closed ones. */
const WORKING = new Set(['new', 'open', 'pending', 'hold']);

function readGroupFields(input: Record<string, unknown>, self: GroupRecord | null, errors: FieldErrors): Partial<GroupRecord> {
  const patch: Partial<GroupRecord> = {};
  if ('name' in input || !self) {
    if (typeof input.name === 'string' && input.name.trim()) patch.name = input.name.trim();
    else addError(errors, 'name', 'Name: cannot be blank', 'BlankValue');
  }
  if ('description' in input) {
    if (typeof input.description === 'string' || input.description === null) patch.description = input.description ?? '';
    else addError(errors, 'description', 'Description: must be text', 'InvalidValue');
  }
  readBooleans(input, ['is_public'], patch, errors);
  if (self && !self.is_public && patch.is_public === true) addError(errors, 'is_public', 'Is public: a private group cannot be made public', 'InvalidValue');
  return patch;
}

export function createGroup(core: Core, input: unknown): GroupWrite {
  if (!isObject(input)) return notAnObject('Group');
  const errors: FieldErrors = {};
  const patch = readGroupFields(input, null, errors);
  if (hasErrors(errors)) return { ok: false, errors };
  const s = core.state;
  const at = isoSeconds(core.now());
  const group: GroupRecord = {
    id: s.nextGroupId++,
    name: patch.name!,
    description: patch.description ?? '',
    default: false,
    is_public: patch.is_public ?? true,
    deleted: false,
    created_at: at,
    updated_at: at,
  };
  s.groups.add(group);
  return { ok: true, group };
}

export function updateGroup(core: Core, group: GroupRecord, input: unknown): GroupWrite {
  if (!isObject(input)) return notAnObject('Group');
  const errors: FieldErrors = {};
  const patch = readGroupFields(input, group, errors);
  if (hasErrors(errors)) return { ok: false, errors };
  let changed = false;
  for (const [key, value] of Object.entries(patch)) {
    if ((group as unknown as Record<string, unknown>)[key] === value) continue;
    (group as unknown as Record<string, unknown>)[key] = value;
    changed = true;
  }
  if (changed) {
    group.updated_at = isoSeconds(core.now());
    core.state.groups.changed(group);
  }
  return { ok: true, group };
}

/** Zendesk keeps a deleted group (deleted: true); it can no longer be assigned. */
export function deleteGroup(core: Core, group: GroupRecord): void {
  if (group.deleted) return;
  group.deleted = true;
  group.updated_at = isoSeconds(core.now());
  core.state.groups.changed(group);
}

/** Marks `membership` as its agent's only default, and the agent's `default_group_id` with it (null: no default left). */
function setDefaultMembership(core: Core, user: UserRecord, membership: GroupMembershipRecord | null): void {
  const s = core.state;
  const at = isoSeconds(core.now());
  for (const m of s.groupMembershipsOfUser(user.id)) {
    const isDefault = m === membership;
    if (m.default === isDefault) continue;
    m.default = isDefault;
    m.updated_at = at;
    s.groupMemberships.changed(m);
  }
  const groupId = membership ? membership.group_id : null;
  if (user.default_group_id !== groupId) {
    user.default_group_id = groupId;
    user.updated_at = at;
    s.users.changed(user);
  }
}

/**
 * `{user_id, group_id, default?}` (user_id may come from the path instead): agents and admins only, into a
 * group that is not deleted and not already theirs. Their first membership becomes their default.
 */
export function createMembership(core: Core, input: unknown, pathUserId?: number): MembershipWrite {
  if (!isObject(input)) return notAnObject('Group membership');
  const s = core.state;
  const errors: FieldErrors = {};
  const userId = pathUserId ?? readId(input.user_id);
  const groupId = readId(input.group_id);
  const user = userId === null ? undefined : s.users.get(userId);
  const group = groupId === null ? undefined : s.groups.get(groupId);
  if (!user || !user.active) addError(errors, 'user_id', `User: ${JSON.stringify(pathUserId ?? input.user_id ?? null)} is not a valid user`, 'InvalidValue');
  else if (user.role === 'end-user') addError(errors, 'user_id', `User: ${user.name} is an end user; only agents can be members of a group`, 'InvalidValue');
  if (!group || group.deleted) addError(errors, 'group_id', `Group: ${JSON.stringify(input.group_id ?? null)} is not a valid group`, 'InvalidValue');
  if ('default' in input && typeof input.default !== 'boolean') addError(errors, 'default', 'Default: must be true or false', 'InvalidValue');
  if (user && group && s.groupMembershipsOfUser(user.id).some((m) => m.group_id === group.id)) {
    addError(errors, 'user_id', `User: ${user.name} is already a member of ${group.name}`, 'DuplicateValue');
  }
  if (hasErrors(errors)) return { ok: false, errors };
  const at = isoSeconds(core.now());
  const first = s.groupMembershipsOfUser(user!.id).length === 0;
  const membership: GroupMembershipRecord = { id: s.nextGroupMembershipId++, user_id: user!.id, group_id: group!.id, default: false, created_at: at, updated_at: at };
  s.groupMemberships.add(membership);
  if (first || input.default === true) setDefaultMembership(core, user!, membership);
  return { ok: true, membership };
}

/** Unassigns every working ticket matching `covered` (its assignee or organization goes); each change audited. */
function unassignTickets(core: Core, covered: (t: TicketRecord) => boolean, change: Record<string, null>, origin: RequestOrigin, authorId: number): void {
  for (const ticket of core.state.tickets.map.values()) {
    if (WORKING.has(ticket.status) && covered(ticket)) updateTicket(core, ticket, change, origin, authorId);
  }
}

/**
 * Removes an agent from a group. Their working tickets of that group lose their assignee; when it was
 * the agent's default group, their oldest other membership becomes the default.
 */
export function deleteMembership(core: Core, membership: GroupMembershipRecord, origin: RequestOrigin, authorId: number): void {
  const s = core.state;
  s.groupMemberships.remove(membership.id);
  const user = s.users.get(membership.user_id);
  if (user && membership.default) setDefaultMembership(core, user, s.groupMembershipsOfUser(user.id)[0] ?? null);
  unassignTickets(core, (t) => t.assignee_id === membership.user_id && t.group_id === membership.group_id, { assignee_id: null }, origin, authorId);
}

export function makeDefaultMembership(core: Core, user: UserRecord, membership: GroupMembershipRecord): void {
  setDefaultMembership(core, user, membership);
}

/** The user's membership of an organization, or undefined when they are not a member. */
export function organizationMembership(core: Core, user: UserRecord, organizationId: number): OrganizationMembershipRecord | undefined {
  return core.state.organizationMembershipsOfUser(user.id, isoSeconds(core.now())).find((m) => m.organization_id === organizationId);
}

/** Makes one of the user's organizations their default (their `organization_id`). */
export function makeDefaultOrganization(core: Core, user: UserRecord, membership: OrganizationMembershipRecord): void {
  if (user.organization_id === membership.organization_id) return;
  user.organization_id = membership.organization_id;
  user.updated_at = isoSeconds(core.now());
  core.state.users.changed(user);
}

/**
 * Removes a user from an organization: the organization leaves their working tickets, and when it was
 * their default, their oldest other organization (or none) becomes the default.
 */
export function removeFromOrganization(core: Core, user: UserRecord, membership: OrganizationMembershipRecord, origin: RequestOrigin, authorId: number): void {
  const s = core.state;
  s.organizationMemberships.remove(membership.id);
  if (user.organization_id === membership.organization_id) {
    // Cleared first: the listing below would otherwise record the default membership again.
    user.organization_id = null;
    user.organization_id = s.organizationMembershipsOfUser(user.id, isoSeconds(core.now()))[0]?.organization_id ?? null;
    user.updated_at = isoSeconds(core.now());
    s.users.changed(user);
  }
  unassignTickets(core, (t) => t.requester_id === user.id && t.organization_id === membership.organization_id, { organization_id: null }, origin, authorId);
}
