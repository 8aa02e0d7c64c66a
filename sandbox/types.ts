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
  token?: string;
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

export interface Sandbox {
  /** `http://HOST:PORT/api/v2` */
  baseUrl: string;
  credentials: SandboxCredentials;
  state: import('./state').SandboxState;
  stats: SandboxStats;
  setFaults(faults: FaultOptions | number | null): void;
  setRateLimit(perMinute: number, burst?: number): void;
  close(): Promise<void>;
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
