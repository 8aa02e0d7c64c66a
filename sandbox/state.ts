/**
 * Everything the sandbox knows: records, comments, audits and jobs. Tests read it directly; writes
 * from tests must call `changed(...)` afterwards so cached JSON and search text are rebuilt.
 */
import { Collection } from './collection';
import { normalize } from './search/text';
import type {
  GroupMembershipRecord,
  GroupRecord,
  IdentityRecord,
  JobRecord,
  OrganizationMembershipRecord,
  OrganizationRecord,
  SharingAgreementRecord,
  TicketAudit,
  TicketComment,
  TicketRecord,
  UserRecord,
} from './types';
import type {
  ComplianceDeletionStatusRecord,
  PasswordRecord,
  ProfileDisplayRecord,
  SessionRecord,
  TicketSkipRecord,
  UserCreateRequestRecord,
} from './types';

export const STATUS_ORDER = ['new', 'open', 'pending', 'hold', 'solved', 'closed'] as const;
export const PRIORITY_ORDER = ['low', 'normal', 'high', 'urgent'] as const;

/** Id ranges shaped like a real account's: tickets count from 1, everything else is a large integer. */
export const ID_BASE = {
  user: 360_000_000_000,
  organization: 360_000_500_000,
  group: 360_000_900_000,
  seededComment: 10_000_000_000,
  event: 20_000_000_000,
} as const;

const rank = (order: readonly string[], v: string | null): number => (v === null ? -1 : order.indexOf(v));

export class SandboxState {
  readonly tickets = new Collection<TicketRecord>(
    'tickets',
    {
      id: (t) => t.id,
      created_at: (t) => t.created_at,
      updated_at: (t) => t.updated_at,
      status: (t) => rank(STATUS_ORDER, t.status),
      priority: (t) => rank(PRIORITY_ORDER, t.priority),
      ticket_type: (t) => t.type ?? '',
      subject: (t) => t.subject.toLowerCase(),
    },
    (t) => normalize(`${t.subject} ${t.description}`),
  );
  readonly users = new Collection<UserRecord>(
    'users',
    { id: (u) => u.id, name: (u) => u.name.toLowerCase(), created_at: (u) => u.created_at, updated_at: (u) => u.updated_at },
    (u) => normalize(`${u.name} ${u.email ?? ''} ${u.secondary_emails.join(' ')}`),
  );
  readonly organizations = new Collection<OrganizationRecord>(
    'organizations',
    { id: (o) => o.id, name: (o) => o.name.toLowerCase(), created_at: (o) => o.created_at, updated_at: (o) => o.updated_at },
    (o) => normalize(o.name),
  );
  readonly groups = new Collection<GroupRecord>(
    'groups',
    { id: (g) => g.id, name: (g) => g.name.toLowerCase(), created_at: (g) => g.created_at, updated_at: (g) => g.updated_at },
    (g) => normalize(g.name),
  );
  /** Deleted tickets leave the list (Zendesk moves them to "deleted tickets"). */
  readonly deletedTickets = new Map<number, TicketRecord>();
  readonly jobs = new Map<string, JobRecord>();
  readonly audits = new Map<number, TicketAudit[]>();
  readonly comments = new Map<number, TicketComment[]>();
  /** Lower-cased email → user id, for duplicate checks and `requester:` lookups. */
  readonly userByEmail = new Map<string, number>();
  /** Trimmed lower-cased name → organization id (names are unique). */
  readonly orgByName = new Map<string, number>();

  nextTicketId = 1;
  nextUserId = ID_BASE.user + 1;
  nextOrganizationId = ID_BASE.organization + 1;
  nextGroupId = ID_BASE.group + 1;
  private nextEventId = ID_BASE.event + 1;
  /** Seeded tickets get their first comment only when someone asks (saves memory at 100k tickets). */
  readonly seededTicketMax = { value: 0 };

  /** The admin who owns the sandbox credentials. */
  ownerId = ID_BASE.user + 1;

  ticket(id: number): TicketRecord | undefined {
    return this.tickets.get(id);
  }

  user(id: number): UserRecord | undefined {
    return this.users.get(id);
  }

  organization(id: number): OrganizationRecord | undefined {
    return this.organizations.get(id);
  }

  group(id: number): GroupRecord | undefined {
    return this.groups.get(id);
  }

  job(id: string): JobRecord | undefined {
    return this.jobs.get(id);
  }

  newEventId(): number {
    return this.nextEventId++;
  }

  auditsFor(ticketId: number): TicketAudit[] {
    return this.audits.get(ticketId) ?? [];
  }

