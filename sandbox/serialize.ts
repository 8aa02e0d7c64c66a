/**
 * Records → Zendesk API objects. Field sets follow the OpenAPI file; fields the OAS declares
 * non-nullable are left out rather than sent as null, so responses validate against it.
 */
import type { SandboxState } from './state';
import type {
  GroupMembershipRecord, GroupRecord, IdentityRecord, JobRecord, OrganizationMembershipRecord, OrganizationRecord, SharingAgreementRecord, TicketAudit,
  TicketComment, TicketRecord, UserRecord,
} from './types';

export const BRAND_ID = 360_000_000_011;
export const TICKET_FORM_ID = 360_000_000_021;
/** Zendesk's default custom statuses, one per status category. */
const CUSTOM_STATUS: Record<string, number> = {
  new: 360_000_000_101, open: 360_000_000_102, pending: 360_000_000_103,
  hold: 360_000_000_104, solved: 360_000_000_105, closed: 360_000_000_105,
};

function via(channel: string): object {
  return { channel, source: { from: {}, to: {}, rel: null } };
}

function encodedId(id: number): string {
  const s = (id * 2654435761 % 2 ** 32).toString(36).toUpperCase().padStart(7, '0');
  return `${s.slice(0, 6)}-${s.slice(6)}${id.toString(36).toUpperCase()}`;
}

export function ticketObject(t: TicketRecord, base: string, subdomainEmail: string): Record<string, unknown> {
  return {
    url: `${base}/tickets/${t.id}.json`,
    id: t.id,
    external_id: t.external_id,
    via: via(t.via_channel),
    created_at: t.created_at,
    updated_at: t.updated_at,
    generated_timestamp: Math.floor(Date.parse(t.updated_at) / 1000),
    type: t.type,
    subject: t.subject,
    raw_subject: t.subject,
    description: t.description,
    priority: t.priority,
    status: t.status,
    recipient: subdomainEmail,
    requester_id: t.requester_id,
    submitter_id: t.submitter_id,
    assignee_id: t.assignee_id,
    organization_id: t.organization_id,
    group_id: t.group_id,
    collaborator_ids: t.collaborator_ids,
    follower_ids: t.follower_ids,
    email_cc_ids: [],
    problem_id: t.problem_id,
    has_incidents: false,
    is_public: t.is_public,
    due_at: t.due_at,
    tags: t.tags,
    custom_fields: t.custom_fields,
    satisfaction_rating: { score: 'unoffered' },
    sharing_agreement_ids: [],
    custom_status_id: CUSTOM_STATUS[t.status],
    encoded_id: encodedId(t.id),
    fields: t.custom_fields,
    followup_ids: [],
    ticket_form_id: TICKET_FORM_ID,
    brand_id: BRAND_ID,
    allow_channelback: false,
    allow_attachments: true,
    from_messaging_channel: false,
  };
}

export function userObject(u: UserRecord, base: string): Record<string, unknown> {
  const staff = u.role !== 'end-user';
  const obj: Record<string, unknown> = {
    id: u.id,
    url: `${base}/users/${u.id}.json`,
    name: u.name,
    email: u.email,
    created_at: u.created_at,
    updated_at: u.updated_at,
    time_zone: u.time_zone,
    iana_time_zone: 'Etc/UTC',
    phone: u.phone,
    shared_phone_number: null,
    photo: null,
    locale_id: 1,
    locale: u.locale,
    organization_id: u.organization_id,
    role: u.role,
    verified: u.verified,
    external_id: u.external_id,
    tags: u.tags,
    alias: '',
    active: u.active,
    shared: false,
    shared_agent: false,
    two_factor_auth_enabled: null,
    signature: '',
    details: u.details,
    notes: u.notes,
    role_type: null,
    custom_role_id: u.custom_role_id,
    moderator: staff,
    ticket_restriction: staff ? null : 'requested',
    only_private_comments: false,
    restricted_agent: !staff,
    suspended: u.suspended,
    default_group_id: u.default_group_id,
    report_csv: u.role === 'admin',
    user_fields: u.user_fields,
  };
  if (u.last_login_at) obj.last_login_at = u.last_login_at;
  if (u.default_group_id === null) delete obj.default_group_id;
  if (u.email === null) delete obj.email;
  return obj;
}

export function organizationObject(o: OrganizationRecord, base: string): Record<string, unknown> {
  return {
    url: `${base}/organizations/${o.id}.json`,
    id: o.id,
    name: o.name,
    shared_tickets: o.shared_tickets,
    shared_comments: o.shared_comments,
    external_id: o.external_id,
    created_at: o.created_at,
    updated_at: o.updated_at,
    domain_names: o.domain_names,
    details: o.details,
    notes: o.notes,
    group_id: o.group_id,
    tags: o.tags,
    organization_fields: o.organization_fields,
  };
}

