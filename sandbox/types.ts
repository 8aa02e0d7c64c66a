/**
 * Public types of the embedded Zendesk sandbox: options, the running handle, and the stored records.
 * Records use Zendesk's own field names so tests can compare them with API payloads directly.
 */

export type TicketStatus = 'new' | 'open' | 'pending' | 'hold' | 'solved' | 'closed';
export type TicketPriority = 'low' | 'normal' | 'high' | 'urgent';
export type TicketType = 'question' | 'incident' | 'problem' | 'task';
export type UserRole = 'end-user' | 'agent' | 'admin';

/** Per-kind fault probabilities (0..1); anything left out is 0. */
export interface FaultOptions {
  /** Answer 500, 502 or 503 (503 with `Retry-After: 1`) without touching state. */
  serverError?: number;
  /** Destroy the socket before reading or doing anything. */
  resetBefore?: number;
  /** Process the request fully (state changes), then destroy the socket without answering. */
  resetAfter?: number;
  /** Process the request, then answer after `slowMs`. */
  slow?: number;
  /** Delay of a `slow` fault, in ms (default 1500). */
  slowMs?: number;
}

export interface SandboxOptions {
  port?: number;
  host?: string;
  seed?: number;
  tickets?: number;
  users?: number;
  organizations?: number;
  groups?: number;
  email?: string;
  /** API token (default `sandbox-api-token`, or random when only accessToken is given). */
  token?: string;
  /** OAuth access token (default `sandbox-access-token`, or random when only token is given). */
  accessToken?: string;
  subdomain?: string;
  /** Requests per minute per credential; 0 or undefined = unlimited. */
  rateLimit?: number;
  /** Token bucket capacity (default: rateLimit). */
  rateLimitBurst?: number;
  /** Probability that a request gets a fault, split evenly among the four kinds. */
  faultRate?: number;
  /** Exact per-kind probabilities; when given, faultRate is ignored. */
  faults?: FaultOptions;
  /** Delay before a queued job starts and between its progress steps (default 50). */
  jobDelayMs?: number;
  /** Queued or working jobs allowed per credential before bulk calls answer 429 (default 30). */
  maxLiveJobs?: number;
  /** For this long after queueing, GET /job_statuses/{id} answers 404 as Zendesk sometimes does (default 0). */
  jobEarly404Ms?: number;
  /** The "now" seeded dates are spread back from (default: today 00:00 UTC, so data is stable within a day). */
  anchorDate?: Date | string | number;
  logger?: (line: string) => void;
  /**
   * The account setting that lets admins set users' passwords (POST /users/{id}/password). Off by
   * default, as on Zendesk: the sandbox then answers 403 like Zendesk does. `state.allowAdminSetPassword` changes it later.
   */
  allowAdminSetPassword?: boolean;
  /** Incremental export requests per minute per credential, on top of rateLimit (Zendesk: 10, the default); 0 = unlimited. */
  exportRateLimit?: number;
  /** Answers longer than this many bytes are gzipped for a client that asks (default 1024); Infinity: never. */
  gzipAbove?: number;
}

export interface SandboxCredentials {
  subdomain: string;
  email: string;
  apiToken: string;
  accessToken: string;
}

export interface FaultCounts {
  serverError: number;
  resetBefore: number;
  resetAfter: number;
  slow: number;
}

export interface SandboxStats {
  /** Requests by route, e.g. `GET /tickets/{id}` (unknown paths count as `unmatched`). */
  requests: Record<string, number>;
  /** Responses by HTTP status (resets and resetAfter faults are not responses). */
  responses: Record<number, number>;
  rateLimited: number;
  faults: FaultCounts;
  total: number;
}


export interface CustomFieldValue {
  id: number;
  value: unknown;
}

export interface TicketRecord {
  id: number;
  external_id: string | null;
  via_channel: string;
  created_at: string;
  updated_at: string;
  type: TicketType | null;
  subject: string;
  description: string;
  priority: TicketPriority | null;
  status: TicketStatus;
  requester_id: number;
  submitter_id: number;
  assignee_id: number | null;
  organization_id: number | null;
  group_id: number | null;
  collaborator_ids: number[];
  follower_ids: number[];
  problem_id: number | null;
  due_at: string | null;
  tags: string[];
  custom_fields: CustomFieldValue[];
  is_public: boolean;
}

