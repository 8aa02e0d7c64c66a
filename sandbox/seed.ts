/**
 * Deterministic seed data: the same seed and anchor always give the same records. Ticket ids rise
 * with created_at as on a real account, and the first user is the admin who owns the credentials.
 */
import { Prng, streamSeed } from './prng';
import { SandboxState } from './state';
import {
  CLOSINGS, COMPANY_FIRST, COMPANY_SECOND, COMPANY_SUFFIX, DETAILS, END_USER_DOMAINS, EXTRA_TAGS,
  FIRST_NAMES, GREETINGS, GROUP_NAMES, LAST_NAMES, LOCALES, ORG_TAGS, PRODUCTS, THEMES, TIME_ZONES,
} from './seed-words';
import type { TicketPriority, TicketStatus, TicketType, UserRecord } from './types';

export interface SeedCounts {
  seed: number;
  tickets: number;
  users: number;
  organizations: number;
  groups: number;
  email: string;
  anchorMs: number;
}

const DAY = 86_400_000;

export function isoSeconds(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

function asciiSlug(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

function fill(template: string, rng: Prng): string {
  return template
    .replace(/\{n\}/g, () => String(10000 + rng.int(90000)))
    .replace(/\{product\}/g, () => rng.pick(PRODUCTS));
}

const STATUS_WEIGHTS: Record<TicketStatus, number> = { new: 10, open: 25, pending: 15, hold: 5, solved: 30, closed: 15 };
const PRIORITY_WEIGHTS: Record<TicketPriority | 'none', number> = { none: 25, low: 15, normal: 40, high: 15, urgent: 5 };
const TYPE_WEIGHTS: Record<TicketType | 'none', number> = { none: 20, question: 40, incident: 25, problem: 8, task: 7 };
const CHANNEL_WEIGHTS = { email: 50, web: 30, api: 10, chat: 10 };

export function seedState(state: SandboxState, c: SeedCounts): void {
  const rng = new Prng(streamSeed(c.seed, 1));
  const yearAgo = c.anchorMs - 365 * DAY;
  const when = (maxBack = 365) => c.anchorMs - Math.floor(rng.next() * maxBack * DAY);

  // Groups
  for (let i = 0; i < c.groups; i++) {
    const created = isoSeconds(yearAgo - (c.groups - i) * DAY);
    state.groups.add({
      id: state.nextGroupId++,
      name: i < GROUP_NAMES.length ? GROUP_NAMES[i] : `Group ${i + 1}`,
      description: '',
      default: i === 0,
      is_public: true,
      deleted: false,
      created_at: created,
      updated_at: created,
    });
  }
  const groupIds = [...state.groups.map.keys()];
  const groupByName = new Map([...state.groups.map.values()].map((g) => [g.name, g.id]));

  // Organizations, with unique names and a domain each
  const orgDomains: string[] = [];
  for (let i = 0; i < c.organizations; i++) {
    let name = '';
    for (let tries = 0; tries < 20 && (!name || state.orgByName.has(name.toLowerCase())); tries++) {
      name = `${rng.pick(COMPANY_FIRST)} ${rng.pick(COMPANY_SECOND)}${rng.pick(COMPANY_SUFFIX)}`;
    }
    if (state.orgByName.has(name.toLowerCase())) name = `${name} ${i + 1}`;
    const domain = `${asciiSlug(name.replace(/ (Inc|Ltd|GmbH|Co|Group)$/, ''))}.example.com`;
    const created = isoSeconds(when());
    const id = state.nextOrganizationId++;
    state.organizations.add({
      id,
      name,
      domain_names: [domain],
      details: rng.chance(0.5) ? `${rng.pick(COMPANY_SECOND)} customer since ${created.slice(0, 4)}` : null,
      notes: null,
      group_id: groupIds.length && rng.chance(0.3) ? rng.pick(groupIds) : null,
      shared_tickets: false,
      shared_comments: false,
      tags: rng.chance(0.7) ? [rng.pick(ORG_TAGS)] : [],
      external_id: rng.chance(0.3) ? `org-${1000 + i}` : null,
      organization_fields: {},
      created_at: created,
      updated_at: created,
    });
    state.orgByName.set(name.toLowerCase(), id);
    orgDomains.push(domain);
  }
  const orgIds = [...state.organizations.map.keys()];

  // Users: the owner, then agents (every fifth an admin), then end-users
  const agentCount = Math.min(c.users, Math.max(2, Math.round(c.users * 0.08)));
  const agents: number[] = [];
  const endUsers: UserRecord[] = [];
  for (let i = 0; i < c.users; i++) {
    const id = state.nextUserId++;
    const owner = i === 0;
    const staff = i < agentCount;
    const first = rng.pick(FIRST_NAMES);
    const last = rng.pick(LAST_NAMES);
    let orgId: number | null = null;
    let email: string;
    if (owner) email = c.email.toLowerCase();
    else if (staff) email = `${asciiSlug(first)}.${asciiSlug(last)}${i}@sandbox.zendesk.test`;
    else {
      const orgIndex = orgIds.length && rng.chance(0.7) ? rng.int(orgIds.length) : -1;
      orgId = orgIndex >= 0 ? orgIds[orgIndex] : null;
      const domain = orgIndex >= 0 ? orgDomains[orgIndex] : rng.pick(END_USER_DOMAINS);
      email = `${asciiSlug(first)}.${asciiSlug(last)}${i}@${domain}`;
    }
    const created = isoSeconds(owner ? yearAgo - 30 * DAY : when());
    const user: UserRecord = {
      id,
      name: owner ? 'Sandbox Admin' : `${first} ${last}`,
      email,
      secondary_emails: [],
      role: owner || (staff && i % 5 === 0) ? 'admin' : staff ? 'agent' : 'end-user',
      custom_role_id: null,
      organization_id: orgId,
      default_group_id: staff && groupIds.length ? groupIds[i % groupIds.length] : null,
      phone: !staff && rng.chance(0.3) ? `+1-555-${String(1000 + rng.int(9000))}` : null,
      tags: !staff && rng.chance(0.15) ? ['vip'] : [],
      external_id: !staff && rng.chance(0.4) ? `cust-${10000 + i}` : null,
      details: '',
      notes: '',
      verified: true,
      active: true,
      suspended: false,
      time_zone: owner ? 'UTC' : rng.pick(TIME_ZONES),
      locale: owner ? 'en-US' : rng.pick(LOCALES),
      user_fields: {},
      last_login_at: staff || rng.chance(0.6) ? isoSeconds(c.anchorMs - rng.int(30) * DAY - rng.int(DAY)) : null,
      created_at: created,
      updated_at: created,
    };
    state.users.add(user);
    state.userByEmail.set(email, id);
    if (staff) agents.push(id);
    else endUsers.push(user);
  }
  state.ownerId = [...state.users.map.keys()][0] ?? state.ownerId;

  seedTickets(state, c, rng, agents, endUsers, groupIds, groupByName);
  seedMembershipsAndAgreements(state, c);
}

function seedTickets(
  state: SandboxState,
  c: SeedCounts,
  rng: Prng,
  agents: number[],
  endUsers: UserRecord[],
  groupIds: number[],
  groupByName: Map<string, number>,
): void {
  // Creation times first, sorted, so ids rise with created_at like a real account.
  const created = new Float64Array(c.tickets);
  for (let i = 0; i < c.tickets; i++) created[i] = c.anchorMs - rng.next() * 365 * DAY;
  created.sort();
  const owner = state.users.get(state.ownerId);
  for (let i = 0; i < c.tickets; i++) {
    const theme = rng.pick(THEMES);
    const requester = endUsers.length ? rng.pick(endUsers) : owner;
    const status = rng.weighted(STATUS_WEIGHTS);
    const priority = rng.weighted(PRIORITY_WEIGHTS);
    const type = rng.weighted(TYPE_WEIGHTS);
    const createdMs = created[i];
    const age = c.anchorMs - createdMs;
    const updatedMs = createdMs + rng.next() * Math.min(age, 30 * DAY);
    const assignee = status === 'new' || !agents.length || rng.chance(0.08) ? null : rng.pick(agents);
    const tags = [theme.tag];
    if (rng.chance(0.25)) tags.push(rng.pick(EXTRA_TAGS));
    if (priority === 'urgent' && !tags.includes('urgent')) tags.push('urgent');
    if (requester?.tags.includes('vip') && !tags.includes('vip')) tags.push('vip');
    const description = [
      rng.pick(GREETINGS),
      fill(rng.pick(theme.problems), rng),
      fill(rng.pick(DETAILS), rng),
      rng.pick(CLOSINGS),
      requester ? requester.name.split(' ')[0] : '',
    ].join(' ').trim();
    const id = state.nextTicketId++;
    state.tickets.add({
      id,
      external_id: rng.chance(0.1) ? `ext-${100000 + id}` : null,
      via_channel: rng.weighted(CHANNEL_WEIGHTS),
      created_at: isoSeconds(createdMs),
      updated_at: isoSeconds(updatedMs),
      type: type === 'none' ? null : type,
      subject: fill(rng.pick(theme.subjects), rng),
      description,
      priority: priority === 'none' ? null : priority,
      status,
      requester_id: requester ? requester.id : state.ownerId,
      submitter_id: requester ? requester.id : state.ownerId,
      assignee_id: assignee,
      organization_id: requester ? requester.organization_id : null,
      group_id: groupByName.get(theme.group) ?? (groupIds.length ? groupIds[i % groupIds.length] : null),
      collaborator_ids: [],
      follower_ids: [],
      problem_id: null,
      due_at: type === 'task' ? isoSeconds(createdMs + 7 * DAY) : null,
      tags,
      custom_fields: [],
      is_public: true,
    });
  }
  state.seededTicketMax.value = state.nextTicketId - 1;
}

/**
 * Group memberships (each agent in their default group, some in a second one), users' organization
 * memberships (the default one of each user with an organization, a few users in a second one) and a
 * few sharing agreements. From their own random stream, so the records seeded before are unchanged.
 */
function seedMembershipsAndAgreements(state: SandboxState, c: SeedCounts): void {
  const rng = new Prng(streamSeed(c.seed, 4));
  const groupIds = [...state.groups.map.keys()];
  const orgIds = [...state.organizations.map.keys()];
  for (const user of state.users.map.values()) {
    const at = user.created_at;
    if (user.role !== 'end-user' && user.default_group_id !== null) {
      state.groupMemberships.add({ id: state.nextGroupMembershipId++, user_id: user.id, group_id: user.default_group_id, default: true, created_at: at, updated_at: at });
      const other = groupIds.length > 1 && rng.chance(0.4) ? rng.pick(groupIds.filter((id) => id !== user.default_group_id)) : null;
      if (other !== null) state.groupMemberships.add({ id: state.nextGroupMembershipId++, user_id: user.id, group_id: other, default: false, created_at: at, updated_at: at });
    }
    if (user.organization_id !== null) {
      state.organizationMemberships.add({ id: state.nextOrganizationMembershipId++, user_id: user.id, organization_id: user.organization_id, created_at: at, updated_at: at });
      const other = orgIds.length > 1 && rng.chance(0.15) ? rng.pick(orgIds.filter((id) => id !== user.organization_id)) : null;
      if (other !== null) state.organizationMemberships.add({ id: state.nextOrganizationMembershipId++, user_id: user.id, organization_id: other, created_at: at, updated_at: at });
    }
  }
  const agreements = [
    { name: 'Partner escalations', type: 'outbound', status: 'accepted', remote_subdomain: 'partner-support' },
    { name: 'Reseller tickets', type: 'inbound', status: 'pending', remote_subdomain: 'reseller' },
    { name: 'Legacy helpdesk', type: 'outbound', status: 'inactive', remote_subdomain: 'legacy-desk' },
  ] as const;
  agreements.forEach((a, i) => {
    const at = isoSeconds(c.anchorMs - (90 - i * 30) * DAY);
    state.sharingAgreements.add({ id: state.nextSharingAgreementId++, ...a, partner_name: null, created_at: at, updated_at: at });
  });
}
