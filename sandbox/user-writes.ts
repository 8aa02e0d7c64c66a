/** Creating, updating and soft-deleting users, shared by the single routes and the bulk jobs. */
import type { Core } from './core';
import { isObject, readId } from './core';
import { addError, hasErrors, notAnObject, readBooleans, readCustomFields, readReference, readTags } from './field-errors';
import type { FieldErrors } from './reply';
import { isoSeconds } from './seed';
import type { UserRecord, UserRole } from './types';

export type UserWrite = { ok: true; user: UserRecord } | { ok: false; errors: FieldErrors };

const ROLES: readonly UserRole[] = ['end-user', 'agent', 'admin'];
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
/** RFC 5321's limit; checked before the pattern, whose backtracking is quadratic on long hostile text. */
const EMAIL_MAX_LENGTH = 254;

function checkEmail(core: Core, email: unknown, selfId: number | null, errors: FieldErrors): string | null {
  if (typeof email !== 'string' || email.trim().length > EMAIL_MAX_LENGTH || !EMAIL.test(email.trim())) {
    addError(errors, 'email', `Email: ${String(email)} is not properly formatted`, 'InvalidValue');
    return null;
  }
  const e = email.trim().toLowerCase();
  const owner = core.state.userByEmail.get(e);
  if (owner !== undefined && owner !== selfId) {
    addError(errors, 'email', `Email: ${e} is already being used by another user`, 'DuplicateValue');
    return null;
  }
  return e;
}

/** Reads the writable fields other than email (handled separately: create sets it, update adds one). */
function readFields(core: Core, input: Record<string, unknown>, self: UserRecord | null, errors: FieldErrors): Partial<UserRecord> {
  const s = core.state;
  const patch: Partial<UserRecord> = {};
  if ('name' in input || !self) {
    if (typeof input.name === 'string' && input.name.trim()) patch.name = input.name.trim();
    else addError(errors, 'name', 'Name: cannot be blank', 'BlankValue');
  }
  if ('role' in input) {
    const r = typeof input.role === 'string' ? input.role.toLowerCase().replace('_', '-') : '';
    if ((ROLES as readonly string[]).includes(r)) patch.role = r as UserRole;
    else addError(errors, 'role', `Role: ${JSON.stringify(input.role)} is not valid`, 'InvalidValue');
  }
  readReference(input, 'organization_id', (id) => s.organizations.get(id), 'organization', patch, errors);
  readReference(input, 'default_group_id', (id) => s.groups.get(id), 'group', patch, errors);
  if ('external_id' in input) {
    const v = input.external_id === null ? null : String(input.external_id);
    const taken = v !== null && [...s.users.map.values()].some((u) => u.external_id === v && u.id !== self?.id);
    if (taken) addError(errors, 'external_id', `External id: ${v} has already been taken`, 'DuplicateValue');
    else patch.external_id = v;
  }
  for (const f of ['phone', 'details', 'notes', 'time_zone', 'locale'] as const) {
    if (!(f in input)) continue;
    const v = input[f];
    if (typeof v === 'string' || (v === null && f === 'phone')) (patch as Record<string, unknown>)[f] = v;
    else addError(errors, f, `${f}: must be text`, 'InvalidValue');
  }
  readBooleans(input, ['verified', 'suspended'], patch, errors);
  readTags(input, patch, errors);
  readCustomFields(input, 'user_fields', self?.user_fields, patch, errors);
  if ('custom_role_id' in input) {
    const v = input.custom_role_id;
    const id = readId(v);
    if (v === null || id !== null) patch.custom_role_id = id;
    else addError(errors, 'custom_role_id', 'Custom role: must be an id', 'InvalidValue');
  }
  return patch;
}

export function createUser(core: Core, input: unknown): UserWrite {
  if (!isObject(input)) return notAnObject('User');
  const errors: FieldErrors = {};
  const patch = readFields(core, input, null, errors);
  const email = input.email === undefined || input.email === null ? null : checkEmail(core, input.email, null, errors);
  if (hasErrors(errors)) return { ok: false, errors };
  const s = core.state;
  const at = isoSeconds(core.now());
  const user: UserRecord = {
    id: s.nextUserId++,
    name: patch.name!,
    email,
    secondary_emails: [],
    role: patch.role ?? 'end-user',
    custom_role_id: patch.custom_role_id ?? null,
    organization_id: patch.organization_id ?? null,
    default_group_id: patch.default_group_id ?? null,
    phone: patch.phone ?? null,
    tags: patch.tags ?? [],
    external_id: patch.external_id ?? null,
    details: patch.details ?? '',
    notes: patch.notes ?? '',
    verified: patch.verified ?? false,
    active: true,
    suspended: patch.suspended ?? false,
    time_zone: patch.time_zone ?? 'Eastern Time (US & Canada)',
    locale: patch.locale ?? 'en-US',
    user_fields: patch.user_fields ?? {},
    last_login_at: null,
    created_at: at,
    updated_at: at,
  };
  s.users.add(user);
  if (email) s.userByEmail.set(email, user.id);
  return { ok: true, user };
}

export function updateUser(core: Core, user: UserRecord, input: unknown): UserWrite {
  if (!isObject(input)) return notAnObject('User');
  const errors: FieldErrors = {};
  const patch = readFields(core, input, user, errors);
  let newEmail: string | null = null;
  if (input.email !== undefined && input.email !== null) newEmail = checkEmail(core, input.email, user.id, errors);
  if (hasErrors(errors)) return { ok: false, errors };
  let changed = false;
  for (const [k, v] of Object.entries(patch)) {
    const key = k as keyof UserRecord;
    if (JSON.stringify(user[key]) !== JSON.stringify(v)) {
      (user as unknown as Record<string, unknown>)[key] = v;
      changed = true;
    }
  }
  // An email on update adds an identity; the primary address stays unless there was none.
  if (newEmail && newEmail !== user.email && !user.secondary_emails.includes(newEmail)) {
    if (user.email === null) user.email = newEmail;
    else user.secondary_emails.push(newEmail);
    core.state.userByEmail.set(newEmail, user.id);
    changed = true;
  }
  if (changed) {
    user.updated_at = isoSeconds(core.now());
    core.state.users.changed(user);
  }
  return { ok: true, user };
}

export function deleteUser(core: Core, user: UserRecord): UserRecord {
  if (user.active) {
    user.active = false;
    user.updated_at = isoSeconds(core.now());
    core.state.users.changed(user);
  }
  return user;
}

/** `requester: {name, email}` on a ticket: the user with that email, or a new end-user. */
export function findOrCreateRequester(core: Core, requester: unknown): number | null {
  const id = readId(requester);
  if (id !== null) return core.state.users.get(id) ? id : null;
  if (!isObject(requester) || typeof requester.email !== 'string') return null;
  const existing = core.state.userByEmail.get(requester.email.trim().toLowerCase());
  if (existing !== undefined) return existing;
  const name = typeof requester.name === 'string' && requester.name.trim() ? requester.name : requester.email.split('@')[0];
  const made = createUser(core, { name, email: requester.email, role: 'end-user' });
  return made.ok ? made.user.id : null;
}