export function groupObject(g: GroupRecord, base: string): Record<string, unknown> {
  return {
    url: `${base}/groups/${g.id}.json`,
    id: g.id,
    is_public: g.is_public,
    name: g.name,
    description: g.description,
    default: g.default,
    deleted: g.deleted,
    created_at: g.created_at,
    updated_at: g.updated_at,
  };
}

export function jobObject(j: JobRecord, base: string): Record<string, unknown> {
  return {
    id: j.id,
    url: `${base}/job_statuses/${j.id}.json`,
    job_type: j.job_type,
    total: j.total,
    progress: j.progress,
    status: j.status,
    message: j.message,
    results: j.results,
  };
}

/** An audit as the API shows it; event values the OAS cannot type (lists, null) are flattened or left out. */
export function auditObject(a: TicketAudit, state: SandboxState): Record<string, unknown> {
  const events: Record<string, unknown>[] = [];
  let eventId = a.id + 1;
  const comment: TicketComment | undefined = a.comment_id
    ? state.commentsFor(a.ticket_id).find((c) => c.id === a.comment_id)
    : undefined;
  if (comment) {
    events.push({
      id: comment.id,
      type: 'Comment',
      author_id: comment.author_id,
      body: comment.body,
      html_body: `<div class="zd-comment"><p>${escapeHtml(comment.body)}</p></div>`,
      plain_body: comment.body,
      public: comment.public,
      attachments: [],
      audit_id: a.id,
    });
  }
  for (const [field, change] of Object.entries(a.changes)) {
    const ev: Record<string, unknown> = { id: eventId++, type: a.kind === 'create' ? 'Create' : 'Change', field_name: field };
    const value = eventValue(change.to);
    if (value !== undefined) ev.value = value;
    if (a.kind !== 'create') {
      const prev = eventValue(change.from);
      if (prev !== undefined) ev.previous_value = prev;
    }
    events.push(ev);
  }
  return {
    id: a.id,
    ticket_id: a.ticket_id,
    created_at: a.created_at,
    author_id: a.author_id,
    metadata: { system: { client: 'sandbox', ip_address: '127.0.0.1' }, custom: {} },
    via: { channel: 'api', source: { from: {}, to: {}, rel: null } },
    events,
  };
}

function eventValue(v: unknown): string | number | undefined {
  if (v === null || v === undefined) return undefined;
  if (Array.isArray(v)) return v.join(' ');
  if (typeof v === 'number' || typeof v === 'string') return v;
  return JSON.stringify(v);
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"]/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[ch] as string);
}

export function commentObject(c: TicketComment): Record<string, unknown> {
  return {
    id: c.id,
    type: 'Comment',
    author_id: c.author_id,
    body: c.body,
    html_body: `<div class="zd-comment"><p>${escapeHtml(c.body)}</p></div>`,
    plain_body: c.body,
    public: c.public,
    attachments: [],
    audit_id: c.audit_id ?? c.id,
    via: { channel: 'api', source: { from: {}, to: {}, rel: null } },
    created_at: c.created_at,
    metadata: {},
  };
}

export function groupMembershipObject(m: GroupMembershipRecord, base: string): Record<string, unknown> {
  return {
    url: `${base}/group_memberships/${m.id}.json`,
    id: m.id,
    user_id: m.user_id,
    group_id: m.group_id,
    default: m.default,
    created_at: m.created_at,
    updated_at: m.updated_at,
  };
}

/** `isDefault`: whether the organization is the user's default one (the user's `organization_id`). */
export function organizationMembershipObject(m: OrganizationMembershipRecord, base: string, organizationName: string, isDefault: boolean): Record<string, unknown> {
  return {
    url: `${base}/organization_memberships/${m.id}.json`,
    id: m.id,
    user_id: m.user_id,
    organization_id: m.organization_id,
    organization_name: organizationName,
    // The OAS: "If false, returns null".
    default: isDefault ? true : null,
    view_tickets: false,
    created_at: m.created_at,
    updated_at: m.updated_at,
  };
}

export function sharingAgreementObject(a: SharingAgreementRecord, base: string): Record<string, unknown> {
  return {
    url: `${base}/sharing_agreements/${a.id}.json`,
    id: a.id,
    name: a.name,
    type: a.type,
    status: a.status,
    partner_name: a.partner_name,
    remote_subdomain: a.remote_subdomain,
    created_at: a.created_at,
    updated_at: a.updated_at,
  };
}

/** An identity as the API shows it; `verification_method` says what `verified` does, in the newer field. */
export function identityObject(i: IdentityRecord, base: string): Record<string, unknown> {
  return {
    url: `${base}/users/${i.user_id}/identities/${i.id}.json`,
    id: i.id,
    user_id: i.user_id,
    type: i.type,
    value: i.value,
    verified: i.verified,
    primary: i.primary,
    verification_method: i.verified ? 'low' : 'none',
    ...(i.type === 'email' ? { deliverable_state: 'deliverable' } : {}),
    undeliverable_count: 0,
    created_at: i.created_at,
    updated_at: i.updated_at,
  };
}
