/**
 * User identities: the email addresses, phone numbers and accounts a user is known by. Email
 * identities follow the user's addresses (`email`, the primary one, and `secondary_emails`), so user
 * writes and identity writes always agree on them; the other types live here only. A user's
 * identities are made the first time they are asked for, and every read brings them in step.
 */
import type { Core } from './core';
import { isObject } from './core';
import { addError, hasErrors, notAnObject, readBooleans } from './field-errors';
import type { FieldErrors } from './reply';
import { isoSeconds } from './seed';
import type { IdentityRecord, IdentityType, UserRecord } from './types';

/** Types the API can add; the others (any_channel, foreign, sdk, messaging) come from channels. */
const CREATABLE: readonly IdentityType[] = ['email', 'twitter', 'facebook', 'google', 'phone_number', 'agent_forwarding'];
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const isEmail = (value: string) => value.length <= 254 && EMAIL.test(value);

export type IdentityWrite = { ok: true; identity: IdentityRecord } | { ok: false; errors: FieldErrors };

/** The user's addresses, the primary one first. */
const addressesOf = (user: UserRecord): string[] => (user.email ? [user.email, ...user.secondary_emails] : [...user.secondary_emails]);

function setAddresses(user: UserRecord, addresses: string[]): void {
  user.email = addresses[0] ?? null;
  user.secondary_emails = addresses.slice(1);
}

/** A user changed through its identities: exports and searches see it. */
function touch(core: Core, user: UserRecord): void {
  user.updated_at = isoSeconds(core.now());
  core.state.users.changed(user);
}

function newIdentity(core: Core, user: UserRecord, type: IdentityType, value: string, verified: boolean, at: string): IdentityRecord {
  return { id: core.state.nextIdentityId++, user_id: user.id, type, value, verified, primary: false, created_at: at, updated_at: at };
}

/**
 * The user's identities, oldest first: one email identity per address (the user's email the primary
 * one), and of every other type exactly one primary.
 */
export function identitiesOf(core: Core, user: UserRecord): IdentityRecord[] {
  const addresses = addressesOf(user);
  const list = (core.state.identities.get(user.id) ?? []).filter((i) => i.type !== 'email' || addresses.includes(i.value));
  for (const address of addresses) {
    if (list.some((i) => i.type === 'email' && i.value === address)) continue;
    const primary = address === user.email;
    list.push(newIdentity(core, user, 'email', address, primary && user.verified, primary ? user.created_at : user.updated_at));
  }
  list.sort((a, b) => a.id - b.id);
  const seen = new Set<IdentityType>();
  for (const i of list) {
    if (i.type === 'email') i.primary = i.value === user.email;
    else i.primary = i.primary && !seen.has(i.type);
    if (i.primary) seen.add(i.type);
  }
  for (const i of list) {
    if (i.type !== 'email' && !seen.has(i.type)) {
      i.primary = true;
      seen.add(i.type);
    }
  }
  core.state.identities.set(user.id, list);
  return list;
}

export function identityOf(core: Core, user: UserRecord, id: number): IdentityRecord | undefined {
  return identitiesOf(core, user).find((i) => i.id === id);
}

/** An email address no identity has yet: another user's address, or one of this user's, is a 422. */
function checkNewAddress(core: Core, user: UserRecord, value: string, errors: FieldErrors): string | null {
  if (!isEmail(value)) {
    addError(errors, 'value', `Value: ${value.slice(0, 100)} is not a valid email address`, 'InvalidValue');
    return null;
  }
  const address = value.toLowerCase();
  const owner = core.state.userByEmail.get(address);
  if (owner !== undefined && owner !== user.id) addError(errors, 'value', `Value: ${address} is already being used by another user`, 'DuplicateValue');
  else if (addressesOf(user).includes(address)) addError(errors, 'value', `Value: ${address} is already an identity of this user`, 'DuplicateValue');
  else return address;
  return null;
}

/** The primary email's verification is the user's. */
function syncVerified(user: UserRecord, identity: IdentityRecord): void {
  if (identity.type === 'email' && identity.primary) user.verified = identity.verified;
}

