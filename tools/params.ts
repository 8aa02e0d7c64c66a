/** Param helpers and the param fragments several operations share. */
import type { InputProblem, ParamDefinition, ParamFormat } from './types';

type ParamOptions<R extends boolean> = Partial<
  Omit<ParamDefinition<ParamFormat, R>, 'type' | 'format' | 'required' | 'description'>
> & { required?: R };

function make<F extends ParamFormat>(format: F) {
  return <const R extends boolean = false>(description: string, options: ParamOptions<R> = {}) =>
    ({
      type: 'string',
      format,
      visibility: 'user-or-llm',
      ...options,
      required: (options.required ?? false) as R,
      description,
    }) as ParamDefinition<F, R>;
}

export const param = {
  text: make('text'),
  /** A positive integer id, digits only. */
  numericId: make('numeric-id'),
  /** Comma-separated ids: `"111, 222,333"`. */
  idList: make('id-list'),
  /** Comma-separated words, trimmed and de-duplicated: `"billing, urgent"`. */
  stringList: make('string-list'),
  jsonObject: make('json-object'),
  jsonArray: make('json-array'),
  integer: make('integer'),
  /** `"true"` or `"false"`. */
  boolean: <const R extends boolean = false>(description: string, options: ParamOptions<R> = {}) =>
    make('boolean')<R>(description, { enum: ['true', 'false'], ...options }),
  /** One of a fixed list of values. */
  choice: <const R extends boolean = false>(values: readonly string[], description: string, options: ParamOptions<R> = {}) =>
    make('text')<R>(description, { ...options, enum: values }),
  /** The required JSON array of objects of a bulk operation, 100 a request; `item` is one element, shown as the example. */
  batch: (description: string, item: string) =>
    make('json-array')(description, { required: true, multiline: true, perRequestLimit: 100, example: `[${item}]` }),
};

export const SUBDOMAIN_PATTERN = '^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$';

export const credentialParams = {
  email: param.text('Email address of the Zendesk user the API token belongs to, e.g. agent@example.com.', {
    required: true,
    visibility: 'user-only',
    // A colon or whitespace would corrupt the Basic credentials.
    pattern: '^[^\\s@:/]+@[^\\s@:/]+$',
    example: 'agent@example.com',
  }),
  apiToken: param.text('Zendesk API token (Admin Center > Apps and integrations > Zendesk API).', {
    required: true,
    visibility: 'hidden',
  }),
  subdomain: param.text('Your Zendesk subdomain: "acme" for acme.zendesk.com.', {
    required: true,
    visibility: 'user-only',
    // A DNS label: anything else pasted into the host could send the credentials elsewhere.
    pattern: SUBDOMAIN_PATTERN,
    example: 'acme',
  }),
  accessToken: param.text('OAuth access token; replaces email and apiToken (sent as a Bearer token).', {
    visibility: 'hidden',
    advanced: true,
  }),
};

/** Names of the credential params, which never reach a model and never appear in outputs. */
export const CREDENTIAL_PARAMS: readonly string[] = Object.keys(credentialParams);

const perPage = param.integer('How many results per page (1-100).', {
  minimum: 1,
  maximum: 100,
  default: '100',
  advanced: true,
});

/** Cursor paging: the cursor comes from `paging.after_cursor` of the previous page. */
export const cursorPagingParams = {
  perPage,
  pageAfter: param.text('Cursor of the page to fetch: paging.after_cursor of the previous result.', {
    advanced: true,
  }),
};

/** Offset paging, for the endpoints Zendesk offers no cursor on. */
export const offsetPagingParams = {
  perPage,
  page: param.integer('Page number, from 1.', { minimum: 1, advanced: true }),
};

export const TICKET_STATUSES = ['new', 'open', 'pending', 'hold', 'solved', 'closed'] as const;
export const TICKET_PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export const TICKET_TYPES = ['problem', 'incident', 'question', 'task'] as const;
export const USER_ROLES = ['end-user', 'agent', 'admin'] as const;

export const ticketFieldParams = {
  status: param.choice(TICKET_STATUSES, 'Ticket status.'),
  priority: param.choice(TICKET_PRIORITIES, 'Ticket priority.'),
  type: param.choice(TICKET_TYPES, 'Ticket type.'),
  tags: param.stringList('Comma-separated tags, e.g. "billing, vip".'),
  assigneeId: param.numericId('Id of the agent to assign the ticket to.'),
  groupId: param.numericId('Id of the group to assign the ticket to.'),
  customFields: param.jsonObject(
    'Custom field values as a JSON object of field id to value, e.g. {"360001234": "gold"}; an array of {"id", "value"} also works.',
    { advanced: true, acceptsArray: true, example: '{"360001234567": "gold"}' },
  ),
};

export const userFieldParams = {
  userEmail: param.text("The user's email address, e.g. jane@example.com.", { example: 'jane@example.com' }),
  role: param.choice(USER_ROLES, 'Role of the user: end-user (a customer), agent or admin.'),
  phone: param.text('Phone number, e.g. +1 555 0100.', { example: '+1 555 0100' }),
  organizationId: param.numericId('Id of the organization the user belongs to, e.g. 360001234.', { example: '360001234' }),
  verified: param.boolean('Whether the user\'s email identity is marked as verified: "true" or "false".', { advanced: true }),
  tags: param.stringList('Comma-separated tags, e.g. "vip, beta".', { example: 'vip, beta' }),
  customFields: param.jsonObject('User field values as a JSON object keyed by field key, e.g. {"plan": "gold"}.', {
    advanced: true,
    example: '{"plan": "gold"}',
  }),
};

export const organizationFieldParams = {
  domainNames: param.stringList('Comma-separated email domains of the organization, e.g. "acme.com, acme.io".', { example: 'acme.com, acme.io' }),
  details: param.text('Details about the organization, such as its address.', { multiline: true }),
  notes: param.text('Notes about the organization.', { multiline: true }),
  tags: param.stringList('Comma-separated tags, e.g. "enterprise, emea".', { example: 'enterprise, emea' }),
  customFields: param.jsonObject('Organization field values as a JSON object keyed by field key, e.g. {"tier": "enterprise"}.', {
    advanced: true,
    example: '{"tier": "enterprise"}',
  }),
};

/**
 * Checks every element of a json-array param: each must be an object (`shape` shows one) that
 * passes `rule`. The problem names the param and the item (from 1), so the right element gets fixed.
 */
export function checkEachItem(
  name: string,
  items: readonly unknown[],
  shape: string,
  rule: (item: Record<string, unknown>) => string | undefined,
): InputProblem | undefined {
  for (const [index, item] of items.entries()) {
    if (!item || typeof item !== 'object' || Array.isArray(item)) {
      return { param: name, message: `${name}: item ${index + 1} must be an object such as ${shape}; got ${JSON.stringify(item)?.slice(0, 40)}` };
    }
    const problem = rule(item as Record<string, unknown>);
    if (problem) return { param: name, message: `${name}: item ${index + 1} ${problem}, e.g. ${shape}` };
  }
  return undefined;
}

/** A `checkEachItem` rule: the item has a "name" that is not blank. */
export function needsName(item: Record<string, unknown>): string | undefined {
  return typeof item.name === 'string' && item.name.trim() !== '' ? undefined : 'needs a "name" (text)';
}
