/** The param fragments several operations share, and re-exports of the declarations they build on. */
import { connectionParams } from './connection';
import { param } from './param';

export { param, checkEachItem, needsName } from './param';
export { connectionParams as credentialParams, SUBDOMAIN_PATTERN } from './connection';

/** Names of the connection params (credentials), which never reach a model and never appear in outputs. */
export const CREDENTIAL_PARAMS: readonly string[] = Object.keys(connectionParams);
export { cursorPagingParams, offsetPagingParams } from './paging';

export const TICKET_STATUSES = ['new', 'open', 'pending', 'hold', 'solved', 'closed'] as const;
export const TICKET_PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export const TICKET_TYPES = ['problem', 'incident', 'question', 'task'] as const;
export const USER_ROLES = ['end-user', 'agent', 'admin'] as const;

export const ticketFieldParams = {
  status: param.choice(TICKET_STATUSES, 'Ticket status.'),
  priority: param.choice(TICKET_PRIORITIES, 'Ticket priority.'),
  type: param.choice(TICKET_TYPES, 'Ticket type.'),
  tags: param.stringList('Comma-separated tags, e.g. "billing, vip".', { field: 'ticketTags' }),
  assigneeId: param.numericId('Id of the agent to assign the ticket to.'),
  groupId: param.numericId('Id of the group to assign the ticket to.'),
  customFields: param.jsonObject(
    'Custom field values as a JSON object of field id to value, e.g. {"360001234": "gold"}; an array of {"id", "value"} also works.',
    { advanced: true, acceptsArray: true, example: '{"360001234567": "gold"}', field: 'ticketCustomFields' },
  ),
};

export const userFieldParams = {
  userEmail: param.text("The user's email address, e.g. jane@example.com.", { example: 'jane@example.com' }),
  role: param.choice(USER_ROLES, 'Role of the user: end-user (a customer), agent or admin.'),
  phone: param.text('Phone number, e.g. +1 555 0100.', { example: '+1 555 0100' }),
  organizationId: param.numericId('Id of the organization the user belongs to, e.g. 360001234.', { example: '360001234' }),
  verified: param.boolean('Whether the user\'s email identity is marked as verified: "true" or "false".', { advanced: true }),
  tags: param.stringList('Comma-separated tags, e.g. "vip, beta".', { example: 'vip, beta', field: 'userTags' }),
  customFields: param.jsonObject('User field values as a JSON object keyed by field key, e.g. {"plan": "gold"}.', {
    advanced: true,
    example: '{"plan": "gold"}',
    field: 'userCustomFields',
  }),
};

export const organizationFieldParams = {
  domainNames: param.stringList('Comma-separated email domains of the organization, e.g. "acme.com, acme.io".', { example: 'acme.com, acme.io' }),
  details: param.text('Details about the organization, such as its address.', { multiline: true }),
  notes: param.text('Notes about the organization.', { multiline: true }),
  tags: param.stringList('Comma-separated tags, e.g. "enterprise, emea".', { example: 'enterprise, emea', field: 'organizationTags' }),
  customFields: param.jsonObject('Organization field values as a JSON object keyed by field key, e.g. {"tier": "enterprise"}.', {
    advanced: true,
    example: '{"tier": "enterprise"}',
    field: 'organizationCustomFields',
  }),
};
