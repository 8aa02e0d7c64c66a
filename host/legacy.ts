/**
 * What a saved block of the host's own Zendesk integration holds (Sim's `zendesk` block, 26
 * operations): its operation ids, and for each of its fields the operations it is shown for. Saved
 * workflows keep these ids forever, so this is fixed data: new operations of the pack never appear
 * here. Read from the host's block (apps/sim/blocks/blocks/zendesk.ts); written as the pack's own.
 */

export const HOST_LEGACY_OPERATIONS = [
  'get_tickets',
  'get_ticket',
  'create_ticket',
  'create_tickets_bulk',
  'update_ticket',
  'update_tickets_bulk',
  'delete_ticket',
  'merge_tickets',
  'get_users',
  'get_user',
  'get_current_user',
  'search_users',
  'create_user',
  'create_users_bulk',
  'update_user',
  'update_users_bulk',
  'delete_user',
  'get_organizations',
  'get_organization',
  'autocomplete_organizations',
  'create_organization',
  'create_organizations_bulk',
  'update_organization',
  'delete_organization',
  'search',
  'search_count',
] as const;

export type HostLegacyOperation = (typeof HOST_LEGACY_OPERATIONS)[number];

/** The host's block runs this operation when none was saved (its dropdown's computed value). */
export const HOST_LEGACY_DEFAULT_OPERATION: HostLegacyOperation = 'get_tickets';

/** A field of the host's block: the operations it is shown for (absent: every operation). */
export interface HostLegacyField {
  shownFor?: readonly HostLegacyOperation[];
  /** Masked in the host's form: its value is never repeated in a report. */
  secret?: boolean;
}

const TICKET_FILTERS: readonly HostLegacyOperation[] = ['get_tickets', 'create_ticket', 'update_ticket'];
const TICKET_WRITES: readonly HostLegacyOperation[] = ['create_ticket', 'update_ticket'];

export const HOST_LEGACY_FIELDS: Readonly<Record<string, HostLegacyField>> = {
  email: {},
  apiToken: { secret: true },
  subdomain: {},
  ticketId: { shownFor: ['get_ticket', 'update_ticket', 'delete_ticket'] },
  subject: { shownFor: TICKET_WRITES },
  description: { shownFor: TICKET_WRITES },
  status: { shownFor: TICKET_FILTERS },
  priority: { shownFor: TICKET_FILTERS },
  type: { shownFor: TICKET_FILTERS },
  tags: { shownFor: TICKET_WRITES },
  assigneeId: { shownFor: TICKET_FILTERS },
  groupId: { shownFor: TICKET_WRITES },
  customFields: { shownFor: TICKET_WRITES },
  tickets: { shownFor: ['create_tickets_bulk', 'update_tickets_bulk'] },
  targetTicketId: { shownFor: ['merge_tickets'] },
  sourceTicketIds: { shownFor: ['merge_tickets'] },
  userId: { shownFor: ['get_user', 'update_user', 'delete_user'] },
  name: { shownFor: ['create_user', 'update_user'] },
  userEmail: { shownFor: ['create_user', 'update_user'] },
  users: { shownFor: ['create_users_bulk', 'update_users_bulk'] },
  organizationId: {
    shownFor: ['get_tickets', 'create_ticket', 'get_organization', 'delete_organization', 'update_organization', 'create_user', 'update_user'],
  },
  organizationName: { shownFor: ['autocomplete_organizations', 'create_organization', 'update_organization'] },
  organizations: { shownFor: ['create_organizations_bulk'] },
  query: { shownFor: ['search_users', 'search', 'search_count'] },
  filterType: { shownFor: ['search'] },
  sort: { shownFor: ['get_tickets'] },
  perPage: { shownFor: ['get_tickets', 'get_users', 'get_organizations', 'search_users', 'autocomplete_organizations', 'search'] },
  pageAfter: { shownFor: ['get_tickets', 'get_users', 'get_organizations', 'search'] },
  page: { shownFor: ['search_users', 'autocomplete_organizations'] },
};

/**
 * Hidden advanced fields the host still sends: its serializer passes an advanced field's value when the
 * block is not in advanced mode, whatever the operation, and these operations' tools read a param of
 * that name. A ticket's Tags or Custom Fields left in the block so became a user's or an organization's.
 */
export const HOST_LEGACY_LEAKS: Readonly<Record<string, readonly HostLegacyOperation[]>> = {
  tags: ['create_user', 'update_user', 'create_organization', 'update_organization'],
  customFields: ['create_user', 'update_user', 'create_organization', 'update_organization'],
};

/** Fields of the host's trigger mode (webhook events); the pack's block has no trigger. */
export const HOST_LEGACY_TRIGGER_FIELDS: readonly string[] = ['selectedTriggerId', 'webhookUrlDisplay', 'triggerInstructions'];