  /** All comments of a ticket, oldest first; the first one is the description. */
  commentsFor(ticketId: number): TicketComment[] {
    let list = this.comments.get(ticketId);
    if (!list) {
      list = [];
      const t = this.tickets.get(ticketId) ?? this.deletedTickets.get(ticketId);
      if (t && ticketId <= this.seededTicketMax.value) {
        list.push({
          id: ID_BASE.seededComment + ticketId,
          ticket_id: ticketId,
          audit_id: null,
          author_id: t.requester_id,
          body: t.description,
          public: true,
          created_at: t.created_at,
        });
      }
      this.comments.set(ticketId, list);
    }
    return list;
  }

  /** Call after changing a record in place so its cached JSON and search text are rebuilt. */
  changed(kind: 'tickets' | 'users' | 'organizations' | 'groups', id: number): void {
    const coll = this[kind] as unknown as Collection<{ id: number }>;
    const rec = coll.get(id);
    if (rec) coll.changed(rec);
  }

  // Account security: sessions, password setting, GDPR deletion, ticket skips.

  /** Sessions of every user (a few seeded per user who has signed in). */
  readonly sessions = new Collection<SessionRecord>('sessions', { id: (s) => s.id }, () => '');
  readonly ticketSkips = new Collection<TicketSkipRecord>('ticketSkips', { id: (k) => k.id }, () => '');
  readonly complianceDeletionStatuses = new Collection<ComplianceDeletionStatusRecord>('complianceDeletionStatuses', { id: (c) => c.id }, () => '');
  /** Users deleted for good: gone from `users` (and their sessions, skips and password), kept here as they were. */
  readonly permanentlyDeletedUsers = new Map<number, UserRecord>();
  /** Passwords admins set, by user id (a hash only). */
  readonly passwords = new Map<number, PasswordRecord>();
  readonly userCreateRequests: UserCreateRequestRecord[] = [];
  readonly profileDisplays: ProfileDisplayRecord[] = [];
  /** The account setting that lets admins set passwords: off unless the sandbox was started with it. */
  allowAdminSetPassword = false;
  nextSessionId = 1;
  nextTicketSkipId = 1;
  nextComplianceStatusId = 1;

  // Group memberships, users' organization memberships and sharing agreements (no search text).
  readonly groupMemberships = new Collection<GroupMembershipRecord>(
    'group_memberships',
    { id: (m) => m.id, created_at: (m) => m.created_at, updated_at: (m) => m.updated_at },
    () => '',
  );
  readonly organizationMemberships = new Collection<OrganizationMembershipRecord>(
    'organization_memberships',
    { id: (m) => m.id, created_at: (m) => m.created_at, updated_at: (m) => m.updated_at },
    () => '',
  );
  readonly sharingAgreements = new Collection<SharingAgreementRecord>(
    'sharing_agreements',
    { id: (a) => a.id, created_at: (a) => a.created_at, updated_at: (a) => a.updated_at },
    () => '',
  );
  nextGroupMembershipId = 360_001_000_001;
  nextOrganizationMembershipId = 360_001_500_001;
  nextSharingAgreementId = 88_001;

  /** The memberships of a user (agents: their groups), oldest first. */
  groupMembershipsOfUser(userId: number): GroupMembershipRecord[] {
    return [...this.groupMemberships.map.values()].filter((m) => m.user_id === userId);
  }

  /**
   * The organization memberships of a user whose organizations still exist. The default one (the user's
   * `organization_id`) is recorded when missing: an update of `organization_id` through the users API
   * makes the user a member, as in Zendesk.
   */
  organizationMembershipsOfUser(userId: number, now: string): OrganizationMembershipRecord[] {
    const user = this.users.get(userId);
    const list = [...this.organizationMemberships.map.values()].filter((m) => m.user_id === userId && this.organizations.get(m.organization_id));
    const orgId = user?.organization_id ?? null;
    if (orgId !== null && this.organizations.get(orgId) && !list.some((m) => m.organization_id === orgId)) {
      const membership = { id: this.nextOrganizationMembershipId++, user_id: userId, organization_id: orgId, created_at: now, updated_at: now };
      this.organizationMemberships.add(membership);
      list.push(membership);
    }
    return list;
  }

  /** User id → the user's identities, made the first time they are asked for (see identities.ts). */
  readonly identities = new Map<number, IdentityRecord[]>();
  /** Identity ids: a large integer range of their own, as on a real account. */
  nextIdentityId = 361_000_000_001;
}
