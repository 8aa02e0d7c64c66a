/**
 * Account security data: seeded sessions and ticket skips, the serializers of sessions, skips, GDPR
 * statuses and deleted users, and permanent deletion. Kept apart from the core records so the rest
 * of the sandbox does not change for them.
 */
import { createHash } from 'node:crypto';
import type { Core } from './core';
import { Prng, streamSeed } from './prng';
import { isoSeconds } from './seed';
import type { SandboxState } from './state';
import type { ComplianceDeletionStatusRecord, SessionRecord, TicketSkipRecord, UserRecord } from './types';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const SKIP_REASONS = [
  'I have no idea.',
  'Needs someone from billing.',
  'Not my language, sorry.',
  'Waiting for engineering to answer first.',
  'Too big for guided mode: needs a specialist.',
] as const;

/**
 * A few sessions for every user who has signed in (agents 2 to 4, end users 1 or 2), and a few skipped
 * tickets per agent. Drawn from their own PRNG stream, so the records seeded before them do not change.
 */
export function seedAccountSecurity(state: SandboxState, c: { seed: number; anchorMs: number }): void {
  const rng = new Prng(streamSeed(c.seed, 17));
  const staff: number[] = [];
  for (const user of state.users.map.values()) {
    if (user.role !== 'end-user') staff.push(user.id);
    if (!user.last_login_at) continue;
    const signedIn = Date.parse(user.last_login_at);
    const count = user.role === 'end-user' ? 1 + rng.int(2) : 2 + rng.int(3);
    for (let i = 0; i < count; i++) {
      const authenticated = signedIn - i * DAY - rng.int(DAY);
      const lastSeen = Math.min(c.anchorMs, authenticated + rng.int(12 * HOUR));
      state.sessions.add({ id: state.nextSessionId++, user_id: user.id, authenticated_at: isoSeconds(authenticated), last_seen_at: isoSeconds(lastSeen) });
    }
  }
  const ticketCount = state.tickets.size;
  if (!ticketCount) return;
  for (const agentId of staff) {
    const count = rng.int(4);
    for (let i = 0; i < count; i++) {
      const ticket = state.tickets.get(1 + rng.int(ticketCount));
      if (!ticket) continue;
      const at = isoSeconds(Math.min(c.anchorMs, Date.parse(ticket.created_at) + rng.int(7 * DAY)));
      state.ticketSkips.add({ id: state.nextTicketSkipId++, ticket_id: ticket.id, user_id: agentId, reason: rng.pick(SKIP_REASONS), created_at: at, updated_at: at });
    }
  }
}

export function sessionObject(s: SessionRecord, base: string): Record<string, unknown> {
  return { id: s.id, user_id: s.user_id, authenticated_at: s.authenticated_at, last_seen_at: s.last_seen_at, url: `${base}/users/${s.user_id}/sessions/${s.id}.json` };
}

export function complianceDeletionStatusObject(r: ComplianceDeletionStatusRecord, subdomain: string): Record<string, unknown> {
  return { action: r.action, application: r.application, account_subdomain: subdomain, executer_id: r.executer_id, user_id: r.user_id, created_at: r.created_at };
}

/** A deleted user as /deleted_users answers it (fields the OAS declares non-nullable are left out when null). */
export function deletedUserObject(u: UserRecord, base: string): Record<string, unknown> {
  const obj: Record<string, unknown> = {
    id: u.id,
    url: `${base}/deleted_users/${u.id}.json`,
    name: u.name,
    email: u.email,
    phone: u.phone,
    shared_phone_number: null,
    photo: null,
    role: u.role,
    locale: u.locale,
    locale_id: 1,
    time_zone: u.time_zone,
    active: false,
    created_at: u.created_at,
    updated_at: u.updated_at,
  };
  if (u.organization_id !== null) obj.organization_id = u.organization_id;
  return obj;
}

/**
 * The JSON of sessions, skips and GDPR statuses. A skip embeds its ticket, whose JSON changes with the
 * ticket: the skips route drops a skip's cached JSON before answering.
 */
export function setAccountSecuritySerializers(state: SandboxState, base: string, subdomain: string): void {
  state.sessions.setSerializer((s) => JSON.stringify(sessionObject(s, base)));
  state.complianceDeletionStatuses.setSerializer((r) => JSON.stringify(complianceDeletionStatusObject(r, subdomain)));
  state.ticketSkips.setSerializer((k: TicketSkipRecord) => {
    const { id, ticket_id, user_id, reason, created_at, updated_at } = k;
    const ticket = state.tickets.get(ticket_id);
    return `${JSON.stringify({ id, ticket_id, user_id, reason, created_at, updated_at }).slice(0, -1)},"ticket":${ticket ? state.tickets.toJson(ticket) : 'null'}}`;
  });
}

/** Ends every session of these users; the number of sessions ended. */
export function endSessions(state: SandboxState, userIds: Iterable<number>): number {
  const ids = new Set(userIds);
  const ended = [...state.sessions.map.values()].filter((s) => ids.has(s.user_id));
  for (const s of ended) state.sessions.remove(s.id);
  return ended.length;
}

/** What the sandbox keeps of a password: its SHA-256, so tests can check which one was set. */
export const passwordDigest = (password: string) => createHash('sha256').update(password).digest('hex');

/**
 * Erases a deleted user for good: the user leaves `users` (and the email lookup), their sessions,
 * skips and password go, and the GDPR deletion steps are recorded as requested by `executerId` and done.
 */
export function permanentlyDelete(core: Core, user: UserRecord, executerId: number): void {
  const s = core.state;
  s.users.remove(user.id);
  for (const email of [user.email, ...user.secondary_emails]) if (email && s.userByEmail.get(email) === user.id) s.userByEmail.delete(email);
  endSessions(s, [user.id]);
  for (const k of [...s.ticketSkips.map.values()]) if (k.user_id === user.id) s.ticketSkips.remove(k.id);
  s.passwords.delete(user.id);
  s.permanentlyDeletedUsers.set(user.id, user);
  const at = isoSeconds(core.now());
  const steps: [ComplianceDeletionStatusRecord['action'], string, number | null][] = [
    ['request_deletion', 'all', executerId],
    ['started', 'support', null],
    ['complete', 'support', null],
  ];
  for (const [action, application, executer] of steps) {
    s.complianceDeletionStatuses.add({ id: s.nextComplianceStatusId++, user_id: user.id, action, application, executer_id: executer, created_at: at });
  }
}