export interface UserRecord {
  id: number;
  name: string;
  email: string | null;
  /** Addresses added by updates (Zendesk adds a secondary identity rather than replacing). */
  secondary_emails: string[];
  role: UserRole;
  custom_role_id: number | null;
  organization_id: number | null;
  default_group_id: number | null;
  phone: string | null;
  tags: string[];
  external_id: string | null;
  details: string;
  notes: string;
  verified: boolean;
  active: boolean;
  suspended: boolean;
  time_zone: string;
  locale: string;
  user_fields: Record<string, unknown>;
  last_login_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface OrganizationRecord {
  id: number;
  name: string;
  domain_names: string[];
  details: string | null;
  notes: string | null;
  group_id: number | null;
  shared_tickets: boolean;
  shared_comments: boolean;
  tags: string[];
  external_id: string | null;
  organization_fields: Record<string, unknown>;
  created_at: string;
  updated_at: string;
}

export interface GroupRecord {
  id: number;
  name: string;
  description: string;
  default: boolean;
  is_public: boolean;
  deleted: boolean;
  created_at: string;
  updated_at: string;
}

export interface TicketComment {
  id: number;
  ticket_id: number;
  audit_id: number | null;
  author_id: number;
  body: string;
  public: boolean;
  created_at: string;
}

/** Where a change came from, so tests can tell a replayed request from a new one. */
export interface RequestOrigin {
  requestId: string;
  method: string;
  path: string;
  account: string;
  idempotencyKey?: string;
  jobId?: string;
}

export interface FieldChange {
  from: unknown;
  to: unknown;
}

export interface TicketAudit {
  id: number;
  ticket_id: number;
  kind: 'create' | 'update' | 'merge';
  author_id: number;
  created_at: string;
  /** Field name → previous and new value (for `create`, `from` is null). */
  changes: Record<string, FieldChange>;
  /** The comment this audit added, if any. */
  comment_id: number | null;
  origin: RequestOrigin;
}

export type JobState = 'queued' | 'working' | 'completed' | 'failed' | 'killed';

export interface JobResult {
  id?: number | null;
  index?: number;
  action?: string;
  status?: string;
  success?: boolean;
  error?: string;
  details?: string;
  /** The external id a bulk call by external ids named the record by. */
  external_id?: string | null;
}

export interface JobRecord {
  id: string;
  job_type: string;
  status: JobState;
  total: number;
  progress: number | null;
  message: string | null;
  results: JobResult[] | null;
  account: string;
  queuedAt: number;
  finishedAt: number | null;
}

// Account security (sessions, passwords, GDPR deletion, ticket skips).

/** A session of a user: a browser where they are signed in. */
export interface SessionRecord {
  id: number;
  user_id: number;
  authenticated_at: string;
  last_seen_at: string;
}

/** A ticket an agent skipped in guided mode. */
export interface TicketSkipRecord {
  id: number;
  ticket_id: number;
  user_id: number;
  reason: string;
  created_at: string;
  updated_at: string;
}

/** One agent in one group. `default` marks the agent's default group (mirrored in the user's `default_group_id`). */
export interface GroupMembershipRecord {
  id: number;
  user_id: number;
  group_id: number;
  default: boolean;
  created_at: string;
  updated_at: string;
}

/** One step of the GDPR deletion of a user in one area of compliance (`id` is the sandbox's, for paging). */
export interface ComplianceDeletionStatusRecord {
  id: number;
  user_id: number;
  action: 'request_deletion' | 'started' | 'complete';
  application: string;
  executer_id: number | null;
  created_at: string;
}

/** What the sandbox keeps of a password an admin set: a SHA-256 of it, never the password. */
export interface PasswordRecord {
  sha256: string;
  set_at: string;
  set_by: number;
}

/** A reminder to the owner asking for an agent seat (POST /users/request_create). */
export interface UserCreateRequestRecord {
  name: string;
  email: string | null;
  requested_by: number;
  at: string;
}

/** A user's profile shown in an agent's browser (the Talk display endpoint). */
export interface ProfileDisplayRecord {
  agent_id: number;
  user_id: number;
  at: string;
}

/**
 * One user in one organization. A user may belong to several; the default one is the user's
 * `organization_id` (not stored here, so it can never disagree with the user).
 */
export interface OrganizationMembershipRecord {
  id: number;
  user_id: number;
  organization_id: number;
  created_at: string;
  updated_at: string;
}

export type SharingAgreementStatus = 'accepted' | 'declined' | 'pending' | 'inactive' | 'failed' | 'ssl_error' | 'configuration_error';

/** Ticket sharing with another Zendesk account. */
export interface SharingAgreementRecord {
  id: number;
  name: string;
  type: 'inbound' | 'outbound';
  status: SharingAgreementStatus;
  partner_name: string | null;
  remote_subdomain: string;
  created_at: string;
  updated_at: string;
}

export type IdentityType =
  | 'email'
  | 'twitter'
  | 'facebook'
  | 'google'
  | 'phone_number'
  | 'agent_forwarding'
  | 'any_channel'
  | 'foreign'
  | 'sdk'
  | 'messaging';

/** One way a user is known: an email address (kept in step with the user's email), a phone number, an account. */
export interface IdentityRecord {
  id: number;
  user_id: number;
  type: IdentityType;
  value: string;
  verified: boolean;
  /** The primary identity of its type; the primary email is the user's `email`. */
  primary: boolean;
  created_at: string;
  updated_at: string;
}
