/**
 * Merging one end user into another, as Zendesk does: only end users, and only a requester of at
 * most 10,000 tickets; the source's requested tickets and identities move to the target, and the
 * source is deleted.
 */
import type { Core } from './core';
import { addError, hasErrors } from './field-errors';
import { moveIdentities } from './identities';
import type { FieldErrors } from './reply';
import { isoSeconds } from './seed';
import type { UserRecord } from './types';
import { deleteUser } from './user-writes';

const MAX_REQUESTED_TICKETS = 10_000;
const CANNOT = `agents, admins, and users with more than ${MAX_REQUESTED_TICKETS.toLocaleString('en-US')} requested tickets cannot be merged`;

const requestedBy = (core: Core, user: UserRecord) => [...core.state.tickets.map.values()].filter((t) => t.requester_id === user.id);

/** Why these two users cannot be merged (422 details), or null when they can. */
export function mergeProblem(core: Core, source: UserRecord, target: UserRecord): FieldErrors | null {
  const errors: FieldErrors = {};
  for (const [user, which] of [[source, 'user to merge'], [target, 'user to merge into']] as const) {
    if (user.role !== 'end-user') {
      addError(errors, 'base', `The ${which} (${user.id}) is an ${user.role}: ${CANNOT}`, 'InvalidValue');
    }
  }
  if (source.id === target.id) addError(errors, 'base', 'A user cannot be merged into itself', 'InvalidValue');
  if (!target.active) addError(errors, 'base', `The user to merge into (${target.id}) is deleted`, 'InvalidValue');
  if (requestedBy(core, source).length > MAX_REQUESTED_TICKETS) {
    addError(errors, 'base', `The user to merge is the requester of more than ${MAX_REQUESTED_TICKETS.toLocaleString('en-US')} tickets: ${CANNOT}`, 'InvalidValue');
  }
  return hasErrors(errors) ? errors : null;
}

/** Moves the source's requested tickets and identities to the target, then deletes the source. */
export function mergeUsers(core: Core, source: UserRecord, target: UserRecord): UserRecord {
  const at = isoSeconds(core.now());
  for (const ticket of requestedBy(core, source)) {
    ticket.requester_id = target.id;
    ticket.updated_at = at;
    core.state.tickets.changed(ticket);
  }
  moveIdentities(core, source, target);
  deleteUser(core, source);
  return target;
}