/** `{type, value, verified?, primary?}`: a new identity; a new email address becomes one of the user's addresses. */
export function createIdentity(core: Core, user: UserRecord, input: unknown): IdentityWrite {
  if (!isObject(input)) return notAnObject('Identity');
  const errors: FieldErrors = {};
  const type = input.type as IdentityType;
  if (!CREATABLE.includes(type)) addError(errors, 'type', `Type: ${JSON.stringify(input.type)} is not a type of identity that can be added`, 'InvalidValue');
  const value = typeof input.value === 'string' ? input.value.trim() : '';
  if (!value) addError(errors, 'value', 'Value: cannot be blank', 'BlankValue');
  const flags: { verified?: boolean; primary?: boolean } = {};
  readBooleans(input, ['verified', 'primary'], flags, errors);
  if (hasErrors(errors)) return { ok: false, errors };
  const list = identitiesOf(core, user);
  let identity: IdentityRecord;
  if (type === 'email') {
    const address = checkNewAddress(core, user, value, errors);
    if (!address) return { ok: false, errors };
    const addresses = addressesOf(user);
    setAddresses(user, flags.primary ? [address, ...addresses] : [...addresses, address]);
    core.state.userByEmail.set(address, user.id);
    identity = identitiesOf(core, user).find((i) => i.type === 'email' && i.value === address)!;
    identity.created_at = identity.updated_at = isoSeconds(core.now());
  } else {
    if (type === 'google' && !isEmail(value)) addError(errors, 'value', `Value: ${value.slice(0, 100)} is not a valid email address`, 'InvalidValue');
    if (list.some((i) => i.type === type && i.value === value)) addError(errors, 'value', `Value: ${value.slice(0, 100)} is already an identity of this user`, 'DuplicateValue');
    if (hasErrors(errors)) return { ok: false, errors };
    identity = newIdentity(core, user, type, value, false, isoSeconds(core.now()));
    if (flags.primary) for (const i of list) if (i.type === type) i.primary = false;
    identity.primary = flags.primary === true;
    list.push(identity);
  }
  identity.verified = flags.verified === true;
  syncVerified(user, identity);
  touch(core, user);
  identitiesOf(core, user);
  return { ok: true, identity };
}

/** `{value?, verified?}`: an email identity's new value replaces that address of the user. `primary` is not changed here. */
export function updateIdentity(core: Core, user: UserRecord, identity: IdentityRecord, input: unknown): IdentityWrite {
  if (!isObject(input)) return notAnObject('Identity');
  const errors: FieldErrors = {};
  const flags: { verified?: boolean } = {};
  readBooleans(input, ['verified'], flags, errors);
  let value: string | undefined;
  if ('value' in input) {
    value = typeof input.value === 'string' ? input.value.trim() : '';
    if (!value) addError(errors, 'value', 'Value: cannot be blank', 'BlankValue');
  }
  if (hasErrors(errors)) return { ok: false, errors };
  if (value !== undefined && value !== identity.value) {
    if (identity.type === 'email') {
      const address = checkNewAddress(core, user, value, errors);
      if (!address) return { ok: false, errors };
      setAddresses(user, addressesOf(user).map((a) => (a === identity.value ? address : a)));
      core.state.userByEmail.delete(identity.value);
      core.state.userByEmail.set(address, user.id);
      identity.value = address;
    } else identity.value = value;
  }
  if (flags.verified !== undefined) identity.verified = flags.verified;
  identity.updated_at = isoSeconds(core.now());
  syncVerified(user, identity);
  touch(core, user);
  return { ok: true, identity };
}

/** The identity becomes the primary one of its type; an email one becomes the user's email. Answers the whole list. */
export function makePrimary(core: Core, user: UserRecord, identity: IdentityRecord): IdentityRecord[] {
  if (identity.type === 'email') setAddresses(user, [identity.value, ...addressesOf(user).filter((a) => a !== identity.value)]);
  for (const i of identitiesOf(core, user)) if (i.type === identity.type) i.primary = i === identity;
  syncVerified(user, identity);
  touch(core, user);
  return identitiesOf(core, user);
}

export function verifyIdentity(core: Core, user: UserRecord, identity: IdentityRecord): IdentityRecord {
  identity.verified = true;
  identity.updated_at = isoSeconds(core.now());
  syncVerified(user, identity);
  touch(core, user);
  return identity;
}

/** Removes an identity; when it was the primary email, the user's next address becomes its email. */
export function deleteIdentity(core: Core, user: UserRecord, identity: IdentityRecord): void {
  if (identity.type === 'email') {
    setAddresses(user, addressesOf(user).filter((a) => a !== identity.value));
    core.state.userByEmail.delete(identity.value);
  }
  core.state.identities.set(user.id, identitiesOf(core, user).filter((i) => i !== identity));
  const next = identitiesOf(core, user).find((i) => i.type === 'email' && i.primary);
  if (identity.type === 'email' && identity.primary) user.verified = next?.verified ?? false;
  touch(core, user);
}

/**
 * A merge: every identity of `source` moves to `target` (an address the target already has is
 * dropped), and the source is left with none.
 */
export function moveIdentities(core: Core, source: UserRecord, target: UserRecord): void {
  const moving = identitiesOf(core, source);
  const kept = identitiesOf(core, target);
  const targetAddresses = addressesOf(target);
  const newAddresses = addressesOf(source).filter((a) => !targetAddresses.includes(a));
  setAddresses(target, [...targetAddresses, ...newAddresses]);
  for (const address of newAddresses) core.state.userByEmail.set(address, target.id);
  for (const i of moving) {
    if (i.type === 'email' && !newAddresses.includes(i.value)) continue;
    kept.push({ ...i, user_id: target.id, primary: false });
  }
  core.state.identities.set(target.id, kept);
  setAddresses(source, []);
  core.state.identities.set(source.id, []);
  identitiesOf(core, target);
  touch(core, source);
  touch(core, target);
}
